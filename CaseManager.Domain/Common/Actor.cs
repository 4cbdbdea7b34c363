namespace CaseManager.Domain.Common;

/// <summary>The person doing something, as recorded in history and audit.</summary>
public sealed record Actor(string Id, string Name);

/// <summary>
/// Who acts and when. Rules never read the clock: the edges pass the instant and the
/// program's calendar day (America/Montreal) in.
/// </summary>
public sealed record ActionContext(Actor Actor, DateTimeOffset Now, DateOnly Today)
{
    /// <summary>The instant, in UTC whatever offset it came with: what the database stores.</summary>
    public DateTimeOffset Now { get; init; } = Now.ToUniversalTime();
}
