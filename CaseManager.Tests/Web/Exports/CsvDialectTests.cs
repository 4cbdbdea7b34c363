using System.Globalization;
using System.IO.Compression;
using System.Text;
using Bunit;
using CaseManager.Tests.Support;
using CaseManager.Web.Components;
using CaseManager.Web.Features.Privacy.Export;
using CaseManager.Web.Features.Reports;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Web.Exports;

/// <summary>
/// CSV files in the separator and decimal mark of the person's language, so a spreadsheet in that
/// language opens them in columns: ";" and "," in French, "," and "." in English; the note beside
/// each link says which.
/// </summary>
public sealed class CsvDialectTests() : ComponentTestBase("fr-CA")
{
    private static readonly ReportTable Shares = new("shares", "Parts", null,
        [new ReportColumn("Région", CellKind.Text), new ReportColumn("Ménages", CellKind.Count), new ReportColumn("Part", CellKind.Percent), new ReportColumn("Montant", CellKind.Amount)],
        [["Estrie", 1200, 0.425m, 1500.5m]]);

    [Theory]
    [InlineData("fr-CA", ';', ',')]
    [InlineData("en-CA", ',', '.')]
    public void For_Language_GivesItsSeparatorAndDecimalMark(string culture, char separator, char decimalMark) =>
        Assert.Equal(new CsvDialect(separator, decimalMark), CsvDialect.For(CultureInfo.GetCultureInfo(culture)));

    [Theory]
    [InlineData("fr-CA", "Région;Ménages;Part (%);Montant\r\nEstrie;1200;42,5;1500,5\r\n")]
    [InlineData("en-CA", "Région,Ménages,Part (%),Montant\r\nEstrie,1200,42.5,1500.5\r\n")]
    public async Task ReportCsv_InTheDialectOfTheLanguage_HasItsSeparatorAndDecimalsAndNoThousandsSeparator(string culture, string expected)
    {
        using var output = new MemoryStream();

        await ReportExport.WriteCsvAsync(Shares, output, CsvDialect.For(CultureInfo.GetCultureInfo(culture)));

        Assert.Equal("\uFEFF" + expected, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData("fr-CA", "text;amount\r\nÉtape 1, puis 2;1160,5\r\n", "séparées par « ; » et leurs décimales marquées par « , »")]
    [InlineData("en-CA", "text,amount\r\n\"Étape 1, puis 2\",1160.5\r\n", "separated by \",\" and their decimals marked by \".\"")]
    public void Archive_InThePersonsLanguage_WritesItsCsvInThatDialectAndSaysSoInTheSummary(string culture, string csv, string summary)
    {
        var table = new ExportTable("profile", ExportContent.Provided, ["text", "amount"], [["Étape 1, puis 2", 1160.5m]]);

        var archive = HouseholdExporter.WriteArchive([table], "2026-00001", includeInternal: false, CultureInfo.GetCultureInfo(culture), DateTimeOffset.UnixEpoch);

        using var zip = new ZipArchive(new MemoryStream(archive));
        Assert.Equal("\uFEFF" + csv, Read(zip, "profile.csv"));
        Assert.Contains(summary, Read(zip, "summary.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public void Note_InFrench_SaysTheSemicolonAndTheDecimalComma()
    {
        var note = Render<CsvFormatNote>();

        Assert.Equal("CSV : colonnes séparées par « ; », décimales avec « , »", note.Find("[data-testid=csv-format]").TextContent.Trim());
    }

    [Fact]
    public void Note_ForAFileInEnglish_SaysTheCommaAndTheDecimalPointInThePagesLanguage()
    {
        var note = Render<CsvFormatNote>(p => p.Add(n => n.Culture, CultureInfo.GetCultureInfo("en-CA")));

        Assert.Equal("CSV : colonnes séparées par « , », décimales avec « . »", note.Find("[data-testid=csv-format]").TextContent.Trim());
    }

    [Fact]
    public void Note_InEnglish_SaysTheCommaAndTheDecimalPoint()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-CA");

        var note = Render<CsvFormatNote>();

        Assert.Equal("CSV: columns separated by “,”, decimal mark “.”", note.Find("[data-testid=csv-format]").TextContent.Trim());
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }
}
