using CaseManager.Data;
using CaseManager.Data.Demo;
using CaseManager.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Hosting;

/// <summary>Brings the database up to date at start-up: migrations, reference lists, demo data in demo mode.</summary>
public static class DatabaseInitializer
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool forceDemo = false, int? demoHouseholds = null)
    {
        var settings = app.Services.GetRequiredService<CaseManagerSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var factory = app.Services.GetRequiredService<IDbContextFactory<CaseManagerDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        if (settings.MigrateOnStartup)
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.MigrateAsync();
        }

        await ReferenceDataSeeder.SeedAsync(db);

        if (settings.DemoMode || forceDemo)
        {
            var households = demoHouseholds ?? settings.DemoHouseholds;
            var clock = app.Services.GetRequiredService<TimeProvider>();
            var summary = await DemoData.GenerateAsync(db, new DemoOptions(households), clock.GetUtcNow());
            logger.LogInformation(
                "Demo data: {Users} users, {Households} households, {Journal} journal entries.",
                summary.Users, summary.Households, summary.JournalEntries);
        }
    }
}
