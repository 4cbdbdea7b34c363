using MailKit.Security;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// The SMTP server reminders go out through (<c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:From</c>,
/// optionally <c>Smtp:Security</c>, <c>Smtp:UserName</c>, <c>Smtp:Password</c>). The defaults reach
/// the smtp4dev that scripts/run.sh starts.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, string From, SecureSocketOptions Security, string? UserName, string? Password)
{
    public const string DefaultFrom = "CaseManager <rappels@casemanager.local>";

    public static SmtpSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new SmtpSettings(
            configuration.GetValue("Smtp:Host", "127.0.0.1")!,
            configuration.GetValue("Smtp:Port", 2525),
            configuration.GetValue("Smtp:From", DefaultFrom)!,
            Enum.Parse<SecureSocketOptions>(configuration.GetValue("Smtp:Security", nameof(SecureSocketOptions.Auto))!, ignoreCase: true),
            configuration.GetValue<string?>("Smtp:UserName", null),
            configuration.GetValue<string?>("Smtp:Password", null));
    }
}

/// <summary>
/// The application's public address (<c>App:BaseUrl</c>), for links that leave the application:
/// an email's "open the file".
/// </summary>
public sealed record AppLinks(Uri BaseUrl)
{
    public const string DefaultBaseUrl = "http://127.0.0.1:5080";

    public static AppLinks Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration.GetValue("App:BaseUrl", DefaultBaseUrl)!;
        return new AppLinks(new Uri(value.TrimEnd('/') + "/", UriKind.Absolute));
    }

    public Uri Household(Guid id) => new(BaseUrl, $"households/{id}");

    public Uri Preferences => new(BaseUrl, "account/preferences");

    /// <summary>The subsidy review queue: where a reviewer (a partner user, who never opens a file) is sent.</summary>
    public Uri SubsidyReview => new(BaseUrl, "subsidies/review");
}
