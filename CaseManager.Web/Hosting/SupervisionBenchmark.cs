using System.Diagnostics;
using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Features.Assignment;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Features.Supervision;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Hosting;

/// <summary>
/// <c>dotnet run --project CaseManager.Web -c Release -- benchmark-supervision</c>: times the
/// supervision dashboard (the real service, its grouped statements) and one distribution choice
/// (lock, loads, choice, rolled back) against the configured database. A measurement, never a
/// test: fill the database first with <c>seed-demo 100000</c>.
/// </summary>
public static class SupervisionBenchmark
{
    private const int Runs = 10;

    public static async Task RunAsync(WebApplication app)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<CaseManagerDbContext>>();
        var clock = app.Services.GetRequiredService<AppClock>();
        UserIdentity supervisor;
        await using (var users = await contexts.CreateDbContextAsync())
        {
            supervisor = (await BenchmarkUser.InRoleAsync(users, Roles.Supervisor)).User;
        }

        var service = new SupervisionService(contexts, new AccessPolicy(contexts, new BenchmarkUser(supervisor), clock, app.Services.GetRequiredService<ILogger<AccessPolicy>>()), clock, app.Services.GetRequiredService<ReminderEmails>(),
            app.Services.GetRequiredService<IBackgroundJobClient>(), app.Services.GetRequiredService<ILogger<SupervisionService>>());
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Console.WriteLine($"Households: {await db.Households.CountAsync():N0}");
        }

        Report("Supervision dashboard (by counsellor, by organization, absences)", await TimeAsync(() => service.GetDashboardAsync()));
        Report("One distribution choice (lock, loads of every counsellor, choice; rolled back)", await TimeAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await new FileDistributor().ChooseAsync(db, ["es"], clock.Today, CancellationToken.None);
            await transaction.RollbackAsync();
        }));
    }

    private static async Task<List<double>> TimeAsync(Func<Task> action)
    {
        await action();
        var timings = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        return timings;
    }

    private static void Report(string name, List<double> timings)
    {
        timings.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: median {timings[timings.Count / 2]:F1} ms, worst {timings[^1]:F1} ms ({Runs} runs)"));
    }
}
