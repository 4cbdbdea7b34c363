using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>
/// A person registers in French on a phone; the file lands, assigned by the distribution, in a
/// counsellor's caseload; a supervisor reassigns it. In a real browser.
/// </summary>
public sealed class IntakeJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string Supervisor = "superviseur@demo.local";

    [Fact]
    public async Task Register_OnAPhoneInFrench_TheFileIsAssignedToACounsellorAndASupervisorReassignsIt()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await Page.GotoAsync("/inscription");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Inscription au programme de régionalisation", Exact = true })).ToBeVisibleAsync();

        // The switch works without signing in, and comes back.
        await Page.GetByTestId("intake-language").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Registration to the regionalization program", Exact = true })).ToBeVisibleAsync();
        await Page.GetByTestId("intake-language").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inscription$"));

        // Nothing wider than the phone.
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await Expect(Page.GetByTestId("privacy-notice")).ToContainTextAsync("Responsable de la protection des renseignements personnels");
        await ScreenshotForDocsAsync("registration.png");

        // First try without the required consent: told in French, field by field.
        await Page.Locator("#firstName").FillAsync("Yasmine");
        await Page.Locator("#lastName").FillAsync("Ouellet-Haddad");
        await Page.Locator("#birthDate").FillAsync("1988-03-14");
        await Page.Locator("#occupation").FillAsync("Technicienne en comptabilité");
        await Page.Locator("#frenchLevel").SelectOptionAsync("Advanced");
        await Page.Locator("#spouseFirstName").FillAsync("Karim");
        await Page.Locator("#spouseLastName").FillAsync("Haddad");
        await Page.Locator("#child1FirstName").FillAsync("Lina");
        await Page.Locator("#child1BirthDate").FillAsync("2018-09-02");
        await Page.Locator("#email").FillAsync("yasmine.ouellet@example.com");
        await Page.Locator("#phone").FillAsync("514 555-0177");
        await Page.Locator("#immigrationStatus").SelectOptionAsync("permanent-resident");
        await Page.Locator("#arrivalDate").FillAsync("2022-05-10");
        await Page.Locator("input[name=region][value='02']").CheckAsync();
        await Page.Locator("input[name=interest][value=employment]").CheckAsync();
        await Page.Locator("#heardFrom").SelectOptionAsync("SocialMedia");
        await Page.GetByTestId("consent-newsletter").CheckAsync();
        await Page.GetByTestId("register-submit").ClickAsync();

        await Expect(Page.GetByTestId("consent-case-management-error")).ToHaveTextAsync("Ce consentement est nécessaire pour ouvrir votre dossier.");
        await Expect(Page.Locator("#lastName")).ToHaveValueAsync("Ouellet-Haddad");
        // The summary takes the focus, names the field and leads to it.
        await Expect(Page.GetByTestId("register-errors")).ToBeFocusedAsync();
        var links = Page.GetByTestId("register-errors").Locator("a");
        await Expect(links).ToHaveCountAsync(1);
        await Expect(links.First).ToHaveTextAsync("Ouverture et suivi de mon dossier : Ce consentement est nécessaire pour ouvrir votre dossier.");
        foreach (var href in await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
        {
            Assert.StartsWith("/inscription#", href, StringComparison.Ordinal);
            await Expect(Page.Locator("#" + href.Split('#')[1])).ToHaveCountAsync(1);
        }

        await links.First.ClickAsync();
        await Expect(Page.GetByTestId("consent-case-management")).ToBeFocusedAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inscription#consent-case-management$"));
        await Expect(Page.Locator("#lastName")).ToHaveValueAsync("Ouellet-Haddad");
        await Page.GetByTestId("consent-case-management").CheckAsync();
        await Page.GetByTestId("register-submit").ClickAsync();

        var reference = Page.GetByTestId("registration-reference");
        await Expect(reference).ToContainTextAsync("INS-");
        await Expect(Page.GetByText("Un courriel de confirmation vous a été envoyé.")).ToBeVisibleAsync();

        string fileNumber, counsellorEmail, counsellorName;
        await using (var db = Database.CreateDbContext())
        {
            var household = await db.Households.SingleAsync(h => h.PrimaryApplicant.LastName == "Ouellet-Haddad");
            Assert.Equal(RegistrationSource.Website, household.RegistrationSource);
            Assert.Contains((await db.Registrations.SingleAsync(r => r.HouseholdId == household.Id)).Reference, await reference.TextContentAsync(), StringComparison.Ordinal);
            var counsellor = await db.Users.SingleAsync(u => u.Id == household.AssignedCounsellorId);
            (fileNumber, counsellorEmail, counsellorName) = (household.FileNumber, counsellor.Email!, counsellor.DisplayName);
            Assert.Equal(2, await db.ConsentRecords.CountAsync(c => c.HouseholdId == household.Id && c.Granted));
            Assert.True(await db.OutgoingEmails.AnyAsync(e => e.ToAddress == "yasmine.ouellet@example.com"));
        }

        // The counsellor the distribution chose finds it in their caseload.
        await Page.SetViewportSizeAsync(1400, 900);
        await SignInAsync(counsellorEmail);
        var rows = Page.Locator("[data-testid=caseload-grid] tbody tr");
        await Page.GetByTestId("caseload-search").FillAsync("Ouellet-Haddad");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(fileNumber);

        // A supervisor reassigns it from the caseload.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync(Supervisor);
        await Page.GetByTestId("caseload-search").FillAsync("Ouellet-Haddad");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(counsellorName);
        await Page.Locator($"input[data-testid=select-{fileNumber}], [data-testid=select-{fileNumber}] input").CheckAsync();
        await Page.GetByTestId("reassign-selected").ClickAsync();
        await Expect(Page.GetByTestId("reassign-files")).ToContainTextAsync(fileNumber);
        await Page.GetByTestId("reassign-counsellor").ClickAsync();
        var other = Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasNotText = counsellorName }).First;
        var otherName = (await other.InnerTextAsync()).Trim();
        await other.ClickAsync();
        await Page.GetByTestId("reassign-reason").FillAsync("Rééquilibrage après l'inscription");
        await Page.GetByTestId("reassign-confirm").ClickAsync();

        await Expect(Page.GetByText("1 dossier(s) réassigné(s).")).ToBeVisibleAsync();
        await using var check = Database.CreateDbContext();
        var reassigned = await check.Households.SingleAsync(h => h.FileNumber == fileNumber);
        var newCounsellor = await check.Users.SingleAsync(u => u.Id == reassigned.AssignedCounsellorId);
        Assert.NotEqual(counsellorEmail, newCounsellor.Email);
        Assert.StartsWith(newCounsellor.DisplayName, otherName, StringComparison.Ordinal);
    }
}
