using System.Data.Common;
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
/// <c>dotnet run --project CaseManager.Web -c Release -- benchmark-caseload [--plans]</c>: times the
/// caseload as the application runs it (the real service, the real SQL) against the configured
/// database — every sort in both directions on the first, 200th, middle and last page, a
/// counsellor's list, the searches — and, in the same run, the best SQL written by hand for the
/// same result (the stage counts and the page, in one round trip), with the ratio. <c>--plans</c>
/// adds PostgreSQL's EXPLAIN ANALYZE of the service's statements. A measurement for the team's
/// notes, never a test: fill the database first with <c>seed-demo 100000</c>.
/// </summary>
public static class CaseloadBenchmark
{
    private const int Runs = 20;

    public static async Task RunAsync(WebApplication app, bool plans = false)
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
        var counsellorOpen = await db.Households.CountAsync(h => h.AssignedCounsellorId == counsellor.Id && (h.Status == Domain.Households.CaseStatus.Active || h.Status == Domain.Households.CaseStatus.OnHold));
        Console.WriteLine($"Households: {households:N0}; the counsellor's open files: {counsellorOpen:N0}");

        var lastPage = (households - 1) / 25;
        var cases = new List<(string Name, UserIdentity User, CaseloadQuery Query, string Where, NpgsqlParameter[] Parameters)>();
        var counsellorWhere = "h.assigned_counsellor_id = @counsellor AND h.status IN ('Active', 'OnHold')";
        foreach (var sort in Enum.GetValues<CaseloadSort>())
        {
            cases.Add(($"Counsellor, open files, by {sort}, first page", counsellor, new CaseloadQuery { SortBy = sort }, counsellorWhere, [new("counsellor", counsellor.Id)]));
        }

        cases.Add(("Counsellor, open files, by Name, last page", counsellor, new CaseloadQuery { Page = (counsellorOpen - 1) / 25 }, counsellorWhere, [new("counsellor", counsellor.Id)]));
        cases.Add(("Supervisor, open files (the default), by Name, first page", supervisor, new CaseloadQuery(), "h.status IN ('Active', 'OnHold')", []));
        foreach (var sort in Enum.GetValues<CaseloadSort>())
        {
            foreach (var descending in new[] { false, true })
            {
                foreach (var (label, page) in new[] { ("first page", 0), ("page 200", 200), ("middle page", lastPage / 2), ("last page", lastPage) })
                {
                    cases.Add(($"Supervisor, every file, by {sort}{(descending ? " desc" : "")}, {label}", supervisor,
                        new CaseloadQuery { Status = StatusFilter.All, SortBy = sort, Descending = descending, Page = page }, "true", []));
                }
            }
        }

        var words = HouseholdService.SearchWords(sample.LastName.ToUpperInvariant());
        cases.Add(($"Supervisor, search \"{sample.LastName}\" (accents and case ignored)", supervisor,
            new CaseloadQuery { Search = sample.LastName.ToUpperInvariant(), Status = StatusFilter.All },
            "h.search_text LIKE cm_unaccent(@pattern)", [new("pattern", "%" + words[0].Literal + "%")]));
        var digits = new string((sample.Phone ?? "514").Where(char.IsAsciiDigit).ToArray());
        cases.Add(("Supervisor, search by phone digits", supervisor, new CaseloadQuery { Search = digits, Status = StatusFilter.All },
            "h.search_text LIKE cm_unaccent(@pattern)", [new("pattern", "%" + digits + "%")]));

