using System.Diagnostics;
using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;
using CaseManager.Web.Features.Reports;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using CaseManager.Web.Access;

namespace CaseManager.Web.Hosting;

/// <summary>
/// <c>dotnet run --project CaseManager.Web -c Release -- benchmark-results [--no-plans]</c>: times the
/// results dashboard (the real <see cref="ReportService.GetAsync"/>, every statement of it) for the
/// whole program, one organization and one counsellor, over the busiest fiscal year and over a
/// custom period, then prints PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) of each statement. A
/// measurement for the team's notes, never a test: fill the database first with <c>seed-demo 100000</c>.
/// </summary>
public static class ResultsBenchmark
{
    private const int Runs = 15;
    private const string Zone = "America/Montreal";

    public static async Task RunAsync(WebApplication app, bool plans)
    {
        var settings = app.Services.GetRequiredService<CaseManagerSettings>();
        var clock = app.Services.GetRequiredService<AppClock>();

        // The report reads on the DbContext's own connection with plain ADO.NET commands, which EF's
        // command interceptors never see: the data source's tracing hands over every command instead.
        var capture = new CommandCapture();
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        dataSourceBuilder.ConfigureTracing(tracing => tracing.ConfigureCommandEnrichmentCallback((_, command) => capture.Add(command)));
        await using var dataSource = dataSourceBuilder.Build();
        using var listener = capture.Listen();
        var options = new DbContextOptionsBuilder<CaseManagerDbContext>().UseCaseManagerDatabase(dataSource);
        var contexts = new PooledDbContextFactory<CaseManagerDbContext>((DbContextOptions<CaseManagerDbContext>)options.Options);

        await using var db = await contexts.CreateDbContextAsync();
        await DescribeAsync(db);
        var year = new FiscalYear(await db.Database.SqlQueryRaw<int>($"""
            SELECT extract(year FROM (occurred_at AT TIME ZONE '{Zone}') - interval '3 months')::int AS "Value"
            FROM stage_transitions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1
            """).SingleAsync());
        var custom = ReportPeriod.Custom(year.FirstDay.AddMonths(-5).AddDays(9), year.FirstDay.AddMonths(7).AddDays(19));
        var organization = await db.Households.GroupBy(h => h.OrganizationId).OrderByDescending(g => g.Count())
            .Select(g => new { Id = g.Key, Files = g.Count() }).FirstAsync();
        var counsellor = await db.Households.Where(h => h.AssignedCounsellorId != null).GroupBy(h => h.AssignedCounsellorId!)
            .OrderByDescending(g => g.Count()).Select(g => new { Id = g.Key, Files = g.Count() }).FirstAsync();
        var counsellorUser = await db.Users.Where(u => u.Id == counsellor.Id).Select(u => new { u.DisplayName, u.OrganizationId }).SingleAsync();
        var counsellorName = counsellorUser.DisplayName;
        Console.WriteLine($"Busiest fiscal year: {year}; custom period: {custom}");
        Console.WriteLine($"Organization {organization.Id}: {organization.Files:N0} files; counsellor {counsellorName}: {counsellor.Files:N0} files");

        var supervisor = (await BenchmarkUser.InRoleAsync(db, Roles.Supervisor)).User;
        var asCounsellor = new UserIdentity(counsellor.Id, counsellorName, new HashSet<string> { Roles.Counsellor }, counsellorUser.OrganizationId);
        var cases = new List<(string Name, UserIdentity User, ResultsQuery Query)>();
        foreach (var (periodName, period) in new[] { ($"fiscal year {year}", ReportPeriod.Of(year)), ($"custom {custom}", custom) })
        {
            cases.Add(($"Supervisor, whole program, {periodName}", supervisor, new ResultsQuery(period)));
            cases.Add(($"Supervisor, organization {organization.Id}, {periodName}", supervisor, new ResultsQuery(period, OrganizationId: organization.Id)));
            cases.Add(($"Counsellor {counsellorName} (own files), {periodName}", asCounsellor, new ResultsQuery(period)));
        }

        var summary = new List<string>();
        foreach (var (name, user, query) in cases)
        {
            var service = new ReportService(contexts, new AccessPolicy(contexts, new BenchmarkUser(user), clock, app.Services.GetRequiredService<ILogger<AccessPolicy>>()), clock);
            var timings = await BenchmarkTiming.MeasureAsync(Runs, () => service.GetAsync(query));
            summary.Add($"{name}: {timings}");
            Console.WriteLine();
            Console.WriteLine($"== {name}: {timings} (the whole call: every statement)");
            if (!plans)
            {
                continue;
            }

            capture.Start();
            await service.GetAsync(query);
            foreach (var command in capture.Stop())
            {
                await ExplainAsync(dataSource, command);
            }
        }

        Console.WriteLine();
        Console.WriteLine("== Summary");
        summary.ForEach(Console.WriteLine);
    }

    private static async Task DescribeAsync(CaseManagerDbContext db)
    {
        var counts = await db.Database.SqlQueryRaw<string>("""
            SELECT format('Households: %s (settled %s); stage transitions: %s (withdrawals %s); retention checks: %s; '
                || 'information sessions: %s (registrations %s); stays: %s (participants %s); subsidy applications: %s', 
                (SELECT count(*) FROM households), (SELECT count(*) FROM households WHERE settlement_settled_on IS NOT NULL),
                (SELECT count(*) FROM stage_transitions), (SELECT count(*) FROM stage_transitions WHERE kind = 'Withdraw'),
                (SELECT count(*) FROM retention_checks), (SELECT count(*) FROM info_sessions), (SELECT count(*) FROM session_registrations),
                (SELECT count(*) FROM stays), (SELECT count(*) FROM stay_participants), (SELECT count(*) FROM subsidy_applications)) AS "Value"
            """).SingleAsync();
        Console.WriteLine(counts);
    }

    private static async Task ExplainAsync(NpgsqlDataSource dataSource, NpgsqlCommand command)
    {
        if (!command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            && !command.CommandText.TrimStart().StartsWith("WITH", StringComparison.OrdinalIgnoreCase))
        {
            // The report's own settings (read only, sort memory): replayed below, nothing to explain.
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var settings = new NpgsqlCommand($"SET work_mem = '{ReportService.SortMemory}'", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + command.CommandText, connection);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        Console.WriteLine("-- " + string.Join(' ', command.CommandText.Split('\n', StringSplitOptions.TrimEntries).Take(3)) + " …");
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("   " + reader.GetString(0));
        }
    }

    /// <summary>
    /// Keeps a copy of each command the data source runs while started, parameters included. Npgsql
    /// traces (and so hands over) a command only while someone listens to its activity source.
    /// </summary>
    private sealed class CommandCapture
    {
        private readonly List<NpgsqlCommand> commands = [];
        private volatile bool started;

        public ActivityListener Listen()
        {
            var listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => started ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            };
            ActivitySource.AddActivityListener(listener);
            return listener;
        }

        public void Start()
        {
            lock (commands)
            {
                commands.Clear();
            }

            started = true;
        }

        public List<NpgsqlCommand> Stop()
        {
            started = false;
            lock (commands)
            {
                return [.. commands];
            }
        }

        public void Add(NpgsqlCommand command)
        {
            if (!started)
            {
                return;
            }

            var copy = new NpgsqlCommand(command.CommandText);
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                copy.Parameters.Add(parameter.Clone());
            }

            lock (commands)
            {
                commands.Add(copy);
            }
        }
    }
}
