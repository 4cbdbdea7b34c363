using System.Globalization;
using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.Reports;

/// <summary>What a column holds, which says how a cell reads on the page and how it is written to a file.</summary>
public enum CellKind
{
    Text,
    Count,
    Amount,

    /// <summary>A ratio (0.425), shown and exported as a percentage (42,5 %).</summary>
    Percent,

    /// <summary>A number of days, to one decimal (a median can fall between two days).</summary>
    Days,

    /// <summary>The first day of a month, shown as 2026-04.</summary>
    Month,
}

public sealed record ReportColumn(string Header, CellKind Kind);

/// <summary>A cell that says its own kind, in a column that mixes them (the summary's values).</summary>
public sealed record ReportValue(CellKind Kind, object? Value);

/// <summary>How a table is drawn: a chart of the label column against one or more numeric columns.</summary>
public sealed record ReportChart(MudBlazor.ChartType Type, IReadOnlyList<int> SeriesColumns, int LabelColumn = 0);

/// <summary>
/// One table of the results report, already in the person's language: what the page shows beside
/// its chart, what the printable page prints and what the CSV and Excel files hold. Cells hold
/// numbers, not text, until <see cref="ReportCells"/> formats them.
/// </summary>
public sealed record ReportTable(
    string Key,
    string Title,
    string? Explanation,
    IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    IReadOnlyList<object?>? Total = null,
    ReportChart? Chart = null);

/// <summary>How a cell reads on the page (Québec format in French) and what a file receives.</summary>
public static class ReportCells
{
    private static CultureInfo Culture => CultureInfo.GetCultureInfo(AppCultures.IsFrench ? AppCultures.French : AppCultures.English);

    /// <summary>"1 160", "1 500,00 $", "42,5 %", "12,5", "2026-04" in French.</summary>
    public static string Format(CellKind kind, object? value) => value switch
    {
        null => "",
        ReportValue own => Format(own.Kind, own.Value),
        string text => text,
        _ => kind switch
        {
            CellKind.Text => Convert.ToString(value, Culture) ?? "",
            CellKind.Count => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("N0", Culture),
            CellKind.Amount => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("C", Culture),
            CellKind.Percent => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("P1", Culture),
            CellKind.Days => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("N1", Culture),
            CellKind.Month => value is DateOnly month ? month.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Convert.ToString(value, Culture) ?? "",
        },
    };

    /// <summary>
    /// The value a file receives: numbers stay numbers (a percentage as 42.5, amounts to the cent),
    /// months as 2026-04, text as text.
    /// </summary>
    public static object? Export(CellKind kind, object? value) => value switch
    {
        null => null,
        ReportValue own => Export(own.Kind, own.Value),
        string text => text,
        _ => kind switch
        {
            CellKind.Text => Convert.ToString(value, CultureInfo.InvariantCulture),
            CellKind.Count => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            CellKind.Amount => Math.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture), 2),
            CellKind.Percent => Math.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture) * 100m, 1),
            CellKind.Days => Math.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture), 1),
            CellKind.Month => value is DateOnly month ? month.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture),
        },
    };

    /// <summary>A numeric cell as a chart reads it (0 for an empty cell).</summary>
    public static double Number(object? value) => value switch
    {
        null or string => 0,
        ReportValue own => Number(own.Value),
        DateOnly => 0,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };
}
