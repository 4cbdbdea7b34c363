using CaseManager.Domain.HouseholdReminders;

namespace CaseManager.Data.Entities;

/// <summary>
/// A text message waiting to be sent, or sent (the outbox of text messages): the sender job hands it to
/// the provider and retries on failure; its <see cref="DedupKey"/> keeps a retried job from writing it
/// twice. The provider's later status reports (delivered, undelivered) are recorded on it.
/// </summary>
public sealed class OutgoingTextMessage
{
    public const int MaxBodyLength = 640;
    public const int MaxPhoneLength = 20;

    public Guid Id { get; set; }

    /// <summary>The household it goes to (none for a message to someone without a file).</summary>
    public Guid? HouseholdId { get; set; }

    /// <summary>The household reminder it tells, if it is one.</summary>
    public Guid? HouseholdReminderId { get; set; }

    /// <summary>The number, E.164 (+15145551234).</summary>
    public string ToNumber { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>For example "household-reminder:{id}:sms".</summary>
    public string DedupKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public TextMessageStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>Not to be tried before this instant: quiet hours, the backoff after a failure, or a sender's lease.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When the provider last reported on it (delivered, failed).</summary>
    public DateTimeOffset? StatusAt { get; set; }

    /// <summary>The provider's id of the message (Twilio: SM…).</summary>
    public string? ProviderSid { get; set; }

    /// <summary>The provider's error code, when it gave one (Twilio: 21610, 30003…).</summary>
    public string? ErrorCode { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// A number that answered STOP (or a synonym): no text message goes to it until it answers START. The
/// household files with that number also have their text-message consent withdrawn.
/// </summary>
public sealed class TextMessageOptOut
{
    /// <summary>E.164.</summary>
    public string PhoneNumber { get; set; } = "";

    public string Keyword { get; set; } = "";
    public DateTimeOffset OptedOutAt { get; set; }
}
