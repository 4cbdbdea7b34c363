using System.Globalization;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;
using CaseManager.Web.Access;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CaseManager.Web.Features.Reports;

/// <summary>
/// The results' files: <c>/results/export/{table}.csv</c>, <c>/results/export/{table}.xlsx</c> and
/// <c>/results/export/all.xlsx</c> (every table, one sheet each), for the period and scope of the
/// page's address (<c>?year=2025</c> or <c>?from=…&amp;to=…</c>, then <c>org</c>, <c>counsellor</c>).
/// The service checks who may read what; a counsellor's files are always their own.
/// </summary>
public static class ReportEndpoints
{
    public const string AllTables = "all";

    public static void MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/results/export/{table}.{format}", async (
                string table, string format, [AsParameters] ResultsAddress address,
                ReportService reports, ResultsTables tables, AppClock clock, CancellationToken cancellationToken) =>
            {
                if (format is not ("csv" or "xlsx") || (table != AllTables && !ResultsTables.Keys.Contains(table)) || (table == AllTables && format == "csv"))
                {
                    return Results.NotFound();
                }

                if (!address.TryRead(clock.Today, out var query))
                {
                    return Results.BadRequest();
                }

                var report = await reports.GetAsync(query, cancellationToken);

                var all = tables.Build(report);
                var chosen = table == AllTables ? all : all.Where(t => t.Key == table).ToList();
                if (chosen.Count == 0)
                {
                    // A breakdown the person does not read (a counsellor's report has none).
                    return Results.NotFound();
                }

                var name = $"resultats-{table}-{query.Period.From:yyyy-MM-dd}-{query.Period.To:yyyy-MM-dd}.{format}";
                return format == "csv"
                    ? Results.Stream(stream => ReportExport.WriteCsvAsync(chosen[0], stream, CsvDialect.Current, cancellationToken), "text/csv; charset=utf-8", name)
                    : Results.Stream(
                        stream => ReportExport.WriteXlsxAsync(chosen, stream, cancellationToken),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        name);
            })
            .RequireAuthorization(nameof(Operation.ReadResults))
            .WithOutcomes();
    }
}

/// <summary>
/// The period and scope as the page's address and the export links carry them: a fiscal year
/// (<c>year=2025</c> for 2025-2026; the current one when absent) or a custom period (<c>from</c>,
/// <c>to</c>), then optionally <c>org</c> or <c>counsellor</c>.
/// </summary>
public sealed record ResultsAddress(int? Year, DateOnly? From, DateOnly? To, int? Org, string? Counsellor)
{
    public bool IsCustom => From is not null || To is not null;

    /// <summary>The address as a page receives it: days as written (2025-04-01), anything else read as absent.</summary>
    public static ResultsAddress Read(int? year, string? from, string? to, int? org, string? counsellor) =>
        new(year, Day(from), Day(to), org, counsellor);

    public bool TryRead(DateOnly today, out ResultsQuery query)
    {
        query = null!;
        ReportPeriod period;
        if (IsCustom)
        {
            if (ReportPeriod.Validate(From, To).Count > 0)
            {
                return false;
            }

            period = ReportPeriod.Custom(From, To);
        }
        else
        {
            var year = Year ?? FiscalYear.Of(today).StartYear;
            if (year is < 2000 or > 2100)
            {
                return false;
            }

            period = ReportPeriod.Of(new FiscalYear(year));
        }

        query = new ResultsQuery(period, Org, string.IsNullOrWhiteSpace(Counsellor) ? null : Counsellor);
        return true;
    }

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The query string of this address ("year=2025&amp;org=2"), without the question mark.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (IsCustom)
        {
            parts.Add($"from={From:yyyy-MM-dd}");
            parts.Add($"to={To:yyyy-MM-dd}");
        }
        else if (Year is { } year)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"year={year}"));
        }

        if (Org is { } org)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"org={org}"));
        }

        if (!string.IsNullOrWhiteSpace(Counsellor))
        {
            parts.Add($"counsellor={Uri.EscapeDataString(Counsellor)}");
        }

        return string.Join('&', parts);
    }
}
