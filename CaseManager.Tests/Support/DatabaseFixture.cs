using CaseManager.Data;
using CaseManager.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Respawn;

[assembly: AssemblyFixture(typeof(CaseManager.Tests.Support.DatabaseFixture))]

namespace CaseManager.Tests.Support;

/// <summary>
/// The real PostgreSQL database the test script starts (scripts/test.sh). The migrations are
/// applied once per run; <see cref="ResetAsync"/> empties every table but the migration history
/// and puts the reference data back.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=55432;Database=casemanager_test;Username=postgres;Maximum Pool Size=60";

    private Respawner? _respawner;

    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("CASEMANAGER_TEST_CONNECTION") ?? DefaultConnectionString;

    public IDbContextFactory<CaseManagerDbContext> ContextFactory { get; private set; } = null!;

    public CaseManagerDbContext CreateDbContext() => ContextFactory.CreateDbContext();

    public async ValueTask InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<CaseManagerDbContext>().UseCaseManagerDatabase(ConnectionString);
        ContextFactory = new PooledDbContextFactory<CaseManagerDbContext>(
            (DbContextOptions<CaseManagerDbContext>)options.Options);
        await using (var db = CreateDbContext())
        {
            await db.Database.MigrateAsync();
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory"],
            // Reference data is seeded again after each reset: its ids start at 1 again.
            WithReseed = true,
        });
    }

    /// <summary>Every test that touches the database starts from reference data only.</summary>
    public async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            // The access log refuses DELETE and TRUNCATE unless the session says it is maintenance.
            await using (var maintenance = new NpgsqlCommand("SET casemanager.access_log_maintenance = 'on'", connection))
            {
                await maintenance.ExecuteNonQueryAsync();
            }

            await _respawner!.ResetAsync(connection);
        }

        await using var db = CreateDbContext();
        await ReferenceDataSeeder.SeedAsync(db);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Base class for tests against the database: each test starts from a reset database.</summary>
public abstract class DatabaseTest(DatabaseFixture database) : IAsyncLifetime
{
    protected DatabaseFixture Database { get; } = database;

    public virtual async ValueTask InitializeAsync() => await Database.ResetAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
