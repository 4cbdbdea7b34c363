using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CaseManager.Web.Hosting;

/// <summary>
/// The application's own measurements, on the meter <c>CaseManager</c> (created by the host's
/// <see cref="IMeterFactory"/>, so each host, and each test's host, has its own).
/// </summary>
public sealed class CaseManagerMetrics
{
    public const string MeterName = "CaseManager";

    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _remindersCreated;
    private readonly Counter<long> _emailsSent;
    private readonly Counter<long> _emailsFailed;
    private readonly UpDownCounter<long> _circuitsOpen;

    public CaseManagerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _jobDuration = meter.CreateHistogram<double>("casemanager.job.duration", "s", "How long each Hangfire job ran, by job type and outcome.");
        _remindersCreated = meter.CreateCounter<long>("casemanager.reminders.created", "{reminder}", "Reminders the sweep recorded.");
        _emailsSent = meter.CreateCounter<long>("casemanager.emails.sent", "{email}", "Emails the SMTP server accepted.");
        _emailsFailed = meter.CreateCounter<long>("casemanager.emails.failed", "{email}", "Email attempts that failed (retried later).");
        _circuitsOpen = meter.CreateUpDownCounter<long>("casemanager.circuits.open", "{circuit}", "Blazor circuits open on this instance.");
    }

    public void JobRan(string jobType, TimeSpan duration, bool succeeded) =>
        _jobDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("job.type", jobType),
            new KeyValuePair<string, object?>("job.outcome", succeeded ? "succeeded" : "failed"));

    public void RemindersCreated(int count, string rule)
    {
        if (count > 0)
        {
            _remindersCreated.Add(count, new KeyValuePair<string, object?>("reminder.rule", rule));
        }
    }

    public void EmailsSent(int count)
    {
        if (count > 0)
        {
            _emailsSent.Add(count);
        }
    }

    public void EmailsFailed(int count)
    {
        if (count > 0)
        {
            _emailsFailed.Add(count);
        }
    }

    public void CircuitOpened() => _circuitsOpen.Add(1);

    public void CircuitClosed() => _circuitsOpen.Add(-1);
}

/// <summary>A Hangfire server filter: each job's duration, by job type, on the application's meter.</summary>
public sealed class JobMetricsFilter(CaseManagerMetrics metrics) : IServerFilter, IJobFilter
{
    private const string StartedKey = "casemanager.job.started";

    public bool AllowMultiple => false;

    public int Order => 0;

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long timestamp)
        {
            var job = context.BackgroundJob.Job;
            var type = job is null ? "unknown" : $"{job.Type.Name}.{job.Method.Name}";
            metrics.JobRan(type, Stopwatch.GetElapsedTime(timestamp), context.Exception is null || context.ExceptionHandled);
        }
    }
}

/// <summary>Counts the Blazor circuits open on this instance.</summary>
public sealed class CircuitMetricsHandler(CaseManagerMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, Npgsql, the .NET runtime, the
/// application's own meter), exported over OTLP only when an endpoint is configured
/// (<c>OpenTelemetry:Otlp:Endpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>);
/// without one nothing is collected for export.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "casemanager";

    public static WebApplicationBuilder AddCaseManagerTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CaseManagerMetrics>();
        // Hangfire.AspNetCore applies every IJobFilter service of the container to the server's jobs.
        services.AddSingleton<IJobFilter, JobMetricsFilter>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitMetricsHandler>());

        var endpoint = OtlpEndpoint(builder.Configuration);
        if (endpoint is null)
        {
            return builder;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(CaseManagerMetrics.MeterName))
            .UseOtlpExporter(OtlpProtocol(builder.Configuration), endpoint);
        return builder;
    }

    /// <summary>gRPC (port 4317) unless <c>http/protobuf</c> is configured (port 4318).</summary>
    public static OpenTelemetry.Exporter.OtlpExportProtocol OtlpProtocol(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration["OpenTelemetry:Otlp:Protocol"];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"];
        }

        return value?.Trim().ToUpperInvariant() switch
        {
            null or "" or "GRPC" => OpenTelemetry.Exporter.OtlpExportProtocol.Grpc,
            "HTTP/PROTOBUF" => OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf,
            _ => throw new InvalidOperationException($"OpenTelemetry:Otlp:Protocol must be 'grpc' or 'http/protobuf', not '{value}'."),
        };
    }

    /// <summary>The configured OTLP endpoint, or null when telemetry is not exported.</summary>
    public static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration["OpenTelemetry:Otlp:Endpoint"];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"OpenTelemetry:Otlp:Endpoint is not an http(s) address: '{value}'.");
    }
}
