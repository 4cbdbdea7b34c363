using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Access;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.HouseholdSpace;

public sealed record SpaceTask(Guid Id, string Title, TaskOwner Owner, DateOnly? DueOn, PlanTaskStatus Status, DateOnly? CompletedOn, string? Comment, bool Mine);

public sealed record SpaceGoal(string NeedFr, string NeedEn, string? Description, GoalStatus Status, IReadOnlyList<SpaceTask> Tasks);

public sealed record SpaceConsent(Guid Id, string NameFr, string NameEn, bool Required, bool Granted, DateTimeOffset AnsweredAt, DateTimeOffset? WithdrawnAt)
{
    public bool InForce => Granted && WithdrawnAt is null;
}

public sealed record SpaceCounsellor(string Name, string? Email, string? Phone);

/// <summary>What the household sees of its own file: nothing else (no notes, no internal comments, no other household).</summary>
public sealed record SpaceView(
    string FileNumber,
    string FirstName,
    Stage Stage,
    CaseStatus Status,
    uint Version,
    SpaceCounsellor? Counsellor,
    bool PlanAgreed,
    IReadOnlyList<SpaceGoal> Goals,
    ContactInfo Contact,
    IReadOnlyList<string> Languages,
    IReadOnlyList<SpaceConsent> Consents)
{
    public bool ReadOnly => FileRules.IsReadOnly(Status);
}

/// <summary>The household's corrections of its contact details and languages (French and English: the program's languages; others kept).</summary>
public sealed record DetailsChange(string? Email, string? Phone, string? Address, bool SpeaksFrench, bool SpeaksEnglish);

/// <summary>
/// The household's own space, as the household itself (its person in the access policy): every
/// read and change goes through the file runner under <see cref="Operation.UseHouseholdSpace"/>, so
/// the access log and the audit name the household; the rules are the domain's (the plan's task
/// status, the profile's validation, a consent's withdrawal, a journal entry's limits).
/// </summary>
public sealed class HouseholdSpaceService(IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, AppClock clock, ILogger<HouseholdSpaceService> logger)
{
    public const int MaxMessageLength = 2000;
    public const int MaxCommentLength = Plan.MaxTextLength;
    private static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(5);

    private readonly FileRunner _files = new(contexts, access, clock);

    /// <summary>Where the file stands, its plan, details and consents; the reading is in the access log as the household's.</summary>
    public async Task<SpaceView> GetAsync(CancellationToken cancellationToken = default)
    {
        var (householdId, sessionId) = await OwnFileAsync(cancellationToken);
        var view = await _files.ReadHouseholdAsync(Command(householdId, "household-space"), async (work, household) =>
        {
            var db = work.Db;
            var counsellor = household.AssignedCounsellorId is { } counsellorId
                ? await db.Users.AsNoTracking().Where(u => u.Id == counsellorId && u.IsActive)
                    .Select(u => new SpaceCounsellor(u.DisplayName, u.Email, u.PhoneNumber)).SingleOrDefaultAsync(cancellationToken)
                : null;
            var plan = await db.Plans.AsNoTracking().Include(p => p.Goals).ThenInclude(g => g.Tasks).AsSplitQuery()
                .SingleOrDefaultAsync(p => p.HouseholdId == householdId, cancellationToken);
            var needs = await db.NeedsDomains.AsNoTracking().ToDictionaryAsync(n => n.Code, cancellationToken);
            var goals = plan?.Goals.OrderBy(g => g.SortOrder).Select(g => new SpaceGoal(
                    needs.TryGetValue(g.NeedCode, out var need) ? need.NameFr : g.NeedCode,
                    needs.TryGetValue(g.NeedCode, out var needEn) ? needEn.NameEn : g.NeedCode,
                    g.Description,
                    g.Status,
                    g.Tasks.OrderBy(t => t.DueOn ?? DateOnly.MaxValue).ThenBy(t => t.CreatedAt).Select(t =>
                    {
                        var mine = AccessRules.MayChangeTask(work.Person, householdId, t.Owner);
                        // The counsellor's and partners' tasks are read only, without their comments.
                        return new SpaceTask(t.Id, t.Title, t.Owner, t.DueOn, t.Status, t.CompletedOn, mine ? t.Comment : null, mine);
                    }).ToList()))
                .ToList() ?? [];
            var consents = await db.ConsentRecords.AsNoTracking().Where(c => c.HouseholdId == householdId)
                .Join(db.ConsentPurposes, c => c.PurposeCode, p => p.Code, (c, p) => new { c, p })
                .OrderBy(r => r.p.SortOrder).ThenByDescending(r => r.c.AnsweredAt)
                .Select(r => new SpaceConsent(r.c.Id, r.p.NameFr, r.p.NameEn, r.p.IsRequired, r.c.Granted, r.c.AnsweredAt, r.c.WithdrawnAt))
                .ToListAsync(cancellationToken);
            return new SpaceView(
                household.FileNumber, household.PrimaryApplicant.FirstName, household.Stage, household.Status, household.Version, counsellor,
                plan?.IsAgreed ?? false, goals, household.Contact.Copy(), household.Languages.ToList(), consents);
        }, cancellationToken);

        var now = clock.Now;
        var since = now - SeenEvery;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.HouseholdSessions.Where(s => s.Id == sessionId && (s.LastSeenAt == null || s.LastSeenAt < since))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        return view;
    }

