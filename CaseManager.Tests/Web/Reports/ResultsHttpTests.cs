using System.Globalization;
using System.Net;
using System.Text;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reports;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Reports;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;
using MiniExcelLibs;

namespace CaseManager.Tests.Web.Reports;

/// <summary>
/// The results' files over HTTP on the real application, against the data set of
/// <see cref="ReportServiceTestBase"/> read on 2026-04-15: what each person downloads (the
/// numbers are the service's), in which language, and what is refused.
/// </summary>
public sealed class ResultsHttpTests(DatabaseFixture database) : ReportServiceTestBase(database)
{
    private const string FunnelHeaderFr = "Étape,Dossiers entrés,Conversion vers la suivante (%),Durée médiane (jours),Passages mesurés";

    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString, Time);

    private static ResultsQuery FiscalYear2025(int? organizationId = null, string? counsellorId = null) =>
        new(ReportPeriod.Of(Year), organizationId, counsellorId);

    [Fact]
    public async Task GetFunnelCsv_Supervisor_IsUtf8WithABomInFrenchAndHoldsTheServicesFigures()
    {
        await BuildAsync();
        await SetTargetsAsync();
        var expected = await ReportAsAsync(Supervisor);
        var client = await SignedInAsync("louise.gagnon@test.local");

        var response = await client.GetAsync("/results/export/funnel.csv?year=2025");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("resultats-funnel-2025-04-01-2026-03-31.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        // In French, the separator and the decimal mark that Excel expects in French.
        Assert.StartsWith(FunnelHeaderFr.Replace(',', ';'), Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
        var rows = ReadCsv(bytes);
        Assert.Equal(FunnelHeaderFr, string.Join(',', rows[0]));
        Assert.Contains(rows.Skip(1), r => r[2].Contains(',', StringComparison.Ordinal));
        Assert.Equal(
            ["Sensibilisation et recrutement", "Plan d'accompagnement", "Séance d'information", "Séjour exploratoire", "Soutien au déménagement", "Établissement"],
            rows.Skip(1).Select(r => r[0]));
        AssertFunnelRows(expected, rows.Skip(1).ToList());
        // Counted by hand in ReportServiceTests: 12 files entered Outreach, 3 of them reached the plan (25 %).
        Assert.Equal(new decimal?[] { 12m, 25m, 10m, 9m }, rows[1].Skip(1).Select(Parse));
    }

    [Fact]
    public async Task GetAllXlsx_Supervisor_HasOneSheetPerTableWithNumbersAsNumbers()
    {
        await BuildAsync();
        await SetTargetsAsync();
        var expected = await ReportAsAsync(Supervisor);
        var client = await SignedInAsync("louise.gagnon@test.local");

        var response = await client.GetAsync("/results/export/all.xlsx?year=2025");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        // One sheet per table, named after its title (Excel allows 31 characters; the titles fit).
        Assert.Equal(
            [
                "Sommaire", "Établissements et cible", "Inscriptions par mois", "Entonnoir des étapes", "Désistements par motif et étape",
                "Établissements par région", "Rétention après l'établissement", "Séances d'information", "Séjours exploratoires",
                "Soutien financier", "Par organisme", "Par intervenant(e)",
            ],
            workbook.GetSheetNames());

        // The summary mixes kinds in one column: each value keeps its own (numbers stay numbers, the standing is text).
        var summary = Sheet(workbook, "Sommaire").ToDictionary(r => (string)r["Indicateur"]!, r => r["Valeur"]);
        Assert.Equal((double)expected.Settled, summary["Ménages établis"]);
        Assert.Equal(16d, summary["Cible de l'année"]);
        Assert.Equal((double)Percent(expected.Target!.Share)!.Value, summary["Part de la cible atteinte (%)"]);
        Assert.Equal((double)Rounded(expected.Target.PerMonthSoFar)!.Value, summary["Établissements par mois jusqu'ici"]);
        Assert.Null(summary["Établissements par mois nécessaires"]);
        Assert.Equal("En retard sur la cible", summary["Situation"]);

        var funnel = Sheet(workbook, "Entonnoir des étapes");
        Assert.Equal(FunnelHeaderFr.Split(','), funnel[0].Keys);
        Assert.Equal(expected.Funnel.Count, funnel.Count);
        for (var i = 0; i < funnel.Count; i++)
        {
            var row = funnel[i];
            var figures = expected.Funnel[i];
            Assert.IsType<double>(row["Dossiers entrés"]);
            Assert.Equal(figures.Reached, (double)row["Dossiers entrés"]!);
            Assert.Equal(Percent(figures.ConversionToNext), Number(row["Conversion vers la suivante (%)"]));
            Assert.Equal(Rounded(figures.MedianDays), Number(row["Durée médiane (jours)"]));
        }

        var settlements = Sheet(workbook, "Établissements et cible");
        Assert.Equal(["Mois", "Ménages établis", "Cumul des établissements", "Cible cumulée"], settlements[0].Keys);
        Assert.Equal("2025-04", settlements[0]["Mois"]);
        Assert.Equal(expected.Months.Count + 1, settlements.Count);
        Assert.Equal(["Total", (double)expected.Settled, (double)expected.Settled, 16d], settlements[^1].Values);

        var subsidies = Sheet(workbook, "Soutien financier");
        Assert.Equal(["Approuvées", (double)expected.Subsidies.Approved, (double)expected.Subsidies.ApprovedAmount], subsidies[0].Values.Take(3));
        Assert.Equal(["Budget de l'année", null, 50_000d, 100d], subsidies[3].Values);

        var counsellors = Sheet(workbook, "Par intervenant(e)");
        Assert.Equal(
            expected.ByCounsellor.Select(c => c.Key is null ? "Non assigné" : c.Name).Append("Total"),
            counsellors.Select(r => r["Intervenant(e)"]));
    }

    [Fact]
    public async Task GetFunnelCsv_PersonWhoChoseEnglish_HasEnglishHeadersAndTheSameNumbers()
    {
        await BuildAsync();
        var client = await SignedInAsync("louise.gagnon@test.local");
        var switched = await client.GetAsync("/culture/en-CA?returnUrl=/results");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var englishBytes = await client.GetByteArrayAsync("/results/export/funnel.csv?year=2025");
        var english = ReadCsv(englishBytes);
        await client.GetAsync("/culture/fr-CA?returnUrl=/results");
        var french = ReadCsv(await client.GetByteArrayAsync("/results/export/funnel.csv?year=2025"));

        Assert.Equal(
            "Stage,Files that entered,Conversion to the next (%),Median time (days),Stays measured",
            string.Join(',', english[0]));
        Assert.StartsWith("Stage,Files that entered,", Encoding.UTF8.GetString(englishBytes[3..]), StringComparison.Ordinal);
        Assert.Contains(english.Skip(1), r => r[2].Contains('.', StringComparison.Ordinal));
        Assert.Equal(["Outreach and recruitment", "Personalized plan", "Information session", "Exploratory stay", "Moving subsidy", "Settlement"], english.Skip(1).Select(r => r[0]));
        Assert.Equal(FunnelHeaderFr, string.Join(',', french[0]));
        // The same numbers, each in its language's decimal mark.
        Assert.Equal(french.Skip(1).Select(r => r.Skip(1).Select(c => c.Replace(',', '.'))), english.Skip(1).Select(r => r.Skip(1)));
    }

    [Fact]
    public async Task GetAllXlsx_PersonWhoChoseEnglish_NamesTheSheetsInEnglish()
    {
        await BuildAsync();
        var client = await SignedInAsync("marie.tremblay@test.local");
        await client.GetAsync("/culture/en-CA?returnUrl=/results");

        using var workbook = new MemoryStream(await client.GetByteArrayAsync("/results/export/all.xlsx?year=2025"));

        // A counsellor's report has no breakdowns; no target was set, so no target column either.
        Assert.Equal(
            [
                "Summary", "Settlements and target", "Registrations by month", "Stage funnel", "Withdrawals by reason and stage",
                "Settlements by host region", "Retention after settlement", "Information sessions", "Exploratory stays", "Moving subsidy",
            ],
            workbook.GetSheetNames());
        Assert.Equal(["Month", "Households settled", "Settled to date"], Sheet(workbook, "Settlements and target")[0].Keys);
    }

    [Fact]
    public async Task GetFunnelCsv_Counsellor_HoldsOnlyTheirOwnFilesFigures()
    {
        await BuildAsync();
        await SetTargetsAsync();
        var own = await ReportAsAsync(Marie, FiscalYear2025(counsellorId: Marie.Id));
        var program = await ReportAsAsync(Supervisor);
        var client = await SignedInAsync("marie.tremblay@test.local");

        var rows = ReadCsv(await client.GetByteArrayAsync("/results/export/funnel.csv?year=2025"));
        var withOwnId = ReadCsv(await client.GetByteArrayAsync($"/results/export/funnel.csv?year=2025&counsellor={Marie.Id}"));

        AssertFunnelRows(own, rows.Skip(1).ToList());
        // Marie's files: 6 entered Outreach, against the program's 12.
        Assert.Equal("6", rows[1][1]);
        Assert.NotEqual(program.Funnel[0].Reached, own.Funnel[0].Reached);
        Assert.Equal(rows, withOwnId);
    }

    [Theory]
    [InlineData("/results/export/funnel.csv?year=2025&org=1")]
    [InlineData("/results/export/all.xlsx?year=2025&org=2")]
    [InlineData("/results/export/funnel.csv?year=2025&counsellor={paul}")]
    public async Task GetExport_CounsellorAskingForMoreThanTheirOwnFiles_IsRefused(string path)
    {
        await BuildAsync();
        var client = await SignedInAsync("marie.tremblay@test.local");

        var response = await client.GetAsync(path.Replace("{paul}", Paul.Id, StringComparison.Ordinal));

        // The service refuses; the cookie scheme answers a refusal as every page does: to the access-denied page.
        AssertAccessDenied(response);
    }

    [Theory]
    [InlineData("josee.partner@test.local")]
    [InlineData("pierre.privacy@test.local")]
    public async Task GetExport_PartnerOrPrivacyOfficer_IsRefusedByThePolicy(string email)
    {
        await BuildAsync();
        var client = await SignedInAsync(email);

        AssertAccessDenied(await client.GetAsync("/results/export/funnel.csv?year=2025"));
        AssertAccessDenied(await client.GetAsync("/results/export/all.xlsx?year=2025"));
        AssertAccessDenied(await client.GetAsync("/results?year=2025"));
    }

    [Fact]
    public async Task GetExport_Anonymously_RedirectsToSignIn()
    {
        var response = await App.CreateBrowserlikeClient().GetAsync("/results/export/funnel.csv?year=2025");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/results/export/nothing.csv?year=2025", HttpStatusCode.NotFound)]
    [InlineData("/results/export/funnel.pdf?year=2025", HttpStatusCode.NotFound)]
    [InlineData("/results/export/all.csv?year=2025", HttpStatusCode.NotFound)]
    [InlineData("/results/export/funnel.csv?from=2026-03-31&to=2025-04-01", HttpStatusCode.BadRequest)]
    [InlineData("/results/export/funnel.csv?from=2025-04-01", HttpStatusCode.BadRequest)]
    [InlineData("/results/export/funnel.xlsx?year=1999", HttpStatusCode.BadRequest)]
    [InlineData("/results/export/funnel.csv?from=2025-04-01&to=2025-06-30", HttpStatusCode.OK)]
    public async Task GetExport_Supervisor_AnswersByTableFormatAndPeriod(string path, HttpStatusCode expected)
    {
        await BuildAsync();
        var client = await SignedInAsync("louise.gagnon@test.local");

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("counsellors")]
    [InlineData("organizations")]
    public async Task GetBreakdown_Counsellor_IsNotFound(string table)
    {
        await BuildAsync();
        var client = await SignedInAsync("marie.tremblay@test.local");
        var supervisor = await SignedInAsync("louise.gagnon@test.local");

        var response = await client.GetAsync($"/results/export/{table}.csv?year=2025");
        var supervisors = await supervisor.GetAsync($"/results/export/{table}.csv?year=2025");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, supervisors.StatusCode);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>Each row of the CSV against the service's funnel: counts as they are, percentages times 100 to one decimal.</summary>
    private static void AssertFunnelRows(ResultsReport expected, List<List<string>> rows)
    {
        Assert.Equal(expected.Funnel.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var figures = expected.Funnel[i];
            var row = rows[i];
            Assert.Equal(figures.Reached, int.Parse(row[1], CultureInfo.InvariantCulture));
            Assert.Equal(Percent(figures.ConversionToNext), Parse(row[2]));
            Assert.Equal(Rounded(figures.MedianDays), Parse(row[3]));
            Assert.Equal(figures.Stage is null ? null : figures.StaysMeasured, Parse(row[4]));
        }
    }

    private static decimal? Percent(decimal? ratio) => ratio is { } r ? Math.Round(r * 100m, 1) : null;

    private static decimal? Rounded(decimal? days) => days is { } d ? Math.Round(d, 1) : null;

    /// <summary>A number of a French CSV file: a decimal comma, no thousands separator (a point or a space would not parse); an empty cell is none.</summary>
    private static decimal? Parse(string cell) =>
        cell.Length == 0 ? null : decimal.Parse(cell, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CsvDialect.Semicolon.Numbers);

    private static decimal? Number(object? cell) => cell is null ? null : Convert.ToDecimal(cell, CultureInfo.InvariantCulture);

    private static List<List<string>> ReadCsv(byte[] bytes) => CsvContent.Read(bytes);

    private static List<IDictionary<string, object?>> Sheet(Stream workbook, string name)
    {
        workbook.Position = 0;
        return workbook.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>().ToList();
    }

    private static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<ResultsReport> ReportAsAsync(UserIdentity user, ResultsQuery? query = null)
    {
        var before = Current.User;
        Current.User = user;
        try
        {
            return await Reports.GetAsync(query ?? FiscalYear2025());
        }
        finally
        {
            Current.User = before;
        }
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = App.CreateBrowserlikeClient();
        var response = await HttpSignIn.PostAsync(client, email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
