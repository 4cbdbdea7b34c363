using System.Collections.Concurrent;
using CaseManager.Data;
using CaseManager.Tests.Support;
using CaseManager.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>
/// A newcomer's first start (and the <c>migrate</c> command) on an empty database logs nothing at
/// error level: no failed read of the migrations' history table that is not there yet.
/// </summary>
public sealed class FirstStartLogTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task Migrate_OnAnEmptyDatabase_LogsNoErrorAndAppliesEveryMigration()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Database.ConnectionString);
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var db = Open(scratch.ConnectionString, loggers);

        var applied = await DatabaseInitializer.MigrateUnderLockAsync(db, loggers.CreateLogger("test"));

        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.True(!logs.AtLeast(LogLevel.Error).Any(), string.Join(Environment.NewLine, logs.AtLeast(LogLevel.Error)));
        // The capture works: EF's commands were seen.
        Assert.NotEmpty(logs.Entries);
    }

    [Fact]
    public async Task PendingMigrations_OnAnEmptyDatabase_AreAllOfThemAndLogNoError()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Database.ConnectionString);
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var db = Open(scratch.ConnectionString, loggers);

        var pending = await DatabaseInitializer.PendingMigrationsAsync(db, TestContext.Current.CancellationToken);

        Assert.Equal(db.Database.GetMigrations(), pending);
        Assert.True(!logs.AtLeast(LogLevel.Error).Any(), string.Join(Environment.NewLine, logs.AtLeast(LogLevel.Error)));
    }

    private static CaseManagerDbContext Open(string connectionString, ILoggerFactory loggers) =>
        new((DbContextOptions<CaseManagerDbContext>)new DbContextOptionsBuilder<CaseManagerDbContext>()
            .UseCaseManagerDatabase(connectionString)
            .UseLoggerFactory(loggers)
            .Options);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

        public IEnumerable<string> AtLeast(LogLevel level) =>
            Entries.Where(e => e.Level >= level).Select(e => $"{e.Level} {e.Category}: {e.Message}");

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Entries.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
