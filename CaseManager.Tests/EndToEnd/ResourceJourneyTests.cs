using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Resources;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>A counsellor searches the regional resource directory, filters it, and attaches a resource to a plan task, in a real browser.</summary>
public sealed class ResourceJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string Counsellor = "intervenant@demo.local";

    [Fact]
    public async Task Directory_SearchFilterAndAttachToATask_TheTaskShowsTheResource()
    {
        var (householdId, resourceId) = await ArrangeAsync();
        await SignInAsync(Counsellor);

        // Search without accents, then keep only Estrie.
        await Page.GotoAsync("/resources");
        await WaitForInteractiveAsync();
        await Page.GetByTestId("resource-search").FillAsync("zephyrine");
        await Expect(Page.GetByTestId("resource-name")).ToHaveCountAsync(2);
        await Page.GetByTestId("resource-region").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Estrie" }).ClickAsync();
        // The grid reloads from PostgreSQL: under a loaded machine this can take a few seconds.
        await Expect(Page.GetByTestId("resource-name")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(Page.GetByTestId("resource-name")).ToHaveTextAsync("Maison Zéphyrine des nouveaux arrivants");
        await Expect(Page.GetByTestId("resource-region-cell")).ToHaveTextAsync("Estrie");
        await ScreenshotForDocsAsync("resources.png");

        // The household's plan: the task gets the resource, with its contact.
        await Page.GotoAsync($"/households/{householdId}");
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Plan" }).ClickAsync();
        var task = Page.GetByTestId("task").Filter(new() { HasText = "Rencontrer l'organisme d'accueil" });
        await task.GetByTestId("task-attach-resource").ClickAsync();
        var search = Page.GetByTestId("attach-search");
        var option = Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Sherbrooke" });
        await Expect(Page.GetByTestId("attach-dialog")).ToBeVisibleAsync();
        // Text typed while the dialog is still opening can be reset when the dialog settles: type again until the options show.
        for (var attempt = 0; attempt < 3 && !await option.IsVisibleAsync(); attempt++)
        {
            await search.ClickAsync();
            await search.FillAsync("");
            await search.PressSequentiallyAsync("zéphyr", new() { Delay = 50 });
            try
            {
                await option.WaitForAsync(new() { Timeout = 5_000 });
            }
            catch (TimeoutException) when (attempt < 2)
            {
            }
        }

        await option.ClickAsync();
        await Page.GetByTestId("attach-save").ClickAsync();
        await Expect(task.GetByTestId("task-resource-name")).ToHaveTextAsync("Ressource : Maison Zéphyrine des nouveaux arrivants");
        await Expect(task.GetByTestId("task-resource-contact")).ToContainTextAsync("accueil@zephyrine.exemple.ca");

        // The suggestions tab proposes it too (Estrie is a preferred region, the household needs a network).
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Ressources suggérées" }).ClickAsync();
        await Expect(Page.GetByTestId("suggestion-name").Filter(new() { HasText = "Maison Zéphyrine des nouveaux arrivants" })).ToHaveCountAsync(1);

        await using var db = Database.CreateDbContext();
        Assert.Equal(resourceId, await db.PlanTasks.Where(t => t.HouseholdId == householdId).Select(t => t.ResourceId).SingleAsync());
    }

    private async Task<(Guid Household, Guid Resource)> ArrangeAsync()
    {
        await using var db = Database.CreateDbContext();
        var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
        var now = DateTimeOffset.UtcNow;
        var context = new ActionContext(new Actor(me.Id, me.DisplayName), now, AppClock.DateOf(now));
        var household = new HouseholdBuilder()
            .WithFileNumber("2099-00007")
            .AssignedTo(me.Id)
            .WithOrganization(me.OrganizationId!.Value)
            .WithProfile(p => p.WithPrimaryApplicant("Awa", "Traoré").WithPreferredRegions("05"))
            .WithNeeds("social-network")
            .AtStage(Stage.PersonalizedPlan)
            .Build();
        var plan = Plan.Start(household.Id, context);
        var goal = plan.AddGoal("social-network", null, context);
        plan.AddTask(goal.Id, "Rencontrer l'organisme d'accueil", TaskOwner.Household, null, context);
        var estrie = new Resource
        {
            Id = Guid.CreateVersion7(), Name = "Maison Zéphyrine des nouveaux arrivants", CategoryCode = "community", RegionCode = "05",
            Municipality = "Sherbrooke", Email = "accueil@zephyrine.exemple.ca", Phone = "819 555-0142", LanguageCodes = ["fr", "es"],
            LastVerifiedOn = context.Today, CreatedAt = now, UpdatedAt = now,
        };
        db.Resources.Add(estrie);
        db.Resources.Add(new Resource
        {
            Id = Guid.CreateVersion7(), Name = "Zéphyrine, jumelage interculturel", CategoryCode = "community", RegionCode = "01",
            Municipality = "Rimouski", Description = "Maison Zéphyrine : activités", CreatedAt = now, UpdatedAt = now,
        });
        db.ActingAs(context).Households.Add(household);
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        return (household.Id, estrie.Id);
    }
}
