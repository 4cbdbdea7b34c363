using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Stays;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

using CaseManager.Web.Files;

namespace CaseManager.Web.Features.Stays;

/// <summary>
/// Exploratory stays: planned and run by counsellors and supervisors with a regional partner, who
/// keeps the agenda and the attendance of the stays they host. Every operation checks who asks:
/// a supervisor may do everything; a counsellor sees every stay but puts on it, and debriefs,
/// only their own files; a partner user sees only the stays of their organization, and of their
/// participants only the name and how many people come. Participations, debriefs and waivers are
/// part of the household's file (audited). Every change writes the stay's row, so a change based
/// on an older version of the stay is refused.
/// </summary>
public sealed class StayService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    AppClock clock,
    ILogger<StayService> logger)
{
    private readonly FileRunner _files = new(contexts, access, clock);

    public const int MaxPageSize = 100;

    // ---------------------------------------------------------------------------------------------
    // Reading.
    // ---------------------------------------------------------------------------------------------

    /// <summary>A page of stays, filtered and sorted in PostgreSQL; a partner sees only the stays they host.</summary>
    public async Task<StayListPage> ListAsync(
        StayFilter filter, int page, int pageSize, StaySort sort = StaySort.StartOn, bool descending = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var asker = await AskerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Stays.AsNoTracking();
        query = query.Where(AccessRules.StaysOf(asker.User));

        if (filter.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (!string.IsNullOrEmpty(filter.RegionCode))
        {
            query = query.Where(s => s.RegionCode == filter.RegionCode);
        }

        if (filter.From is { } from)
        {
            query = query.Where(s => s.EndOn >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(s => s.StartOn <= to);
        }

        var total = await query.CountAsync(cancellationToken);
        var french = AppCultures.IsFrench;
        var rows = from s in query
                   join r in db.Regions on s.RegionCode equals r.Code
                   join p in db.RegionalPartners on s.HostPartnerId equals p.Id
                   select new { Stay = s, Region = french ? r.NameFr : r.NameEn, Partner = p.Name };
        rows = (sort, descending) switch
        {
            (StaySort.StartOn, false) => rows.OrderBy(x => x.Stay.StartOn).ThenBy(x => x.Stay.Id),
            (StaySort.StartOn, true) => rows.OrderByDescending(x => x.Stay.StartOn).ThenBy(x => x.Stay.Id),
            (StaySort.Region, false) => rows.OrderBy(x => x.Region).ThenByDescending(x => x.Stay.StartOn),
            (StaySort.Region, true) => rows.OrderByDescending(x => x.Region).ThenByDescending(x => x.Stay.StartOn),
            (StaySort.Status, false) => rows.OrderBy(x => x.Stay.Status).ThenByDescending(x => x.Stay.StartOn),
            (StaySort.Status, true) => rows.OrderByDescending(x => x.Stay.Status).ThenByDescending(x => x.Stay.StartOn),
        };
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var items = await rows.Skip(Math.Max(page, 0) * size).Take(size)
            .Select(x => new StayListItem(
                x.Stay.Id, x.Stay.RegionCode, x.Region, x.Partner, x.Stay.StartOn, x.Stay.EndOn, x.Stay.Status,
                db.StayParticipants.Count(p => p.StayId == x.Stay.Id),
                db.StayParticipants.Where(p => p.StayId == x.Stay.Id).Sum(p => (int?)p.PeopleCount) ?? 0))
            .ToListAsync(cancellationToken);
        return new StayListPage(items, total);
    }

    /// <summary>A stay as the person asking may see it.</summary>
    public async Task<StayView> GetAsync(Guid stayId, CancellationToken cancellationToken = default)
    {
        var asker = await AskerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stay = await Query(db).AsNoTracking().SingleOrDefaultAsync(s => s.Id == stayId, cancellationToken)
            ?? throw new NotFoundException($"Stay {stayId} does not exist.");
        EnsureMayRead(asker, stay);
        var view = await ViewAsync(db, stay, asker, cancellationToken);
        if (view.Participants.Count > 0)
        {
            await access.LogFilesAsync(view.Participants.Select(p => p.HouseholdId), asker.User, AccessAction.ParticipantListed, $"/stays/{stayId}", cancellationToken);
        }

        return view;
    }

    /// <summary>The household's stays, debriefs and waiver, for its file (the file's counsellor or a supervisor).</summary>
    public Task<HouseholdStays> GetForHouseholdAsync(Guid householdId, CancellationToken cancellationToken = default) =>
        _files.ReadAsync(new FileCommand(householdId, "stays") { LogAs = null }, async work =>
        {
            var db = work.Db;
            var french = AppCultures.IsFrench;
            var stays = await (
                    from p in db.StayParticipants.AsNoTracking()
                    join s in db.Stays on p.StayId equals s.Id
                    join r in db.Regions on s.RegionCode equals r.Code
                    join partner in db.RegionalPartners on s.HostPartnerId equals partner.Id
                    where p.HouseholdId == householdId
                    orderby s.StartOn descending
                    select new { s.Id, Region = french ? r.NameFr : r.NameEn, Partner = partner.Name, s.StartOn, s.EndOn, s.Status, p.PeopleCount, p.Attendance })
                .Take(200)
                .ToListAsync(cancellationToken);
            var debriefs = await db.StayDebriefs.AsNoTracking().Include(d => d.NextSteps)
                .Where(d => d.HouseholdId == householdId).ToListAsync(cancellationToken);
            var waiver = await db.StayWaivers.AsNoTracking().SingleOrDefaultAsync(w => w.HouseholdId == householdId, cancellationToken);
            return new HouseholdStays(
                householdId,
                stays.Select(s => new HouseholdStay(s.Id, s.Region, s.Partner, s.StartOn, s.EndOn, s.Status, s.PeopleCount, s.Attendance,
                    debriefs.FirstOrDefault(d => d.StayId == s.Id) is { } d ? DebriefView.From(d) : null)).ToList(),
                waiver,
                work.File.IsReadOnly);
        }, cancellationToken);

    /// <summary>The files a counsellor may put on a stay (their own active files; a supervisor any), by name or file number.</summary>
    public async Task<IReadOnlyList<HouseholdChoice>> FindHouseholdsAsync(string? search, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Households.AsNoTracking().Where(h => h.Status == CaseStatus.Active);
        query = AccessRules.FilesOf(user).Apply(query);

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = LikeSearch.Anywhere(search.Trim());
            query = query.Where(h => EF.Functions.ILike(h.FileNumber, term) ||
                                     EF.Functions.ILike(h.PrimaryApplicant.LastName + ", " + h.PrimaryApplicant.FirstName, term));
        }

        var rows = await query.OrderBy(h => h.PrimaryApplicant.LastName).ThenBy(h => h.PrimaryApplicant.FirstName).Take(20)
            .Select(h => new { h.Id, h.FileNumber, h.PrimaryApplicant.LastName, h.PrimaryApplicant.FirstName, Size = FileRules.SizeOf(h.Spouse != null, h.Children.Count) })
            .ToListAsync(cancellationToken);
        return rows.Select(h => new HouseholdChoice(h.Id, h.FileNumber, $"{h.LastName}, {h.FirstName}", h.Size)).ToList();
    }

    /// <summary>The active partners of the directory who may host a stay.</summary>
    public async Task<IReadOnlyList<PartnerChoice>> GetPartnersAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var partners = await db.RegionalPartners.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.RegionCodes }).ToListAsync(cancellationToken);
        return partners.Select(p => new PartnerChoice(p.Id, p.Name, p.RegionCodes)).ToList();
    }

    // ---------------------------------------------------------------------------------------------
    // The stay itself: counsellors and supervisors.
    // ---------------------------------------------------------------------------------------------

    public async Task<Guid> PlanAsync(StayDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CheckRegionAndPartnerAsync(db, details, cancellationToken);
        var stay = ExploratoryStay.Plan(details, context);
        db.ActingAs(context).Stays.Add(stay);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Stay {StayId} planned by {UserId}.", stay.Id, user.Id);
        return stay.Id;
    }

    public Task UpdateDetailsAsync(Guid stayId, uint version, StayDetails details, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, async (db, stay, context, _) =>
        {
            await CheckRegionAndPartnerAsync(db, details, cancellationToken);
            stay.UpdateDetails(details, context);
            return true;
        }, cancellationToken);

    public Task ConfirmAsync(Guid stayId, uint version, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, (_, stay, context, _) => Done(() => stay.Confirm(context)), cancellationToken);

    public Task CompleteAsync(Guid stayId, uint version, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, (_, stay, context, _) => Done(() => stay.Complete(context)), cancellationToken);

    public Task CancelAsync(Guid stayId, uint version, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, (_, stay, context, _) => Done(() => stay.Cancel(reason, context)), cancellationToken);

    public Task<Guid> AddExpenseAsync(Guid stayId, uint version, ExpenseDetails details, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, (_, stay, context, _) => Task.FromResult(stay.AddExpense(details, context).Id), cancellationToken);

    public Task UpdateExpenseAsync(Guid stayId, uint version, Guid expenseId, ExpenseDetails details, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, (_, stay, context, _) => Done(() => stay.UpdateExpense(expenseId, details, context)), cancellationToken);

    public Task RemoveExpenseAsync(Guid stayId, uint version, Guid expenseId, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, (_, stay, context, _) => Done(() => stay.RemoveExpense(expenseId, context)), cancellationToken);

    // ---------------------------------------------------------------------------------------------
    // Participants: a counsellor their own files, a supervisor any.
    // ---------------------------------------------------------------------------------------------

    public Task AddParticipantAsync(Guid stayId, uint version, Guid householdId, int peopleCount, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, async (db, stay, context, asker) =>
        {
            var size = await FileSizeAsync(db, householdId, asker, "stay", requireActive: true, cancellationToken);
            stay.AddParticipant(householdId, peopleCount, size, context);
            return true;
        }, cancellationToken);

    public Task ChangePeopleCountAsync(Guid stayId, uint version, Guid householdId, int peopleCount, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, async (db, stay, context, asker) =>
        {
            var size = await FileSizeAsync(db, householdId, asker, "stay", requireActive: false, cancellationToken);
            stay.ChangePeopleCount(householdId, peopleCount, size, context);
            return true;
        }, cancellationToken);

    public Task RemoveParticipantAsync(Guid stayId, uint version, Guid householdId, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Organize, async (db, stay, context, asker) =>
        {
            await FileSizeAsync(db, householdId, asker, "stay", requireActive: false, cancellationToken);
            stay.RemoveParticipant(householdId, context);
            return true;
        }, cancellationToken);

    // ---------------------------------------------------------------------------------------------
    // Agenda and attendance: also the host partner's users.
    // ---------------------------------------------------------------------------------------------

    public Task RecordAttendanceAsync(Guid stayId, uint version, Guid householdId, Attendance attendance, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Host, (_, stay, context, _) => Done(() => stay.RecordAttendance(householdId, attendance, context)), cancellationToken);

    public Task<Guid> AddAgendaItemAsync(Guid stayId, uint version, AgendaItemDetails details, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Host, (_, stay, context, _) => Task.FromResult(stay.AddAgendaItem(details, context).Id), cancellationToken);

    public Task UpdateAgendaItemAsync(Guid stayId, uint version, Guid itemId, AgendaItemDetails details, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Host, (_, stay, context, _) => Done(() => stay.UpdateAgendaItem(itemId, details, context)), cancellationToken);

    public Task RemoveAgendaItemAsync(Guid stayId, uint version, Guid itemId, CancellationToken cancellationToken = default) =>
        ChangeAsync(stayId, version, StayRight.Host, (_, stay, context, _) => Done(() => stay.RemoveAgendaItem(itemId, context)), cancellationToken);

    // ---------------------------------------------------------------------------------------------
    // Debriefs and waivers: the file's counsellor or a supervisor.
    // ---------------------------------------------------------------------------------------------

    /// <summary>Records the debrief of a household that attended a completed stay.</summary>
    public Task<Guid> RecordDebriefAsync(Guid stayId, Guid householdId, DebriefDetails details, CancellationToken cancellationToken = default) =>
        _files.RunAsync(new FileCommand(householdId, "stay debrief"), async work =>
        {
            var stay = await Query(work.Db).AsNoTracking().SingleOrDefaultAsync(s => s.Id == stayId, cancellationToken)
                ?? throw new NotFoundException($"Stay {stayId} does not exist.");
            if (await work.Db.StayDebriefs.AnyAsync(d => d.StayId == stayId && d.HouseholdId == householdId, cancellationToken))
            {
                throw new ConcurrencyConflictException();
            }

            var debrief = StayDebrief.Record(stay, householdId, details, work.Context);
            work.Db.StayDebriefs.Add(debrief);
            return debrief.Id;
        }, cancellationToken);

    public async Task UpdateDebriefAsync(Guid debriefId, uint version, DebriefDetails details, CancellationToken cancellationToken = default) =>
        await ChangeDebriefAsync(debriefId, version, (_, debrief, context) =>
        {
            debrief.Update(details, context);
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>
    /// Turns a debrief's next step into a task of the household's plan, owned by the household:
    /// under the goal given, or else under the plan's open goal of <paramref name="needCode"/> (a
    /// new goal of that needs domain when the plan has none). The plan is started if need be.
    /// </summary>
    public Task<Guid> AddNextStepToPlanAsync(
        Guid debriefId, uint version, Guid nextStepId, Guid? goalId, string? needCode, DateOnly? dueOn, CancellationToken cancellationToken = default) =>
        ChangeDebriefAsync(debriefId, version, async (db, debrief, context) =>
        {
            var step = debrief.NextSteps.FirstOrDefault(s => s.Id == nextStepId) ?? throw new DomainRuleException("Stay.NextStepNotFound");
            var plan = await db.Plans.Include(p => p.Goals).ThenInclude(g => g.Tasks).Include(p => p.Milestones).AsSplitQuery()
                .SingleOrDefaultAsync(p => p.HouseholdId == debrief.HouseholdId, cancellationToken);
            if (plan is null)
            {
                plan = Plan.Start(debrief.HouseholdId, context);
                db.Plans.Add(plan);
            }

            Guid goal;
            if (goalId is { } chosen)
            {
                goal = plan.Goals.FirstOrDefault(g => g.Id == chosen)?.Id ?? throw new DomainRuleException("Plan.GoalNotFound");
            }
            else
            {
                if (string.IsNullOrWhiteSpace(needCode) || !await db.NeedsDomains.AnyAsync(n => n.Code == needCode && n.IsActive, cancellationToken))
                {
                    throw new DomainRuleException("Stay.GoalOrNeedRequired");
                }

                goal = plan.Goals.FirstOrDefault(g => g.NeedCode == needCode && g.Status is GoalStatus.Open or GoalStatus.InProgress)?.Id
                    ?? plan.AddGoal(needCode, null, context).Id;
            }

            var task = plan.AddTask(goal, step.Text, TaskOwner.Household, dueOn, context);
            debrief.LinkToPlanTask(step.Id, task.Id);
            if (db.Entry(plan).State != EntityState.Added)
            {
                db.Entry(plan).Property(p => p.UpdatedAt).IsModified = true;
            }

            return task.Id;
        }, cancellationToken);

    /// <summary>Records on the file that the household will not do a stay, and why: the stay stage's requirement is then met.</summary>
    public Task RecordWaiverAsync(Guid householdId, string reason, CancellationToken cancellationToken = default) =>
        _files.RunAsync(new FileCommand(householdId, "stay waiver"), async work =>
        {
            var waiver = StayWaiver.Record(householdId, reason, work.Context);
            if (await work.Db.StayWaivers.AnyAsync(w => w.HouseholdId == householdId, cancellationToken))
            {
                throw new ConcurrencyConflictException();
            }

            work.Db.StayWaivers.Add(waiver);
        }, cancellationToken);

    /// <summary>The household does want a stay after all: the waiver is removed (audited).</summary>
    public Task RemoveWaiverAsync(Guid householdId, CancellationToken cancellationToken = default) =>
        _files.RunAsync(new FileCommand(householdId, "stay waiver"), async work =>
        {
            var waiver = await work.Db.StayWaivers.SingleOrDefaultAsync(w => w.HouseholdId == householdId, cancellationToken)
                ?? throw new ConcurrencyConflictException();
            work.Db.StayWaivers.Remove(waiver);
        }, cancellationToken);

    /// <summary>What the stay stage requires (see <see cref="WorkflowFactsQuery.StayRequirementMetAsync"/>).</summary>
    public static Task<bool> StayRequirementMetAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken) =>
        WorkflowFactsQuery.StayRequirementMetAsync(db, householdId, cancellationToken);

    // ---------------------------------------------------------------------------------------------

    private enum StayRight
    {
        /// <summary>Counsellors and supervisors.</summary>
        Organize,

        /// <summary>Counsellors, supervisors and the host partner's users.</summary>
        Host,
    }

    /// <summary>Who asks: a file worker, or a partner user with their organization.</summary>
    private sealed record Asker(UserIdentity User, Guid? PartnerId)
    {
        public bool IsPartner => PartnerId is not null;
    }

    private async Task<Asker> AskerAsync(CancellationToken cancellationToken)
    {
        var user = await access.DemandAsync(Operation.ReadStays, cancellationToken);
        return new Asker(user, AccessRules.ActingPartnerOf(user));
    }

    private void EnsureMayRead(Asker asker, ExploratoryStay stay) =>
        access.Demand(asker.User, AccessRules.MaySeeStay(asker.User, stay.HostPartnerId), $"see stay {stay.Id}");

    private static async Task<StayView> ViewAsync(CaseManagerDbContext db, ExploratoryStay stay, Asker asker, CancellationToken cancellationToken)
    {
        var french = AppCultures.IsFrench;
        var region = await db.Regions.Where(r => r.Code == stay.RegionCode).Select(r => french ? r.NameFr : r.NameEn).SingleAsync(cancellationToken);
        var partner = await db.RegionalPartners.Where(p => p.Id == stay.HostPartnerId).Select(p => p.Name).SingleAsync(cancellationToken);
        var householdIds = stay.Participants.Select(p => p.HouseholdId).ToList();
        var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new
            {
                h.Id, h.FileNumber, h.AssignedCounsellorId, h.PrimaryApplicant.LastName, h.PrimaryApplicant.FirstName,
                Size = FileRules.SizeOf(h.Spouse != null, h.Children.Count),
            })
            .ToDictionaryAsync(h => h.Id, cancellationToken);
        var debriefs = asker.IsPartner
            ? []
            : await db.StayDebriefs.AsNoTracking().Include(d => d.NextSteps).Where(d => d.StayId == stay.Id).ToListAsync(cancellationToken);
        // Need to know (Law 25): a counsellor sees their own households by name and the others as a
        // count; supervisors and the host partner see every participant.
        var shown = stay.Participants
            .Where(p => asker.IsPartner || AccessRules.MayOpenFile(asker.User, households[p.HouseholdId].AssignedCounsellorId))
            .ToList();
        var others = stay.Participants.Except(shown).ToList();
        var participants = shown.OrderBy(p => p.AddedAt).Select(p =>
        {
            var h = households[p.HouseholdId];
            var own = !asker.IsPartner && AccessRules.MayOpenFile(asker.User, h.AssignedCounsellorId);
            var debrief = debriefs.FirstOrDefault(d => d.HouseholdId == p.HouseholdId);
            return new ParticipantView(
                p.HouseholdId, $"{h.LastName}, {h.FirstName}", p.PeopleCount, p.Attendance, own,
                own ? h.FileNumber : null, own ? h.Size : null, !asker.IsPartner && debrief is not null,
                own && debrief is not null ? DebriefView.From(debrief) : null);
        }).ToList();
        var worker = !asker.IsPartner;
        var can = new StayPermissions(
            EditDetails: worker && stay.IsOpen,
            ChangeStatus: worker && stay.IsOpen,
            AddOwnFiles: worker && stay.IsOpen,
            AddAnyFile: worker && stay.IsOpen && AccessRules.Allows(asker.User, Operation.SeeEveryFile),
            EditAgenda: stay.Status != StayStatus.Cancelled,
            RecordAttendance: stay.Status != StayStatus.Cancelled,
            SeeBudget: worker,
            RecordDebriefs: worker && stay.Status == StayStatus.Completed);
        var budget = worker
            ? new BudgetView(stay.Expenses.OrderBy(e => e.Category).ThenBy(e => e.Id).ToList(), stay.BudgetByCategory(), stay.PlannedTotal, stay.ActualTotal)
            : null;
        return new StayView(
            stay.Id, stay.RegionCode, region, stay.HostPartnerId, partner, stay.StartOn, stay.EndOn, stay.Status,
            stay.TransportMode, stay.TransportDetails, stay.LodgingPlace, stay.LodgingDetails, worker ? stay.Notes : null,
            stay.CancellationReason, stay.CompletedOn, participants, others.Count, others.Sum(p => p.PeopleCount),
            stay.OrderedAgenda(), budget, can, stay.Version);
    }

    private static Task<bool> Done(Action action)
    {
        action();
        return Task.FromResult(true);
    }

    private Task<bool> ChangeAsync(
        Guid stayId, uint version, StayRight right, Func<CaseManagerDbContext, ExploratoryStay, ActionContext, Asker, Task<bool>> change,
        CancellationToken cancellationToken) =>
        ChangeAsync<bool>(stayId, version, right, change, cancellationToken);

    private async Task<T> ChangeAsync<T>(
        Guid stayId, uint version, StayRight right, Func<CaseManagerDbContext, ExploratoryStay, ActionContext, Asker, Task<T>> change,
        CancellationToken cancellationToken)
    {
        var asker = await AskerAsync(cancellationToken);
        switch (right)
        {
            case StayRight.Organize:
                access.Demand(asker.User, AccessRules.Allows(asker.User, Operation.WorkOnFiles), "organize stays");
                break;
            case StayRight.Host:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(right), right, null);
        }

        var context = clock.ContextFor(asker.User.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stay = await Query(db).SingleOrDefaultAsync(s => s.Id == stayId, cancellationToken)
            ?? throw new NotFoundException($"Stay {stayId} does not exist.");
        EnsureMayRead(asker, stay);

        // The version the person saw: someone saved since, they are told; someone saving between
        // this read and the write, PostgreSQL's xmin refuses it.
        if (stay.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(stay).Property(s => s.Version).OriginalValue = version;
        var result = await change(db.ActingAs(context), stay, context, asker);
        db.Entry(stay).Property(s => s.UpdatedAt).IsModified = true;
        await db.SaveOrConflictAsync(cancellationToken);
        logger.LogDebug("Stay {StayId} changed by {UserId}.", stayId, asker.User.Id);
        return result;
    }

    private async Task<T> ChangeDebriefAsync<T>(
        Guid debriefId, uint version, Func<CaseManagerDbContext, StayDebrief, ActionContext, Task<T>> change, CancellationToken cancellationToken)
    {
        // Which file the debrief belongs to, asked only of someone who works on files; the runner does the rest.
        await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        Guid householdId;
        await using (var lookup = await contexts.CreateDbContextAsync(cancellationToken))
        {
            householdId = await lookup.StayDebriefs.Where(d => d.Id == debriefId).Select(d => (Guid?)d.HouseholdId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"Debrief {debriefId} does not exist.");
        }

        return await _files.RunAsync(new FileCommand(householdId, "stay debrief"), async work =>
        {
            var debrief = await work.Db.StayDebriefs.Include(d => d.NextSteps).SingleOrDefaultAsync(d => d.Id == debriefId, cancellationToken)
                ?? throw new NotFoundException($"Debrief {debriefId} does not exist.");
            work.Saw(debrief, version);
            var result = await change(work.Db, debrief, work.Context);
            work.Touch(debrief);
            return result;
        }, cancellationToken);
    }

    /// <summary>The household's size, once the person asking may put it on a stay (refusals are logged).</summary>
    private async Task<int> FileSizeAsync(
        CaseManagerDbContext db, Guid householdId, Asker asker, string source, bool requireActive, CancellationToken cancellationToken)
    {
        var file = await FileRunner.Heads(db.Households.AsNoTracking().Where(h => h.Id == householdId)).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Household {householdId} does not exist.");
        await access.DemandFileAsync(householdId, file.AssignedCounsellorId, asker.User, source, cancellationToken);
        if (requireActive)
        {
            file.EnsureTakesPart("Stay.HouseholdNotActive");
        }

        return file.Size;
    }

    private static async Task CheckRegionAndPartnerAsync(CaseManagerDbContext db, StayDetails details, CancellationToken cancellationToken)
    {
        var refusals = new List<Refusal>();
        if (!string.IsNullOrWhiteSpace(details.RegionCode) &&
            !await db.Regions.AnyAsync(r => r.Code == details.RegionCode && r.IsHostRegion, cancellationToken))
        {
            refusals.Add(new Refusal("Profile.UnknownRegion"));
        }

        if (details.HostPartnerId != Guid.Empty)
        {
            var partner = await db.RegionalPartners.AsNoTracking().Where(p => p.Id == details.HostPartnerId && p.IsActive)
                .Select(p => new { p.RegionCodes }).SingleOrDefaultAsync(cancellationToken);
            if (partner is null)
            {
                refusals.Add(new Refusal("Stay.UnknownPartner"));
            }
            else if (!partner.RegionCodes.Contains(details.RegionCode))
            {
                refusals.Add(new Refusal("Stay.PartnerNotInRegion"));
            }
        }

        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }
    }

    private static IQueryable<ExploratoryStay> Query(CaseManagerDbContext db) =>
        db.Stays.Include(s => s.Participants).Include(s => s.Agenda).Include(s => s.Expenses).AsSplitQuery();
}
