using System.Globalization;
using System.IO.Compression;
using CaseManager.Domain.Privacy;
using CaseManager.Tests.Support;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>
/// The privacy officer records a person's request from its receipt, assigns it, downloads the
/// file's archive and marks the request answered, in a real browser.
/// </summary>
public sealed class PrivacyJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string PrivacyOfficer = "vie-privee@demo.local";

    [Fact]
    public async Task RightsRequest_FromReceiptToExport_IsAnsweredWithinTheLegalDelay()
    {
        string fileNumber;
        string lastName;
        string officerName;
        await using (var db = Database.CreateDbContext())
        {
            var household = await db.Households.AsNoTracking().Where(h => h.MergedIntoId == null).OrderBy(h => h.FileNumber)
                .Select(h => new { h.FileNumber, h.PrimaryApplicant.LastName }).FirstAsync();
            (fileNumber, lastName) = (household.FileNumber, household.LastName);
            officerName = await db.Users.Where(u => u.Email == PrivacyOfficer).Select(u => u.DisplayName).SingleAsync();
        }

        var today = AppClock.DateOf(DateTimeOffset.UtcNow);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await SignInAsync(PrivacyOfficer);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Demandes d'accès et d'exercice des droits" })).ToBeVisibleAsync();

        // Receipt: a portability request, linked to the file, assigned to the officer.
        await Page.GetByTestId("new-request").ClickAsync();
        await Page.WaitForURLAsync("**/privacy/requests/new");
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Type").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Portabilité" }).ClickAsync();
        await Page.GetByLabel("Demandeur ou demandeuse").FillAsync($"Personne {lastName}");
        await Page.GetByLabel("Dossier lié").FillAsync(fileNumber);
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = fileNumber }).ClickAsync();
        await Page.GetByLabel("Responsable").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = officerName }).ClickAsync();
        await Page.GetByLabel("Reçue le").FillAsync(day);
        await Page.GetByLabel("Reçue le").PressAsync("Tab");
        await Expect(Page.GetByTestId("request-due-on")).ToHaveValueAsync(today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Page.GetByTestId("request-save").ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/privacy/requests/[0-9a-f-]{36}$"));
        var requestId = Guid.Parse(Page.Url[^36..]);

        // The archive, downloaded; the choice about internal notes is recorded.
        var exportPanel = Page.GetByTestId("export-panel");
        await Expect(exportPanel).ToBeVisibleAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("export-download").ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "household.json");
            Assert.Contains(zip.Entries, e => e.FullName == "summary.txt");
            Assert.DoesNotContain(zip.Entries, e => e.FullName == "journal.csv");
        }

        File.Delete(path);
        await Expect(Page.GetByTestId("export-last")).ToContainTextAsync("notes internes : exclues");

        // The answer.
        await Page.GetByLabel("Statut").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Répondue" }).ClickAsync();
        await Page.GetByLabel("Répondue le").FillAsync(day);
        await Page.GetByLabel("Répondue le").PressAsync("Tab");
        await Page.GetByTestId("request-save").ClickAsync();
        await Expect(Page.GetByText("Enregistré.")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Retour aux demandes" }).ClickAsync();
        await Expect(Page.GetByTestId("request-status").First).ToHaveTextAsync("Répondue");

        await using var check = Database.CreateDbContext();
        var request = await check.RightsRequests.SingleAsync(r => r.Id == requestId);
        Assert.Equal((RightsRequestType.Portability, RightsRequestStatus.Answered, today, false), (request.Type, request.Status, request.AnsweredOn, request.ExportIncludedInternal));
        Assert.Equal(officerName, request.AssigneeName);
        Assert.True(await check.AccessLog.AnyAsync(a => a.Action == CaseManager.Data.Entities.AccessAction.Exported && a.Source == $"/privacy/requests/{requestId}/export"));
    }
}
