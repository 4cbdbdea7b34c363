using System.Collections;
using System.Globalization;
using System.IO.Compression;
using System.Resources;
using System.Text;
using System.Text.Json;
using CaseManager.Data;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Privacy.Export;

/// <summary>
/// Writes a household's archive for an access or portability request: household.json (every
/// section, structured), one CSV per section (UTF-8 with BOM, in the separator and decimal mark of the person's language) and summary.txt in
/// the person's language. Internal sections are written only when the officer chose to include them.
/// </summary>
public sealed class HouseholdExporter(IEnumerable<IHouseholdExportSection> sections)
{
    private static readonly ResourceManager Texts = new(typeof(PrivacyText));
    private readonly IReadOnlyList<IHouseholdExportSection> _sections = sections.OrderBy(s => s.Order).ToList();

    public IReadOnlyList<IHouseholdExportSection> Sections => _sections;

    public async Task<IReadOnlyList<ExportTable>> ReadAsync(CaseManagerDbContext db, Guid householdId, bool includeInternal, CancellationToken cancellationToken)
    {
        var tables = new List<ExportTable>();
        foreach (var section in _sections.Where(s => includeInternal || s.Content == ExportContent.Provided))
        {
            tables.Add(await section.ReadAsync(db, householdId, cancellationToken));
        }

        return tables;
    }

    /// <summary>The files the included sections hold besides their rows (the subsidy's documents), for the archive only.</summary>
    public async Task<IReadOnlyList<ExportFile>> ReadFilesAsync(CaseManagerDbContext db, Guid householdId, bool includeInternal, CancellationToken cancellationToken)
    {
        var files = new List<ExportFile>();
        foreach (var section in _sections.Where(s => includeInternal || s.Content == ExportContent.Provided).OfType<IHouseholdExportFiles>())
        {
            files.AddRange(await section.ReadFilesAsync(db, householdId, cancellationToken));
        }

        return files;
    }

    /// <summary>
    /// The archive in the person's language (<paramref name="culture"/>): every code of the CSV files
    /// is its label (<paramref name="labels"/>, read from the reference tables; without them only
    /// enum values are labelled), household.json holds each code beside its label.
    /// </summary>
    public static byte[] WriteArchive(
        IReadOnlyList<ExportTable> tables, string fileNumber, bool includeInternal, CultureInfo culture, DateTimeOffset exportedAt,
        IReadOnlyList<ExportFile>? files = null, ExportLabels? labels = null)
    {
        labels ??= ExportLabels.Without(culture);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "household.json", Json(tables, fileNumber, includeInternal, exportedAt, labels));
            foreach (var table in tables)
            {
                Write(zip, $"{table.Key}.csv", Csv(table, CsvDialect.For(culture), labels));
            }

