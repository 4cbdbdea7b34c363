namespace CaseManager.Data.Entities;

/// <summary>
/// The secret of a counsellor's calendar feed (a URL calendar apps read without signing in). Only
/// its SHA-256 hash is kept: the URL is shown once, when it is made; regenerating replaces it,
/// revoking deletes it.
/// </summary>
public sealed class CalendarFeedToken
{
    public string UserId { get; set; } = "";

    /// <summary>Lower-case hexadecimal SHA-256 of the token.</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
