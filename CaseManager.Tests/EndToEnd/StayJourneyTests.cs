using System.Globalization;
using System.Text.RegularExpressions;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>
/// A counsellor plans an exploratory stay, books a household on it, confirms and completes it,
/// records the household's debrief, turns a next step into a plan task, and the file can move on,
/// in a real browser; nothing goes wrong in the browser's console on the way.
/// </summary>
public sealed class StayJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string Counsellor = "intervenant@demo.local";
    private const string FileNumber = "2099-00077";

    [Fact]
    public async Task Stay_PlannedConfirmedCompletedAndDebriefed_PutsTheNextStepInThePlanAndLetsTheFileMoveOn()
    {
        var errors = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        Page.PageError += (_, error) => errors.Add(error);
        var householdId = await FileAtTheStayStageAsync();
        var today = AppClock.DateOf(DateTimeOffset.UtcNow);
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await SignInAsync(Counsellor);
        await Page.GotoAsync("/stays");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Séjours exploratoires" })).ToBeVisibleAsync();

        // The stay: Estrie, with one of its partners, from two days ago to today.
        await Page.GetByTestId("new-stay").ClickAsync();
        var dialog = Page.GetByTestId("stay-dialog");
        await Page.GetByLabel("Région hôte").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Estrie" }).ClickAsync();
        await Page.GetByLabel("Partenaire hôte").ClickAsync();
        // Named, not the first item: the list narrows to Estrie's partners only once the region is applied.
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Accueil Memphrémagog" }).ClickAsync();
        await Page.GetByLabel("Premier jour").FillAsync(Day(today.AddDays(-2)));
        await Page.GetByLabel("Premier jour").PressAsync("Tab");
        await Page.GetByLabel("Dernier jour").FillAsync(Day(today));
        await Page.GetByLabel("Dernier jour").PressAsync("Tab");
        await Page.GetByLabel("Lieu d'hébergement").FillAsync("Auberge du Lac-Memphrémagog");
        await Page.GetByTestId("stay-save").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Page.WaitForURLAsync("**/stays/*");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Séjour exploratoire — Estrie" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("stay-status")).ToHaveTextAsync("Planifié");
        await Expect(Page.GetByTestId("stay-details")).ToContainTextAsync($"{Day(today.AddDays(-2))}");
        var stayUrl = Page.Url;

        // The household, found among the counsellor's files.
        await Page.GetByLabel("Rechercher un de vos dossiers").FillAsync(FileNumber);
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Haddad" }).ClickAsync();
        await Page.GetByTestId("participant-add").ClickAsync();
        await Expect(Page.GetByTestId("participant-row")).ToContainTextAsync("Haddad");

        await Page.GetByTestId("stay-confirm").ClickAsync();
        await Expect(Page.GetByTestId("stay-status")).ToHaveTextAsync("Confirmé");
        await Page.GetByTestId("stay-complete").ClickAsync();
        await Expect(Page.GetByTestId("stay-status")).ToHaveTextAsync("Terminé");
        await Expect(Page.GetByTestId("participant-row")).ToContainTextAsync("Présent");

        // The debrief, and a next step turned into a plan task.
        await Page.GetByTestId("debrief-record").ClickAsync();
        var debrief = Page.GetByTestId("debrief-dialog");
        await debrief.Locator(".mud-rating-item").Nth(3).ClickAsync();
        await Page.GetByLabel("Pistes d'emploi").FillAsync("La fromagerie de Magog embauche");
        await Page.GetByTestId("debrief-next-steps").FillAsync("Envoyer le CV à la fromagerie\nVisiter deux logements à Magog");
        await Page.GetByTestId("debrief-save").ClickAsync();
        await Expect(debrief).ToHaveCountAsync(0);
        var card = Page.GetByTestId("debrief-card");
        await Expect(card).ToContainTextAsync("Intérêt : 4/5");
        var step = card.GetByTestId("next-step").Filter(new() { HasText = "Envoyer le CV à la fromagerie" });
        await step.GetByTestId("next-step-need").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^\\s*Emploi\\s*$") }).ClickAsync();
        await step.GetByTestId("next-step-to-plan").ClickAsync();
        await Expect(step).ToContainTextAsync("Dans le plan");
        await ScreenshotForDocsAsync("stay.png");

        // The stays list shows it.
        await Page.GotoAsync("/stays");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("stays-grid")).ToContainTextAsync("Estrie");
        await ScreenshotForDocsAsync("stays.png");

        // The file: the task is in the plan, the stay on the timeline, and the stage can be left.
        await Page.GotoAsync($"/households/{householdId}");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("advance-button")).ToBeEnabledAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Séjours" }).ClickAsync();
        await Expect(Page.GetByTestId("household-stay")).ToContainTextAsync("Estrie");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Plan" }).ClickAsync();
        await Expect(Page.GetByTestId("task").Filter(new() { HasText = "Envoyer le CV à la fromagerie" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Chronologie" }).ClickAsync();
        await Expect(Page.GetByTestId("timeline-past")).ToContainTextAsync("Bilan du séjour exploratoire (Estrie) : intérêt 4/5");
        await Expect(Page.GetByTestId("timeline-past")).ToContainTextAsync("Séjour exploratoire terminé (Estrie)");
        await ScreenshotForDocsAsync("stay-timeline.png");

        await Page.GotoAsync(stayUrl);
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("stay-status")).ToHaveTextAsync("Terminé");
        Assert.Empty(errors);

        await using var db = Database.CreateDbContext();
        Assert.True(await db.PlanTasks.AnyAsync(t => t.HouseholdId == householdId && t.Title == "Envoyer le CV à la fromagerie"));
    }

    /// <summary>A file of the demo counsellor at the stay stage.</summary>
    private async Task<Guid> FileAtTheStayStageAsync()
    {
        await using var db = Database.CreateDbContext();
        var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
        var today = AppClock.DateOf(DateTimeOffset.UtcNow);
        var household = new HouseholdBuilder()
            .WithFileNumber(FileNumber)
            .AssignedTo(me.Id)
            .WithOrganization(me.OrganizationId!.Value)
            .WithProfile(p => p.WithPrimaryApplicant("Nadia", "Haddad").WithSpouse("Youssef", "Haddad").WithPreferredRegions("05"))
            .WithNeeds("employment", "housing")
            .AtStage(Stage.ExploratoryStay)
            .Build();
        db.ActingAs(new ActionContext(new Actor(me.Id, me.DisplayName), DateTimeOffset.UtcNow, today)).Households.Add(household);
        await db.SaveChangesAsync();
        return household.Id;
    }
}
