using System.Globalization;
using System.Text.RegularExpressions;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>
/// The <c>TextMessages</c> section: the provider's account (Twilio), the sender (a number or a
/// messaging service) and, for tests and development, the address of a local server that speaks the
/// provider's API. Text messages are off unless an account is configured; only in Development and demo
/// mode does it default to the local fake that scripts/run.sh starts.
/// </summary>
public sealed partial class TextMessageOptions
{
    public const string Section = "TextMessages";

    /// <summary>The provider's own address.</summary>
    public const string ProviderApiBaseUrl = "https://api.twilio.com";

    /// <summary>The local fake (scripts/FakeSms) scripts/run.sh starts: used only with developer defaults.</summary>
    public const string DeveloperApiBaseUrl = "http://127.0.0.1:5184";

    public const string DeveloperAccountSid = "AC00000000000000000000000000000000";
    public const string DeveloperAuthToken = "casemanager-development-token";
    public const string DeveloperFrom = "+15145550100";

    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    /// <summary>The sending number, E.164 (+15145550100); or else <see cref="MessagingServiceSid"/>.</summary>
    public string? From { get; set; }

    /// <summary>A Twilio messaging service (MG…), which picks the sending number itself.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Where the provider's API answers; the provider's own address unless told otherwise.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Whether the provider is asked to report delivery to <c>/api/sms/status</c> (needs a public App:BaseUrl).</summary>
    public bool StatusCallbacks { get; set; } = true;

    /// <summary>Whether text messages go out at all: an account is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(AccountSid);

    internal static IEnumerable<string> Validate(TextMessageOptions o)
    {
        if (!o.Enabled)
        {
            if (!string.IsNullOrWhiteSpace(o.AuthToken) || !string.IsNullOrWhiteSpace(o.From) || !string.IsNullOrWhiteSpace(o.MessagingServiceSid))
            {
                yield return "TextMessages:AccountSid is required when TextMessages:AuthToken, From or MessagingServiceSid is set (or remove them to turn text messages off).";
            }

            yield break;
        }

        if (!AccountSidPattern().IsMatch(o.AccountSid!))
        {
            yield return "TextMessages:AccountSid must be the account's SID (AC followed by 32 hexadecimal characters).";
        }

        if (string.IsNullOrWhiteSpace(o.AuthToken))
        {
            yield return "TextMessages:AuthToken is required with TextMessages:AccountSid (the account's auth token; it also signs the provider's webhooks).";
        }

        var from = !string.IsNullOrWhiteSpace(o.From);
        var service = !string.IsNullOrWhiteSpace(o.MessagingServiceSid);
        if (!from && !service)
        {
            yield return "TextMessages:From (a number, e.g. +15145550100) or TextMessages:MessagingServiceSid (MG…) is required.";
        }

        if (from && !E164Pattern().IsMatch(o.From!))
        {
            yield return $"TextMessages:From must be a number in E.164 form, e.g. +15145550100 (it is {o.From}).";
        }

        if (service && !ServiceSidPattern().IsMatch(o.MessagingServiceSid!))
        {
            yield return "TextMessages:MessagingServiceSid must be a messaging service SID (MG followed by 32 hexadecimal characters).";
        }

        if (!Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(api.Query))
        {
            yield return $"TextMessages:ApiBaseUrl must be an absolute http or https address (it is {o.ApiBaseUrl}).";
        }
        else if (api.Scheme == Uri.UriSchemeHttp && !api.IsLoopback)
        {
            // The account's credentials never cross a network in clear: plain http only to this machine (a local fake).
            yield return string.Create(CultureInfo.InvariantCulture, $"TextMessages:ApiBaseUrl must use https unless it is on this machine (it is {o.ApiBaseUrl}).");
        }
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex ServiceSidPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    internal static partial Regex E164Pattern();
}
