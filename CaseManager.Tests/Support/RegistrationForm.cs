using System.Text.RegularExpressions;

namespace CaseManager.Tests.Support;

/// <summary>Fills and posts the public registration form (/inscription) as a browser does.</summary>
public static partial class RegistrationForm
{
    public static Dictionary<string, string> Valid(string lastName = "Diallo") => new()
    {
        ["firstName"] = "Amina",
        ["lastName"] = lastName,
        ["birthDate"] = "1990-04-02",
        ["frenchLevel"] = "Advanced",
        // Another name, another person: the same email would be a repeat of the first file.
        ["email"] = $"amina.{lastName.ToLowerInvariant()}@example.com",
        ["immigrationStatus"] = "permanent-resident",
        ["region"] = "02",
        ["interest"] = "employment",
        ["heardFrom"] = "SocialMedia",
        ["consent-case-management"] = "true",
    };

    /// <summary>Refused for its fields: no first name, no required consent.</summary>
    public static Dictionary<string, string> Invalid()
    {
        var fields = Valid();
        fields["firstName"] = "";
        fields.Remove("consent-case-management");
        return fields;
    }

    /// <summary>Gets the form (its antiforgery token and key) then posts the fields; headers go on both requests.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string> fields, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/inscription");
        Add(get, headers);
        using var page = await client.SendAsync(get);
        var form = await page.Content.ReadAsStringAsync();
        var all = new Dictionary<string, string>(fields)
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
            ["noticeVersion"] = "1",
            ["idempotencyKey"] = FormKey().Match(form).Groups[1].Value,
        };
        var post = new HttpRequestMessage(HttpMethod.Post, "/inscription") { Content = new FormUrlEncodedContent(all) };
        Add(post, headers);
        return await client.SendAsync(post);
    }

    private static void Add(HttpRequestMessage request, IReadOnlyDictionary<string, string>? headers)
    {
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"idempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex FormKey();
}
