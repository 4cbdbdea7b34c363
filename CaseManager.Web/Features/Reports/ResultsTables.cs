using CaseManager.Domain.Households;
using CaseManager.Domain.Reports;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Reports;

/// <summary>
/// Turns a <see cref="ResultsReport"/> into its tables, in the person's language: the one source of
/// what the dashboard shows, prints and exports, so the three never disagree.
/// </summary>
public sealed class ResultsTables(IStringLocalizer<ReportsText> text, IStringLocalizer<Strings> strings)
{
    public const string Summary = "summary";
    public const string Settlements = "settlements";
    public const string Registrations = "registrations";
    public const string Funnel = "funnel";
    public const string Withdrawals = "withdrawals";
    public const string Regions = "regions";
    public const string Retention = "retention";
    public const string Sessions = "sessions";
    public const string Stays = "stays";
    public const string Subsidies = "subsidies";
    public const string Organizations = "organizations";
    public const string Counsellors = "counsellors";

    /// <summary>Every table key, in the order of the page.</summary>
    public static readonly IReadOnlyList<string> Keys =
        [Summary, Settlements, Registrations, Funnel, Withdrawals, Regions, Retention, Sessions, Stays, Subsidies, Organizations, Counsellors];

    /// <summary>"Année financière 2025-2026 (du 2025-04-01 au 2026-03-31) · PROMIS": the period, then whose files.</summary>
    public string Heading(ResultsReport report, ScopeChoices choices)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(choices);
        var period = report.Query.Period;
        var periodText = period.FiscalYear is { } year
            ? text["Heading.FiscalYear", year.ToString(), LocalizerExtensions.Day(period.From), LocalizerExtensions.Day(period.To)]
            : text["Heading.Custom", LocalizerExtensions.Day(period.From), LocalizerExtensions.Day(period.To)];
        // A counsellor reading their own report has no choices to name them by: "Mes dossiers".
        var scope = report.Scope switch
        {
            ReportScope.Program => text["Scope.Program"].Value,
            ReportScope.Organization => choices.Organizations.FirstOrDefault(o => o.OrganizationId == report.Query.OrganizationId)?.Name ?? "",
            ReportScope.Counsellor => choices.Counsellors.FirstOrDefault(c => c.Key == report.Query.CounsellorId)?.Name ?? text["Scope.MyFiles"].Value,
        };
        return $"{periodText} · {scope}";
    }

    public IReadOnlyList<ReportTable> Build(ResultsReport report)
    {
        var tables = new List<ReportTable>
        {
            SummaryTable(report),
            SettlementsTable(report),
            RegistrationsTable(report),
            FunnelTable(report),
            WithdrawalsTable(report),
            RegionsTable(report),
            RetentionTable(report),
            SessionsTable(report),
            StaysTable(report),
            SubsidiesTable(report),
        };
        if (report.ByOrganization.Count > 0)
        {
            tables.Add(OrganizationsTable(report));
        }

        if (report.ByCounsellor.Count > 0)
        {
            tables.Add(CounsellorsTable(report));
        }

        return tables;
    }

    private ReportTable SummaryTable(ResultsReport report)
    {
        var rows = new List<IReadOnlyList<object?>>();
        void Add(string key, CellKind kind, object? value) => rows.Add([text[$"Summary.{key}"].Value, new ReportValue(kind, value)]);
        var target = report.Target;
        Add("Registrations", CellKind.Count, report.Registrations);
        Add("Settled", CellKind.Count, report.Settled);
        Add("Withdrawals", CellKind.Count, report.WithdrawalCount);
        if (target is not null)
        {
            if (target.Target is not null)
            {
                Add("Target", CellKind.Count, target.Target);
                Add("TargetShare", CellKind.Percent, target.Share);
                Add("Remaining", CellKind.Count, target.Remaining);
                Add("ExpectedByNow", CellKind.Count, target.ExpectedByNow);
            }

            Add("Projection", CellKind.Count, target.Projection);
            Add("PerMonthSoFar", CellKind.Days, target.PerMonthSoFar);
            if (target.Target is not null)
            {
                Add("PerMonthNeeded", CellKind.Days, target.PerMonthNeeded);
            }

            rows.Add([text["Summary.Standing"].Value, text.Enum(target.Standing)]);
        }

        return new ReportTable(
            Summary, text["Table.Summary"], text["Table.Summary.Explanation", LocalizerExtensions.Day(report.AsOf)],
            [new(text["Column.Indicator"], CellKind.Text), new(text["Column.Value"], CellKind.Text)],
            rows);
    }

    private ReportTable SettlementsTable(ResultsReport report)
    {
        var hasTarget = report.Months.Any(m => m.TargetToDate is not null);
        List<ReportColumn> columns =
        [
            new(text["Column.Month"], CellKind.Month),
            new(text["Column.Settled"], CellKind.Count),
            new(text["Column.SettledToDate"], CellKind.Count),
        ];
        if (hasTarget)
        {
            columns.Add(new(text["Column.TargetToDate"], CellKind.Count));
        }

        var rows = report.Months.Select(m => hasTarget
            ? (IReadOnlyList<object?>)[m.Month, m.Settled, m.SettledToDate, m.TargetToDate]
            : [m.Month, m.Settled, m.SettledToDate]).ToList();
        IReadOnlyList<object?> total = hasTarget
            ? [text["Total"].Value, report.Settled, report.Settled, report.Target?.Target]
            : [text["Total"].Value, report.Settled, report.Settled];
        return new ReportTable(
            Settlements, text["Table.Settlements"], text["Table.Settlements.Explanation"], columns, rows, total,
            new ReportChart(ChartType.Line, hasTarget ? [2, 3] : [2]));
    }

    private ReportTable RegistrationsTable(ResultsReport report) => new(
        Registrations, text["Table.Registrations"], text["Table.Registrations.Explanation"],
        [new(text["Column.Month"], CellKind.Month), new(text["Column.Registrations"], CellKind.Count)],
        report.Months.Select(m => (IReadOnlyList<object?>)[m.Month, m.Registrations]).ToList(),
        [text["Total"].Value, report.Registrations],
        new ReportChart(ChartType.Bar, [1]));

    private ReportTable FunnelTable(ResultsReport report) => new(
        Funnel, text["Table.Funnel"], text["Table.Funnel.Explanation"],
        [
            new(text["Column.Stage"], CellKind.Text),
            new(text["Column.Reached"], CellKind.Count),
            new(text["Column.Conversion"], CellKind.Percent),
            new(text["Column.MedianDays"], CellKind.Days),
            new(text["Column.StaysMeasured"], CellKind.Count),
        ],
        report.Funnel.Select(f => (IReadOnlyList<object?>)
        [
            f.Stage is { } stage ? strings.Enum(stage) : text["Funnel.Settled"].Value,
            f.Reached,
            f.ConversionToNext,
            f.MedianDays,
            f.Stage is null ? null : f.StaysMeasured,
        ]).ToList(),
        null,
        new ReportChart(ChartType.Bar, [1]));

    private ReportTable WithdrawalsTable(ResultsReport report)
    {
        var columns = new List<ReportColumn> { new(text["Column.Reason"], CellKind.Text) };
        columns.AddRange(Stages.InOrder.Select(s => new ReportColumn(strings.Enum(s), CellKind.Count)));
        columns.Add(new ReportColumn(text["Total"], CellKind.Count));
        var rows = report.Withdrawals.Select(w =>
        {
            var row = new List<object?> { Name(w.NameFr, w.NameEn) };
            row.AddRange(Stages.InOrder.Select(s => (object?)w.ByStage.GetValueOrDefault(s)));
            row.Add(w.Count);
            return (IReadOnlyList<object?>)row;
        }).ToList();
        var total = new List<object?> { text["Total"].Value };
        total.AddRange(Stages.InOrder.Select(s => (object?)report.Withdrawals.Sum(w => w.ByStage.GetValueOrDefault(s))));
        total.Add(report.WithdrawalCount);
        return new ReportTable(
            Withdrawals, text["Table.Withdrawals"], text["Table.Withdrawals.Explanation"], columns, rows, total,
            new ReportChart(ChartType.StackedBar, Enumerable.Range(1, Stages.InOrder.Count).ToList()));
    }

    private ReportTable RegionsTable(ResultsReport report) => new(
        Regions, text["Table.Regions"], null,
        [new(text["Column.Region"], CellKind.Text), new(text["Column.Settled"], CellKind.Count)],
        report.SettlementsByRegion.Select(r => (IReadOnlyList<object?>)[Name(r.NameFr, r.NameEn), r.Count]).ToList(),
        [text["Total"].Value, report.SettlementsByRegion.Sum(r => r.Count)],
        new ReportChart(ChartType.Bar, [1]));

    private ReportTable RetentionTable(ResultsReport report) => new(
        Retention, text["Table.Retention"], text["Table.Retention.Explanation"],
        [
            new(text["Column.FollowUp"], CellKind.Text),
            new(text["Column.Due"], CellKind.Count),
            new(text["Column.Answered"], CellKind.Count),
            new(text["Column.StillInRegion"], CellKind.Count),
            new(text["Column.Working"], CellKind.Count),
            new(text["Column.Housed"], CellKind.Count),
            new(text["Column.RetentionRate"], CellKind.Percent),
        ],
        report.Retention.Select(r => (IReadOnlyList<object?>)
            [text["Retention.Months", r.MonthsAfter].Value, r.Due, r.Answered, r.StillInRegion, r.Working, r.Housed, r.RetentionRate]).ToList(),
        null,
        new ReportChart(ChartType.Bar, [2, 3]));

    private ReportTable SessionsTable(ResultsReport report)
    {
        var s = report.Sessions;
        var registered = s.Sum(r => r.Registered);
        var present = s.Sum(r => r.Present);
        return new ReportTable(
            Sessions, text["Table.Sessions"], text["Table.Sessions.Explanation"],
            [
                new(text["Column.Month"], CellKind.Month),
                new(text["Column.Held"], CellKind.Count),
                new(text["Column.Cancelled"], CellKind.Count),
                new(text["Column.Registered"], CellKind.Count),
                new(text["Column.Present"], CellKind.Count),
                new(text["Column.Absent"], CellKind.Count),
                new(text["Column.Excused"], CellKind.Count),
                new(text["Column.NotRecorded"], CellKind.Count),
                new(text["Column.AttendanceRate"], CellKind.Percent),
            ],
            s.Select(r => (IReadOnlyList<object?>)[r.Month, r.Held, r.Cancelled, r.Registered, r.Present, r.Absent, r.Excused, r.NotRecorded, r.AttendanceRate]).ToList(),
            [
                text["Total"].Value, s.Sum(r => r.Held), s.Sum(r => r.Cancelled), registered, present, s.Sum(r => r.Absent), s.Sum(r => r.Excused),
                s.Sum(r => r.NotRecorded), registered == 0 ? null : (decimal)present / registered,
            ],
            new ReportChart(ChartType.Bar, [3, 4]));
    }

    private ReportTable StaysTable(ResultsReport report) => new(
        Stays, text["Table.Stays"], text["Table.Stays.Explanation"],
        [
            new(text["Column.Region"], CellKind.Text),
            new(text["Column.Completed"], CellKind.Count),
            new(text["Column.Cancelled"], CellKind.Count),
            new(text["Column.Households"], CellKind.Count),
            new(text["Column.People"], CellKind.Count),
        ],
        report.Stays.Select(r => (IReadOnlyList<object?>)[Name(r.NameFr, r.NameEn), r.Completed, r.Cancelled, r.Households, r.People]).ToList(),
        [
            text["Total"].Value, report.Stays.Sum(r => r.Completed), report.Stays.Sum(r => r.Cancelled),
            report.Stays.Sum(r => r.Households), report.Stays.Sum(r => r.People),
        ],
        new ReportChart(ChartType.Bar, [1, 3]));

    private ReportTable SubsidiesTable(ResultsReport report)
    {
        var s = report.Subsidies;
        decimal? Share(decimal amount) => s.Budget is > 0 ? amount / s.Budget.Value : null;
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { text["Subsidies.Approved"].Value, s.Approved, s.ApprovedAmount, Share(s.ApprovedAmount) },
            new object?[] { text["Subsidies.Refused"].Value, s.Refused, null, null },
            new object?[] { text["Subsidies.Paid"].Value, s.Paid, s.PaidAmount, Share(s.PaidAmount) },
        };
        if (s.Budget is { } budget)
        {
            rows.Add([text["Subsidies.Budget"].Value, null, budget, s.Budget is > 0 ? 1m : null]);
            rows.Add([text["Subsidies.BudgetLeft"].Value, null, s.BudgetLeft, Share(budget - s.ApprovedAmount)]);
        }

        return new ReportTable(
            Subsidies, text["Table.Subsidies"],
            text[report.Scope == ReportScope.Program && report.Query.Period.FiscalYear is not null ? "Table.Subsidies.Explanation" : "Table.Subsidies.NoBudget"],
            [
                new(text["Column.Indicator"], CellKind.Text),
                new(text["Column.Applications"], CellKind.Count),
                new(text["Column.Amount"], CellKind.Amount),
                new(text["Column.BudgetShare"], CellKind.Percent),
            ],
            rows,
            null,
            new ReportChart(ChartType.Bar, [2]));
    }

    private ReportTable OrganizationsTable(ResultsReport report)
    {
        var rows = report.ByOrganization;
        var targets = rows.Where(r => r.Target is not null).ToList();
        int? totalTarget = targets.Count == 0 ? null : targets.Sum(r => r.Target!.Value);
        var settled = rows.Sum(r => r.Settled);
        return new ReportTable(
            Organizations, text["Table.Organizations"], text["Table.Breakdown.Explanation"],
            [
                new(text["Column.Organization"], CellKind.Text),
                new(text["Column.Registrations"], CellKind.Count),
                new(text["Column.Settled"], CellKind.Count),
                new(text["Column.Target"], CellKind.Count),
                new(text["Column.TargetShare"], CellKind.Percent),
                new(text["Column.Withdrawals"], CellKind.Count),
                new(text["Column.OpenFiles"], CellKind.Count),
            ],
            rows.Select(r => (IReadOnlyList<object?>)[r.Name, r.Registrations, r.Settled, r.Target, r.TargetShare, r.Withdrawals, r.OpenFiles]).ToList(),
            [
                text["Total"].Value, rows.Sum(r => r.Registrations), settled, totalTarget,
                totalTarget is > 0 ? (decimal)settled / totalTarget.Value : null, rows.Sum(r => r.Withdrawals), rows.Sum(r => r.OpenFiles),
            ],
            new ReportChart(ChartType.Bar, totalTarget is null ? [2] : [2, 3]));
    }

    private ReportTable CounsellorsTable(ResultsReport report)
    {
        var rows = report.ByCounsellor;
        return new ReportTable(
            Counsellors, text["Table.Counsellors"], text["Table.Breakdown.Explanation"],
            [
                new(text["Column.Counsellor"], CellKind.Text),
                new(text["Column.Registrations"], CellKind.Count),
                new(text["Column.Settled"], CellKind.Count),
                new(text["Column.Withdrawals"], CellKind.Count),
                new(text["Column.OpenFiles"], CellKind.Count),
            ],
            rows.Select(r => (IReadOnlyList<object?>)[r.Key is null ? text["Unassigned"].Value : r.Name, r.Registrations, r.Settled, r.Withdrawals, r.OpenFiles]).ToList(),
            [text["Total"].Value, rows.Sum(r => r.Registrations), rows.Sum(r => r.Settled), rows.Sum(r => r.Withdrawals), rows.Sum(r => r.OpenFiles)],
            new ReportChart(ChartType.Bar, [2]));
    }

    private static string Name(string french, string english) => AppCultures.IsFrench ? french : english;
}
