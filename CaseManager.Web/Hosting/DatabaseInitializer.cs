using CaseManager.Data;
using CaseManager.Data.Demo;
using CaseManager.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CaseManager.Web.Hosting;

/// <summary>
/// Brings the database up to date: the <c>migrate</c> command (migrations under the schema lock,
/// then the reference lists), and the checks at start-up (a schema behind the code refuses to
/// start; migrations at start only when <c>Database:MigrateOnStartup</c> is on; demo data in demo
/// mode, only into a demo database).
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>How long a migration may run, and how long another instance waits for the schema lock.</summary>
    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// At start (and for <c>seed-demo</c>): migrations when configured, otherwise a check that none is
    /// pending; the reference lists; demo data in demo mode. False (with the exit code set and the
    /// reason written) when the instance must not start.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, bool forceDemo = false, int? demoHouseholds = null)
    {
        var settings = app.Services.GetRequiredService<CaseManagerSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var factory = app.Services.GetRequiredService<IDbContextFactory<CaseManagerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (settings.MigrateOnStartup)
        {
            await MigrateUnderLockAsync(db, logger);
        }
        else
        {
            var pending = await PendingMigrationsAsync(db);
            if (pending.Count > 0)
            {
                return Fail(
                    $"The database schema is behind this version of CaseManager: {pending.Count} migration(s) not applied ({string.Join(", ", pending.TakeLast(3))}"
                    + (pending.Count > 3 ? ", …" : "") + "). Run the `migrate` command first (`dotnet CaseManager.Web.dll migrate`, "
                    + "or `dotnet run --project CaseManager.Web -- migrate`), then start the instances. "
                    + "(Database:MigrateOnStartup=true applies them at start instead.)",
                    exitCode: 3);
            }
        }

        await ReferenceDataSeeder.SeedAsync(db);

        if (settings.DemoMode || forceDemo)
        {
            var clock = app.Services.GetRequiredService<TimeProvider>();
            if (!await DemoDatabaseGuard.ClaimAsync(db, clock.GetUtcNow()))
            {
                return Fail(DemoDatabaseGuard.RefusalMessage(settings.ConnectionString), exitCode: 4);
            }

            var households = demoHouseholds ?? settings.DemoHouseholds;
            var summary = await DemoData.GenerateAsync(db, new DemoOptions(households), clock.GetUtcNow());
            logger.LogInformation(
                "Demo data: {Users} users, {Households} households, {Journal} journal entries.",
                summary.Users, summary.Households, summary.JournalEntries);
        }

        return true;
    }

    /// <summary>
    /// The <c>migrate</c> command: applies the pending migrations under the schema lock (a second
    /// run at the same time waits, then finds nothing to do), seeds the reference lists, exits 0.
    /// </summary>
    public static async Task MigrateCommandAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var factory = app.Services.GetRequiredService<IDbContextFactory<CaseManagerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var applied = await MigrateUnderLockAsync(db, logger);
        await ReferenceDataSeeder.SeedAsync(db);
        Console.WriteLine(applied.Count == 0
            ? "The database schema is up to date: nothing to migrate. Reference lists checked."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}. Reference lists checked.");
        Environment.ExitCode = 0;
    }

    /// <summary>
    /// The benchmark verbs' guard: they run on a migrated demo database (or an empty one, which
    /// they mark) and nowhere else.
    /// </summary>
    public static async Task<bool> EnsureDemoDatabaseAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<CaseManagerSettings>();
        var factory = app.Services.GetRequiredService<IDbContextFactory<CaseManagerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if ((await PendingMigrationsAsync(db)).Count > 0)
        {
            return Fail("The database schema is behind: run the `migrate` command (or `seed-demo`) first.", exitCode: 3);
        }

        var clock = app.Services.GetRequiredService<TimeProvider>();
        return await DemoDatabaseGuard.ClaimAsync(db, clock.GetUtcNow())
            || Fail(DemoDatabaseGuard.RefusalMessage(settings.ConnectionString), exitCode: 4);
    }

    /// <summary>
    /// The migrations not applied yet. On a database without the history table (a new one) that is
    /// all of them: EF would otherwise read the missing table and log the failed command as an
    /// error, which a first start must not show.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> PendingMigrationsAsync(CaseManagerDbContext db, CancellationToken cancellationToken = default)
    {
        if (!await HistoryTableExistsAsync(db, cancellationToken))
        {
            return db.Database.GetMigrations().ToList();
        }

        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
    }

    /// <summary>
    /// Whether the migrations' history table is there, asked of the catalog (EF's own check reads
    /// the table, and logs the failure as an error when it is missing).
    /// </summary>
    private static async Task<bool> HistoryTableExistsAsync(CaseManagerDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<bool>($"SELECT to_regclass({HistoryTable}) IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>The history table <see cref="DatabaseSetup.UseCaseManagerDatabase(DbContextOptionsBuilder, string)"/> names.</summary>
    private const string HistoryTable = "public.\"__EFMigrationsHistory\"";

    internal static async Task<IReadOnlyList<string>> MigrateUnderLockAsync(CaseManagerDbContext db, ILogger logger)
    {
        db.Database.SetCommandTimeout(MigrationTimeout);
        // A database that does not exist yet is created empty (the lock needs a connection to it).
        var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync())
        {
            await creator.CreateAsync();
        }

        await using (await db.AcquireSchemaLockAsync(MigrationTimeout))
        {
            // The history table first (if it is missing), so that EF's migration reads an empty
            // table rather than failing on a missing one (a red "fail:" line on the first start).
            if (!await HistoryTableExistsAsync(db, CancellationToken.None))
            {
                await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
            }

            // Read under the lock: another instance may have just applied them.
            var pending = await PendingMigrationsAsync(db);
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}.", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync();
            }

            return pending;
        }
    }

    private static bool Fail(string message, int exitCode)
    {
        Console.Error.WriteLine(message);
        Environment.ExitCode = exitCode;
        return false;
    }
}
