using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManager.Web.Hosting;

/// <summary>Hangfire's storage answers, and (where this app runs jobs) a server is alive.</summary>
public sealed class HangfireHealthCheck(JobStorage storage, CaseManagerSettings settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var statistics = monitoring.GetStatistics();
            var data = new Dictionary<string, object>
            {
                ["servers"] = statistics.Servers,
                ["enqueued"] = statistics.Enqueued,
                ["failed"] = statistics.Failed,
                ["recurring"] = statistics.Recurring,
            };
            if (settings.RunBackgroundJobs && statistics.Servers == 0)
            {
                return Task.FromResult(HealthCheckResult.Degraded("No Hangfire server is running.", data: data));
            }

            return Task.FromResult(HealthCheckResult.Healthy("Hangfire storage reachable.", data));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage unreachable.", exception));
        }
    }
}
