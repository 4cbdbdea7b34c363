using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>
/// Upgrades and the demo's safety on the real process (<c>dotnet CaseManager.Web.dll</c>,
/// Production): <c>migrate</c> run twice at once, an instance refusing a schema behind its code,
/// and the demo and benchmark verbs refusing a database they did not create.
/// </summary>
public sealed class DatabaseCommandsTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static CaseManagerDbContext Open(string connectionString) =>
        new((DbContextOptions<CaseManagerDbContext>)new DbContextOptionsBuilder<CaseManagerDbContext>().UseCaseManagerDatabase(connectionString).Options);

    [Fact]
    public async Task Migrate_TwoRunsAtOnceOnANewDatabase_BothSucceedOneAppliesTheOtherFindsNothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Database.ConnectionString);
        var environment = AppProcess.ProductionSettings(scratch.ConnectionString);

        var runs = await Task.WhenAll(AppProcess.RunAsync(environment, "migrate"), AppProcess.RunAsync(environment, "migrate"));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Single(runs, run => run.StandardOutput.Contains("Applied ", StringComparison.Ordinal));
        Assert.Single(runs, run => run.StandardOutput.Contains("nothing to migrate", StringComparison.Ordinal));
        await using var db = Open(scratch.ConnectionString);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        // The reference lists once, not twice.
        Assert.Equal(17, await db.Regions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Roles.All.Count, await db.Roles.CountAsync(TestContext.Current.CancellationToken));

        var again = await AppProcess.RunAsync(environment, "migrate");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("nothing to migrate", again.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SchemaBehindTheCode_RefusesNamingTheMigrateCommand()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Database.ConnectionString);

        var run = await AppProcess.RunAsync(AppProcess.ProductionSettings(scratch.ConnectionString));

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("The database schema is behind", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("`migrate`", run.StandardError, StringComparison.Ordinal);
        // It did not migrate on its own (Database:MigrateOnStartup is off in Production).
        await using var db = Open(scratch.ConnectionString);
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SeedDemo_DatabaseWithAccountsAndNoDemoMarker_IsRefusedAndWritesNothing()
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CounsellorAsync(db);
        }

        var run = await AppProcess.RunAsync(AppProcess.ProductionSettings(Database.ConnectionString), "seed-demo", "5");

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("Refused", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("database_markers", run.StandardError, StringComparison.Ordinal);
        await using var after = Database.CreateDbContext();
        Assert.Equal(0, await after.Households.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await after.Users.CountAsync(TestContext.Current.CancellationToken));
        Assert.False(await after.DatabaseMarkers.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("benchmark-caseload")]
    [InlineData("benchmark-resources")]
    public async Task Benchmark_DatabaseWithAccountsAndNoDemoMarker_IsRefused(string verb)
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CounsellorAsync(db);
        }

        var run = await AppProcess.RunAsync(AppProcess.ProductionSettings(Database.ConnectionString), verb);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("Refused", run.StandardError, StringComparison.Ordinal);
        await using var after = Database.CreateDbContext();
        Assert.Equal(0, await after.Resources.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SeedDemo_EmptyDatabase_MarksItAsADemoDatabaseAndFillsIt()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Database.ConnectionString);
        var environment = AppProcess.ProductionSettings(scratch.ConnectionString);
        environment["Database__MigrateOnStartup"] = "true";

        var run = await AppProcess.RunAsync(environment, "seed-demo", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        await using var db = Open(scratch.ConnectionString);
        Assert.True(await db.DatabaseMarkers.AnyAsync(m => m.Name == DatabaseMarker.Demo, TestContext.Current.CancellationToken));
        Assert.Equal(3, await db.Households.CountAsync(TestContext.Current.CancellationToken));

        // The demo's own database: the next seed-demo is welcome there.
        var again = await AppProcess.RunAsync(environment, "seed-demo", "3");
        Assert.True(again.ExitCode == 0, again.ToString());
    }
}
