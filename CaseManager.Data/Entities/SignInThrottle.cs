namespace CaseManager.Data.Entities;

/// <summary>
/// Failed sign-ins counted under one key: an account (the email typed, whether or not it is
/// someone's), a client address, or a known device. Kept in PostgreSQL so that every instance
/// sees the same figure. The count starts again once the key has been quiet for the sign-in's
/// memory; an episode runs from <see cref="FirstFailureAt"/> while it is not forgotten, and its
/// owner is told once (<see cref="NotifiedAt"/>).
/// </summary>
public sealed class SignInThrottle
{
    public const int MaxKeyLength = 300;

    /// <summary>"account:{normalized email}", "address:{client address}" or "device:{id}".</summary>
    public string Key { get; set; } = "";

    public int Failures { get; set; }

    public DateTimeOffset FirstFailureAt { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    /// <summary>When the account's owner was told of this episode; null while not told.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
}
