using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;
using CaseManager.Web.Files;

namespace CaseManager.Web.Features.Plans;

/// <summary>A household's plan as the plan tab shows it; <see cref="Plan"/> is null until the first change.</summary>
public sealed record PlanDetails(Guid HouseholdId, Plan? Plan, bool ReadOnly)
{
    /// <summary>The directory resources attached to the plan's tasks, by id.</summary>
    public IReadOnlyDictionary<Guid, AttachedResource> Resources { get; init; } = new Dictionary<Guid, AttachedResource>();

    /// <summary>The version the person saw (0 before the plan exists).</summary>
    public uint Version => Plan?.Version ?? 0;
}

/// <summary>A task as its edit form saves it: what it is, and where it stands.</summary>
public sealed record TaskChanges(
    string Title, TaskOwner Owner, DateOnly? DueOn, string? Comment, PlanTaskStatus Status, DateOnly? CompletedOn = null);

/// <summary>
/// Everything done to a household's plan. Each operation checks who asks (the file's counsellor or
/// a supervisor), loads the plan (starting it on the first change), lets the domain decide, and
/// saves with the audit; a save based on an older version is refused.
/// </summary>
public sealed class PlanService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    AppClock clock,
    ILogger<PlanService> logger)
{
    private readonly FileRunner _files = new(contexts, access, clock);

    public Task<PlanDetails> GetAsync(Guid householdId, CancellationToken cancellationToken = default) =>
        _files.ReadAsync(new FileCommand(householdId, "plan") { LogAs = null }, async work =>
        {
            var plan = await Query(work.Db).AsNoTracking().SingleOrDefaultAsync(p => p.HouseholdId == householdId, cancellationToken);
            var resources = await ResourceService.AttachedAsync(
                work.Db, plan?.Tasks.Where(t => t.ResourceId is not null).Select(t => t.ResourceId!.Value) ?? [], cancellationToken);
            return new PlanDetails(householdId, plan, work.File.IsReadOnly) { Resources = resources };
        }, cancellationToken);

    /// <summary>The active templates a counsellor may apply, by name.</summary>
    public async Task<IReadOnlyList<PlanTemplate>> GetActiveTemplatesAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PlanTemplates.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name).ToListAsync(cancellationToken);
    }

    public Task<Guid> AddGoalAsync(Guid householdId, uint version, string needCode, string? description, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, async (db, plan, context) =>
        {
            await RequireNeedAsync(db, needCode, cancellationToken);
            return plan.AddGoal(needCode, description, context).Id;
        }, cancellationToken);

    public Task UpdateGoalAsync(Guid householdId, uint version, Guid goalId, string? description, GoalStatus status, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (plan, context) => plan.UpdateGoal(goalId, description, status, context), cancellationToken);

    public Task RemoveGoalAsync(Guid householdId, uint version, Guid goalId, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (plan, context) => plan.RemoveGoal(goalId, context), cancellationToken);

    public Task<Guid> AddTaskAsync(
        Guid householdId, uint version, Guid goalId, string title, TaskOwner owner, DateOnly? dueOn, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (_, plan, context) => Task.FromResult(plan.AddTask(goalId, title, owner, dueOn, context).Id), cancellationToken);

    public Task UpdateTaskAsync(
        Guid householdId, uint version, Guid taskId, string title, TaskOwner owner, DateOnly? dueOn, string? comment,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (plan, context) => plan.UpdateTask(taskId, title, owner, dueOn, comment, context), cancellationToken);

    /// <summary>
    /// Saves a task's edit form in one change: its title, owner, due date and comment, and its status
    /// with the day it was completed (today when none is given) if either changed.
    /// </summary>
    public Task UpdateTaskAsync(Guid householdId, uint version, Guid taskId, TaskChanges changes, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (plan, context) =>
        {
            ArgumentNullException.ThrowIfNull(changes);
            var task = plan.Tasks.FirstOrDefault(t => t.Id == taskId);
            var statusChanged = task is not null &&
                (task.Status != changes.Status || (changes.Status == PlanTaskStatus.Done && changes.CompletedOn is { } day && day != task.CompletedOn));
            plan.UpdateTask(taskId, changes.Title, changes.Owner, changes.DueOn, changes.Comment, context);
            if (statusChanged)
            {
                plan.SetTaskStatus(taskId, changes.Status, null, context, changes.CompletedOn);
            }
        }, cancellationToken);

    /// <summary>
    /// Moves a task to a status. <paramref name="version"/> is null for a one-click completion from a
    /// list ("my week"): completing a task overwrites nothing anyone else wrote.
    /// </summary>
    public Task SetTaskStatusAsync(
        Guid householdId, uint? version, Guid taskId, PlanTaskStatus status, string? comment = null, DateOnly? completedOn = null,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (plan, context) => plan.SetTaskStatus(taskId, status, comment, context, completedOn), cancellationToken);

    /// <summary>Attaches an active resource of the directory to a task, or takes it off with null; audited like every plan change.</summary>
    public Task AttachResourceAsync(Guid householdId, uint version, Guid taskId, Guid? resourceId, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, async (db, plan, context) =>
        {
            if (resourceId is { } id && !await db.Resources.AnyAsync(r => r.Id == id && r.IsActive, cancellationToken))
            {
                throw new DomainRuleException("Plan.ResourceNotFound");
            }

            plan.AttachResource(taskId, resourceId, context);
            return true;
        }, cancellationToken);

    public Task RemoveTaskAsync(Guid householdId, uint version, Guid taskId, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (plan, context) => plan.RemoveTask(taskId, context), cancellationToken);

    public Task SetTargetsAsync(
        Guid householdId, uint version, IReadOnlyCollection<string> regionCodes, DateOnly? moveDate, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, async (db, plan, context) =>
        {
            var codes = regionCodes.Distinct().ToList();
            if (codes.Count > 0 && await db.Regions.CountAsync(r => codes.Contains(r.Code) && r.IsHostRegion, cancellationToken) != codes.Count)
            {
                throw new DomainRuleException("Profile.UnknownRegion");
            }

            plan.SetTargets(codes, moveDate, context);
            return true;
        }, cancellationToken);

    public Task<Guid> AddMilestoneAsync(Guid householdId, uint version, string title, DateOnly on, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (_, plan, context) => Task.FromResult(plan.AddMilestone(title, on, context).Id), cancellationToken);

    public Task UpdateMilestoneAsync(
        Guid householdId, uint version, Guid milestoneId, string title, DateOnly on, bool reached, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (plan, context) => plan.UpdateMilestone(milestoneId, title, on, reached, context), cancellationToken);

    public Task RemoveMilestoneAsync(Guid householdId, uint version, Guid milestoneId, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (plan, context) => plan.RemoveMilestone(milestoneId, context), cancellationToken);

    /// <summary>Records the household's agreement: what the plan stage requires before the file moves on.</summary>
    public Task AgreeAsync(Guid householdId, uint version, DateOnly on, string agreedWith, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, (plan, context) => plan.Agree(on, agreedWith, context), cancellationToken);

    public Task ApplyTemplateAsync(Guid householdId, uint version, Guid templateId, CancellationToken cancellationToken = default) =>
        ChangeAsync(householdId, version, async (db, plan, context) =>
        {
            var template = await db.PlanTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId && t.IsActive, cancellationToken)
                ?? throw new DomainRuleException("Plan.TemplateNotFound");
            plan.ApplyTemplate(template, context);
            return true;
        }, cancellationToken);

    private Task<bool> ChangeAsync(Guid householdId, uint? version, Action<Plan, ActionContext> change, CancellationToken cancellationToken) =>
        ChangeAsync(householdId, version, (_, plan, context) =>
        {
            change(plan, context);
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>
    /// A change of the plan through the file's runner. The first change starts the plan; someone
    /// else starting it at the same moment makes the unique index refuse the second, which is then
    /// told like any concurrent edit.
    /// </summary>
    private Task<T> ChangeAsync<T>(
        Guid householdId, uint? version, Func<CaseManagerDbContext, Plan, ActionContext, Task<T>> change, CancellationToken cancellationToken) =>
        _files.RunAsync(new FileCommand(householdId, "plan"), async work =>
        {
            var plan = await Query(work.Db).SingleOrDefaultAsync(p => p.HouseholdId == householdId, cancellationToken);
            if (plan is null)
            {
                if (version is > 0)
                {
                    throw new ConcurrencyConflictException();
                }

                plan = Plan.Start(householdId, work.Context);
                work.Db.Plans.Add(plan);
            }
            else
            {
                work.Saw(plan, version);
            }

            var result = await change(work.Db, plan, work.Context);
            // A change to a goal, a task or a milestone still writes the plan's row, so its version
            // moves and an edit based on the older one is refused.
            work.Touch(plan);
            logger.LogDebug("Plan of household {HouseholdId} changed by {UserId}.", householdId, work.Person.Id);
            return result;
        }, cancellationToken);

    private static async Task RequireNeedAsync(CaseManagerDbContext db, string needCode, CancellationToken cancellationToken)
    {
        if (!await db.NeedsDomains.AnyAsync(n => n.Code == needCode && n.IsActive, cancellationToken))
        {
            throw new DomainRuleException("Profile.UnknownNeed");
        }
    }

    private static IQueryable<Plan> Query(CaseManagerDbContext db) =>
        db.Plans.Include(p => p.Goals).ThenInclude(g => g.Tasks).Include(p => p.Milestones).AsSplitQuery();
}
