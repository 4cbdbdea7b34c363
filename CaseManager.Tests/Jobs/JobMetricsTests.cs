using System.Diagnostics.Metrics;
using CaseManager.Data.Entities;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Hosting;
using CaseManager.Web.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Jobs;

/// <summary>
/// The application's meter (<c>CaseManager</c>) as the real jobs feed it, read back with a
/// <see cref="MeterListener"/> limited to this test's own meter factory.
/// </summary>
public sealed class JobMetricsTests(DatabaseFixture database) : ReminderTestBase(database)
{
    private static readonly DateOnly Today = FixedContext.Today;

    [Fact]
    public async Task Sweep_RecordingReminders_CountsThemByRule()
    {
        var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
        await AddTaskAsync(household.Id, "Visiter Rimouski", Today.AddDays(1));
        await AddTaskAsync(household.Id, "Appeler le CLSC", Today.AddDays(2));
        await DisableAllRulesBut(ReminderKind.TaskDueSoon);
        using var measurements = new Measurements(Meters, "casemanager.reminders.created");

        var created = await Sweep.RunAsync(CancellationToken.None);
        var again = await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((2, 0), (created, again));
        var measurement = Assert.Single(measurements.All);
        Assert.Equal(2, measurement.Value);
        Assert.Equal(nameof(ReminderKind.TaskDueSoon), measurement.Tags["reminder.rule"]);
    }

    [Fact]
    public async Task EmailSender_SentAndFailed_AreCounted()
    {
        await QueueEmailsAsync(3);
        using var sent = new Measurements(Meters, "casemanager.emails.sent");
        using var failed = new Measurements(Meters, "casemanager.emails.failed");

        // Nothing listens on port 1: the three fail; later they go through smtp4dev.
        await Sender(Smtp4dev.Settings(port: 1)).RunAsync(CancellationToken.None);
        Time.Advance(EmailSenderJob.Backoff(1) + TimeSpan.FromSeconds(1));
        await Sender(Smtp4dev.Settings()).RunAsync(CancellationToken.None);

        Assert.Equal(3, failed.All.Sum(m => m.Value));
        Assert.Equal(3, sent.All.Sum(m => m.Value));
    }

    [Fact]
    public async Task JobMetricsFilter_OnARealHangfireServer_RecordsEachJobsDurationByType()
    {
        using var measurements = new Measurements(Meters, "casemanager.job.duration");
        // Hangfire logs through a process-wide provider, which an earlier test's (disposed) host may have set.
        LogProvider.SetCurrentLogProvider(new SilentLogProvider());
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire_metrics_test", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(100) };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(Database.ConnectionString, options), options);
        var filters = new JobFilterCollection();
        filters.Add(new JobMetricsFilter(Metrics));
        using var server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = "metrics-test",
                Queues = ["metrics"],
                WorkerCount = 1,
                Activator = new SweepActivator(() => Sweep),
                FilterProvider = filters,
                SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
            },
            storage);

        new BackgroundJobClient(storage).Create(
            Job.FromExpression<ReminderSweepJob>(job => job.RunAsync(CancellationToken.None)), new EnqueuedState("metrics"));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (measurements.All.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No job duration was recorded.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        server.SendStop();
        var measurement = Assert.Single(measurements.All);
        Assert.Equal("ReminderSweepJob.RunAsync", measurement.Tags["job.type"]);
        Assert.Equal("succeeded", measurement.Tags["job.outcome"]);
        Assert.True(measurement.Value > 0);
    }

    [Fact]
    public async Task AppFactory_TheJobMetricsFilter_IsAJobFilterOfTheContainer()
    {
        await using var app = new CaseManagerAppFactory(Database.ConnectionString);

        // Hangfire.AspNetCore applies the container's IJobFilter services to its server's jobs.
        Assert.Contains(app.Services.GetServices<IJobFilter>(), f => f is JobMetricsFilter);
    }

    private async Task QueueEmailsAsync(int count)
    {
        await using var db = Database.CreateDbContext();
        for (var i = 0; i < count; i++)
        {
            db.OutgoingEmails.Add(new OutgoingEmail
            {
                Id = Guid.NewGuid(),
                ToAddress = $"metrics{i}@test.local",
                Subject = "Mesure",
                TextBody = "Bonjour",
                DedupKey = $"metrics:{i}:{Guid.NewGuid():N}",
                CreatedAt = Time.GetUtcNow().ToUniversalTime(),
            });
        }

        await db.SaveChangesAsync();
    }

    private sealed class SilentLogProvider : ILogProvider
    {
        public ILog GetLogger(string name) => new SilentLog();

        private sealed class SilentLog : ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }

    /// <summary>Builds the sweep the Hangfire server runs: on the test database, at the test's clock.</summary>
    private sealed class SweepActivator(Func<ReminderSweepJob> create) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(ReminderSweepJob) ? create() : throw new InvalidOperationException($"No {jobType} in this test.");
    }
}

/// <summary>Every measurement of one instrument of the CaseManager meter made by one meter factory.</summary>
internal sealed class Measurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(double Value, Dictionary<string, object?> Tags)> _all = [];

    public Measurements(IMeterFactory scope, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Meter.Name == CaseManagerMetrics.MeterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Add(value, tags));
        _listener.Start();
    }

    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    private void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_all)
        {
            _all.Add((value, copy));
        }
    }

    public void Dispose() => _listener.Dispose();
}
