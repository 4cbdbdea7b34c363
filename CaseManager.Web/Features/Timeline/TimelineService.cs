using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Stays;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Timeline;

/// <summary>
/// A file's timeline in one picture: stage and status moves (the stage history), contacts and notes
/// (the journal), plan changes (read from the audit rows of the plan's parts), follow-up answers,
/// and what is coming (open tasks, milestones, the target move date, the hold's review date,
/// follow-ups due, stays the household is booked on); stays it took part in and their debriefs. One query per source, each bounded; only those who may open the file see it.
/// </summary>
public sealed class TimelineService(IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, AppClock clock)
{
    /// <summary>How many past lines a first look shows, and how many more "show earlier" adds.</summary>
    public const int PageSize = 30;

    public const int MaxPast = 1000;

    /// <summary>At most this many upcoming lines of each kind (a plan rarely has more than a few dozen tasks).</summary>
    public const int MaxUpcomingPerSource = 100;

    /// <summary>The beginning of a journal entry the timeline shows; the journal tab has the whole text.</summary>
    public const int ExcerptLength = 280;

    private static readonly string[] PlanEntityTypes = [nameof(Plan), nameof(PlanGoal), nameof(PlanTask), nameof(Milestone)];

    /// <summary>The parts of a plan a line can list as added or removed, in the order a save reads.</summary>
    private static readonly string[] PartTypes = [nameof(PlanGoal), nameof(PlanTask), nameof(Milestone)];
    private static readonly TimeOnly Noon = new(12, 0);

    /// <summary>The timeline with the <paramref name="pastCount"/> most recent past lines.</summary>
    public async Task<TimelineView> GetAsync(Guid householdId, int pastCount = PageSize, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var take = Math.Clamp(pastCount, 1, MaxPast);
        var today = clock.Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId)
            .Select(h => new { h.AssignedCounsellorId, h.Status, h.HoldUntil })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Household {householdId} does not exist.");
        await access.DemandFileAsync(householdId, household.AssignedCounsellorId, user, "timeline", cancellationToken);

        var checks = await db.RetentionChecks.AsNoTracking().Where(r => r.HouseholdId == householdId)
            .OrderBy(r => r.MonthsAfter).ToListAsync(cancellationToken);

        // Each source gives its take + 1 most recent lines: merged, the first take are the most
        // recent of all, and one more says that earlier ones exist.
        var past = new List<TimelineEntry>();
        past.AddRange(await TransitionsAsync(db, householdId, take + 1, cancellationToken));
        past.AddRange(await JournalAsync(db, householdId, take + 1, cancellationToken));
        past.AddRange(await PlanChangesAsync(db, householdId, take + 1, cancellationToken));
        past.AddRange(await AssignmentsAsync(db, householdId, take + 1, cancellationToken));
        past.AddRange(checks.Where(c => c.AnsweredOn is not null).Select(Answered));
        past.AddRange(await CompletedStaysAsync(db, householdId, take + 1, cancellationToken));
        past.AddRange(await DebriefsAsync(db, householdId, take + 1, cancellationToken));
        past.AddRange(await HouseholdReminders.HouseholdMessageLines.ReadAsync(db, householdId, take + 1, cancellationToken));
        var sessions = await SessionsAsync(db, householdId, cancellationToken);
        var now = clock.Now;
        past.AddRange(sessions.Select(s => Happened(TimelineEntryKind.SessionRegistered, s.RegisteredAt, s.RegisteredBy) with
        {
            Title = s.Title,
            Date = AppClock.DateOf(s.StartsAt),
            Registration = s.Status == RegistrationStatus.Cancelled ? RegistrationStatus.Registered : s.Status,
        }));
        past.AddRange(sessions.Where(s => s.Attendance is not null).Select(s => Happened(TimelineEntryKind.SessionAttendance, s.StartsAt, s.AttendanceRecordedBy) with
        {
            Title = s.Title,
            SessionAttendance = s.Attendance,
        }));
        var ordered = past.OrderByDescending(e => e.SortKey).ThenByDescending(e => e.Order).ToList();

        var upcoming = new List<TimelineEntry>();
        upcoming.AddRange(await OpenTasksAsync(db, householdId, today, cancellationToken));
        upcoming.AddRange(await MilestonesAsync(db, householdId, today, cancellationToken));
        upcoming.AddRange(await ComingStaysAsync(db, householdId, today, cancellationToken));
        if (household.Status is CaseStatus.Active or CaseStatus.OnHold &&
            await db.Plans.Where(p => p.HouseholdId == householdId).Select(p => p.TargetMoveDate).SingleOrDefaultAsync(cancellationToken) is { } moveOn)
        {
            upcoming.Add(Upcoming(TimelineEntryKind.TargetMoveDate, moveOn, today));
        }

