using System.Text;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>
/// A supervisor reads the results in a real browser: the current fiscal year, an earlier one, one
/// organization, a table downloaded as CSV that says what the page says, and the printable page;
/// a counsellor sees only their own files.
/// </summary>
public sealed class ResultsJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    [Fact]
    public async Task Supervisor_ChoosesAYearAndAnOrganization_DownloadsATableAndPrints()
    {
        await SignInAsync("superviseur@demo.local");
        await Page.GetByTestId("nav-results").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/results"));
        await Expect(Page.GetByTestId("report-heading")).ToContainTextAsync("Année financière");
        await Expect(Page.GetByTestId("report-organizations")).ToBeVisibleAsync();
        await ScreenshotForDocsAsync("results.png");

        // The year before: the address carries it, so the view can be shared.
        var current = CaseManager.Domain.Common.FiscalYear.Of(DateOnly.FromDateTime(DateTime.Today));
        var previous = new CaseManager.Domain.Common.FiscalYear(current.StartYear - 1);
        await Page.GetByTestId("period-year").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = previous.ToString() }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"year={previous.StartYear}"));
        await Expect(Page.GetByTestId("report-heading")).ToContainTextAsync(previous.ToString());

        // One organization: the breakdown keeps only its line.
        await using (var db = Database.CreateDbContext())
        {
            var organization = await db.Organizations.OrderBy(o => o.Name).FirstAsync();
            await Page.GetByTestId("scope-org").ClickAsync();
            await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = organization.Name }).ClickAsync();
            await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"org={organization.Id}"));
            await Expect(Page.GetByTestId("report-heading")).ToContainTextAsync(organization.Name);
            await Expect(Page.GetByTestId("report-organizations").Locator("tbody tr")).ToHaveCountAsync(1);
        }

        // The funnel's CSV says what its table says.
        var funnel = Page.GetByTestId("report-funnel");
        var firstRow = await funnel.Locator("tbody tr").First.Locator("td").First.InnerTextAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => funnel.GetByTestId("export-funnel-csv").ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        // In French: columns separated by ";" (what Excel expects in French), as the note beside the link says.
        Assert.StartsWith("Étape;Dossiers entrés;Conversion vers la suivante (%)", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
        await Expect(funnel.GetByTestId("csv-format")).ToContainTextAsync("« ; »");
        var rows = CsvContent.Read(bytes);
        Assert.Equal(Digits(firstRow), rows[1][1]);

        // The printable page: the same tables, without the application's menu when printed.
        var print = await Page.Context.RunAndWaitForPageAsync(() => Page.GetByTestId("print-link").ClickAsync());
        await print.Locator("#app-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(print.GetByTestId("report-funnel")).ToBeVisibleAsync();
        await Expect(print.GetByTestId("report-heading")).ToContainTextAsync(previous.ToString());
        await print.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(print.Locator(".mud-drawer")).ToBeHiddenAsync();
        await Expect(print.GetByTestId("print-now")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Counsellor_SeesTheirOwnFilesOnly()
    {
        await SignInAsync("intervenant@demo.local");
        await Page.GotoAsync("/results");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("report-heading")).ToContainTextAsync("Mes dossiers");
        await Expect(Page.GetByTestId("report-funnel")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("scope-org")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("report-organizations")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("report-counsellors")).ToHaveCountAsync(0);

        // Another organization by address: refused, said so, nothing shown.
        await Page.GotoAsync("/results?org=1");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("period-error")).ToContainTextAsync("vos propres dossiers");
        await Expect(Page.GetByTestId("report-funnel")).ToHaveCountAsync(0);
    }

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());
}
