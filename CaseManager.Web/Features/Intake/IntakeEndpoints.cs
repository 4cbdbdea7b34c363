using System.Text.Json;
using System.Threading.RateLimiting;
using CaseManager.Data;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Intake;

/// <summary>
/// The intake API (<c>POST /api/registrations</c>, an <c>X-Api-Key</c> per source, an optional
/// <c>Idempotency-Key</c>) and the per-address rate limit of the public registration form.
/// </summary>
public static class IntakeEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string FormRateLimitPolicy = "registration-form";

    /// <summary>The public form's paths: their POSTs are rate limited per client address.</summary>
    public static readonly string[] FormPaths = ["/inscription", "/register"];

    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }

    /// <summary>
    /// A fixed window per client address on the form's POSTs (<c>Intake:RateLimit:PermitLimit</c>
    /// posts per <c>Intake:RateLimit:WindowSeconds</c>, 5 per 10 minutes by default); other requests pass.
    /// </summary>
    public static IServiceCollection AddIntakeRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Intake:RateLimit:PermitLimit", 5);
        var window = TimeSpan.FromSeconds(configuration.GetValue("Intake:RateLimit:WindowSeconds", 600));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && FormPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var culture = System.Globalization.CultureInfo.CurrentUICulture;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                rejected.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await rejected.HttpContext.Response.WriteAsync(IntakeMessages.Describe("Intake.TooManyRequests", culture), cancellationToken);
            };
        });
        return services;
    }

    public static IEndpointRouteBuilder MapIntakeApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AllowAnonymous().DisableAntiforgery().WithTags("Intake");
        api.MapPost("/registrations", PostRegistrationAsync)
            .WithName("PostRegistration")
            .WithSummary("Registers a household (opens its file).")
            .WithDescription(
                "Send the key of your source in the X-Api-Key header, and an Idempotency-Key header (up to 100 characters) so that a " +
                "retried post makes one file: the same key returns the first registration's receipt (200). Validation errors come " +
                "as RFC 7807 problem details in the registration's language.")
            .Accepts<ApiRegistration>("application/json")
            .Produces<ApiRegistrationReceipt>(StatusCodes.Status201Created)
            .Produces<ApiRegistrationReceipt>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/privacy-notice", GetNoticeAsync)
            .WithName("GetPrivacyNotice")
            .WithSummary("The privacy notice in force and the consent purposes, to show before collecting a registration.")
            .Produces<ApiPrivacyNotice>();
        return endpoints;
    }

    private static async Task<IResult> PostRegistrationAsync(
        HttpContext http, IDbContextFactory<CaseManagerDbContext> contexts, IntakeService intake, AppClock clock, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var key = await IntakeApiKeyService.AuthenticateAsync(db, http.Request.Headers[ApiKeyHeader], clock.Now, cancellationToken);
            if (key is null)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Missing, unknown or revoked API key.",
                    detail: $"Send an active key in the {ApiKeyHeader} header.");
            }

            ApiRegistration? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<ApiRegistration>(http.Request.Body, Json, cancellationToken);
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body is null)
            {
                var culture = IntakeMessages.CultureOf(null);
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["body"] = [IntakeMessages.Describe("Intake.InvalidBody", culture)] });
            }

            try
            {
                var outcome = await intake.RegisterAsync(body.ToRequest(), IntakeOrigin.Api(key.Id, key.Source, http.Request.Headers[IdempotencyHeader]), cancellationToken);
                var receipt = new ApiRegistrationReceipt(outcome.Reference, outcome.ReceivedAt, outcome.Replayed);
                return outcome.Replayed
                    ? TypedResults.Ok(receipt)
                    : TypedResults.Created($"/api/registrations/{outcome.Reference}", receipt);
            }
            catch (IntakeValidationException refused)
            {
                return TypedResults.ValidationProblem(IntakeMessages.ForApi(refused.Errors, IntakeMessages.CultureOf(body.Language)));
            }
        }
    }

    private static async Task<Ok<ApiPrivacyNotice>> GetNoticeAsync(IntakeService intake, string? language, CancellationToken cancellationToken)
    {
        var form = await intake.GetFormAsync(cancellationToken);
        var french = language != "en";
        return TypedResults.Ok(new ApiPrivacyNotice(
            form.Notice.Version, form.Notice.EffectiveOn, form.Notice.Title(french), form.Notice.Text(french),
            form.Purposes.Select(p => new ApiConsentPurpose(p.Code, p.Name(french), p.Description(french), p.IsRequired)).ToList()));
    }
}
