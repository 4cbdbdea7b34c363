using CaseManager.Data;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Twilio.Security;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>
/// The provider's webhooks: <c>POST /api/sms/status</c> (a message's delivery status) and
/// <c>POST /api/sms/incoming</c> (a reply: STOP and its synonyms end text messages for the number, START
/// lifts that). Each request must carry a valid <c>X-Twilio-Signature</c> for the public address
/// (<c>App:BaseUrl</c>) and the auth token (Twilio's <see cref="RequestValidator"/>); otherwise 403
/// problem details and nothing changes. Anonymous (the provider has no account), outside antiforgery.
/// </summary>
public static class TextMessageWebhooks
{
    public const string StatusPath = "/api/sms/status";
    public const string IncomingPath = "/api/sms/incoming";

    /// <summary>The words that end text messages (Twilio's, and French ones).</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET", "ARRÊT",
    };

    /// <summary>The words that lift a STOP (Twilio's).</summary>
    public static readonly IReadOnlySet<string> StartWords = new HashSet<string>(StringComparer.Ordinal) { "START", "UNSTOP", "YES" };

    public static IEndpointRouteBuilder MapTextMessageWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(StatusPath, StatusAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost(IncomingPath, IncomingAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>The keyword a reply is, if any: its only word, upper case ("Stop." is STOP).</summary>
    public static string? Keyword(string? body)
    {
        var word = (body ?? "").Trim().TrimEnd('.', '!').Trim().ToUpperInvariant();
        return StopWords.Contains(word) || StartWords.Contains(word) ? word : null;
    }

    private static async Task<IResult> StatusAsync(
        HttpContext context, TextMessageOptions options, AppLinks links, IDbContextFactory<CaseManagerDbContext> contexts, AppClock clock,
        ILoggerFactory loggers)
    {
        var form = await SignedFormAsync(context, options, links);
        if (form is null)
        {
            return Forbidden();
        }

        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid");
        var status = TwilioTextMessages.StatusOf(form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus"));
        if (string.IsNullOrEmpty(sid) || sid.Length > 64 || status is null)
        {
            return Results.NoContent();
        }

        var error = form.GetValueOrDefault("ErrorCode");
        error = string.IsNullOrEmpty(error) ? null : error[..Math.Min(20, error.Length)];
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        // Reports may arrive out of order: delivered or failed is never taken back by a later "sent".
        var changed = await db.OutgoingTextMessages
            .Where(m => m.ProviderSid == sid && m.Status != TextMessageStatus.Delivered && m.Status != TextMessageStatus.Failed)
            .Where(m => status != TextMessageStatus.Sent || m.Status == TextMessageStatus.Queued)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, status.Value)
                .SetProperty(m => m.StatusAt, now)
                .SetProperty(m => m.ErrorCode, m => error ?? m.ErrorCode)
                .SetProperty(m => m.LastError, m => status == TextMessageStatus.Failed ? "Undelivered (carrier report " + (error ?? "?") + ")." : m.LastError),
                context.RequestAborted);
        loggers.CreateLogger(typeof(TextMessageWebhooks)).LogInformation("Text message {Sid}: {Status} ({Changed} recorded).", sid, status, changed);
        return Results.NoContent();
    }

    private static async Task<IResult> IncomingAsync(
        HttpContext context, TextMessageOptions options, AppLinks links, TextMessageOptOuts optOuts, ILoggerFactory loggers)
    {
        var form = await SignedFormAsync(context, options, links);
        if (form is null)
        {
            return Forbidden();
        }

        var from = PhoneNumbers.ToE164(form.GetValueOrDefault("From"));
        var keyword = Keyword(form.GetValueOrDefault("Body"));
        // With Twilio's Advanced Opt-Out the provider classifies the reply itself.
        keyword = form.GetValueOrDefault("OptOutType")?.ToUpperInvariant() switch
        {
            "STOP" => keyword is not null && StopWords.Contains(keyword) ? keyword : "STOP",
            "START" => "START",
            _ => keyword,
        };
        var logger = loggers.CreateLogger(typeof(TextMessageWebhooks));
        if (from is not null && keyword is not null)
        {
            if (StopWords.Contains(keyword))
            {
                var files = await optOuts.StopAsync(from, keyword, context.RequestAborted);
                logger.LogInformation("Text messages: a number answered {Keyword}; {Files} file(s) withdrew their consent.", keyword, files);
            }
            else
            {
                await optOuts.StartAsync(from, context.RequestAborted);
                logger.LogInformation("Text messages: a number answered {Keyword}; its STOP is lifted.", keyword);
            }
        }

        // An empty answer: the provider sends its own confirmation of STOP and START; nothing else is said.
        return Results.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", "text/xml");
    }

    /// <summary>The request's form when its signature is valid; null otherwise (text messages off, no or bad signature, no form).</summary>
    private static async Task<Dictionary<string, string>?> SignedFormAsync(HttpContext context, TextMessageOptions options, AppLinks links)
    {
        var signature = context.Request.Headers["X-Twilio-Signature"].ToString();
        if (!options.Enabled || string.IsNullOrEmpty(signature) || !context.Request.HasFormContentType)
        {
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        // Signed over the address the provider called: the public one, as configured (behind the proxy the request's own may differ).
        var url = links.BaseUrl.AbsoluteUri.TrimEnd('/') + context.Request.Path + context.Request.QueryString;
        return new RequestValidator(options.AuthToken).Validate(url, fields, signature) ? fields : null;
    }

    private static IResult Forbidden() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: HouseholdRemindersText.Get("Webhook.BadSignature", System.Globalization.CultureInfo.CurrentUICulture));

    private static string? GetValueOrDefault(this Dictionary<string, string> form, string key) =>
        form.TryGetValue(key, out var value) ? value : null;
}
