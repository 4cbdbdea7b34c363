namespace CaseManager.Data.Entities;

/// <summary>
/// A household's personal link to its space. Only the SHA-256 of the token's 32 random bytes is
/// kept (the token itself is in the address sent to the household, once). A link opens the space
/// once, before it expires, unless it was ended (a newer link ends the unused earlier ones; the
/// counsellor's revocation ends them all).
/// </summary>
public sealed class HouseholdLink
{
    /// <summary>Lower-case hexadecimal SHA-256: 64 characters.</summary>
    public const int TokenHashLength = 64;
    public const int MaxIssuedByLength = 450;

    public Guid Id { get; set; }
    public Guid HouseholdId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The user id of the counsellor who sent it, "household" when the household asked for it, or a job's name.</summary>
    public string IssuedBy { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the link was opened (it signed one device in); a link opens once.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>When the link was ended before use (a newer link, or the counsellor's revocation).</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// One device a personal link signed in: the household's cookie carries this id, and every request
/// checks it here (open, not expired), so the counsellor's revocation is final on every server.
/// </summary>
public sealed class HouseholdDeviceSession
{
    public Guid Id { get; set; }
    public Guid HouseholdId { get; set; }
    public Guid LinkId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The last time the household used its space on this device (updated at most every few minutes).</summary>
    public DateTimeOffset? LastSeenAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
