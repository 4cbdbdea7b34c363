namespace CaseManager.Domain.Reminders;

/// <summary>
/// What a reminder or notification is about. Each kind of <see cref="ReminderRule.RuleKinds"/> has
/// one rule an administrator tunes; the others are told when something happens to a file (it was
/// assigned), not swept for.
/// </summary>
public enum ReminderKind
{
    /// <summary>A plan task is due in N days.</summary>
    TaskDueSoon,

    /// <summary>A plan task is N days past its due date and still open.</summary>
    TaskOverdue,

    /// <summary>An active file has had no contact for N days.</summary>
    NoContact,

    /// <summary>An active file has had no contact for M days: the supervisors are told.</summary>
    NoContactEscalation,

    /// <summary>The plan's target move date is in N days.</summary>
    TargetMoveDateSoon,

    /// <summary>A file on hold is N days past its review date.</summary>
    HoldReviewDue,

    /// <summary>Follow-ups after settlement, which create a retention check.</summary>
    RetentionThreeMonths,
    RetentionSixMonths,
    RetentionTwelveMonths,

    /// <summary>An exploratory stay ended N days ago and a household that took part has no debrief yet.</summary>
    StayDebriefDue,

    /// <summary>A file was assigned to the person (distribution, reassignment, absence, return). No rule.</summary>
    FileAssigned,

    /// <summary>A file the person held went to another counsellor. No rule.</summary>
    FileReassignedAway,

    /// <summary>A household is registered to an information session N days from now (the day before, by default).</summary>
    SessionTomorrow,

    /// <summary>An information session a household was registered to was cancelled (recorded at the cancellation, not swept).</summary>
    SessionCancelled,

    /// <summary>A household on a session's waiting list got a seat (a registration withdrawn, the capacity raised); recorded then, not swept.</summary>
    SessionSeatGranted,

    /// <summary>
    /// A rights request (Law 25) past its legal due date, to its assigned privacy officer (or all of
    /// them): written by its own daily job from the requests, in the app only, not by the file sweep.
    /// </summary>
    RightsRequestOverdue,

    /// <summary>A moving-subsidy application was submitted (or resubmitted): its reviewers are told. Recorded then, not swept.</summary>
    SubsidySubmitted,

    /// <summary>A reviewer asked for information on a subsidy application: the file's counsellor is told. Recorded then, not swept.</summary>
    SubsidyInformationRequested,

    /// <summary>A subsidy application was approved: the file's counsellor is told. Recorded then, not swept.</summary>
    SubsidyApproved,

    /// <summary>A subsidy application was refused: the file's counsellor is told. Recorded then, not swept.</summary>
    SubsidyRefused,

    /// <summary>A subsidy application has waited for a decision more than N working days: its reviewers and the supervisors are told.</summary>
    SubsidyReviewOverdue,

    /// <summary>
    /// A subsidy application still waits N more working days after its first "waiting" reminder
    /// (<see cref="SubsidyReviewOverdue"/>): a second reminder, to its reviewers and the supervisors.
    /// </summary>
    SubsidyReviewEscalation,

    /// <summary>A resource of the regional directory has not been verified for N months: the administrators are told.</summary>
    ResourceVerificationDue,

    /// <summary>The household wrote to its counsellor from its personal space. No rule: written with the message.</summary>
    HouseholdMessage,

    /// <summary>The household corrected its contact details or languages in its personal space. No rule: written with the change.</summary>
    HouseholdDetailsChanged,
}

/// <summary>Who a rule's reminders go to.</summary>
public enum ReminderAudience
{
    Counsellor,
    Supervisors,
    CounsellorAndSupervisors,

    /// <summary>The administrators (reminders about the program's own data, not about a file).</summary>
    Administrators,
}

