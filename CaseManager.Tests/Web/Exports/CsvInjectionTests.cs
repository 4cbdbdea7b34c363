using System.IO.Compression;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Privacy.Export;
using CaseManager.Web.Features.Reports;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Web.Exports;

/// <summary>
/// A text cell starting with =, +, - or @ would run as a formula when a spreadsheet opens the file:
/// every CSV writer of the application escapes it with a leading apostrophe, while numbers stay numbers.
/// (The directory's export and the incidents register are tested with their services.)
/// </summary>
public sealed class CsvInjectionTests
{
    public static TheoryData<char> FormulaCharacters => new('=', '+', '-', '@');

    [Theory]
    [MemberData(nameof(FormulaCharacters))]
    public async Task ReportCsv_TextStartingWithAFormulaCharacter_IsEscapedAndNumbersStayNumbers(char first)
    {
        var table = new ReportTable("regions", "Régions", null,
            [new ReportColumn($"{first}Région", CellKind.Text), new ReportColumn("Écart", CellKind.Count), new ReportColumn("Part", CellKind.Percent)],
            [[$"{first}HYPERLINK(\"http://x.test\")", -3, -0.125m]]);
        using var output = new MemoryStream();

        await ReportExport.WriteCsvAsync(table, output, CsvDialect.Comma);

        var rows = CsvContent.Read(output.ToArray());
        Assert.Equal($"'{first}Région", rows[0][0]);
        Assert.Equal([$"'{first}HYPERLINK(\"http://x.test\")", "-3", "-12.5"], rows[1]);
    }

    [Theory]
    [MemberData(nameof(FormulaCharacters))]
    public void ArchiveCsv_TextStartingWithAFormulaCharacter_IsEscapedInEverySection(char first)
    {
        ExportTable Section(string key) => new(key, ExportContent.Provided, ["text", "list", "number"],
            [[$"{first}cmd|' /C calc'!A0", new List<string> { $"{first}1+1", "b" }, -4.5m]]);
        var tables = new[] { Section("profile"), Section("journal") };

        var archive = HouseholdExporter.WriteArchive(tables, "2026-00001", includeInternal: true, new System.Globalization.CultureInfo("fr-CA"), DateTimeOffset.UnixEpoch);

        using var zip = new ZipArchive(new MemoryStream(archive));
        foreach (var key in new[] { "profile", "journal" })
        {
            using var entry = new MemoryStream();
            using (var stream = zip.GetEntry($"{key}.csv")!.Open())
            {
                stream.CopyTo(entry);
            }

            Assert.Equal([0xEF, 0xBB, 0xBF], entry.ToArray()[..3]);
            var rows = CsvContent.Read(entry.ToArray());
            Assert.Equal([$"'{first}cmd|' /C calc'!A0", $"'{first}1+1; b", "-4,5"], rows[1]);
        }
    }
}
