using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Stays;

namespace CaseManager.Web.Features.Timeline;

/// <summary>What a line of a file's timeline tells.</summary>
public enum TimelineEntryKind
{
    // What happened.
    FileOpened,
    StageChanged,
    StatusChanged,
    Contact,
    Note,
    GoalsAdded,
    GoalsRemoved,
    GoalStatusChanged,
    TasksAdded,
    TasksRemoved,
    TaskStatusChanged,
    MilestonesAdded,
    MilestonesRemoved,
    MilestoneReached,
    PlanAgreed,
    TargetMoveDateChanged,
    RetentionAnswered,
    StayCompleted,
    StayDebriefed,
    Assigned,
    SessionRegistered,
    SessionAttendance,

    /// <summary>An email or text message to the household (a reminder, or a text sent from the file), with its delivery status.</summary>
    HouseholdMessage,

    // What is coming.
    TaskDue,
    MilestoneDue,
    TargetMoveDate,
    HoldReview,
    RetentionDue,
    StayComing,
    SessionComing,
}

/// <summary>
/// One line of a file's timeline: its kind, when, who, and the details its kind uses (the others
/// stay null). Texts are composed by the interface, in the person's language.
/// </summary>
public sealed record TimelineEntry
{
    public required TimelineEntryKind Kind { get; init; }

    /// <summary>The instant it happened, for what has a time of day (stage changes, contacts, plan changes).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The calendar day (Montréal) it happened or falls due.</summary>
    public required DateOnly Day { get; init; }

    /// <summary>Who did it.</summary>
    public string? Actor { get; init; }

    /// <summary>The task's or milestone's title, or a goal's needs domain code.</summary>
    public string? Title { get; init; }

    /// <summary>What one save added or removed together (a template applied adds several tasks at once).</summary>
    public IReadOnlyList<string> Titles { get; init; } = [];

    /// <summary>A journal entry's text (its beginning when <see cref="TextCut"/>), a comment, a reason.</summary>
    public string? Text { get; init; }

    public bool TextCut { get; init; }

    /// <summary>Something still to do whose day has passed.</summary>
    public bool Overdue { get; init; }

    /// <summary>A day the line speaks of: the day the plan was agreed, the new target move date…</summary>
    public DateOnly? Date { get; init; }

    public TransitionKind? Transition { get; init; }
    public Stage? FromStage { get; init; }
    public Stage? ToStage { get; init; }
    public CaseStatus? ToStatus { get; init; }
    public string? ReasonCode { get; init; }
    public ContactChannel? Channel { get; init; }
    public JournalEntryKind? JournalKind { get; init; }
    public TaskOwner? Owner { get; init; }
    public PlanTaskStatus? TaskStatus { get; init; }
    public PlanTaskStatus? PreviousTaskStatus { get; init; }
    public GoalStatus? GoalStatus { get; init; }
    public string? NeedCode { get; init; }
    public Guid? TaskId { get; init; }
    public Guid? RetentionCheckId { get; init; }
    public int? MonthsAfter { get; init; }
    public bool? StillInRegion { get; init; }
    public bool? Working { get; init; }
    public bool? Housed { get; init; }

    /// <summary>The stay a stay's or debrief's line speaks of, its host region and host partner.</summary>
    public Guid? StayId { get; init; }
    public string? RegionCode { get; init; }
    public string? PartnerName { get; init; }
    public StayStatus? StayStatus { get; init; }

    /// <summary>Whether the household came to a completed stay, and how many of its people it brought.</summary>
    public Attendance? Attendance { get; init; }
    public int? PeopleCount { get; init; }

    /// <summary>A debrief's interest in the region (1 to 5) and its next steps.</summary>
    public int? Interest { get; init; }

    /// <summary>Why the file went to the counsellor named in <see cref="Title"/>.</summary>
    public Domain.Assignment.AssignmentReason? AssignmentReason { get; init; }

    /// <summary>A session line: the registration's status and the attendance recorded.</summary>
    public Domain.Sessions.RegistrationStatus? Registration { get; init; }

    public Domain.Sessions.Attendance? SessionAttendance { get; init; }

    /// <summary>A message to the household: the reminder it told (none for a text sent from the file), its channel and status.</summary>
    public Domain.HouseholdReminders.HouseholdReminderKind? HouseholdReminder { get; init; }

    public Domain.HouseholdReminders.HouseholdChannel? MessageChannel { get; init; }

    public Domain.HouseholdReminders.TextMessageStatus? MessageStatus { get; init; }

    /// <summary>Where the line sorts: its instant, or noon (Montréal) of its day.</summary>
    internal DateTimeOffset SortKey { get; init; }

    /// <summary>Keeps the lines of one save in the order they were written.</summary>
    internal int Order { get; init; }
}

/// <summary>
/// A file's timeline: what is coming (soonest first, overdue first), today, and what happened
/// (newest first, <see cref="HasEarlier"/> when older lines were left out).
/// </summary>
public sealed record TimelineView(
    DateOnly Today,
    IReadOnlyList<TimelineEntry> Upcoming,
    IReadOnlyList<TimelineEntry> Past,
    bool HasEarlier,
    bool ReadOnly);
