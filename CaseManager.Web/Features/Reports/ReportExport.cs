using CaseManager.Web.Infrastructure;
using MiniExcelLibs;

namespace CaseManager.Web.Features.Reports;

/// <summary>
/// Writes report tables to files: CSV (UTF-8 with a byte-order mark, in the separator and decimal mark
/// of the person's language, one table per file) and Excel (one sheet per table, numbers as numbers). Headers
/// are in the person's language; a percentage column says "(%)" and holds 42.5 for 42,5 %.
/// </summary>
public static class ReportExport
{
    public static async Task WriteCsvAsync(ReportTable table, Stream output, CsvDialect dialect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var csv = CsvFiles.CreateWriter(output, dialect);
        csv.WriteHeader([.. Headers(table)]);
        foreach (var row in Rows(table))
        {
            foreach (var cell in row)
            {
                csv.WriteCell(cell, value => value?.ToString() ?? "");
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>One workbook, one sheet per table, named after the table (cut to Excel's 31 characters).</summary>
    public static async Task WriteXlsxAsync(IReadOnlyList<ReportTable> tables, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var sheets = new Dictionary<string, object>();
        foreach (var table in tables)
        {
            var headers = Unique(Headers(table));
            var rows = Rows(table).Select(row =>
            {
                var line = new Dictionary<string, object?>();
                for (var i = 0; i < headers.Count; i++)
                {
                    line[headers[i]] = row[i];
                }

                return line;
            }).ToList();
            sheets[SheetName(table.Title, sheets.Keys)] = rows;
        }

        // MiniExcel writes a zip that needs to seek: build it in memory (a report is a few kilobytes).
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(sheets, cancellationToken: cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static List<string> Headers(ReportTable table) =>
        table.Columns.Select(c => c.Kind == CellKind.Percent ? $"{c.Header} (%)" : c.Header).ToList();

    /// <summary>
    /// The rows then the total row, each cell as the file receives it. A row whose value is a
    /// percentage in a column of mixed values (the summary) says "(%)" in its label, as a percentage
    /// column does in its header.
    /// </summary>
    private static IEnumerable<object?[]> Rows(ReportTable table)
    {
        var rows = table.Total is null ? table.Rows : [.. table.Rows, table.Total];
        return rows.Select(row => row.Select((cell, i) =>
            i == 0 && cell is string label && row.Any(c => c is ReportValue { Kind: CellKind.Percent })
                ? $"{label} (%)"
                : ReportCells.Export(table.Columns[i].Kind, cell)).ToArray());
    }

    private static List<string> Unique(List<string> headers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return headers.Select(h =>
        {
            var name = h;
            for (var n = 2; !seen.Add(name); n++)
            {
                name = $"{h} {n}";
            }

            return name;
        }).ToList();
    }

    private static string SheetName(string title, IEnumerable<string> taken)
    {
        var clean = new string(title.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? ' ' : c).ToArray()).Trim();
        var name = clean.Length > 31 ? clean[..31].TrimEnd() : clean;
        var used = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var n = 2; used.Contains(name); n++)
        {
            var suffix = $" {n}";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return name;
    }
}
