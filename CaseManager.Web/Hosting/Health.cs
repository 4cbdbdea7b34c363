using CaseManager.Web.Access;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManager.Web.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependency is asked). <c>/health/ready</c>: the
/// database, Hangfire's storage and the SMTP server answer; <c>/health</c> is the same as ready
/// (scripts poll it). Anonymous callers read the overall status only; a signed-in administrator
/// reads every check with its figures. Never an exception text or a connection detail.
/// </summary>
public static class Health
{
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddCaseManagerHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<CaseManagerDbContext>("database", tags: [ReadyTag])
            .AddCheck<HangfireHealthCheck>("hangfire", tags: [ReadyTag])
            // Mail waits in the outbox and is retried: an instance without SMTP still serves pages,
            // so an unreachable server makes the instance degraded (200), not unready (503).
            .AddCheck<SmtpHealthCheck>("smtp", failureStatus: HealthStatus.Degraded, tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapCaseManagerHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous();
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        return app;
    }

    /// <summary>The overall status for everyone; each check's state and figures for administrators.</summary>
    internal static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var detailed = await ReadsDetailAsync(context);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        object body = detailed
            ? new
            {
                status = report.Status.ToString(),
                durationMs = (int)report.TotalDuration.TotalMilliseconds,
                checks = report.Entries.ToDictionary(
                    entry => entry.Key,
                    entry => new
                    {
                        status = entry.Value.Status.ToString(),
                        description = entry.Value.Description,
                        durationMs = (int)entry.Value.Duration.TotalMilliseconds,
                        data = entry.Value.Data,
                    }),
            }
            : new { status = report.Status.ToString() };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    /// <summary>Whether the caller may read each check's figures (the access rules, for the person as the database knows them; not while it is down).</summary>
    private static async Task<bool> ReadsDetailAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        try
        {
            return (await context.RequestServices.GetRequiredService<AccessPolicy>().PermissionsAsync(context.RequestAborted)).Can(Operation.ReadSystemHealth);
        }
        catch (Exception exception) when (DatabaseFaults.IsUnavailable(exception))
        {
            return false;
        }
    }
}

/// <summary>
/// The SMTP server answers: a TCP connection, its 220 greeting and a 250 reply to EHLO, within a
/// few seconds; then QUIT. No TLS and no sign-in (that is the sender's business).
/// </summary>
public sealed class SmtpHealthCheck(SmtpSettings smtp) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Registered as "degraded when failing": mail waits in the outbox meanwhile.
        var failure = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var data = new Dictionary<string, object> { ["host"] = smtp.Host, ["port"] = smtp.Port };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(smtp.Host, smtp.Port, timeout.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var greeting = await ReadReplyAsync(reader, timeout.Token);
            if (greeting != 220)
            {
                return new HealthCheckResult(failure, $"The SMTP server greeted with {greeting}.", data: data);
            }

            await writer.WriteLineAsync("EHLO casemanager-health".AsMemory(), timeout.Token);
            var ehlo = await ReadReplyAsync(reader, timeout.Token);
            await writer.WriteLineAsync("QUIT".AsMemory(), timeout.Token);
            data["ms"] = (int)watch.ElapsedMilliseconds;
            return ehlo == 250
                ? HealthCheckResult.Healthy("SMTP server answers.", data)
                : new HealthCheckResult(failure, $"The SMTP server answered EHLO with {ehlo}.", data: data);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failure, $"The SMTP server did not answer within {Timeout.TotalSeconds:0} s.", data: data);
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            return new HealthCheckResult(failure, "The SMTP server cannot be reached.", data: data);
        }
    }

    /// <summary>The code of one reply, reading its continuation lines ("250-…") to the last ("250 …").</summary>
    private static async Task<int> ReadReplyAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("The SMTP server closed the connection.");
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                throw new IOException("The SMTP server sent an unreadable reply.");
            }

            if (line.Length == 3 || line[3] != '-')
            {
                return code;
            }
        }
    }
}