            Write(zip, "summary.txt", Summary(tables, fileNumber, includeInternal, culture, exportedAt, files?.Count ?? 0));
            foreach (var file in files ?? [])
            {
                var entry = zip.CreateEntry(file.Path, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(file.Content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// One table as a CSV file (the application's CSV writer: UTF-8 with BOM, formulas guarded); with
    /// <paramref name="labels"/>, codes and yes/no are written as words of the person's language.
    /// </summary>
    internal static byte[] Csv(ExportTable table, CsvDialect dialect, ExportLabels? labels = null) => CsvFiles.Write(dialect, csv =>
    {
        csv.WriteHeader([.. table.Columns]);
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                csv.WriteCell(labels is null ? row[i] : Labelled(row[i], table.CodeOf(i), labels), Plain);
            }

            csv.EndRecord();
        }
    });

    /// <summary>The table as the person reads it (the privacy officer's view of a file): every code its label, yes or no for a boolean.</summary>
    internal static ExportTable Labelled(ExportTable table, ExportLabels labels) =>
        table with
        {
            Rows = table.Rows.Select(row => (IReadOnlyList<object?>)row.Select((value, i) => Labelled(value, table.CodeOf(i), labels)).ToList()).ToList(),
        };

    /// <summary>A value as the person reads it: a code (or each code of a list) as its label, a boolean as yes or no.</summary>
    private static object? Labelled(object? value, ExportCode? code, ExportLabels labels) => (value, code) switch
    {
        (null, _) => null,
        (string s, { } kind) => kind.Label(labels, s),
        (IEnumerable list and not string, { } kind) => list.Cast<object?>().Select(item => item is null ? null : kind.Label(labels, Plain(item))).ToList(),
        (bool b, _) => labels.YesNo(b),
        _ => value,
    };

    private static string Json(IReadOnlyList<ExportTable> tables, string fileNumber, bool includeInternal, DateTimeOffset exportedAt, ExportLabels labels)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("fileNumber", fileNumber);
            json.WriteString("exportedAt", exportedAt.ToString("O", CultureInfo.InvariantCulture));
            json.WriteBoolean("includesInternalNotes", includeInternal);
            foreach (var table in tables)
            {
                json.WriteStartArray(table.Key);
                foreach (var row in table.Rows)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < table.Columns.Count; i++)
                    {
                        json.WritePropertyName(table.Columns[i]);
                        if (table.CodeOf(i) is { } code)
                        {
                            WriteCoded(json, row[i], code, labels);
                        }
                        else
                        {
                            WriteValue(json, row[i]);
                        }
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A code beside its label: {"code": "01", "label": "Bas-Saint-Laurent"}, or a list of them.</summary>
    private static void WriteCoded(Utf8JsonWriter json, object? value, ExportCode code, ExportLabels labels)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case IEnumerable list and not string:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteCoded(json, item, code, labels);
                }

                json.WriteEndArray();
                break;
            default:
                var text = Plain(value);
                json.WriteStartObject();
                json.WriteString("code", text);
                json.WriteString("label", code.Label(labels, text));
                json.WriteEndObject();
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int or long or short or decimal or double:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Plain(value));
                break;
        }
    }

    /// <summary>Dates as 2026-04-02, instants in ISO 8601, lists joined by "; ".</summary>
    private static string Plain(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IEnumerable list => string.Join("; ", list.Cast<object?>().Select(Plain)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Summary(IReadOnlyList<ExportTable> tables, string fileNumber, bool includeInternal, CultureInfo culture, DateTimeOffset exportedAt, int fileCount)
    {
        string T(string key) => Texts.GetString(key, culture) ?? throw new InvalidOperationException($"No text {key} in PrivacyText.");
        var text = new StringBuilder();
        text.AppendLine(T("Export.Summary.Title")).AppendLine();
        text.AppendLine(string.Format(culture, T("Export.Summary.File"), fileNumber));
        text.AppendLine(string.Format(culture, T("Export.Summary.Date"), LocalizerExtensions.Day(Infrastructure.AppClock.DateOf(exportedAt))));
        text.AppendLine().AppendLine(T("Export.Summary.Intro")).AppendLine();
        foreach (var table in tables)
        {
            text.AppendLine(string.Format(culture, T("Export.Summary.Line"), T($"Export.Section.{table.Key}"), table.Rows.Count, table.Key));
        }

        if (fileCount > 0)
        {
            text.AppendLine().AppendLine(string.Format(culture, T("Export.Summary.Documents"), fileCount));
        }

        text.AppendLine().AppendLine(T(includeInternal ? "Export.Summary.InternalIncluded" : "Export.Summary.InternalExcluded"));
        var dialect = CsvDialect.For(culture);
        text.AppendLine().AppendLine(string.Format(culture, T("Export.Summary.Formats"), dialect.Separator, dialect.DecimalMark));
        text.AppendLine().AppendLine(T("Export.Summary.Rights"));
        return text.ToString();
    }

    private static void Write(ZipArchive zip, string name, string content) => Write(zip, name, new UTF8Encoding(false).GetBytes(content));

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }
}
