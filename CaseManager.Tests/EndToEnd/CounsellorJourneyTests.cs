using System.Text.RegularExpressions;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>A counsellor's day, in a real browser against the real application and database.</summary>
public sealed partial class CounsellorJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string Counsellor = "intervenant@demo.local";

    [Fact]
    public async Task Caseload_SignedInAsTheDemoCounsellor_ListsTheirFilesAndSearchFindsOne()
    {
        var (lastName, firstName, total) = await OneOfTheCounsellorsFilesAsync();

        await SignInAsync(Counsellor);

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mes dossiers" })).ToBeVisibleAsync();
        var rows = Page.Locator("[data-testid=caseload-grid] tbody tr");
        await Expect(rows).ToHaveCountAsync(Math.Min(total, 25));
        await ScreenshotForDocsAsync("caseload.png");

        await Page.GetByTestId("caseload-search").FillAsync(RemoveAccents(lastName).ToUpperInvariant() + " " + firstName[..2]);
        await Expect(rows.First).ToContainTextAsync(lastName);
        await Expect(rows.Filter(new() { HasNotText = lastName })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task NewHousehold_AdvancesFromOutreachToThePlan_OnceItsPrerequisitesAreMet()
    {
        await SignInAsync(Counsellor);

        // Open a file by hand.
        await Page.GetByTestId("new-household").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Nouveau ménage" })).ToBeVisibleAsync();

        // Created empty: the summary takes the focus, names each field and leads to it.
        await Page.GetByTestId("create-household").ClickAsync();
        var summary = Page.GetByTestId("form-errors");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Requérant(e) principal(e) · Prénom : Obligatoire.");
        await Expect(summary).ToContainTextAsync("Requérant(e) principal(e) · Nom : Obligatoire.");
        foreach (var href in await summary.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
        {
            await Expect(Page.Locator("#" + href.Split('#')[1])).ToHaveCountAsync(1);
        }

        await Page.GetByTestId("error-link-field-PrimaryApplicant-LastName").ClickAsync();
        await Expect(Page.Locator("#field-PrimaryApplicant-LastName input")).ToBeFocusedAsync();
        await Page.GetByTestId("primary-first-name").FillAsync("Aïcha");
        await Page.GetByTestId("primary-last-name").FillAsync("Benmoussa");
        await Page.GetByTestId("email").FillAsync("aicha.benmoussa@exemple.ca");
        await Page.GetByTestId("phone").FillAsync("514 555-0188");
        await Page.GetByTestId("create-household").ClickAsync();

        // The stage's prerequisites are shown before anything else can happen.
        await Expect(Page.GetByTestId("household-title")).ToContainTextAsync("Benmoussa, Aïcha");
        await Expect(Page.GetByTestId("advance-button")).ToBeDisabledAsync();
        var blocked = Page.GetByTestId("advance-blocked");
        await Expect(blocked).ToContainTextAsync("Aucun contact n'a encore été consigné avec le ménage.");
        await Expect(blocked).ToContainTextAsync("Les besoins du ménage n'ont pas encore été déterminés");

        // The needs, on the profile.
        await Page.GetByTestId("needs").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Emploi" }).First.ClickAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Page.GetByTestId("save-profile").ClickAsync();
        await Expect(Page.GetByText("Modifications enregistrées.")).ToBeVisibleAsync();
        await Expect(blocked).Not.ToContainTextAsync("besoins");

        // A first contact, in the journal.
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Journal" }).ClickAsync();
        await Page.GetByLabel("Résumé du contact").FillAsync("Premier appel : intéressée par l'Estrie.");
        await Page.GetByTestId("journal-save").ClickAsync();
        await Expect(Page.GetByTestId("journal-list")).ToContainTextAsync("Premier appel");

        // Now the file may move on.
        await Expect(Page.GetByTestId("advance-button")).ToBeEnabledAsync();
        await Page.GetByTestId("advance-button").ClickAsync();
        await Expect(Page.GetByTestId("advance-ready")).ToBeVisibleAsync();
        await Page.GetByTestId("advance-confirm").ClickAsync();
        await Expect(Page.Locator("li.stage-step[aria-current=step]")).ToHaveAttributeAsync("data-stage", "PersonalizedPlan");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Profil" }).ClickAsync();
        await Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await ScreenshotForDocsAsync("household.png");

        // The history tells what happened, and who did it.
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Historique" }).ClickAsync();
        var history = Page.GetByTestId("stage-history");
        await Expect(history).ToContainTextAsync("Passage à l'étape suivante");
        await Expect(history).ToContainTextAsync("Ouverture du dossier");
        await Expect(Page.GetByTestId("audit-grid")).ToContainTextAsync("Sensibilisation");
    }

    [Fact]
    public async Task LanguageSwitch_ToEnglish_ShowsEnglishLabelsAndIsRemembered()
    {
        await SignInAsync(Counsellor);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mes dossiers" })).ToBeVisibleAsync();

        await Page.GetByTestId("language-switch").ClickAsync();
        await WaitForInteractiveAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "My files" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Columnheader, new() { Name = "Last contact" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("new-household")).ToHaveTextAsync(new Regex("New household"));

        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "My files" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnotherCounsellorsFile_OpenedByItsAddress_IsRefused()
    {
        Guid othersFile;
        await using (var db = Database.CreateDbContext())
        {
            var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
            othersFile = await db.Households.Where(h => h.AssignedCounsellorId != me.Id).Select(h => h.Id).FirstAsync();
        }

        await SignInAsync(Counsellor);
        await Page.GotoAsync($"/households/{othersFile}");
        await WaitForInteractiveAsync();

        await Expect(Page.GetByTestId("household-error")).ToContainTextAsync("Vous n'avez pas accès à ce dossier");
    }

    [Fact]
    public async Task Bell_AfterTheReminderSweep_ShowsTheRemindersAndOpensTheFile()
    {
        var mine = await SweepAndDeliverAsync();

        Assert.True(mine > 0, "The demo counsellor has files with reminders due.");
        await SignInAsync(Counsellor);

        await Expect(Page.GetByTestId("notification-badge").Locator(".mud-badge"))
            .ToHaveTextAsync(mine > 99 ? "99+" : mine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Notifications" }).ClickAsync();
        var first = Page.GetByTestId("notification-open").First;
        await Expect(first).ToContainTextAsync(FileNumber());
        var fileNumber = FileNumber().Match(await first.InnerTextAsync()).Value;
        await first.ClickAsync();

        await Expect(Page.GetByTestId("household-title")).ToContainTextAsync(fileNumber);
    }

    [Fact]
    public async Task Bell_SnoozeAndDismiss_HideTheReminderAndAreRecorded()
    {
        await SweepAndDeliverAsync();
        await SignInAsync(Counsellor);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Notifications" }).ClickAsync();
        var items = Page.GetByTestId("notification-item");

        // A file may have several reminders in a row: each one is told apart by its whole line, not its file number.
        var snoozedLine = await FirstLineAsync(items.First);
        var snoozed = FileNumber().Match(snoozedLine).Value;
        await items.First.GetByRole(AriaRole.Button, new() { Name = "Reporter à demain" }).ClickAsync();
        await Expect(items.Filter(new() { HasText = snoozedLine })).ToHaveCountAsync(0);
        var dismissedLine = await FirstLineAsync(items.First);
        var dismissed = FileNumber().Match(dismissedLine).Value;
        await items.First.GetByRole(AriaRole.Button, new() { Name = "Ignorer" }).ClickAsync();
        await Expect(items.Filter(new() { HasText = dismissedLine })).ToHaveCountAsync(0);

        await using var db = Database.CreateDbContext();
        var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
        var mine = await db.Notifications.Where(n => n.UserId == me.Id)
            .Join(db.Households, n => n.HouseholdId, h => (Guid?)h.Id, (n, h) => new { h.FileNumber, n.SnoozedUntil, n.DismissedAt })
            .ToListAsync();
        Assert.Contains(mine, n => n.FileNumber == snoozed && n.SnoozedUntil > DateTimeOffset.UtcNow && n.DismissedAt == null);
        Assert.Contains(mine, n => n.FileNumber == dismissed && n.DismissedAt != null);
    }

    /// <summary>The notification's sentence (its first line; the second is when it came).</summary>
    private static async Task<string> FirstLineAsync(ILocator item) =>
        (await item.InnerTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];

    [Fact]
    public async Task Preferences_FromTheUserMenu_SaveTheDailyDigest()
    {
        await SignInAsync(Counsellor);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Mon compte" }).ClickAsync();
        await Page.GetByTestId("user-preferences").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mes préférences" })).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Page.GetByText("Un résumé quotidien").ClickAsync();
        await Page.GetByTestId("preferences-save").ClickAsync();
        await Expect(Page.GetByText("Préférences enregistrées.")).ToBeVisibleAsync();

        await using var db = Database.CreateDbContext();
        Assert.Equal(ReminderEmailMode.DailyDigest, (await db.Users.SingleAsync(u => u.Email == Counsellor)).ReminderEmails);
    }

    /// <summary>Runs the sweep and the delivery as Hangfire would; returns the demo counsellor's live unread notifications.</summary>
    private async Task<int> SweepAndDeliverAsync()
    {
        await App.Services.GetRequiredService<ReminderSweepJob>().RunAsync(CancellationToken.None);
        await App.Services.GetRequiredService<ReminderDeliveryJob>().RunAsync(CancellationToken.None);
        await using var db = Database.CreateDbContext();
        var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
        return await db.Notifications.CountAsync(n => n.UserId == me.Id && n.ReadAt == null && n.DismissedAt == null && n.SnoozedUntil == null);
    }

    [Fact]
    public async Task SignOut_FromTheUserMenu_EndsTheSession()
    {
        await SignInAsync(Counsellor);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Mon compte" }).ClickAsync();
        await Page.GetByTestId("sign-out").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();

        await Page.GotoAsync("/households");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Connexion" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Supervisor_SeesEveryFileWithItsCounsellor()
    {
        await SignInAsync("superviseur@demo.local");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Dossiers" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Columnheader, new() { Name = "Intervenant(e)" })).ToBeVisibleAsync();
        await Expect(Page.GetByText($"1–25 de ")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Partner_SignsInToTheirSessionsAndOpensNoFile()
    {
        await SignInAsync("partenaire@demo.local");

        await Expect(Page.GetByTestId("sessions-page")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("new-session")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Mes dossiers" })).ToHaveCountAsync(0);
        await Page.GotoAsync("/households");
        await Expect(Page.GetByTestId("access-denied")).ToBeVisibleAsync();

        // Refused inside the shell: the menu is there, the reason says who and which page, and the ways back work.
        await Expect(Page.GetByTestId("nav-sessions")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("user-menu")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("access-denied-reason")).ToContainTextAsync("n'a pas le droit d'ouvrir cette page");
        await Expect(Page.GetByTestId("access-denied-page")).ToHaveTextAsync("Page demandée : /households");
        await WaitForInteractiveAsync();
        await Page.GetByTestId("access-denied-back").ClickAsync();
        await Expect(Page.GetByTestId("sessions-page")).ToBeVisibleAsync();
        await Page.GotoAsync("/households");
        await Page.GetByTestId("access-denied-home").ClickAsync();
        await Expect(Page.GetByTestId("sessions-page")).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"\d{4}-\d{5}")]
    private static partial Regex FileNumber();

    private async Task<(string LastName, string FirstName, int Total)> OneOfTheCounsellorsFilesAsync()
    {
        await using var db = Database.CreateDbContext();
        var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
        var open = db.Households.Where(h => h.AssignedCounsellorId == me.Id && (h.Status == CaseStatus.Active || h.Status == CaseStatus.OnHold));
        var file = await open.OrderBy(h => h.FileNumber)
            .Select(h => new { h.PrimaryApplicant.LastName, h.PrimaryApplicant.FirstName })
            .FirstAsync();
        return (file.LastName, file.FirstName, await open.CountAsync());
    }

    private static string RemoveAccents(string text) =>
        new(text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .ToArray());
}
