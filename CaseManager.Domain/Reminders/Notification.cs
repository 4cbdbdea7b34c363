namespace CaseManager.Domain.Reminders;

public enum NotificationKind
{
    NoContact,
}

/// <summary>An in-app notification for one person, recorded once under its <see cref="DedupKey"/>.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    public Guid? HouseholdId { get; set; }

    /// <summary>The day the reminder became due (for "no contact": the last contact plus the delay).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>Rule, file and due date: the same reminder is never recorded twice.</summary>
    public string DedupKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A reminder rule an administrator may switch off or retime.</summary>
public sealed class ReminderRule
{
    public const string NoContact = "NoContact";

    public string Code { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public int DelayDays { get; set; }
}