    /// <summary>Marks one of its own tasks done (or to do again); the plan's rules decide the rest.</summary>
    public Task SetTaskDoneAsync(Guid taskId, bool done, CancellationToken cancellationToken = default) =>
        ChangeTaskAsync(taskId, "household-space-task", (plan, task, context) =>
            plan.SetTaskStatus(task.Id, done ? PlanTaskStatus.Done : PlanTaskStatus.ToDo, null, context), cancellationToken);

    /// <summary>A comment on one of its own tasks (the task's comment, which the counsellor reads on the plan).</summary>
    public Task CommentTaskAsync(Guid taskId, string? comment, CancellationToken cancellationToken = default) =>
        ChangeTaskAsync(taskId, "household-space-task-comment", (plan, task, context) =>
            plan.UpdateTask(task.Id, task.Title, task.Owner, task.DueOn, string.IsNullOrWhiteSpace(comment) ? "" : comment, context), cancellationToken);

    /// <summary>Corrects its contact details and languages, based on the version it saw; audited, and its counsellor is told in the bell.</summary>
    public async Task UpdateDetailsAsync(DetailsChange change, uint version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (householdId, _) = await OwnFileAsync(cancellationToken);
        await _files.ChangeHouseholdAsync(Command(householdId, "household-space-details"), version, (work, household) =>
        {
            var profile = household.ToProfile();
            profile.Contact = new ContactInfo
            {
                Email = Blank(change.Email),
                Phone = Blank(change.Phone),
                Address = Blank(change.Address),
                Borough = household.Contact.Borough,
            };
            var others = household.Languages.Where(l => l is not ("fr" or "en"));
            profile.Languages = [.. (change.SpeaksFrench ? ["fr"] : Array.Empty<string>()), .. (change.SpeaksEnglish ? ["en"] : Array.Empty<string>()), .. others];
            household.UpdateProfile(profile, work.Context);
            Notify(work, household.AssignedCounsellorId, ReminderKind.HouseholdDetailsChanged, $"household-details:{householdId}:{work.Context.Now.UtcTicks}");
            return Task.CompletedTask;
        }, cancellationToken);
        logger.LogInformation("Household {HouseholdId} corrected its details in its space.", householdId);
    }

