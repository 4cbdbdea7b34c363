using System.Globalization;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Infrastructure;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>What the provider answered to a message it accepted.</summary>
public sealed record ProviderAccepted(string Sid, TextMessageStatus Status);

/// <summary>
/// The provider refused a message or could not be reached. <see cref="Permanent"/>: retrying would
/// not help (an invalid number, a number that answered STOP); otherwise it is retried later.
/// </summary>
public sealed class TextMessageRefusedException(string message, string? code, bool permanent, Exception? inner = null)
    : Exception(message, inner)
{
    public string? Code { get; } = code;
    public bool Permanent { get; } = permanent;
}

/// <summary>
/// Sends text messages through Twilio's official library. The library's requests go through an
/// <see cref="System.Net.Http.HttpClient"/> of ours (<c>TwilioRestClient(…, httpClient: new
/// SystemNetHttpClient(…))</c>) whose handler sends them to <c>TextMessages:ApiBaseUrl</c>: the
/// provider itself in production, the local fake (scripts/FakeSms) in tests and development.
/// </summary>
public sealed class TwilioTextMessages : IDisposable
{
    /// <summary>Twilio's errors that no retry will cure (docs: twilio.com/docs/api/errors).</summary>
    private static readonly HashSet<int> PermanentErrors =
    [
        21211, // invalid 'To' number
        21408, // region not enabled
        21610, // the recipient answered STOP
        21612, // cannot route to this number
        21614, // not a mobile number
        21617, // body too long
        21602, 21603, 21604, 21606, // parameters missing or wrong sender
    ];

    private readonly System.Net.Http.HttpClient _http;
    private readonly TwilioRestClient? _client;
    private readonly TextMessageOptions _options;
    private readonly AppLinks _links;

    public TwilioTextMessages(TextMessageOptions options, AppLinks links)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _links = links;
        var api = new Uri(options.ApiBaseUrl ?? TextMessageOptions.ProviderApiBaseUrl);
        _http = new System.Net.Http.HttpClient(new ApiBaseHandler(api) { InnerHandler = new System.Net.Http.HttpClientHandler() })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (options.Enabled)
        {
            _client = new TwilioRestClient(options.AccountSid, options.AuthToken, httpClient: new SystemNetHttpClient(_http));
        }
    }

    public bool Enabled => _client is not null;

    /// <summary>Where the provider reports delivery (signed with the auth token).</summary>
    public Uri StatusCallback => new(_links.BaseUrl, "api/sms/status");

    public async Task<ProviderAccepted> SendAsync(string to, string body, CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            throw new InvalidOperationException("Text messages are not configured (TextMessages:AccountSid).");
        }

        var create = new CreateMessageOptions(new PhoneNumber(to)) { Body = body };
        if (!string.IsNullOrWhiteSpace(_options.MessagingServiceSid))
        {
            create.MessagingServiceSid = _options.MessagingServiceSid;
        }
        else
        {
            create.From = new PhoneNumber(_options.From);
        }

        if (_options.StatusCallbacks)
        {
            create.StatusCallback = StatusCallback;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var message = await MessageResource.CreateAsync(create, _client);
            return new ProviderAccepted(message.Sid, StatusOf(message.Status?.ToString()) ?? TextMessageStatus.Sent);
        }
        catch (ApiException exception)
        {
            var permanent = PermanentErrors.Contains(exception.Code) || exception.Status is 400 or 404;
            throw new TextMessageRefusedException(
                string.Create(CultureInfo.InvariantCulture, $"Twilio {exception.Status}, error {exception.Code}: {exception.Message}"),
                exception.Code == 0 ? null : exception.Code.ToString(CultureInfo.InvariantCulture), permanent, exception);
        }
        catch (ApiConnectionException exception)
        {
            throw new TextMessageRefusedException($"Twilio could not be reached: {exception.Message}", null, permanent: false, exception);
        }
    }

    /// <summary>The provider's status words (queued, sending, sent, delivered, read, undelivered, failed) as ours; null for one that changes nothing.</summary>
    public static TextMessageStatus? StatusOf(string? providerStatus) => providerStatus?.ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" or "sending" or "sent" => TextMessageStatus.Sent,
        "delivered" or "read" => TextMessageStatus.Delivered,
        "undelivered" or "failed" or "canceled" => TextMessageStatus.Failed,
        _ => null,
    };

    public void Dispose() => _http.Dispose();

    /// <summary>Sends the library's requests (to https://api.twilio.com/…) to the configured address, path and query kept.</summary>
    private sealed class ApiBaseHandler(Uri api) : System.Net.Http.DelegatingHandler
    {
        protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri)
            {
                var target = new UriBuilder(uri) { Scheme = api.Scheme, Host = api.Host, Port = api.Port };
                var prefix = api.AbsolutePath.TrimEnd('/');
                if (prefix.Length > 0)
                {
                    target.Path = prefix + uri.AbsolutePath;
                }

                request.RequestUri = target.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
