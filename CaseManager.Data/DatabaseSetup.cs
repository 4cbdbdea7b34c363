using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace CaseManager.Data;

public static class DatabaseSetup
{
    /// <summary>The one way the application, the tools and the tests configure the database.</summary>
    public static DbContextOptionsBuilder UseCaseManagerDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", "public"))
            .UseSnakeCaseNamingConvention();

    /// <summary>The same, on a data source built elsewhere (the benchmarks' one, which traces its commands).</summary>
    public static DbContextOptionsBuilder UseCaseManagerDatabase(this DbContextOptionsBuilder options, DbDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", "public"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// The connection string the local scripts use when nothing else is configured: the cluster
    /// that scripts/run.sh starts on port 55431.
    /// </summary>
    public const string LocalDevelopmentConnectionString =
        "Host=127.0.0.1;Port=55431;Database=casemanager;Username=postgres";

    /// <summary>
    /// The PostgreSQL advisory lock under which the schema changes: migrations (the <c>migrate</c>
    /// command, or at start when <c>Database:MigrateOnStartup</c> is on) and reference-data seeding.
    /// Two instances (or two <c>migrate</c> runs) take turns: the second waits, then finds nothing to do.
    /// </summary>
    public const long SchemaLockKey = 0x434D_5343_4845; // "CMSCHE"

    /// <summary>
    /// Takes <see cref="SchemaLockKey"/> for the session of <paramref name="db"/>'s connection (opened
    /// and kept open until the returned handle is disposed, which releases the lock). Waits at most
    /// <paramref name="wait"/> for another holder.
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireSchemaLockAsync(this DbContext db, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(wait);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }

        return new SchemaLock(db);
    }

    private sealed class SchemaLock(DbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // The connection goes back to the pool: the session lock must be released explicitly.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SchemaLockKey})");
            await db.Database.CloseConnectionAsync();
        }
    }

    public static NpgsqlConnectionStringBuilder Describe(string connectionString) => new(connectionString);
}

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web application.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CaseManagerDbContext>
{
    public CaseManagerDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__CaseManager")
            ?? DatabaseSetup.LocalDevelopmentConnectionString;
        var options = new DbContextOptionsBuilder<CaseManagerDbContext>().UseCaseManagerDatabase(connectionString);
        return new CaseManagerDbContext((DbContextOptions<CaseManagerDbContext>)options.Options);
    }
}