    /// <summary>Withdraws a consent it gave, recorded as the counsellor's withdrawal is (a right kept whatever the file's state).</summary>
    public async Task WithdrawConsentAsync(Guid consentId, CancellationToken cancellationToken = default)
    {
        var (householdId, _) = await OwnFileAsync(cancellationToken);
        await _files.RunAsync(Command(householdId, "household-space-consent") with { Needs = FileNeed.Readable }, async work =>
        {
            var consent = await work.Db.ConsentRecords.SingleOrDefaultAsync(c => c.Id == consentId && c.HouseholdId == householdId, cancellationToken)
                ?? throw new NotFoundException($"Consent {consentId} is not this household's.");
            consent.Withdraw(SpaceEmails.JournalLine("Consent.WithdrawnInSpace"), work.Context);
        }, cancellationToken);
        logger.LogInformation("Household {HouseholdId} withdrew a consent in its space.", householdId);
    }

    /// <summary>A message to its counsellor: a line in the file's journal, by the household, and a notification in the counsellor's bell.</summary>
    public async Task SendMessageAsync(string? text, CancellationToken cancellationToken = default)
    {
        var (householdId, _) = await OwnFileAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException("Space.MessageRequired");
        }

        if (text.Length > MaxMessageLength || ProfileLimits.HasHiddenCharacters(text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)))
        {
            throw new DomainRuleException("Space.MessageTooLong", MaxMessageLength);
        }

        await _files.RunAsync(Command(householdId, "household-space-message"), async work =>
        {
            var entry = work.File.AddNote(SpaceEmails.JournalLine("Journal.Message", text.Trim()), work.Context);
            work.Db.JournalEntries.Add(entry);
            Notify(work, work.File.AssignedCounsellorId, ReminderKind.HouseholdMessage, $"household-message:{entry.Id}");
            await Task.CompletedTask;
        }, cancellationToken);
    }

    private Task ChangeTaskAsync(Guid taskId, string source, Action<Plan, PlanTask, ActionContext> change, CancellationToken cancellationToken) =>
        ChangeTaskCoreAsync(taskId, source, change, cancellationToken);

    private async Task ChangeTaskCoreAsync(Guid taskId, string source, Action<Plan, PlanTask, ActionContext> change, CancellationToken cancellationToken)
    {
        var (householdId, _) = await OwnFileAsync(cancellationToken);
        await _files.RunAsync(Command(householdId, source), async work =>
        {
            var plan = await work.Db.Plans.Include(p => p.Goals).ThenInclude(g => g.Tasks).Include(p => p.Milestones).AsSplitQuery()
                .SingleOrDefaultAsync(p => p.HouseholdId == householdId, cancellationToken)
                ?? throw new NotFoundException($"Household {householdId} has no plan.");
            var task = plan.Tasks.SingleOrDefault(t => t.Id == taskId) ?? throw new NotFoundException($"Task {taskId} is not in this household's plan.");
            await access.DemandForFileAsync(AccessRules.MayChangeTask(work.Person, householdId, task.Owner), householdId, work.Person, $"change task {taskId}", source, cancellationToken);
            change(plan, task, work.Context);
            work.Touch(plan);
        }, cancellationToken);
    }

    private static void Notify(FileWork work, string? counsellorId, ReminderKind kind, string dedupKey)
    {
        if (counsellorId is null)
        {
            return;
        }

        work.Db.Notifications.Add(new Notification
        {
            Id = Guid.CreateVersion7(work.Context.Now),
            UserId = counsellorId,
            Kind = kind,
            HouseholdId = work.File.Id,
            DueOn = work.Context.Today,
            DedupKey = dedupKey,
            CreatedAt = work.Context.Now,
        });
    }

    private static FileCommand Command(Guid householdId, string source) => new(householdId, source) { Operation = Operation.UseHouseholdSpace };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The household the person is, refused (and logged) for anyone else.</summary>
    private async Task<(Guid HouseholdId, Guid SessionId)> OwnFileAsync(CancellationToken cancellationToken)
    {
        var person = await access.DemandAsync(Operation.UseHouseholdSpace, cancellationToken);
        return (person.HouseholdId!.Value, person.HouseholdSessionId!.Value);
    }
}
