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

    /// <summary>For example "Notification:{id}" or "Digest:{user}:2026-04-02".</summary>
    public string DedupKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
