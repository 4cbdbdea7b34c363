namespace CaseManager.Data.Entities;

/// <summary>
/// One sign-in of one person on one browser. The sign-in cookie carries the session's id; every
/// request and every open page checks that the session is still open, so signing out (or an
/// administrator ending the session) is final on every server, even for a copied cookie.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the session ended; null while it is open.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended (<see cref="UserSessionEndReasons"/>), null while open.</summary>
    public string? EndReason { get; set; }
}

public static class UserSessionEndReasons
{
    public const string SignedOut = "signed-out";
    public const int MaxLength = 40;
}
