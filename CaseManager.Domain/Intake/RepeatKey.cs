namespace CaseManager.Domain.Intake;

/// <summary>
/// The idempotency key of a registration that was a repeat (it matched an open file, and was
/// recorded on it): kept like the key of a registration that opened a file, so that a retry with
/// the key returns the same receipt, and the same key with another content is refused.
/// </summary>
public sealed class RepeatKey
{
    private RepeatKey()
    {
    }

    /// <summary>Who sent it (the API key's scope, or the public form's).</summary>
    public string Scope { get; private set; } = "";

    public string IdempotencyKey { get; private set; } = "";

    /// <summary>The SHA-256 of what was sent (hex): the same key with another content is a conflict.</summary>
    public string RequestHash { get; private set; } = "";

    /// <summary>The registration whose receipt the repeat was answered with.</summary>
    public Guid RegistrationId { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public static RepeatKey Record(string scope, string idempotencyKey, string requestHash, Guid registrationId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestHash);
        return new RepeatKey
        {
            Scope = scope,
            IdempotencyKey = idempotencyKey.Trim(),
            RequestHash = requestHash,
            RegistrationId = registrationId,
            ReceivedAt = at.ToUniversalTime(),
        };
    }
}
