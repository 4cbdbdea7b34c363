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
