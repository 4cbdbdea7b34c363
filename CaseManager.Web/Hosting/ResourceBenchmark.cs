using System.Diagnostics;
using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Demo;
using CaseManager.Data.Entities;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Hosting;

/// <summary>
/// <c>dotnet run --project CaseManager.Web -c Release -- benchmark-resources</c>: brings the
/// directory of the configured database up to 50,000 resources (generated like the demo's, written
/// with COPY, kept), then times typical searches through the real service (count + page of 25)
/// and prints PostgreSQL's plan of the main statement. A measurement, never a test: run it on a
/// benchmark database, not on one people use.
/// </summary>
public static class ResourceBenchmark
{
    private const int Target = 50_000;
    private const int Runs = 15;

    public static async Task RunAsync(WebApplication app)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<CaseManagerDbContext>>();
        var clock = app.Services.GetRequiredService<AppClock>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var existing = await db.Resources.CountAsync();
            if (existing < Target)
            {
                var watch = Stopwatch.StartNew();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await DemoResources.InsertAsync(db, DemoResources.Generate(new Random(Target + existing), Target - existing, clock.Now, clock.Today), CancellationToken.None);
                await transaction.CommitAsync();
                await db.Database.ExecuteSqlRawAsync("ANALYZE resources");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Added {Target - existing:N0} resources in {watch.Elapsed.TotalSeconds:F1} s."));
            }

            Console.WriteLine($"Resources: {await db.Resources.CountAsync():N0}");
        }

        BenchmarkUser admin;
        await using (var users = await contexts.CreateDbContextAsync())
        {
            admin = await BenchmarkUser.InRoleAsync(users, Roles.Admin);
        }

        var access = new AccessPolicy(contexts, admin, clock, app.Services.GetRequiredService<ILogger<AccessPolicy>>());
        var service = new ResourceService(contexts, access, clock, app.Services.GetRequiredService<ILogger<ResourceService>>());
        (string Name, ResourceQuery Query)[] searches =
        [
            ("One word, \"emploi\"", new ResourceQuery { Search = "emploi" }),
            ("Two words, \"logement social\"", new ResourceQuery { Search = "logement social" }),
            ("Accent-free, \"ecole primaire\"", new ResourceQuery { Search = "ecole primaire" }),
            ("Typing, \"franci\" (prefix)", new ResourceQuery { Search = "franci" }),
            ("One word + region 05", new ResourceQuery { Search = "emploi", RegionCode = "05" }),
            ("Two words + region 01 + category health", new ResourceQuery { Search = "clinique medicale", RegionCode = "01", CategoryCode = "health" }),
            ("Region + category, no words (by name)", new ResourceQuery { RegionCode = "03", CategoryCode = "employment" }),
            ("Web-search syntax, \"\\\"centre local\\\" -jeunesse\"", new ResourceQuery { Search = "\"centre local\" -jeunesse" }),
        ];
        var results = new List<(string Name, BenchmarkTiming.Timings App, BenchmarkTiming.Timings Sql)>();
        foreach (var (name, query) in searches)
        {
            var page = await service.SearchAsync(query);
            var appTime = await BenchmarkTiming.MeasureAsync(Runs, () => service.SearchAsync(query));
            var sql = await BenchmarkTiming.MeasureAsync(Runs, () => HandWrittenAsync(contexts, query));
            var same = (await HandWrittenAsync(contexts, query)).SequenceEqual(page.Rows.Select(r => r.Id));
            results.Add((name, appTime, sql));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} ({page.Total:N0} matches{(same ? "" : "; THE HAND-WRITTEN SQL LISTS OTHER ROWS")}): app {appTime}; best SQL median {sql.Median:F1} ms, p95 {sql.P95:F1} ms; ratio {appTime.Median / sql.Median:F1}×"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Worst app median: {results.Max(r => r.App.Median):F1} ms; worst ratio: {results.Max(r => r.App.Median / r.Sql.Median):F1}×"));
        await ExplainAsync(contexts, "One word, page 1 by relevance", "to_tsquery('public.cm_french', 'emploi:*')", "");
        await ExplainAsync(contexts, "Two words + region", "to_tsquery('public.cm_french', 'logement & social:*')", "AND region_code = '05'");
    }

    /// <summary>
    /// The best SQL written by hand for the same first page: the matches ranked once, the count as a
    /// window over them, the page's columns, one statement (the words as the service splits them).
    /// </summary>
    private static async Task<List<Guid>> HandWrittenAsync(IDbContextFactory<CaseManagerDbContext> contexts, ResourceQuery query)
    {
        var (words, prefix) = ResourceSearchText.Split(query.Search);
        await using var db = await contexts.CreateDbContextAsync();
        var filters = (query.RegionCode is { } region ? $" AND r.region_code = '{region}'" : "") + (query.CategoryCode is { } category ? $" AND r.category_code = '{category}'" : "");
        var text = query.Search is null
            ? ("", "0", "r.name, r.id")
            : ($" AND r.search_vector @@ q.q", "ts_rank_cd(r.search_vector, q.q)", "rank DESC, r.name, r.id");
        var sql = $"""
            SELECT r.id, r.name, r.description, r.category_code, r.region_code, r.municipality, r.contact_name, r.email, r.phone,
                   r.website, r.language_codes, r.eligibility, r.is_active, r.last_verified_on, r.xmin, {text.Item2} AS rank, count(*) OVER () AS total
            FROM resources r, (SELECT websearch_to_tsquery('public.cm_french', @words) && to_tsquery('public.cm_french', @prefix) AS q) q
            WHERE r.is_active{text.Item1}{filters}
            ORDER BY {text.Item3}
            LIMIT 25
            """;
        return await db.Database.QueryAsync(sql, reader => reader.GetGuid(0), CancellationToken.None,
            new Npgsql.NpgsqlParameter("words", words), new Npgsql.NpgsqlParameter("prefix", prefix));
    }

    private static async Task ExplainAsync(IDbContextFactory<CaseManagerDbContext> contexts, string name, string query, string filter)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var sql = $"""
            EXPLAIN (ANALYZE, BUFFERS)
            SELECT r.id, r.name, ts_rank_cd(r.search_vector, q.q) AS rank
            FROM resources r, {query} AS q(q)
            WHERE r.is_active AND r.search_vector @@ q.q {filter}
            ORDER BY rank DESC, r.name, r.id
            LIMIT 25
            """;
        var plan = await db.Database.QueryAsync(sql, reader => reader.GetString(0), CancellationToken.None);
        Console.WriteLine($"\nEXPLAIN ANALYZE — {name}:");
        foreach (var line in plan)
        {
            Console.WriteLine("  " + line);
        }
    }
}
