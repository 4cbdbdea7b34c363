using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using CaseManager.Web.Access;

namespace CaseManager.Web.Hosting;

/// <summary>
/// <c>dotnet run --project CaseManager.Web -c Release -- benchmark-caseload</c>: times the caseload
/// queries as the application runs them (the real service, the real SQL) against the configured
/// database, and prints PostgreSQL's EXPLAIN ANALYZE of each. A measurement for the team's notes,
/// never a test: fill the database first with <c>seed-demo 100000</c>.
/// </summary>
public static class CaseloadBenchmark
{
    private const int Runs = 20;

    public static async Task RunAsync(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<CaseManagerSettings>();
        var capture = new CommandCapture();
        var options = new DbContextOptionsBuilder<CaseManagerDbContext>()
            .UseCaseManagerDatabase(settings.ConnectionString)
            .AddInterceptors(capture);
        var contexts = new PooledDbContextFactory<CaseManagerDbContext>((DbContextOptions<CaseManagerDbContext>)options.Options);

        await using var db = await contexts.CreateDbContextAsync();
        var households = await db.Households.CountAsync();
        var counsellor = await db.Users.Where(u => u.Email == "intervenant@demo.local")
            .Select(u => new UserIdentity(u.Id, u.DisplayName, new HashSet<string> { Roles.Counsellor }, u.OrganizationId))
            .SingleAsync();
        var supervisor = (await BenchmarkUser.InRoleAsync(db, Roles.Supervisor)).User;
        var sample = await db.Households.OrderBy(h => h.FileNumber).Skip(households / 2)
            .Select(h => new { h.PrimaryApplicant.LastName, h.Contact.Phone }).FirstAsync();
        Console.WriteLine($"Households: {households:N0}; the counsellor's files: {await db.Households.CountAsync(h => h.AssignedCounsellorId == counsellor.Id):N0}");

        var cases = new (string Name, UserIdentity User, CaseloadQuery Query)[]
        {
            ("Counsellor, first page (open files, by name)", counsellor, new CaseloadQuery()),
            ("Counsellor, longest without contact first", counsellor, new CaseloadQuery { SortBy = CaseloadSort.LastContact }),
            ("Supervisor, first page of every file", supervisor, new CaseloadQuery { Status = StatusFilter.All }),
            ("Supervisor, page 200, by stage", supervisor, new CaseloadQuery { Status = StatusFilter.All, SortBy = CaseloadSort.Stage, Page = 200 }),
            ($"Supervisor, search \"{sample.LastName}\" (accents and case ignored)", supervisor, new CaseloadQuery { Search = sample.LastName.ToUpperInvariant(), Status = StatusFilter.All }),
            ($"Supervisor, search by phone digits", supervisor, new CaseloadQuery { Search = new string((sample.Phone ?? "514").Where(char.IsAsciiDigit).ToArray()), Status = StatusFilter.All }),
        };

        foreach (var (name, user, query) in cases)
        {
            var clock = app.Services.GetRequiredService<AppClock>();
            var access = new AccessPolicy(contexts, new BenchmarkUser(user), clock, app.Services.GetRequiredService<ILogger<AccessPolicy>>());
            var service = new HouseholdService(contexts, access, clock, app.Services.GetRequiredService<ILogger<HouseholdService>>());
            await service.GetCaseloadAsync(query);
            var timings = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                var watch = Stopwatch.StartNew();
                await service.GetCaseloadAsync(query);
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }

            timings.Sort();
            Console.WriteLine();
            Console.WriteLine($"== {name}: median {timings[Runs / 2]:F1} ms, p95 {timings[(int)(Runs * 0.95) - 1]:F1} ms over {Runs} runs (the whole call: counts, page)");
            capture.Commands.Clear();
            await service.GetCaseloadAsync(query);
            foreach (var command in capture.Commands.Where(c => c.CommandText.Contains("households", StringComparison.Ordinal)))
            {
                await ExplainAsync(settings.ConnectionString, command);
            }
        }
    }

    private static async Task ExplainAsync(string connectionString, DbCommand command)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + command.CommandText, connection);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        Console.WriteLine("-- " + command.CommandText.Split('\n')[0].Trim() + " …");
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("   " + reader.GetString(0));
        }
    }

    /// <summary>Keeps a copy of each command EF sends, parameters included.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        public List<DbCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var copy = new NpgsqlCommand(command.CommandText);
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                copy.Parameters.Add(parameter.Clone());
            }

            Commands.Add(copy);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
