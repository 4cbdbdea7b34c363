using System.Text.Json;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using CaseManager.Web.Infrastructure.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Intake;

/// <summary>
/// The intake API (<c>POST /api/registrations</c>, an <c>X-Api-Key</c> per source, an optional
/// <c>Idempotency-Key</c>), rate limited per key (see <see cref="IntakeRateLimits"/>).
/// </summary>
public static class IntakeEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The public form's paths: their accepted POSTs are rate limited per client address.</summary>
    public static readonly string[] FormPaths = ["/inscription", "/register"];

    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return options;
    }

    public static IEndpointRouteBuilder MapIntakeApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AllowAnonymous().DisableAntiforgery().WithTags("Intake");
        api.MapPost("/registrations", PostRegistrationAsync)
            .WithName("PostRegistration")
            .WithSummary("Registers a household (opens its file).")
            .WithDescription(
                "Send the key of your source in the X-Api-Key header, and an Idempotency-Key header (up to 100 characters) so that a " +
                "retried post makes one file: the same key returns the first registration's receipt (200); the same key with another " +
                "content is refused (422) and names the first registration. A registration whose email or phone matches a file " +
                "opened or registered recently (Intake:RepeatWindowDays, 30 days by default) opens nothing: 200 with that file's " +
                "receipt and \"repeat\": true. Validation errors come " +
                "as RFC 7807 problem details in the registration's language.")
            .Accepts<ApiRegistration>("application/json")
            .Produces<ApiRegistrationReceipt>(StatusCodes.Status201Created)
            .Produces<ApiRegistrationReceipt>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/privacy-notice", GetNoticeAsync)
            .WithName("GetPrivacyNotice")
            .WithSummary("The privacy notice in force and the consent purposes, to show before collecting a registration.")
            .Produces<ApiPrivacyNotice>();
        return endpoints;
    }

    private static async Task<IResult> PostRegistrationAsync(
        HttpContext http, IDbContextFactory<CaseManagerDbContext> contexts, IntakeService intake, AppClock clock,
        SharedRateLimiter limiter, IntakeLimits limits, CancellationToken cancellationToken)
    {
        IntakeApiKey? key;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            key = await IntakeApiKeyService.AuthenticateAsync(db, http.Request.Headers[ApiKeyHeader], clock.Now, cancellationToken);
        }

        if (key is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Missing, unknown or revoked API key.",
                detail: $"Send an active key in the {ApiKeyHeader} header.");
        }

        // Per key, across instances (PostgreSQL): only a new registration keeps its permit; a
        // refused body or a replay gives it back.
        var lease = await limiter.TryAcquireAsync(limits.Api, key.Id.ToString("N"), cancellationToken);
        if (!lease.Acquired)
        {
            http.Response.Headers.RetryAfter = IntakeRateLimits.RetryAfterSeconds(lease);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: IntakeMessages.Describe("Intake.ApiTooManyRequests", IntakeMessages.CultureOf("en")),
                detail: IntakeMessages.Describe("Intake.ApiTooManyRequests", IntakeMessages.CultureOf(null)));
        }

        var counted = false;
        try
        {
            var result = await RegisterAsync(http, intake, key, cancellationToken);
            // A repeat opens nothing but writes to a file's journal: it keeps its permit too.
            counted = result is Created<ApiRegistrationReceipt> or Ok<ApiRegistrationReceipt> { Value.Repeat: true };
            return result;
        }
        finally
        {
            if (!counted)
            {
                await limiter.ReleaseAsync(lease, CancellationToken.None);
            }
        }
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, IntakeService intake, IntakeApiKey key, CancellationToken cancellationToken)
    {
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
            var receipt = new ApiRegistrationReceipt(outcome.Reference, outcome.ReceivedAt, outcome.Replayed, outcome.Repeat);
            return outcome.Replayed || outcome.Repeat
                ? TypedResults.Ok(receipt)
                : TypedResults.Created($"/api/registrations/{outcome.Reference}", receipt);
        }
        catch (IntakeValidationException refused)
        {
            return TypedResults.ValidationProblem(IntakeMessages.ForApi(refused.Errors, IntakeMessages.CultureOf(body.Language)));
        }
        catch (IdempotencyConflictException conflict)
        {
            var culture = IntakeMessages.CultureOf(body.Language);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: IntakeMessages.Describe("Intake.IdempotencyConflict", culture),
                detail: IntakeMessages.Describe(
                    "Intake.IdempotencyConflictDetail", culture, conflict.Key, conflict.Reference, Localization.LocalizerExtensions.Day(AppClock.DateOf(conflict.ReceivedAt))),
                extensions: new Dictionary<string, object?> { ["idempotencyKey"] = conflict.Key, ["reference"] = conflict.Reference });
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
