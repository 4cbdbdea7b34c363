using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Assignment;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Features.Assignment;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Supervision;

/// <summary>
/// What supervisors do with the caseloads: the dashboard, reassigning files (one or many, with a
/// reason), marking a counsellor away (their open files redistributed equitably) and back (the
/// files given back). Supervisors only; administrators may read the dashboard. Each move of a file
/// is a line of its assignment history, an audited change of the file, and a notification to both
/// counsellors (by email too, for those who want reminders one by one).
/// </summary>
public sealed class SupervisionService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    AppClock clock,
    ReminderEmails emails,
    IBackgroundJobClient jobs,
    ILogger<SupervisionService> logger)
{
    /// <summary>The dashboard: supervisors and administrators.</summary>
    public Task<UserIdentity> RequireReaderAsync() => access.DemandAsync(Operation.ReadSupervision);

    /// <summary>Moving files and recording absences: supervisors.</summary>
    public Task<UserIdentity> RequireSupervisorAsync() => access.DemandAsync(Operation.AssignFiles);

    /// <summary>
    /// Per counsellor and per organization: open files by stage, overdue plan tasks, active files
    /// without contact for the no-contact rule's days, capacity and weighted load. A handful of
    /// grouped statements, whatever the number of files or counsellors.
    /// </summary>
    public async Task<SupervisionDashboard> GetDashboardAsync(CancellationToken cancellationToken = default)
    {
        await RequireReaderAsync();
        var today = clock.Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var noContactDays = await db.ReminderRules.Where(r => r.Kind == ReminderKind.NoContact).Select(r => (int?)r.Delay).SingleOrDefaultAsync(cancellationToken) ?? 30;
        var quietBefore = today.AddDays(-noContactDays);
        var open = FileDistributor.OpenStatuses;

        var byStage = await db.Households.AsNoTracking()
            .Where(h => open.Contains(h.Status))
            .GroupBy(h => new { h.AssignedCounsellorId, h.OrganizationId, h.Stage, h.Status })
            .Select(g => new { g.Key.AssignedCounsellorId, g.Key.OrganizationId, g.Key.Stage, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var overdue = await (
                from t in db.PlanTasks
                join h in db.Households on t.HouseholdId equals h.Id
                where (t.Status == PlanTaskStatus.ToDo || t.Status == PlanTaskStatus.InProgress) && t.DueOn != null && t.DueOn < today && open.Contains(h.Status)
                group t by new { h.AssignedCounsellorId, h.OrganizationId } into g
                select new { g.Key.AssignedCounsellorId, g.Key.OrganizationId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var quiet = await db.Households.AsNoTracking()
            .Where(h => h.Status == CaseStatus.Active && EF.Property<DateOnly>(h, "QuietSince") <= quietBefore)
            .GroupBy(h => new { h.AssignedCounsellorId, h.OrganizationId })
            .Select(g => new { g.Key.AssignedCounsellorId, g.Key.OrganizationId, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var counsellors = await AccessPeople.Counsellors(db).AsNoTracking()
            .Where(u => u.IsActive)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.OrganizationId,
                u.Capacity,
                Away = db.CounsellorAbsences.Any(a => a.CounsellorId == u.Id && a.ReturnedAt == null && a.From <= today && a.To >= today),
            })
            .ToListAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken);

        // Shares among the counsellors the distribution would choose from.
        var available = counsellors.Where(c => !c.Away && c.Capacity > 0 && c.OrganizationId != null).ToList();
        var availableCapacity = available.Sum(c => c.Capacity);
        var availableFiles = byStage.Where(r => available.Any(c => c.Id == r.AssignedCounsellorId)).Sum(r => r.Count);

        IReadOnlyDictionary<Stage, int> Stages<T>(IEnumerable<T> rows, Func<T, Stage> stage, Func<T, int> count) =>
            rows.GroupBy(stage).ToDictionary(g => g.Key, g => g.Sum(count));

        var lines = counsellors
            .Select(c => new CounsellorLine(
                c.Id, c.DisplayName, c.OrganizationId, c.Capacity, c.Away,
                Stages(byStage.Where(r => r.AssignedCounsellorId == c.Id), r => r.Stage, r => r.Count),
                byStage.Where(r => r.AssignedCounsellorId == c.Id && r.Status == CaseStatus.OnHold).Sum(r => r.Count),
                overdue.Where(r => r.AssignedCounsellorId == c.Id).Sum(r => r.Count),
                quiet.Where(r => r.AssignedCounsellorId == c.Id).Sum(r => r.Count),
                !c.Away && c.Capacity > 0 && c.OrganizationId != null && availableCapacity > 0 ? availableFiles * c.Capacity / availableCapacity : null))
            .OrderBy(l => l.Name, StringComparer.Create(CultureInfo.GetCultureInfo("fr-CA"), ignoreCase: true))
            .ToList();
        // Files whose counsellor is not an active counsellor any more (or none): they need a supervisor.
        var known = counsellors.Select(c => c.Id).ToHashSet();
        var orphans = byStage.Where(r => r.AssignedCounsellorId is null || !known.Contains(r.AssignedCounsellorId)).ToList();
        if (orphans.Count > 0)
        {
            lines.Add(new CounsellorLine(null, "", null, 0m, false,
                Stages(orphans, r => r.Stage, r => r.Count),
                orphans.Where(r => r.Status == CaseStatus.OnHold).Sum(r => r.Count),
                overdue.Where(r => r.AssignedCounsellorId is null || !known.Contains(r.AssignedCounsellorId)).Sum(r => r.Count),
                quiet.Where(r => r.AssignedCounsellorId is null || !known.Contains(r.AssignedCounsellorId)).Sum(r => r.Count),
                null));
        }

        var organizationLines = organizations
            .Select(o => new OrganizationLine(
                o.Id, o.Code, o.Name,
                counsellors.Where(c => c.OrganizationId == o.Id && !c.Away).Sum(c => c.Capacity),
                Stages(byStage.Where(r => r.OrganizationId == o.Id), r => r.Stage, r => r.Count),
                overdue.Where(r => r.OrganizationId == o.Id).Sum(r => r.Count),
                quiet.Where(r => r.OrganizationId == o.Id).Sum(r => r.Count)))
            .ToList();

        var absences = await db.CounsellorAbsences.AsNoTracking()
            .Where(a => a.ReturnedAt == null && a.To >= today.AddDays(-30) || a.ReturnedAt != null && a.To >= today.AddDays(-7))
            .OrderBy(a => a.From).ThenBy(a => a.Id)
            .Select(a => new AbsenceLine(
                a.Id, a.CounsellorId,
                db.Users.Where(u => u.Id == a.CounsellorId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                a.From, a.To, a.Reason, a.RedistributedAt, a.ReturnedAt,
                db.Assignments.Count(r => r.AbsenceId == a.Id && r.Reason == AssignmentReason.AwayRedistributed),
                a.Version))
            .ToListAsync(cancellationToken);

        return new SupervisionDashboard(lines, organizationLines, absences, noContactDays, today);
    }

    /// <summary>The most applications the waiting list shows at once (the oldest); the total is said beside it.</summary>
    public const int MaxWaitingSubsidies = 50;

    /// <summary>
    /// Subsidy applications deposited (or under review) that have waited for a decision more than the
    /// "application waiting" reminder's working days, the oldest first, among the files the person may
    /// see: who reviews each (or its region's partners), and whether it was escalated (the second reminder).
    /// </summary>
    public async Task<WaitingSubsidies> GetWaitingSubsidiesAsync(CancellationToken cancellationToken = default)
    {
        var user = await RequireReaderAsync();
        var today = clock.Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delay = await db.ReminderRules.Where(r => r.Kind == ReminderKind.SubsidyReviewOverdue).Select(r => (int?)r.Delay).SingleOrDefaultAsync(cancellationToken)
                    ?? ReminderRule.Defaults().Single(r => r.Kind == ReminderKind.SubsidyReviewOverdue).Delay;
        var latest = WorkingDays.LatestStartWaitingMoreThan(delay, today);
        var files = AccessRules.FilesOf(user).Apply(db.Households.AsNoTracking().Where(h => h.Status != CaseStatus.Closed));
        var waiting =
            from a in db.SubsidyApplications.AsNoTracking()
            where (a.Status == Domain.Subsidies.SubsidyStatus.Submitted || a.Status == Domain.Subsidies.SubsidyStatus.UnderReview) &&
                  a.WaitingSince != null && a.WaitingSince <= latest
            join h in files on a.HouseholdId equals h.Id
            select new { a, h };
        var total = await waiting.CountAsync(cancellationToken);
        var french = Localization.AppCultures.IsFrench;
        var rows = await waiting.OrderBy(x => x.a.WaitingSince).ThenBy(x => x.a.Id).Take(MaxWaitingSubsidies)
            .Select(x => new
            {
                x.a.Id,
                HouseholdId = x.h.Id,
                x.h.FileNumber,
                Name = x.h.PrimaryApplicant.LastName + ", " + x.h.PrimaryApplicant.FirstName,
                Region = db.Regions.Where(r => r.Code == x.a.DestinationRegionCode).Select(r => french ? r.NameFr : r.NameEn).FirstOrDefault(),
                WaitingSince = x.a.WaitingSince!.Value,
                Reviewer = db.Users.Where(u => u.Id == x.a.ReviewerId).Select(u => u.DisplayName).FirstOrDefault(),
                Escalated = db.Reminders.Any(r => r.Kind == ReminderKind.SubsidyReviewEscalation && r.SubjectId == x.a.Id && r.SubjectOn == x.a.WaitingSince),
            })
            .ToListAsync(cancellationToken);
        return new WaitingSubsidies(
            rows.Select(r => new WaitingSubsidyLine(
                r.Id, r.HouseholdId, r.FileNumber, r.Name, r.Region, r.WaitingSince, WorkingDays.Between(r.WaitingSince, today), r.Reviewer, r.Escalated)).ToList(),
            total,
            delay);
    }

    /// <summary>
    /// Moves files to <paramref name="toCounsellorId"/> with a reason. A file saved by someone
    /// else since the supervisor saw it is reported and left as it is; a closed file too; a file
    /// already with that counsellor is left alone. The rest move together.
    /// </summary>
    public async Task<ReassignResult> ReassignAsync(
        IReadOnlyCollection<FileVersion> files, string toCounsellorId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var user = await RequireSupervisorAsync();
        var context = clock.ContextFor(user.Actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Assignment.ReasonRequired");
        }

        if (files.Count == 0)
        {
            throw new DomainRuleException("Assignment.NothingSelected");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ActingAs(context);
        var target = await CounsellorAsync(db, toCounsellorId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await FileDistributor.LockAsync(db, cancellationToken);
        var ids = files.Select(f => f.HouseholdId).Distinct().ToArray();
        var households = await LockFilesAsync(db, ids, cancellationToken);
        if (households.Count != ids.Length)
        {
            throw new NotFoundException("A household to reassign does not exist.");
        }

        var seen = files.ToDictionary(f => f.HouseholdId, f => f.Version);
        List<string> moved = [], conflicts = [], unchanged = [], closed = [];
        var notices = new List<Notice>();
        foreach (var household in households.OrderBy(h => h.FileNumber, StringComparer.Ordinal))
        {
            if (household.Version != seen[household.Id])
            {
                conflicts.Add(household.FileNumber);
            }
            else if (household.IsReadOnly)
            {
                closed.Add(household.FileNumber);
            }
            else if (household.AssignedCounsellorId == target.Id)
            {
                unchanged.Add(household.FileNumber);
            }
            else
            {
                var record = AssignmentRecord.Manual(household.Id, household.AssignedCounsellorId, target.Id, target.OrganizationId,
                    AssignmentReason.Reassigned, reason, null, context);
                notices.AddRange(Move(db, household, record, context));
                moved.Add(household.FileNumber);
            }
        }

        var emailsQueued = await NotifyAsync(db, notices, context, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        AfterCommit(emailsQueued);
        logger.LogInformation("{Moved} files reassigned to {CounsellorId} by {UserId} ({Conflicts} changed meanwhile).", moved.Count, target.Id, user.Id, conflicts.Count);
        return new ReassignResult(moved, conflicts, unchanged, closed);
    }

    /// <summary>
    /// Records that a counsellor is away from <paramref name="from"/> to <paramref name="to"/>.
    /// Once the absence has begun (today or earlier) their open files are redistributed at once,
    /// equitably among the others; an absence that begins later is redistributed when asked
    /// (<see cref="RedistributeAsync"/>). The distribution skips them for the whole period.
    /// </summary>
    public async Task<AbsenceResult> RecordAbsenceAsync(
        string counsellorId, DateOnly from, DateOnly to, string reason, CancellationToken cancellationToken = default)
    {
        var user = await RequireSupervisorAsync();
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CounsellorAsync(db, counsellorId, cancellationToken);
        var absence = CounsellorAbsence.Record(counsellorId, from, to, reason, context);
        if (await db.CounsellorAbsences.AnyAsync(a => a.CounsellorId == counsellorId && a.ReturnedAt == null && a.From <= to && a.To >= from, cancellationToken))
        {
            throw new DomainRuleException("Absence.Overlaps");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ActingAs(context).CounsellorAbsences.Add(absence);
        await db.SaveChangesAsync(cancellationToken);
        var movedFiles = 0;
        var emailsQueued = 0;
        if (absence.From <= context.Today)
        {
            (movedFiles, emailsQueued) = await RedistributeAsync(db, absence, context, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        AfterCommit(emailsQueued);
        return new AbsenceResult(absence.Id, movedFiles);
    }

    /// <summary>Redistributes the open files of a counsellor whose absence has begun (once).</summary>
    public async Task<AbsenceResult> RedistributeAsync(Guid absenceId, uint version, CancellationToken cancellationToken = default)
    {
        var user = await RequireSupervisorAsync();
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var absence = await AbsenceAsync(db, absenceId, version, cancellationToken);
        var (moved, emailsQueued) = await RedistributeAsync(db.ActingAs(context), absence, context, cancellationToken);
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        AfterCommit(emailsQueued);
        return new AbsenceResult(absence.Id, moved);
    }

    /// <summary>
    /// The counsellor is back: the absence ends, and the files it sent to others that are still
    /// open and still with the counsellor who took them over come back, each with its history line
    /// and both counsellors told.
    /// </summary>
    public async Task<AbsenceResult> ReturnAsync(Guid absenceId, uint version, CancellationToken cancellationToken = default)
    {
        var user = await RequireSupervisorAsync();
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await FileDistributor.LockAsync(db, cancellationToken);
        var absence = await AbsenceAsync(db, absenceId, version, cancellationToken);
        absence.MarkReturned(context);
        var organizationId = await db.Users.Where(u => u.Id == absence.CounsellorId).Select(u => u.OrganizationId).SingleAsync(cancellationToken)
            ?? throw new DomainRuleException("Household.CounsellorWithoutOrganization");

        var sentAway = await db.Assignments.AsNoTracking()
            .Where(a => a.AbsenceId == absence.Id && a.Reason == AssignmentReason.AwayRedistributed)
            .Select(a => new { a.HouseholdId, a.ToCounsellorId })
            .ToListAsync(cancellationToken);
        var households = await LockFilesAsync(db, sentAway.Select(a => a.HouseholdId).Distinct().ToArray(), cancellationToken);
        var notices = new List<Notice>();
        var moved = 0;
        foreach (var household in households.OrderBy(h => h.FileNumber, StringComparer.Ordinal))
        {
            var takenBy = sentAway.First(a => a.HouseholdId == household.Id).ToCounsellorId;
            if (!FileDistributor.OpenStatuses.Contains(household.Status) || household.AssignedCounsellorId != takenBy)
            {
                continue;
            }

            var record = AssignmentRecord.Manual(household.Id, takenBy, absence.CounsellorId, organizationId,
                AssignmentReason.ReturnedFromAway, null, absence.Id, context);
            notices.AddRange(Move(db, household, record, context));
            moved++;
        }

        var emailsQueued = await NotifyAsync(db, notices, context, cancellationToken);
        await SaveAsync(db.ActingAs(context), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        AfterCommit(emailsQueued);
        logger.LogInformation("Counsellor {CounsellorId} back: {Moved} files given back by {UserId}.", absence.CounsellorId, moved, user.Id);
        return new AbsenceResult(absence.Id, moved);
    }

    /// <summary>Hands the absent counsellor's open files to the others, one by one, as the distribution chooses.</summary>
    private async Task<(int Moved, int Emails)> RedistributeAsync(CaseManagerDbContext db, CounsellorAbsence absence, ActionContext context, CancellationToken cancellationToken)
    {
        absence.MarkRedistributed(context);
        await FileDistributor.LockAsync(db, cancellationToken);
        var files = await db.Households.Where(h => h.AssignedCounsellorId == absence.CounsellorId && FileDistributor.OpenStatuses.Contains(h.Status))
            .Select(h => h.Id).ToArrayAsync(cancellationToken);
        var households = await LockFilesAsync(db, files, cancellationToken);
        var loads = (await FileDistributor.LoadsAsync(db, context.Today, cancellationToken))
            .Where(l => l.CounsellorId != absence.CounsellorId)
            .ToList();
        var notices = new List<Notice>();
        foreach (var household in households.OrderBy(h => h.FileNumber, StringComparer.Ordinal))
        {
            var choice = Distributor.Choose(loads, household.Languages) with { Reason = AssignmentReason.AwayRedistributed };
            var index = loads.FindIndex(l => l.CounsellorId == choice.CounsellorId);
            loads[index] = loads[index] with { OpenFiles = loads[index].OpenFiles + 1 };
            var record = AssignmentRecord.Distributed(household.Id, household.AssignedCounsellorId, choice, absence.Id, context);
            notices.AddRange(Move(db, household, record, context));
        }

        var emailsQueued = await NotifyAsync(db, notices, context, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (households.Count, emailsQueued);
    }

    /// <summary>Moves one file and records why; returns who must be told.</summary>
    private static IEnumerable<Notice> Move(CaseManagerDbContext db, Household household, AssignmentRecord record, ActionContext context)
    {
        household.AssignTo(record.ToCounsellorId, record.OrganizationId, context);
        db.Assignments.Add(record);
        yield return new Notice(record.ToCounsellorId, ReminderKind.FileAssigned, household, record.Id);
        if (record.FromCounsellorId is { } previous && previous != record.ToCounsellorId)
        {
            yield return new Notice(previous, ReminderKind.FileReassignedAway, household, record.Id);
        }
    }

    /// <summary>
    /// In-app notifications for every person concerned, under "assignment:{record}:{user}", and
    /// an email in the outbox for those who want reminders one by one (the digest takes the others').
    /// </summary>
    private async Task<int> NotifyAsync(CaseManagerDbContext db, List<Notice> notices, ActionContext context, CancellationToken cancellationToken)
    {
        if (notices.Count == 0)
        {
            return 0;
        }

        var userIds = notices.Select(n => n.UserId).Distinct().ToArray();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.PreferredCulture, u.ReminderEmails })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var outbox = new List<OutboxEmail>();
        foreach (var notice in notices)
        {
            if (!people.TryGetValue(notice.UserId, out var person))
            {
                continue;
            }

            var notification = new Notification
            {
                Id = Guid.CreateVersion7(context.Now),
                UserId = notice.UserId,
                Kind = notice.Kind,
                HouseholdId = notice.Household.Id,
                DueOn = context.Today,
                DedupKey = $"assignment:{notice.AssignmentId}:{notice.UserId}",
                CreatedAt = context.Now,
            };
            if (person.ReminderEmails == ReminderEmailMode.Immediate && !string.IsNullOrEmpty(person.Email))
            {
                var subject = new ReminderSubject(notice.Kind, notice.Household.Id, notice.Household.FileNumber,
                    $"{notice.Household.PrimaryApplicant.LastName}, {notice.Household.PrimaryApplicant.FirstName}", null, context.Today, context.Today);
                outbox.Add(new OutboxEmail(person.Id, person.Email, emails.OneReminder(person.DisplayName, ReminderTexts.CultureOf(person.PreferredCulture), subject),
                    $"notification:{notification.Id}"));
                notification.EmailedAt = context.Now;
            }

            db.Notifications.Add(notification);
        }

        return outbox.Count == 0 ? 0 : await OutboxEmail.InsertAsync(db, outbox, context.Now, cancellationToken);
    }

    private void AfterCommit(int emailsQueued)
    {
        if (emailsQueued > 0)
        {
            jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
        }
    }

    /// <summary>The files, tracked and locked for this transaction: nobody saves them meanwhile.</summary>
    private static async Task<List<Household>> LockFilesAsync(CaseManagerDbContext db, Guid[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM households WHERE id = ANY({ids}) ORDER BY id FOR UPDATE", cancellationToken);
        return await db.Households.Where(h => ids.Contains(h.Id)).ToListAsync(cancellationToken);
    }

    private static async Task<(string Id, int OrganizationId)> CounsellorAsync(CaseManagerDbContext db, string counsellorId, CancellationToken cancellationToken)
    {
        var counsellor = await AccessPeople.Counsellors(db).AsNoTracking()
            .Where(u => u.Id == counsellorId && u.IsActive)
            .Select(u => new { u.Id, u.OrganizationId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainRuleException("Assignment.NotACounsellor");
        return (counsellor.Id, counsellor.OrganizationId ?? throw new DomainRuleException("Household.CounsellorWithoutOrganization"));
    }

    private static async Task<CounsellorAbsence> AbsenceAsync(CaseManagerDbContext db, Guid absenceId, uint version, CancellationToken cancellationToken)
    {
        var absence = await db.CounsellorAbsences.SingleOrDefaultAsync(a => a.Id == absenceId, cancellationToken)
            ?? throw new NotFoundException($"Absence {absenceId} does not exist.");
        if (absence.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        return absence;
    }

    private static async Task SaveAsync(CaseManagerDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }

    private sealed record Notice(string UserId, ReminderKind Kind, Household Household, Guid AssignmentId);
}
