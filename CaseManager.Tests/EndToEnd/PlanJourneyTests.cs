using System.Globalization;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>A counsellor builds a household's plan with a template and records the household's agreement, in a real browser.</summary>
public sealed class PlanJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string Counsellor = "intervenant@demo.local";

    [Fact]
    public async Task PlanStage_TemplateAppliedTaskDoneAndAgreementRecorded_LetsTheFileMoveOn()
    {
        var householdId = await FileAtThePlanStageAsync();
        var today = AppClock.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await SignInAsync(Counsellor);
        await Page.GotoAsync($"/households/{householdId}");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("advance-button")).ToBeDisabledAsync();
        await Expect(Page.GetByTestId("advance-blocked")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Plan" }).ClickAsync();
        await Expect(Page.GetByTestId("plan-empty")).ToBeVisibleAsync();

        // A template the program wrote (demo data), applied and adjusted.
        await Page.GetByTestId("plan-apply-template").ClickAsync();
        await Page.GetByTestId("template-choice").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Adulte seul, emploi en main" }).ClickAsync();
        await Expect(Page.GetByTestId("template-preview")).ToContainTextAsync("Repérer et visiter des logements");
        await Page.GetByTestId("template-apply").ClickAsync();
        await Expect(Page.GetByTestId("goal-group")).ToHaveCountAsync(4);
        await Expect(Page.GetByText("Modèle « Adulte seul, emploi en main » appliqué")).ToBeVisibleAsync();

        // One task done, from its status.
        var task = Page.GetByTestId("task").Filter(new() { HasText = "Obtenir la confirmation écrite de l'offre d'emploi" });
        await task.GetByTestId("task-status").GetByRole(AriaRole.Button).ClickAsync();
        await Page.Locator(".mud-popover-open").GetByTestId("task-status-Done").ClickAsync();
        await Expect(task.GetByTestId("task-completed")).ToHaveTextAsync(today);

        // The household's agreement, which the plan stage requires.
        await Page.GetByTestId("plan-agree").ClickAsync();
        await Expect(Page.GetByTestId("agreement-with")).ToHaveValueAsync("Nadia et Youssef Haddad");
        await Page.GetByTestId("agreement-save").ClickAsync();
        await Expect(Page.GetByTestId("plan-agreed")).ToContainTextAsync($"Plan convenu le {today} avec Nadia et Youssef Haddad (consigné par ");
        await Expect(Page.GetByTestId("advance-button")).ToBeEnabledAsync();
        await Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await ScreenshotForDocsAsync("plan.png");

        await using var db = Database.CreateDbContext();
        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.HouseholdId == householdId);
        Assert.Equal("Nadia et Youssef Haddad", plan.AgreedWith);
    }

    /// <summary>A file of the demo counsellor at the plan stage, without a plan (its history is dated by the builder's fixed calendar).</summary>
    private async Task<Guid> FileAtThePlanStageAsync()
    {
        await using var db = Database.CreateDbContext();
        var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
        var today = AppClock.DateOf(DateTimeOffset.UtcNow);
        var household = new HouseholdBuilder()
            .WithFileNumber("2099-00001")
            .AssignedTo(me.Id)
            .WithOrganization(me.OrganizationId!.Value)
            .WithProfile(p => p.WithPrimaryApplicant("Nadia", "Haddad").WithSpouse("Youssef", "Haddad").WithPreferredRegions("05"))
            .WithNeeds("employment", "housing")
            .AtStage(Stage.PersonalizedPlan)
            .Build();
        db.ActingAs(new ActionContext(new Actor(me.Id, me.DisplayName), DateTimeOffset.UtcNow, today)).Households.Add(household);
        await db.SaveChangesAsync();
        return household.Id;
    }
}