        var clock = app.Services.GetRequiredService<AppClock>();
        var results = new List<(string Name, BenchmarkTiming.Timings App, BenchmarkTiming.Timings Sql)>();
        foreach (var (name, user, query, where, parameters) in cases)
        {
            var access = new AccessPolicy(contexts, new BenchmarkUser(user), clock, app.Services.GetRequiredService<ILogger<AccessPolicy>>());
            var service = new HouseholdService(contexts, access, clock, app.Services.GetRequiredService<ILogger<HouseholdService>>());
            var appTime = await BenchmarkTiming.MeasureAsync(Runs, () => service.GetCaseloadAsync(query));
            var page = await service.GetCaseloadAsync(query);
            var (sql, sqlParameters) = HandWritten(query, where, parameters, page.Total);
            var sqlTime = await BenchmarkTiming.MeasureAsync(Runs, () => RunBatchAsync(settings.ConnectionString, sql, sqlParameters));
            var rows = await RunBatchAsync(settings.ConnectionString, sql, sqlParameters);
            var same = rows.SequenceEqual(page.Rows.Select(r => r.FileNumber));
            results.Add((name, appTime, sqlTime));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"== {name} ({page.Total:N0} files{(same ? "" : "; THE HAND-WRITTEN SQL LISTS OTHER ROWS")}): app {appTime}; best SQL median {sqlTime.Median:F1} ms, p95 {sqlTime.P95:F1} ms; ratio {appTime.Median / sqlTime.Median:F1}×"));
            if (plans)
            {
                capture.Commands.Clear();
                await service.GetCaseloadAsync(query);
                foreach (var command in capture.Commands.Where(c => c.CommandText.Contains("households", StringComparison.Ordinal)))
                {
                    await ExplainAsync(settings.ConnectionString, command);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("== Summary (app median / p95; best SQL median; ratio of the medians)");
        foreach (var (name, appTime, sqlTime) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {appTime.Median:F1} / {appTime.P95:F1} ms; SQL {sqlTime.Median:F1} ms; {appTime.Median / sqlTime.Median:F1}×"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Worst app p95: {results.Max(r => r.App.P95):F1} ms; worst ratio: {results.Max(r => r.App.Median / r.Sql.Median):F1}×"));
    }

    /// <summary>
    /// The best SQL written by hand for the same page: the stage counts, then the page's ids from the
    /// sort's index (from the nearer end), the rows shown joined to their counsellor, in one batch.
    /// </summary>
    private static (string Sql, NpgsqlParameter[] Parameters) HandWritten(CaseloadQuery query, string where, NpgsqlParameter[] parameters, int total)
    {
        var keys = (query.SortBy, query.Descending) switch
        {
            (CaseloadSort.Name, var d) => new[] { ("h.primary_applicant_last_name", d), ("h.primary_applicant_first_name", d), ("h.file_number", false) },
            (CaseloadSort.FileNumber, var d) => [("h.file_number", d)],
            (CaseloadSort.Stage, var d) => [("h.stage_order", d), ("h.file_number", false)],
            (CaseloadSort.LastContact, false) => [("h.contact_order", false), ("h.file_number", false)],
            (CaseloadSort.LastContact, true) => [("h.last_contact_on", true), ("h.file_number", false)],
            (CaseloadSort.Opened, var d) => [("h.created_at", d), ("h.file_number", d)],
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        };
        var skip = query.Page * 25;
        var fromEnd = skip > total / 2;
        var take = Math.Max(0, Math.Min(25, total - skip));
        string Order(bool flip) => string.Join(", ", keys.Select(k => k.Item1 + (k.Item2 ^ flip ? " DESC" : "")));
        var sql = $"""
            SELECT h.stage, count(*) FROM households h WHERE {where} GROUP BY h.stage;
            SELECT h.id, h.file_number, h.primary_applicant_last_name, h.primary_applicant_first_name,
                   (h.spouse_first_name IS NOT NULL)::int + (SELECT count(*) FROM household_children c WHERE c.household_id = h.id),
                   h.stage, h.status, coalesce(h.settlement_region_code, h.preferred_region_codes[1]), h.last_contact_on, h.created_at,
                   u.display_name, h.xmin
            FROM (SELECT h.id FROM households h WHERE {where} ORDER BY {Order(fromEnd)} OFFSET {(fromEnd ? total - skip - take : skip)} LIMIT {take}) p
                 JOIN households h ON h.id = p.id
                 LEFT JOIN "AspNetUsers" u ON u.id = h.assigned_counsellor_id
            ORDER BY {Order(false)};
            """;
        return (sql, parameters);
    }

    private static async Task<List<string>> RunBatchAsync(string connectionString, string sql, NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        var fileNumbers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }

        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            fileNumbers.Add(reader.GetString(1));
        }

        return fileNumbers;
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