/// <summary>A reminder rule an administrator may switch off, retime or redirect.</summary>
public sealed class ReminderRule
{
    public ReminderKind Kind { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Days before a date (due soon, move date soon), after a date (overdue, no contact, review
    /// passed), or months after settlement for the retention follow-ups.
    /// </summary>
    public int Delay { get; set; }

    public ReminderAudience Audience { get; set; }

    /// <summary>Concurrency token (PostgreSQL xmin): two administrators saving the same rule.</summary>
    public uint Version { get; set; }

    /// <summary>Retention follow-ups count their delay in months after settlement; every other rule in days.</summary>
    public static bool CountsInMonths(ReminderKind kind) => kind switch
    {
        ReminderKind.RetentionThreeMonths or ReminderKind.RetentionSixMonths or ReminderKind.RetentionTwelveMonths
            or ReminderKind.ResourceVerificationDue => true,
        ReminderKind.TaskDueSoon or ReminderKind.TaskOverdue or ReminderKind.NoContact or ReminderKind.NoContactEscalation
            or ReminderKind.TargetMoveDateSoon or ReminderKind.HoldReviewDue or ReminderKind.StayDebriefDue
            or ReminderKind.SessionTomorrow or ReminderKind.SessionCancelled or ReminderKind.SessionSeatGranted => false,
        ReminderKind.FileAssigned or ReminderKind.FileReassignedAway or ReminderKind.RightsRequestOverdue
            or ReminderKind.HouseholdMessage or ReminderKind.HouseholdDetailsChanged => false,
        ReminderKind.SubsidySubmitted or ReminderKind.SubsidyInformationRequested or ReminderKind.SubsidyApproved
            or ReminderKind.SubsidyRefused or ReminderKind.SubsidyReviewOverdue or ReminderKind.SubsidyReviewEscalation => false,
    };

    /// <summary>
    /// Whether the sweep looks for this kind. A session's cancellation and a seat granted from its
    /// waiting list are recorded when they happen;
    /// the assignment notices are written by the assignment itself.
    /// </summary>
    public static bool IsSwept(ReminderKind kind) => kind switch
    {
        ReminderKind.TaskDueSoon or ReminderKind.TaskOverdue or ReminderKind.NoContact or ReminderKind.NoContactEscalation
            or ReminderKind.TargetMoveDateSoon or ReminderKind.HoldReviewDue or ReminderKind.StayDebriefDue
            or ReminderKind.SessionTomorrow or ReminderKind.RetentionThreeMonths or ReminderKind.RetentionSixMonths
            or ReminderKind.RetentionTwelveMonths or ReminderKind.SubsidyReviewOverdue or ReminderKind.SubsidyReviewEscalation
            or ReminderKind.ResourceVerificationDue => true,
        ReminderKind.SessionCancelled or ReminderKind.SessionSeatGranted or ReminderKind.FileAssigned or ReminderKind.FileReassignedAway
            or ReminderKind.RightsRequestOverdue or ReminderKind.HouseholdMessage or ReminderKind.HouseholdDetailsChanged => false,
        ReminderKind.SubsidySubmitted or ReminderKind.SubsidyInformationRequested or ReminderKind.SubsidyApproved or ReminderKind.SubsidyRefused => false,
    };

    /// <summary>
    /// The delays an administrator may choose, in days (or months for the retention follow-ups).
    /// Zero is allowed where "on the day itself" makes sense: a task due today, a move date today,
    /// a review date reached today.
    /// </summary>
    public static (int Min, int Max) DelayLimits(ReminderKind kind) => kind switch
    {
        ReminderKind.TaskDueSoon => (0, 60),
        ReminderKind.TaskOverdue => (1, 90),
        ReminderKind.NoContact => (1, 365),
        ReminderKind.NoContactEscalation => (1, 730),
        ReminderKind.TargetMoveDateSoon => (0, 180),
        ReminderKind.HoldReviewDue => (0, 90),
        ReminderKind.StayDebriefDue => (0, 60),
        ReminderKind.RetentionThreeMonths or ReminderKind.RetentionSixMonths or ReminderKind.RetentionTwelveMonths => (1, 36),
        ReminderKind.SessionTomorrow => (1, 14),
        ReminderKind.ResourceVerificationDue => (1, 60),
        ReminderKind.SessionCancelled or ReminderKind.SessionSeatGranted => (0, 0),
        ReminderKind.SubsidySubmitted or ReminderKind.SubsidyInformationRequested or ReminderKind.SubsidyApproved or ReminderKind.SubsidyRefused => (0, 0),

        // Working days (Monday to Friday) the application may wait for a decision.
        ReminderKind.SubsidyReviewOverdue => (1, 60),

        // Working days after the first reminder that the application still waits.
        ReminderKind.SubsidyReviewEscalation => (1, 60),
        ReminderKind.FileAssigned or ReminderKind.FileReassignedAway or ReminderKind.RightsRequestOverdue
            or ReminderKind.HouseholdMessage or ReminderKind.HouseholdDetailsChanged =>
            throw new ArgumentException($"{kind} has no rule.", nameof(kind)),
    };

    /// <summary>
    /// Who a rule's reminders may go to: a reminder about a file goes to its counsellor and/or the
    /// supervisors; a reminder about the program's own data (a resource to verify) to the administrators.
    /// </summary>
    public static IReadOnlyList<ReminderAudience> AllowedAudiences(ReminderKind kind) => kind switch
    {
        ReminderKind.ResourceVerificationDue => [ReminderAudience.Administrators],
        _ => [ReminderAudience.Counsellor, ReminderAudience.Supervisors, ReminderAudience.CounsellorAndSupervisors],
    };

    /// <summary>The follow-up horizon (3, 6 or 12 months) a retention rule creates a check for; null for the others.</summary>
    public static int? RetentionHorizon(ReminderKind kind) => kind switch
    {
        ReminderKind.RetentionThreeMonths => 3,
        ReminderKind.RetentionSixMonths => 6,
        ReminderKind.RetentionTwelveMonths => 12,
        ReminderKind.TaskDueSoon or ReminderKind.TaskOverdue or ReminderKind.NoContact or ReminderKind.NoContactEscalation
            or ReminderKind.TargetMoveDateSoon or ReminderKind.HoldReviewDue or ReminderKind.StayDebriefDue
            or ReminderKind.SessionTomorrow or ReminderKind.SessionCancelled or ReminderKind.SessionSeatGranted => null,
        ReminderKind.FileAssigned or ReminderKind.FileReassignedAway or ReminderKind.RightsRequestOverdue
            or ReminderKind.ResourceVerificationDue or ReminderKind.HouseholdMessage or ReminderKind.HouseholdDetailsChanged => null,
        ReminderKind.SubsidySubmitted or ReminderKind.SubsidyInformationRequested or ReminderKind.SubsidyApproved
            or ReminderKind.SubsidyRefused or ReminderKind.SubsidyReviewOverdue or ReminderKind.SubsidyReviewEscalation => null,
    };

    /// <summary>The kinds an administrator tunes, one rule each: every kind but the assignment notices.</summary>
    public static IReadOnlyList<ReminderKind> RuleKinds { get; } = [.. Defaults().Select(r => r.Kind)];

    public static IReadOnlyList<ReminderRule> Defaults() =>
    [
        new() { Kind = ReminderKind.TaskDueSoon, Delay = 3, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.TaskOverdue, Delay = 1, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.NoContact, Delay = 30, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.NoContactEscalation, Delay = 60, Audience = ReminderAudience.Supervisors },
        new() { Kind = ReminderKind.TargetMoveDateSoon, Delay = 14, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.HoldReviewDue, Delay = 0, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.RetentionThreeMonths, Delay = 3, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.RetentionSixMonths, Delay = 6, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.RetentionTwelveMonths, Delay = 12, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.StayDebriefDue, Delay = 3, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.SessionTomorrow, Delay = 1, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.SessionCancelled, Delay = 0, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.SessionSeatGranted, Delay = 0, Audience = ReminderAudience.Counsellor },

        // The subsidy's reviewers (partner users of the destination region) are added to the audience by the delivery.
        new() { Kind = ReminderKind.SubsidySubmitted, Delay = 0, Audience = ReminderAudience.Supervisors },
        new() { Kind = ReminderKind.SubsidyInformationRequested, Delay = 0, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.SubsidyApproved, Delay = 0, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.SubsidyRefused, Delay = 0, Audience = ReminderAudience.Counsellor },
        new() { Kind = ReminderKind.SubsidyReviewOverdue, Delay = 5, Audience = ReminderAudience.Supervisors },
        new() { Kind = ReminderKind.SubsidyReviewEscalation, Delay = 5, Audience = ReminderAudience.Supervisors },

        new() { Kind = ReminderKind.ResourceVerificationDue, Delay = 12, Audience = ReminderAudience.Administrators },
    ];
}

/// <summary>
/// A reminder that fell due, recorded once under its <see cref="DedupKey"/> by the sweep; the
/// delivery job turns it into notifications and emails. The key is the kind, the subject and the
/// date the reminder is about (<see cref="SubjectOn"/>): retiming a rule never repeats a reminder
/// already given, and a new fact (a task's new due date, a new contact) gives a new one.
/// </summary>
public sealed class Reminder
{
    public Guid Id { get; set; }
    public ReminderKind Kind { get; set; }

    /// <summary>The file the reminder is about; none for a reminder about the program's own data (a resource to verify).</summary>
    public Guid? HouseholdId { get; set; }

    /// <summary>The task, retention check, file or resource the reminder is about.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>The day the rule made the reminder due: the date it is about, plus or minus the rule's delay.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>
    /// The date the reminder is about: the task's due date, the last contact (or the opening day
    /// of a file never contacted), the target move date, the hold's review date, the settlement date.
    /// </summary>
    public DateOnly SubjectOn { get; set; }

    public string DedupKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set once the delivery job has notified every recipient.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>An in-app notification for one person, recorded once under its <see cref="DedupKey"/>.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public ReminderKind Kind { get; set; }
    public Guid? ReminderId { get; set; }
    public Guid? HouseholdId { get; set; }

    /// <summary>The day the reminder became due.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>Reminder and recipient: the same person is never told twice.</summary>
    public string DedupKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Snoozed: hidden from the bell until this instant.</summary>
    public DateTimeOffset? SnoozedUntil { get; set; }

    /// <summary>Dismissed: the person dealt with it (or chose to ignore it); recorded, not deleted.</summary>
    public DateTimeOffset? DismissedAt { get; set; }

    /// <summary>Set when this notification was sent by email, alone or in a daily digest.</summary>
    public DateTimeOffset? EmailedAt { get; set; }
}

/// <summary>How a person wants reminders by email.</summary>
public enum ReminderEmailMode
{
    /// <summary>One email per reminder, as soon as it is due.</summary>
    Immediate,

    /// <summary>One email a day at 7 h (Montréal) listing the day's reminders.</summary>
    DailyDigest,

    /// <summary>In-app notifications only.</summary>
    None,
}
