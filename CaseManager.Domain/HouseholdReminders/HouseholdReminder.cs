namespace CaseManager.Domain.HouseholdReminders;

/// <summary>What a reminder to the household itself is about: one rule each, which administrators tune.</summary>
public enum HouseholdReminderKind
{
    /// <summary>The household has a seat at an information session N days from now (2 by default).</summary>
    SessionSoon,

    /// <summary>The morning of a session the household has a seat at.</summary>
    SessionToday,

    /// <summary>An exploratory stay the household is booked on leaves in N days (7 by default).</summary>
    StayDepartureSoon,

    /// <summary>A task of the plan assigned to the household is due in N days (3 by default).</summary>
    TaskDueSoon,

    /// <summary>
    /// The moving-subsidy application still lacks documents N days on: information was asked for and not
    /// given, or a draft still has no document at all.
    /// </summary>
    SubsidyDocumentMissing,

    /// <summary>"How is it going?" N months after the move (3, 6, 12 by default).</summary>
    FollowUpThreeMonths,
    FollowUpSixMonths,
    FollowUpTwelveMonths,
}

/// <summary>How a household hears of a reminder.</summary>
public enum HouseholdChannel
{
    Email,
    TextMessage,
}

/// <summary>
/// A rule of the household's reminders: on or off, its delay, and the channels it may use (each still
/// needs the household's consent to that channel).
/// </summary>
public sealed class HouseholdReminderRule
{
    /// <summary>The consent purposes (codes of <c>consent_purposes</c>) a household gives for each channel.</summary>
    public const string EmailPurpose = "reminders-email";

    public const string TextMessagePurpose = "reminders-sms";

    public HouseholdReminderKind Kind { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Days before the date (session, stay, task), days after it (a document missing), months after the move (follow-ups).</summary>
    public int Delay { get; set; }

    public bool ByEmail { get; set; } = true;
    public bool ByTextMessage { get; set; } = true;

    /// <summary>Concurrency token (PostgreSQL xmin): two administrators saving the same rule.</summary>
    public uint Version { get; set; }

    public static bool CountsInMonths(HouseholdReminderKind kind) => kind switch
    {
        HouseholdReminderKind.FollowUpThreeMonths or HouseholdReminderKind.FollowUpSixMonths or HouseholdReminderKind.FollowUpTwelveMonths => true,
        HouseholdReminderKind.SessionSoon or HouseholdReminderKind.SessionToday or HouseholdReminderKind.StayDepartureSoon
            or HouseholdReminderKind.TaskDueSoon or HouseholdReminderKind.SubsidyDocumentMissing => false,
    };

    /// <summary>The delays an administrator may choose (the morning of a session has none).</summary>
    public static (int Min, int Max) DelayLimits(HouseholdReminderKind kind) => kind switch
    {
        HouseholdReminderKind.SessionSoon => (1, 14),
        HouseholdReminderKind.SessionToday => (0, 0),
        HouseholdReminderKind.StayDepartureSoon => (1, 30),
        HouseholdReminderKind.TaskDueSoon => (0, 30),
        HouseholdReminderKind.SubsidyDocumentMissing => (1, 90),
        HouseholdReminderKind.FollowUpThreeMonths or HouseholdReminderKind.FollowUpSixMonths or HouseholdReminderKind.FollowUpTwelveMonths => (1, 36),
    };

    /// <summary>Whether a rule's settings are within what the program allows; the reason's text key when not.</summary>
    public string? Problem()
    {
        var (min, max) = DelayLimits(Kind);
        if (Delay < min || Delay > max)
        {
            return "Rule.DelayOutOfRange";
        }

        return Enabled && !ByEmail && !ByTextMessage ? "Rule.NoChannel" : null;
    }

    public static IReadOnlyList<HouseholdReminderRule> Defaults() =>
    [
        new() { Kind = HouseholdReminderKind.SessionSoon, Delay = 2 },
        new() { Kind = HouseholdReminderKind.SessionToday, Delay = 0 },
        new() { Kind = HouseholdReminderKind.StayDepartureSoon, Delay = 7 },
        new() { Kind = HouseholdReminderKind.TaskDueSoon, Delay = 3 },
        new() { Kind = HouseholdReminderKind.SubsidyDocumentMissing, Delay = 7 },
        new() { Kind = HouseholdReminderKind.FollowUpThreeMonths, Delay = 3 },
        new() { Kind = HouseholdReminderKind.FollowUpSixMonths, Delay = 6 },
        new() { Kind = HouseholdReminderKind.FollowUpTwelveMonths, Delay = 12 },
    ];
}

/// <summary>
/// A reminder to a household that fell due, recorded once by the sweep under its <see cref="DedupKey"/>
/// (rule, subject, the date it is about); the delivery job turns it into an email and a text message,
/// each only with the household's consent to that channel.
/// </summary>
public sealed class HouseholdReminder
{
    public Guid Id { get; set; }
    public HouseholdReminderKind Kind { get; set; }
    public Guid HouseholdId { get; set; }

    /// <summary>The session registration, stay participation, task, application or file the reminder is about.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>The date it is about: the session's or stay's first day, the task's due date, the day documents were asked for, the move.</summary>
    public DateOnly SubjectOn { get; set; }

    /// <summary>The Montréal day the rule made it due.</summary>
    public DateOnly DueOn { get; set; }

    public string DedupKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set once the delivery job queued what the household consented to.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>Where an outgoing text message stands, as the provider reports it.</summary>
public enum TextMessageStatus
{
    /// <summary>In the outbox, not yet accepted by the provider (possibly held for quiet hours or a retry).</summary>
    Queued,

    /// <summary>Accepted by the provider (its sid recorded).</summary>
    Sent,

    /// <summary>The carrier confirmed delivery to the phone.</summary>
    Delivered,

    /// <summary>Refused for good: by the provider after every attempt, or undelivered by the carrier.</summary>
    Failed,
}

/// <summary>Quiet hours for text messages: none between 21 h and 8 h, Montréal time.</summary>
public static class QuietHours
{
    public static readonly TimeOnly Start = new(21, 0);
    public static readonly TimeOnly End = new(8, 0);

    public static bool IsQuiet(TimeOnly localTime) => localTime >= Start || localTime < End;
}
