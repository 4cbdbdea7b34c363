using CaseManager.Web.Infrastructure.RateLimiting;

namespace CaseManager.Web.Features.HouseholdSpace;

/// <summary>
/// <c>HouseholdSpace:LinkValidHours</c> (72 by default, 1 to 720): how long a personal link may be
/// opened. <c>HouseholdSpace:SessionDays</c> (30, 1 to 365): how long the link, once opened, keeps
/// that device signed in. The limits, counted in PostgreSQL per client address: opening a link
/// (<c>RedeemPermitLimit</c> per <c>RedeemWindowSeconds</c>, 10 per 15 minutes) and asking for a new
/// one (<c>RequestPermitLimit</c> per <c>RequestWindowSeconds</c>, 5 per hour; and 3 per hour for the
/// same address or number, <c>RequestPerAddressLimit</c>).
/// </summary>
public sealed class HouseholdSpaceOptions
{
    public const string Section = "HouseholdSpace";

    public const string Rules =
        "HouseholdSpace: LinkValidHours must be between 1 and 720, SessionDays between 1 and 365, every permit limit between 1 and 10000 and every window between 1 and 86400 seconds.";

    public int LinkValidHours { get; set; } = 72;
    public int SessionDays { get; set; } = 30;
    public int RedeemPermitLimit { get; set; } = 10;
    public int RedeemWindowSeconds { get; set; } = 900;
    public int RequestPermitLimit { get; set; } = 5;
    public int RequestPerAddressLimit { get; set; } = 3;
    public int RequestWindowSeconds { get; set; } = 3600;

    public bool IsValid =>
        LinkValidHours is >= 1 and <= 720 && SessionDays is >= 1 and <= 365 &&
        new[] { RedeemPermitLimit, RequestPermitLimit, RequestPerAddressLimit }.All(p => p is >= 1 and <= 10_000) &&
        new[] { RedeemWindowSeconds, RequestWindowSeconds }.All(s => s is >= 1 and <= 86_400);

    public RateLimitRule Redeem => new("household-link-open", RedeemPermitLimit, TimeSpan.FromSeconds(RedeemWindowSeconds));

    public RateLimitRule Request => new("household-link-ask", RequestPermitLimit, TimeSpan.FromSeconds(RequestWindowSeconds));

    public RateLimitRule RequestPerAddress => new("household-link-ask-to", RequestPerAddressLimit, TimeSpan.FromSeconds(RequestWindowSeconds));
}
