using System.Globalization;
using CaseManager.Web.Hosting;
using CaseManager.Web.Infrastructure.RateLimiting;

namespace CaseManager.Web.Features.Intake;

/// <summary>
/// The limits on new registrations, counted in PostgreSQL so that they hold across instances:
/// the public form per client address (<c>Intake:RateLimit:PermitLimit</c> registrations per
/// <c>Intake:RateLimit:WindowSeconds</c>, 5 per 10 minutes by default) and the intake API per key
/// (<c>Intake:ApiRateLimit:PermitLimit</c> per <c>Intake:ApiRateLimit:WindowSeconds</c>, 120 per
/// hour by default). Only accepted registrations count: a post refused for its fields, its
/// antiforgery token or a replay gives its permit back. The client address is the one the
/// forwarded headers of a known proxy give (see Hosting/ReverseProxy.cs).
/// </summary>
public static class IntakeRateLimits
{
    public const string FormLimitName = "registration-form";
    public const string ApiLimitName = "registration-api";

    private static readonly object AcceptedKey = new();

    public static IServiceCollection AddIntakeRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var problems = new List<string>();
        services.AddSingleton(new IntakeLimits(
            Read(configuration, problems, "Intake:RateLimit", FormLimitName, permits: 5, seconds: 600),
            Read(configuration, problems, "Intake:ApiRateLimit", ApiLimitName, permits: 120, seconds: 3600)));
        services.AddSettingProblems("intake-rate-limits", problems);
        services.AddSingleton<SharedRateLimiter>();
        return services;
    }

    /// <summary>The form's POSTs (<see cref="IntakeEndpoints.FormPaths"/>) take a permit of the client's address first.</summary>
    public static IApplicationBuilder UseIntakeRateLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method) ||
            !IntakeEndpoints.FormPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        var limiter = context.RequestServices.GetRequiredService<SharedRateLimiter>();
        var rule = context.RequestServices.GetRequiredService<IntakeLimits>().Form;
        var lease = await limiter.TryAcquireAsync(rule, ClientPartition(context), context.RequestAborted);
        if (!lease.Acquired)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = RetryAfterSeconds(lease);
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(IntakeMessages.Describe("Intake.TooManyRequests", CultureInfo.CurrentUICulture), context.RequestAborted);
            return;
        }

        var counted = false;
        try
        {
            await next(context);
            counted = context.Items.ContainsKey(AcceptedKey);
        }
        finally
        {
            if (!counted)
            {
                await limiter.ReleaseAsync(lease, CancellationToken.None);
            }
        }
    });

    /// <summary>Says the form's post was accepted (a file opened, or a robot thanked): its permit stays used.</summary>
    public static void CountThisPost(HttpContext context) => context.Items[AcceptedKey] = true;

    public static string RetryAfterSeconds(RateLimitLease lease) =>
        Math.Max(1, (int)Math.Ceiling(lease.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string ClientPartition(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { } address => address.ToString(),
        null => "unknown",
    };

    private static RateLimitRule Read(IConfiguration configuration, List<string> problems, string section, string name, int permits, int seconds)
    {
        var permitLimit = SettingProblems.Read(problems, () => ReadInt(configuration, $"{section}:PermitLimit", permits, max: 100_000), permits);
        var windowSeconds = SettingProblems.Read(problems, () => ReadInt(configuration, $"{section}:WindowSeconds", seconds, max: 86_400), seconds);
        return new RateLimitRule(name, permitLimit, TimeSpan.FromSeconds(windowSeconds));
    }

    private static int ReadInt(IConfiguration configuration, string key, int fallback, int max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            // The wording of CaseManagerOptions' validation of the same settings.
            : throw new InvalidOperationException($"{key} must be between 1 and {max} (it is {text}).");
    }
}

/// <summary>The two limits on new registrations.</summary>
public sealed record IntakeLimits(RateLimitRule Form, RateLimitRule Api);
