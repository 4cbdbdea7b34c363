using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

// A tiny server that speaks the part of Twilio's REST API CaseManager uses:
//   POST /2010-04-01/Accounts/{sid}/Messages.json  (form To, From or MessagingServiceSid, Body, StatusCallback; basic auth)
// answering as Twilio does (201 with the message's JSON, or an error's JSON with its code). For tests:
//   GET    /fake/messages[?to=+1514…]     what it received (oldest first)
//   DELETE /fake/messages                 forgets everything
//   POST   /fake/failures                 {"to":"+1514…","count":2,"status":500,"code":20500} the next N messages to that number fail
//   GET    /health                        200 when up
// Settings: --urls, FakeSms:AuthToken (when set, the basic-auth password must equal it).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FakeJson.Default));
var app = builder.Build();
var token = app.Configuration["FakeSms:AuthToken"];
var messages = new ConcurrentQueue<ReceivedMessage>();
var failures = new ConcurrentDictionary<string, Failure>(StringComparer.Ordinal);

app.MapGet("/health", () => Results.Text("ok"));

app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", async (string accountSid, HttpRequest request) =>
{
    if (!Authorized(request, accountSid, token))
    {
        return Error(401, 20003, "Authenticate");
    }

    if (!request.HasFormContentType)
    {
        return Error(400, 20001, "Expected a form body.");
    }

    var form = await request.ReadFormAsync();
    string? Field(string name) => form.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;
    var to = Field("To");
    var from = Field("From");
    var service = Field("MessagingServiceSid");
    var body = Field("Body");
    if (to is null)
    {
        return Error(400, 21604, "A 'To' phone number is required.");
    }

    if (!to.StartsWith('+') || to.Length < 8 || !to[1..].All(char.IsAsciiDigit))
    {
        return Error(400, 21211, $"The 'To' number {to} is not a valid phone number.");
    }

    if (from is null && service is null)
    {
        return Error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
    }

    if (body is null)
    {
        return Error(400, 21602, "Message body is required.");
    }

    if (body.Length > 1600)
    {
        return Error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
    }

    if (failures.TryGetValue(to, out var failure) && failure.Take())
    {
        return Error(failure.Status, failure.Code, "Fake failure, as asked.");
    }

    var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    var now = DateTimeOffset.UtcNow;
    var received = new ReceivedMessage(sid, accountSid, to, from, service, body, Field("StatusCallback"), now);
    messages.Enqueue(received);
    var date = now.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
    return Results.Json(new TwilioMessage(
        sid, accountSid, to, from ?? "", service, body, "queued", "outbound-api", "2010-04-01",
        Segments(body).ToString(CultureInfo.InvariantCulture), date, date, null, null, null,
        $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json"), FakeJson.Default.TwilioMessage, statusCode: 201);
}).DisableAntiforgery();

app.MapGet("/fake/messages", (string? to) =>
    Results.Json(messages.Where(m => to is null || m.To == to).ToArray(), FakeJson.Default.ReceivedMessageArray));

app.MapDelete("/fake/messages", () =>
{
    messages.Clear();
    failures.Clear();
    return Results.NoContent();
});

app.MapPost("/fake/failures", (FailureRequest failure) =>
{
    if (string.IsNullOrEmpty(failure.To) || failure.Count < 1)
    {
        return Results.BadRequest();
    }

    failures[failure.To] = new Failure(failure.Count, failure.Status ?? 500, failure.Code ?? 20500);
    return Results.NoContent();
});

await app.RunAsync();

static bool Authorized(HttpRequest request, string accountSid, string? token)
{
    var header = request.Headers.Authorization.ToString();
    if (!header.StartsWith("Basic ", StringComparison.Ordinal))
    {
        return false;
    }

    string decoded;
    try
    {
        decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
    }
    catch (FormatException)
    {
        return false;
    }

    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
    return colon > 0 && decoded[..colon] == accountSid && colon < decoded.Length - 1 && (token is null || decoded[(colon + 1)..] == token);
}

static IResult Error(int status, int code, string message) =>
    Results.Json(new TwilioError(code, message, $"https://www.twilio.com/docs/errors/{code}", status), FakeJson.Default.TwilioError, statusCode: status);

// GSM-7 messages take 160 characters a segment (153 when split), others (UCS-2) 70 (67 when split).
static int Segments(string body)
{
    var gsm = body.All(c => c < 128);
    var single = gsm ? 160 : 70;
    var split = gsm ? 153 : 67;
    return body.Length <= single ? 1 : (body.Length + split - 1) / split;
}

internal sealed record ReceivedMessage(
    string Sid, string AccountSid, string To, string? From, string? MessagingServiceSid, string Body, string? StatusCallback, DateTimeOffset ReceivedAt);

internal sealed record FailureRequest(string? To, int Count, int? Status, int? Code);

internal sealed class Failure(int count, int status, int code)
{
    private int _left = count;

    public int Status { get; } = status;
    public int Code { get; } = code;

    public bool Take() => Interlocked.Decrement(ref _left) >= 0;
}

internal sealed record TwilioMessage(
    [property: JsonPropertyName("sid")] string Sid,
    [property: JsonPropertyName("account_sid")] string AccountSid,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("messaging_service_sid")] string? MessagingServiceSid,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("api_version")] string ApiVersion,
    [property: JsonPropertyName("num_segments")] string NumSegments,
    [property: JsonPropertyName("date_created")] string DateCreated,
    [property: JsonPropertyName("date_updated")] string DateUpdated,
    [property: JsonPropertyName("date_sent")] string? DateSent,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("error_message")] string? ErrorMessage,
    [property: JsonPropertyName("uri")] string Uri);

internal sealed record TwilioError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("more_info")] string MoreInfo,
    [property: JsonPropertyName("status")] int Status);

[JsonSerializable(typeof(TwilioMessage))]
[JsonSerializable(typeof(TwilioError))]
[JsonSerializable(typeof(ReceivedMessage[]))]
[JsonSerializable(typeof(FailureRequest))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class FakeJson : JsonSerializerContext;