        if (household is { Status: CaseStatus.OnHold, HoldUntil: { } reviewOn })
        {
            upcoming.Add(Upcoming(TimelineEntryKind.HoldReview, reviewOn, today));
        }

        upcoming.AddRange(sessions
            .Where(s => s.StartsAt > now && s.SessionStatus == SessionStatus.Scheduled && s.Status != RegistrationStatus.Cancelled)
            .Select(s => Upcoming(TimelineEntryKind.SessionComing, AppClock.DateOf(s.StartsAt), today) with
            {
                At = s.StartsAt,
                Title = s.Title,
                Registration = s.Status,
            }));
        upcoming.AddRange(checks.Where(c => c.AnsweredOn is null).Select(c => Upcoming(TimelineEntryKind.RetentionDue, c.DueOn, today) with
        {
            RetentionCheckId = c.Id,
            MonthsAfter = c.MonthsAfter,
        }));

        return new TimelineView(
            today,
            upcoming.OrderBy(e => e.Day).ThenBy(e => e.Kind).ThenBy(e => e.Title, StringComparer.CurrentCulture).ToList(),
            ordered.Take(take).ToList(),
            ordered.Count > take,
            FileRules.IsReadOnly(household.Status));
    }

    private static async Task<IEnumerable<TimelineEntry>> TransitionsAsync(
        CaseManagerDbContext db, Guid householdId, int take, CancellationToken cancellationToken)
    {
        var transitions = await db.StageTransitions.AsNoTracking()
            .Where(t => t.HouseholdId == householdId)
            .OrderByDescending(t => t.OccurredAt)
            .Take(take)
            .ToListAsync(cancellationToken);
        return transitions.Select(t => Happened(Kind(t.Kind), t.OccurredAt, t.ActorName) with
        {
            Transition = t.Kind,
            FromStage = t.FromStage,
            ToStage = t.ToStage,
            ToStatus = t.ToStatus,
            ReasonCode = t.ReasonCode,
            Text = t.Comment,
        });
    }

    private static TimelineEntryKind Kind(TransitionKind kind) => kind switch
    {
        TransitionKind.Opened => TimelineEntryKind.FileOpened,
        TransitionKind.Advance or TransitionKind.Skip or TransitionKind.GoBack => TimelineEntryKind.StageChanged,
        TransitionKind.Hold or TransitionKind.Withdraw or TransitionKind.Reactivate or TransitionKind.Settle or TransitionKind.Close
            => TimelineEntryKind.StatusChanged,
    };

    /// <summary>Every assignment of the file: to whom, why, by whom (the reason a supervisor wrote as the text).</summary>
    private static async Task<IEnumerable<TimelineEntry>> AssignmentsAsync(
        CaseManagerDbContext db, Guid householdId, int take, CancellationToken cancellationToken)
    {
        var assignments = await db.Assignments.AsNoTracking()
            .Where(a => a.HouseholdId == householdId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(take)
            .Select(a => new
            {
                a.At,
                a.ByUserName,
                a.Reason,
                a.Note,
                To = db.Users.Where(u => u.Id == a.ToCounsellorId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return assignments.Select(a => Happened(TimelineEntryKind.Assigned, a.At, a.ByUserName) with
        {
            Title = a.To,
            AssignmentReason = a.Reason,
            Text = a.Note,
        });
    }

    private static async Task<IEnumerable<TimelineEntry>> JournalAsync(
        CaseManagerDbContext db, Guid householdId, int take, CancellationToken cancellationToken)
    {
        var entries = await db.JournalEntries.AsNoTracking()
            .Where(j => j.HouseholdId == householdId)
            .OrderByDescending(j => j.OccurredAt).ThenByDescending(j => j.CreatedAt)
            .Take(take)
            .Select(j => new
            {
                j.Kind,
                j.Channel,
                j.OccurredAt,
                j.AuthorName,
                Text = j.Text.Length > ExcerptLength ? j.Text.Substring(0, ExcerptLength) : j.Text,
                Cut = j.Text.Length > ExcerptLength,
            })
            .ToListAsync(cancellationToken);
        return entries.Select(j => Happened(j.Kind == JournalEntryKind.Contact ? TimelineEntryKind.Contact : TimelineEntryKind.Note, j.OccurredAt, j.AuthorName) with
        {
            JournalKind = j.Kind,
            Channel = j.Channel,
            Text = j.Text,
            TextCut = j.Cut,
        });
    }

    /// <summary>
    /// The plan's changes worth a line, from the audit: parts added or removed, status changes of
    /// goals and tasks, milestones reached, the agreement, the target move date. Edits of wording
    /// and dates are left to the history tab. The <paramref name="take"/> most recent saves are read
    /// whole, so what one save did together stays together.
    /// </summary>
    private static async Task<IEnumerable<TimelineEntry>> PlanChangesAsync(
        CaseManagerDbContext db, Guid householdId, int take, CancellationToken cancellationToken)
    {
        var rows = db.AuditEntries.AsNoTracking().Where(a =>
            a.HouseholdId == householdId &&
            PlanEntityTypes.Contains(a.EntityType) &&
            (a.Action == AuditAction.Added
                ? a.EntityType != nameof(Plan)
                : a.Action == AuditAction.Deleted ||
                  (a.Field != null && (a.Field.EndsWith(".Status") || a.Field.EndsWith(".Reached") ||
                                       a.Field == "Plan.AgreedOn" || a.Field == "Plan.AgreedWith" || a.Field == "Plan.TargetMoveDate"))));
        var saves = rows.Select(a => a.OccurredAt).Distinct().OrderByDescending(at => at).Take(take);
        var audit = await rows.Where(a => saves.Contains(a.OccurredAt)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return audit.GroupBy(a => (a.OccurredAt, a.UserId)).SelectMany(ReadSave);
    }

    private static IEnumerable<TimelineEntry> ReadSave(IEnumerable<AuditEntry> save)
    {
        var rows = save.ToList();
        var first = rows[0];
        TimelineEntry Line(TimelineEntryKind kind) => Happened(kind, first.OccurredAt, first.UserName);

        var added = new Dictionary<string, List<string>>();
        var removed = new Dictionary<string, List<string>>();
        var lines = new List<TimelineEntry>();
        foreach (var row in rows)
        {
            switch (row.Action, row.EntityType)
            {
                case (AuditAction.Added, _):
                    Collect(added, row.EntityType, row.NewValue);
                    break;
                case (AuditAction.Deleted, _):
                    Collect(removed, row.EntityType, row.OldValue);
                    break;
                case (AuditAction.Modified, nameof(PlanTask)) when row.Field!.EndsWith(".Status", StringComparison.Ordinal):
                    lines.Add(Line(TimelineEntryKind.TaskStatusChanged) with
                    {
                        Title = Indexed(row.Field),
                        TaskStatus = Parse<PlanTaskStatus>(row.NewValue),
                        PreviousTaskStatus = Parse<PlanTaskStatus>(row.OldValue),
                    });
                    break;
                case (AuditAction.Modified, nameof(PlanGoal)) when row.Field!.EndsWith(".Status", StringComparison.Ordinal):
                    lines.Add(Line(TimelineEntryKind.GoalStatusChanged) with
                    {
                        NeedCode = Indexed(row.Field),
                        GoalStatus = Parse<GoalStatus>(row.NewValue),
                    });
                    break;
                case (AuditAction.Modified, nameof(Milestone)) when row.Field!.EndsWith(".Reached", StringComparison.Ordinal) && row.NewValue == bool.TrueString:
                    lines.Add(Line(TimelineEntryKind.MilestoneReached) with { Title = Indexed(row.Field) });
                    break;
                case (AuditAction.Modified, nameof(Plan)) when row.Field == "Plan.AgreedOn" && row.NewValue is not null:
                    lines.Add(Line(TimelineEntryKind.PlanAgreed) with
                    {
                        Date = Day(row.NewValue),
                        Title = rows.FirstOrDefault(r => r.Field == "Plan.AgreedWith")?.NewValue,
                    });
                    break;
                case (AuditAction.Modified, nameof(Plan)) when row.Field == "Plan.TargetMoveDate":
                    lines.Add(Line(TimelineEntryKind.TargetMoveDateChanged) with { Date = Day(row.NewValue) });
                    break;
                default:
                    break;
            }
        }

        // What one save added (a template: goals and their tasks) reads as one line per kind of
        // part, goals before tasks before milestones.
        lines.InsertRange(0, PartTypes
            .Where(added.ContainsKey)
            .Select(type => Line(AddedKind(type)) with { Titles = added[type] }));
        lines.AddRange(PartTypes
            .Where(removed.ContainsKey)
            .Select(type => Line(RemovedKind(type)) with { Titles = removed[type] }));

        // Lines of one save share their instant: number them so that, read newest first, the save
        // reads top-down in the order above.
        return lines.Select((line, index) => line with { Order = lines.Count - index });
    }

    private static void Collect(Dictionary<string, List<string>> byType, string type, string? title)
    {
        if (!byType.TryGetValue(type, out var titles))
        {
            byType[type] = titles = [];
        }

        titles.Add(title ?? "");
    }

    private static TimelineEntryKind AddedKind(string entityType) => entityType switch
    {
        nameof(PlanGoal) => TimelineEntryKind.GoalsAdded,
        nameof(PlanTask) => TimelineEntryKind.TasksAdded,
        nameof(Milestone) => TimelineEntryKind.MilestonesAdded,
        _ => throw new ArgumentOutOfRangeException(nameof(entityType), entityType, null),
    };

    private static TimelineEntryKind RemovedKind(string entityType) => entityType switch
    {
        nameof(PlanGoal) => TimelineEntryKind.GoalsRemoved,
        nameof(PlanTask) => TimelineEntryKind.TasksRemoved,
        nameof(Milestone) => TimelineEntryKind.MilestonesRemoved,
        _ => throw new ArgumentOutOfRangeException(nameof(entityType), entityType, null),
    };

    /// <summary>"PlanTask[Mettre le CV à jour].Status" → "Mettre le CV à jour" (a title may hold dots or brackets).</summary>
    internal static string? Indexed(string field)
    {
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var close = field.LastIndexOf("].", StringComparison.Ordinal);
        return open < 0 || close <= open ? null : field[(open + 1)..close];
    }

    private static TEnum? Parse<TEnum>(string? value)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, out var parsed) ? parsed : null;

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static TimelineEntry Answered(RetentionCheck check)
    {
        var day = check.AnsweredOn!.Value;
        return new TimelineEntry
        {
            Kind = TimelineEntryKind.RetentionAnswered,
            Day = day,
            SortKey = AppClock.FromLocal(day, Noon),
            Actor = check.AnsweredBy,
            RetentionCheckId = check.Id,
            MonthsAfter = check.MonthsAfter,
            StillInRegion = check.StillInRegion,
            Working = check.Working,
            Housed = check.Housed,
            Text = check.Comment,
        };
    }

    private static async Task<IEnumerable<TimelineEntry>> OpenTasksAsync(
        CaseManagerDbContext db, Guid householdId, DateOnly today, CancellationToken cancellationToken)
    {
        var tasks = await db.PlanTasks.AsNoTracking()
            .Where(t => t.HouseholdId == householdId && (t.Status == PlanTaskStatus.ToDo || t.Status == PlanTaskStatus.InProgress) && t.DueOn != null)
            .OrderBy(t => t.DueOn)
            .Take(MaxUpcomingPerSource)
            .Select(t => new
            {
                t.Id,
                t.Title,
                t.Owner,
                t.Status,
                DueOn = t.DueOn!.Value,
                NeedCode = db.PlanGoals.Where(g => g.Id == t.GoalId).Select(g => g.NeedCode).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return tasks.Select(t => Upcoming(TimelineEntryKind.TaskDue, t.DueOn, today) with
        {
            TaskId = t.Id,
            Title = t.Title,
            Owner = t.Owner,
            TaskStatus = t.Status,
            NeedCode = t.NeedCode,
        });
    }

    private static async Task<IEnumerable<TimelineEntry>> MilestonesAsync(
        CaseManagerDbContext db, Guid householdId, DateOnly today, CancellationToken cancellationToken)
    {
        var milestones = await db.Milestones.AsNoTracking()
            .Where(m => m.HouseholdId == householdId && !m.Reached)
            .OrderBy(m => m.On)
            .Take(MaxUpcomingPerSource)
            .Select(m => new { m.Title, m.On })
            .ToListAsync(cancellationToken);
        return milestones.Select(m => Upcoming(TimelineEntryKind.MilestoneDue, m.On, today) with { Title = m.Title });
    }

    /// <summary>
    /// The stays the household is booked on and that are still open (planned or confirmed), on their
    /// first day; one whose last day has passed without being marked completed is overdue.
    /// </summary>
    private static async Task<IEnumerable<TimelineEntry>> ComingStaysAsync(
        CaseManagerDbContext db, Guid householdId, DateOnly today, CancellationToken cancellationToken)
    {
        var stays = await (
                from p in db.StayParticipants.AsNoTracking()
                join s in db.Stays on p.StayId equals s.Id
                join partner in db.RegionalPartners on s.HostPartnerId equals partner.Id
                where p.HouseholdId == householdId && (s.Status == StayStatus.Planned || s.Status == StayStatus.Confirmed)
                orderby s.StartOn
                select new { s.Id, s.RegionCode, Partner = partner.Name, s.StartOn, s.EndOn, s.Status, p.PeopleCount })
            .Take(MaxUpcomingPerSource)
            .ToListAsync(cancellationToken);
        return stays.Select(s => Upcoming(TimelineEntryKind.StayComing, s.StartOn, today) with
        {
            Overdue = s.EndOn < today,
            Date = s.EndOn,
            StayId = s.Id,
            RegionCode = s.RegionCode,
            PartnerName = s.Partner,
            StayStatus = s.Status,
            PeopleCount = s.PeopleCount,
        });
    }

    /// <summary>The completed stays the household was booked on, on their last day, present or absent.</summary>
    private static async Task<IEnumerable<TimelineEntry>> CompletedStaysAsync(
        CaseManagerDbContext db, Guid householdId, int take, CancellationToken cancellationToken)
    {
        var stays = await (
                from p in db.StayParticipants.AsNoTracking()
                join s in db.Stays on p.StayId equals s.Id
                join partner in db.RegionalPartners on s.HostPartnerId equals partner.Id
                where p.HouseholdId == householdId && s.Status == StayStatus.Completed
                orderby s.EndOn descending
                select new { s.Id, s.RegionCode, Partner = partner.Name, s.StartOn, s.EndOn, p.PeopleCount, p.Attendance })
            .Take(take)
            .ToListAsync(cancellationToken);
        return stays.Select(s => new TimelineEntry
        {
            Kind = TimelineEntryKind.StayCompleted,
            Day = s.EndOn,
            SortKey = AppClock.FromLocal(s.EndOn, Noon),
            Date = s.StartOn,
            StayId = s.Id,
            RegionCode = s.RegionCode,
            PartnerName = s.Partner,
            StayStatus = StayStatus.Completed,
            Attendance = s.Attendance,
            PeopleCount = s.PeopleCount,
        });
    }

    /// <summary>The household's debriefs, when recorded: interest, next steps, comment.</summary>
    private static async Task<IEnumerable<TimelineEntry>> DebriefsAsync(
        CaseManagerDbContext db, Guid householdId, int take, CancellationToken cancellationToken)
    {
        var debriefs = await (
                from d in db.StayDebriefs.AsNoTracking()
                join s in db.Stays on d.StayId equals s.Id
                where d.HouseholdId == householdId
                orderby d.RecordedAt descending
                select new
                {
                    d.StayId,
                    s.RegionCode,
                    d.Interest,
                    d.RecordedAt,
                    d.RecordedByName,
                    d.Comment,
                    Steps = d.NextSteps.OrderBy(n => n.SortOrder).Select(n => n.Text).ToList(),
                })
            .Take(take)
            .ToListAsync(cancellationToken);
        return debriefs.Select(d => Happened(TimelineEntryKind.StayDebriefed, d.RecordedAt, d.RecordedByName) with
        {
            StayId = d.StayId,
            RegionCode = d.RegionCode,
            Interest = d.Interest,
            Titles = d.Steps,
            Text = d.Comment,
        });
    }
    private sealed record SessionLine(
        string Title, DateTimeOffset StartsAt, SessionStatus SessionStatus, RegistrationStatus Status, Domain.Sessions.Attendance? Attendance,
        DateTimeOffset RegisteredAt, string RegisteredBy, string? AttendanceRecordedBy);

    /// <summary>The household's registrations (the most recent sessions, bounded) with their sessions.</summary>
    private static async Task<List<SessionLine>> SessionsAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken) =>
        await (
                from r in db.SessionRegistrations.AsNoTracking()
                where r.HouseholdId == householdId
                join s in db.InfoSessions on r.SessionId equals s.Id
                orderby s.StartsAt descending
                select new SessionLine(s.Title, s.StartsAt, s.Status, r.Status, r.Attendance, r.RegisteredAt, r.RegisteredBy, r.AttendanceRecordedBy))
            .Take(MaxUpcomingPerSource)
            .ToListAsync(cancellationToken);

    private static TimelineEntry Happened(TimelineEntryKind kind, DateTimeOffset at, string? actor) => new()
    {
        Kind = kind,
        At = at,
        Day = AppClock.DateOf(at),
        SortKey = at,
        Actor = actor,
    };

    private static TimelineEntry Upcoming(TimelineEntryKind kind, DateOnly day, DateOnly today) => new()
    {
        Kind = kind,
        Day = day,
        SortKey = AppClock.FromLocal(day, Noon),
        Overdue = day < today,
    };
}
