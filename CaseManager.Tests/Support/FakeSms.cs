using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CaseManager.Web.Features.HouseholdReminders;

namespace CaseManager.Tests.Support;

/// <summary>A text message as the fake provider received it.</summary>
public sealed record ReceivedText(
    string Sid, string AccountSid, string To, string? From, string? MessagingServiceSid, string Body, string? StatusCallback, DateTimeOffset ReceivedAt);

/// <summary>
/// The fake of the text-message provider's API the test script starts (scripts/FakeSms): the application
/// sends to it through Twilio's real library; its HTTP API shows what arrived and can be told to fail.
/// Its address comes from CASEMANAGER_TEST_SMS_API, as scripts/test.sh exports it. Tests share one
/// server: each uses numbers of its own (<see cref="NewNumber"/>).
/// </summary>
public sealed class FakeSms : IDisposable
{
    public const string DefaultApi = "http://127.0.0.1:5183";
    public const string AuthToken = "test-auth-token";
    public const string From = "+15145550100";

    private readonly HttpClient _http = new() { BaseAddress = Api, Timeout = TimeSpan.FromSeconds(20) };

    public static Uri Api => new(Environment.GetEnvironmentVariable("CASEMANAGER_TEST_SMS_API") ?? DefaultApi);

    /// <summary>Settings that send to the fake, on an account of their own.</summary>
    public static TextMessageOptions Options(bool statusCallbacks = true) => new()
    {
        AccountSid = "AC" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        AuthToken = AuthToken,
        From = From,
        ApiBaseUrl = Api.AbsoluteUri,
        StatusCallbacks = statusCallbacks,
    };

    /// <summary>The same settings as configuration keys, for the application factory.</summary>
    public static Dictionary<string, string?> Settings(TextMessageOptions options) => new()
    {
        ["TextMessages:AccountSid"] = options.AccountSid,
        ["TextMessages:AuthToken"] = options.AuthToken,
        ["TextMessages:From"] = options.From,
        ["TextMessages:ApiBaseUrl"] = options.ApiBaseUrl,
    };

    /// <summary>A Montréal number no other test uses, as a file stores it ("514 555-1234") and in E.164.</summary>
    public static (string Stored, string E164) NewNumber()
    {
        var digits = RandomNumberGenerator.GetInt32(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ($"438 {digits[..3]}-{digits[3..]}", $"+1438{digits}");
    }

    public async Task<IReadOnlyList<ReceivedText>> MessagesToAsync(string e164) =>
        await _http.GetFromJsonAsync<List<ReceivedText>>($"fake/messages?to={Uri.EscapeDataString(e164)}") ?? [];

    /// <summary>The next <paramref name="count"/> messages to the number are refused with that status and Twilio error code.</summary>
    public async Task FailNextAsync(string e164, int count, int status = 500, int code = 20500)
    {
        using var response = await _http.PostAsJsonAsync("fake/failures", new { to = e164, count, status, code });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Twilio's request signature (X-Twilio-Signature), computed as its documentation says: HMAC-SHA1 with
    /// the auth token over the full URL followed by each POST parameter's name and value, sorted by name; Base64.
    /// </summary>
    public static string Sign(string url, IReadOnlyDictionary<string, string> form, string authToken = AuthToken)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        // SHA-1 is the provider's choice, not ours.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    public void Dispose() => _http.Dispose();
}
