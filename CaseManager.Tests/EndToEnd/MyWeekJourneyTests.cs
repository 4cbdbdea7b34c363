using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>A counsellor's week, in a real browser: complete a task in one click, undo it, see it on the file's timeline.</summary>
public sealed class MyWeekJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string Counsellor = "intervenant@demo.local";
    private const string Truck = "Réserver le camion de déménagement";
    private const string Resume = "Envoyer le CV à l'employeur";

    /// <summary>Gives one of the demo counsellor's open files a plan: a task due tomorrow and one two days overdue.</summary>
    private async Task<(Guid Id, string FileNumber)> PlanOneFileAsync()
    {
        await using var db = Database.CreateDbContext();
        var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
        var household = await db.Households.Where(h => h.AssignedCounsellorId == me.Id && h.Status == CaseStatus.Active)
            .OrderBy(h => h.FileNumber).Select(h => new { h.Id, h.FileNumber }).FirstAsync();
        var now = DateTimeOffset.UtcNow.AddMinutes(-10);
        var context = new ActionContext(new Actor(me.Id, me.DisplayName), now, AppClock.DateOf(now));
        var plan = await db.Plans.Include(p => p.Goals).ThenInclude(g => g.Tasks).SingleOrDefaultAsync(p => p.HouseholdId == household.Id);
        if (plan is null)
        {
            plan = Plan.Start(household.Id, context);
            db.Plans.Add(plan);
        }

        var goal = plan.AddGoal("employment", "Un emploi en région", context);
        // Due dates from the day the application reads now in Montréal, not from ten minutes ago:
        // just after midnight there, those are two different days (the lateness read one day more).
        var today = AppClock.DateOf(DateTimeOffset.UtcNow);
        plan.AddTask(goal.Id, Truck, TaskOwner.Household, today.AddDays(1), context);
        plan.AddTask(goal.Id, Resume, TaskOwner.Counsellor, today.AddDays(-2), context);
        await db.ActingAs(context).SaveChangesAsync();
        return (household.Id, household.FileNumber);
    }

    [Fact]
    public async Task MyWeek_CompleteUndoAndComplete_TheFilesTimelineTellsIt()
    {
        var file = await PlanOneFileAsync();
        await SignInAsync(Counsellor);

        await Page.GetByTestId("nav-my-week").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Ma semaine" })).ToBeVisibleAsync();
        var rows = Page.Locator("[data-testid=my-week-grid] tbody tr");
        var truck = rows.Filter(new() { HasText = Truck });
        var resume = rows.Filter(new() { HasText = Resume });
        await Expect(truck).ToHaveCountAsync(1);
        await Expect(resume).ToContainTextAsync("en retard de 2 j");
        await Expect(truck).ToContainTextAsync(file.FileNumber);
        await Expect(truck).ToContainTextAsync("Ménage");

        // One click: the row leaves, the snackbar offers to undo.
        await truck.GetByRole(AriaRole.Button, new() { Name = $"Marquer la tâche « {Truck} » comme faite" }).ClickAsync();
        await Expect(truck).ToHaveCountAsync(0);
        var snackbar = Page.Locator(".mud-snackbar").Filter(new() { HasText = $"Tâche « {Truck} » faite." });
        await snackbar.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Expect(truck).ToHaveCountAsync(1);

        await truck.GetByTestId("my-week-complete").ClickAsync();
        await Expect(truck).ToHaveCountAsync(0);

        // The file's timeline tells what happened and what is still to do.
        await resume.GetByTestId("my-week-file").ClickAsync();
        await Expect(Page.GetByTestId("household-title")).ToContainTextAsync(file.FileNumber);
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Chronologie" }).ClickAsync();
        var past = Page.GetByTestId("timeline-past");
        await Expect(past).ToContainTextAsync($"Tâche faite : « {Truck} »");
        await Expect(past).ToContainTextAsync($"Tâche rouverte : « {Truck} »");
        await Expect(past).ToContainTextAsync("2 tâches ajoutées");
        var upcoming = Page.GetByTestId("timeline-upcoming");
        await Expect(upcoming.GetByRole(AriaRole.Heading, new() { Name = "À venir" })).ToBeVisibleAsync();
        await Expect(past.Locator(".cm-timeline-headline").Nth(3)).ToHaveTextAsync("Objectif ajouté : Emploi");
        await Expect(past.Locator(".cm-timeline-headline").Nth(4)).ToContainTextAsync("2 tâches ajoutées");
        await Expect(upcoming).ToContainTextAsync($"Tâche : « {Resume} »");
        // The demo plan of that file may have overdue tasks of its own: this one is two days late.
        await Expect(upcoming.GetByTestId("timeline-overdue").Filter(new() { HasText = "En retard de 2 j" })).Not.ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("timeline-today")).ToBeVisibleAsync();
    }
}
