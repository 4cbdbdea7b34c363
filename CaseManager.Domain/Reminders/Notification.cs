namespace CaseManager.Domain.Reminders;

/// <summary>What a reminder is about. Each kind has one rule an administrator tunes.</summary>
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
}

/// <summary>Who a rule's reminders go to.</summary>
public enum ReminderAudience
{
    Counsellor,
    Supervisors,
    CounsellorAndSupervisors,
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
    ];
}

/// <summary>
/// A reminder that fell due, recorded once under its <see cref="DedupKey"/> (kind, subject, due
/// date) by the sweep; the delivery job turns it into notifications and emails.
/// </summary>
public sealed class Reminder
{
    public Guid Id { get; set; }
    public ReminderKind Kind { get; set; }
    public Guid HouseholdId { get; set; }

    /// <summary>The task, retention check or file the reminder is about.</summary>
    public Guid SubjectId { get; set; }

    public DateOnly DueOn { get; set; }
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
