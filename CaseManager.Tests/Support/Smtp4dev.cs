using System.Net.Http.Json;
using CaseManager.Web.Infrastructure;
using MailKit.Security;

namespace CaseManager.Tests.Support;

/// <summary>A message as smtp4dev received it.</summary>
public sealed record ReceivedMail(string Id, string From, IReadOnlyList<string> To, string Subject, DateTimeOffset ReceivedDate);

/// <summary>
/// The real SMTP server the test script starts (smtp4dev, a dotnet tool of the manifest): its SMTP
/// port takes the application's emails, its HTTP API shows what arrived. Ports come from
/// CASEMANAGER_TEST_SMTP_PORT and CASEMANAGER_TEST_SMTP_API, as scripts/test.sh exports them.
/// </summary>
public sealed class Smtp4dev : IDisposable
{
    public const int DefaultSmtpPort = 2526;
    public const string DefaultApi = "http://127.0.0.1:5181";

    private readonly HttpClient _http = new() { BaseAddress = Api, Timeout = TimeSpan.FromSeconds(20) };

    public static int SmtpPort =>
        int.TryParse(Environment.GetEnvironmentVariable("CASEMANAGER_TEST_SMTP_PORT"), out var port) ? port : DefaultSmtpPort;

    public static Uri Api => new(Environment.GetEnvironmentVariable("CASEMANAGER_TEST_SMTP_API") ?? DefaultApi);

    /// <summary>What the application needs to send to this server (or, with another port, to fail to).</summary>
    public static SmtpSettings Settings(int? port = null) =>
        new("127.0.0.1", port ?? SmtpPort, SmtpSettings.DefaultFrom, SecureSocketOptions.None, null, null);

    /// <summary>Every message received for <paramref name="address"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesToAsync(string address)
    {
        var page = await GetPageAsync();
        return page.Results
            .Where(m => m.To.Any(to => to.Contains(address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => new ReceivedMail(m.Id, m.From, m.To, m.Subject, m.ReceivedDate))
            .OrderBy(m => m.ReceivedDate)
            .ToList();
    }

    /// <summary>Waits (ten seconds at most, unless told) until <paramref name="count"/> messages reached <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string address, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var messages = await MessagesToAsync(address);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }

    public Task<string> PlainTextAsync(string id) => _http.GetStringAsync($"api/Messages/{id}/plaintext");

    public Task<string> HtmlAsync(string id) => _http.GetStringAsync($"api/Messages/{id}/html");

    /// <summary>Empties the mailbox, so a test reads only what it sent.</summary>
    public async Task ClearAsync()
    {
        using var response = await SendOrExplainAsync(() => _http.DeleteAsync("api/Messages/*"));
    }

    public void Dispose() => _http.Dispose();

    private async Task<MessagePage> GetPageAsync()
    {
        using var response = await SendOrExplainAsync(() => _http.GetAsync("api/Messages?page=1&pageSize=1000"));
        return await response.Content.ReadFromJsonAsync<MessagePage>() ?? new MessagePage();
    }

    private static async Task<HttpResponseMessage> SendOrExplainAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            var response = await send();
            response.EnsureSuccessStatusCode();
            return response;
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException(
                $"smtp4dev does not answer at {Api} (SMTP port {SmtpPort}): scripts/test.sh starts it; " +
                "to run tests by hand, start `dotnet smtp4dev` with those ports (see scripts/test.sh).", exception);
        }
    }

    private sealed class MessagePage
    {
        public List<MessageSummary> Results { get; set; } = [];
    }

    private sealed class MessageSummary
    {
        public string Id { get; set; } = "";
        public string From { get; set; } = "";
        public List<string> To { get; set; } = [];
        public string Subject { get; set; } = "";
        public DateTimeOffset ReceivedDate { get; set; }
    }
}
