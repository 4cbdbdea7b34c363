namespace CaseManager.Data.Entities;

/// <summary>
/// An email waiting to be sent or sent (the outbox): the delivery job sends it through SMTP and
/// retries on failure; its <see cref="DedupKey"/> keeps a retried job from writing it twice.
/// </summary>
public sealed class OutgoingEmail
{
    public Guid Id { get; set; }
    public string? ToUserId { get; set; }
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }

    /// <summary>For example "notification:{id}" or "digest:{user}:2026-04-02".</summary>
    public string DedupKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// Not to be tried before this instant: the backoff after a failure, or the lease of the sender
    /// that claimed it (another sender leaves it alone meanwhile). Null: as soon as possible.
    /// </summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}
