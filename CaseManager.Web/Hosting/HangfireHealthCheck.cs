using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManager.Web.Hosting;

/// <summary>
/// Hangfire's storage answers, (where this app runs jobs) a server is alive, and no registered
/// server is dead. A server killed without stopping (kill -9, a lost machine) stays listed until
/// Hangfire's watchdog removes it: one silent past <see cref="DeadAfter"/> makes readiness
/// Degraded, and administrators read its name (jobs it held are handed again after the
/// invisibility timeout; a stranded anonymization run can be resumed from its page).
/// </summary>
public sealed class HangfireHealthCheck(JobStorage storage, CaseManagerSettings settings) : IHealthCheck
{
    /// <summary>A server beats every 30 s: four missed beats and it is dead.</summary>
    public static readonly TimeSpan DeadAfter = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var statistics = monitoring.GetStatistics();
            // Hangfire's heartbeats are instants of the wall clock (never the application's
            // TimeProvider, which tests move): compared with the wall clock, as its watchdog does.
            var silentSince = TimeProvider.System.GetUtcNow().UtcDateTime - DeadAfter;
            var servers = monitoring.Servers();
            var dead = servers.Where(s => s.Heartbeat is null || s.Heartbeat.Value < silentSince).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
            var data = new Dictionary<string, object>
            {
                ["servers"] = servers.Count - dead.Count,
                ["deadServers"] = dead,
                ["enqueued"] = statistics.Enqueued,
                ["processing"] = statistics.Processing,
                ["failed"] = statistics.Failed,
                ["recurring"] = statistics.Recurring,
            };
            if (settings.RunBackgroundJobs && servers.Count == dead.Count)
            {
                return Task.FromResult(HealthCheckResult.Degraded("No Hangfire server is running.", data: data));
            }

            if (dead.Count > 0)
            {
                return Task.FromResult(HealthCheckResult.Degraded($"{dead.Count} Hangfire server(s) stopped beating: {string.Join(", ", dead)}.", data: data));
            }

            return Task.FromResult(HealthCheckResult.Healthy("Hangfire storage reachable.", data));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage unreachable.", exception));
        }
    }
}
