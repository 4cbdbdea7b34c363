using MailKit.Security;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// The SMTP server the application's emails go out through, from the validated <c>Smtp</c> settings
/// (<see cref="CaseManager.Web.Hosting.SmtpOptions"/>: <c>Smtp:Host</c>, <c>Smtp:Port</c>,
/// <c>Smtp:From</c>, optionally <c>Smtp:Security</c>, <c>Smtp:UserName</c>, <c>Smtp:Password</c>).
/// Only in Development and demo mode do they default to the smtp4dev that scripts/run.sh starts.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, string From, SecureSocketOptions Security, string? UserName, string? Password)
{
    /// <summary>The sender in Development and demo mode (production names its own, <c>Smtp:From</c>).</summary>
    public const string DefaultFrom = "CaseManager <rappels@casemanager.local>";
}

/// <summary>
/// The application's public address (<c>App:BaseUrl</c>), for links that leave the application:
/// an email's "open the file", the first administrator's set-password link. Validated at start
/// (<c>App:BaseUrl</c>, an absolute http or https address).
/// </summary>
public sealed record AppLinks(Uri BaseUrl)
{
    /// <summary>The page where a person sets their password with a one-time token (the first administrator's link).</summary>
    public Uri SetPassword(string userId, string token) =>
        new(BaseUrl, $"account/set-password?userId={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}");

    public Uri Household(Guid id) => new(BaseUrl, $"households/{id}");

    public Uri Preferences => new(BaseUrl, "account/preferences");

    /// <summary>The subsidy review queue: where a reviewer (a partner user, who never opens a file) is sent.</summary>
    public Uri SubsidyReview => new(BaseUrl, "subsidies/review");
}
