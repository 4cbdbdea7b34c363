using System.Globalization;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>
/// From the plan to the reminder, as a counsellor lives it: apply a template, complete a task, make
/// another due tomorrow; the sweep runs; the bell and the counsellor's mailbox both say so.
/// </summary>
public sealed class ReminderJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string Counsellor = "intervenant@demo.local";
    private const string DueTomorrow = "Repérer et visiter des logements";
    private const string Done = "Obtenir la confirmation écrite de l'offre d'emploi";

    [Fact]
    public async Task TaskMadeDueTomorrow_AfterTheSweep_ReachesTheBellAndTheMailbox()
    {
        var household = await FileAtThePlanStageAsync();
        // The demo data's own reminders are delivered and put aside first, so what follows is this journey's.
        await RunRemindersAsync();
        await using (var db = Database.CreateDbContext())
        {
            await db.Notifications.ExecuteUpdateAsync(set => set.SetProperty(n => n.DismissedAt, DateTimeOffset.UtcNow));
        }

        using var mailbox = new Smtp4dev();
        await mailbox.ClearAsync();
        var tomorrow = AppClock.DateOf(DateTimeOffset.UtcNow).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await SignInAsync(Counsellor);
        await Page.GotoAsync($"/households/{household.Id}");
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Plan" }).ClickAsync();

        // A template, then one task done and another due tomorrow.
        await Page.GetByTestId("plan-apply-template").ClickAsync();
        await Page.GetByTestId("template-choice").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Adulte seul, emploi en main" }).ClickAsync();
        await Page.GetByTestId("template-apply").ClickAsync();
        var done = Page.GetByTestId("task").Filter(new() { HasText = Done });
        await done.GetByTestId("task-status").GetByRole(AriaRole.Button).ClickAsync();
        await Page.Locator(".mud-popover-open").GetByTestId("task-status-Done").ClickAsync();
        await Expect(done.GetByTestId("task-completed")).Not.ToBeEmptyAsync();

        var due = Page.GetByTestId("task").Filter(new() { HasText = DueTomorrow });
        await due.GetByTestId("task-edit").ClickAsync();
        var dueInput = Page.GetByTestId("task-due-input");
        await dueInput.FillAsync(tomorrow);
        await dueInput.PressAsync("Tab");
        await Page.GetByTestId("task-save").ClickAsync();
        await Expect(due).ToContainTextAsync(tomorrow);

        // The hourly sweep and the delivery, as Hangfire would run them.
        await RunRemindersAsync();

        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Notifications" }).ClickAsync();
        var notification = Page.GetByTestId("notification-open").Filter(new() { HasText = DueTomorrow });
        await Expect(notification).ToContainTextAsync(household.FileNumber);
        await Expect(Page.GetByTestId("notification-open").Filter(new() { HasText = Done })).ToHaveCountAsync(0);

        var mails = await mailbox.WaitForAsync(Counsellor, 1);
        var texts = await Task.WhenAll(mails.Select(m => mailbox.PlainTextAsync(m.Id)));
        Assert.Contains(texts, text => text.Contains(DueTomorrow, StringComparison.Ordinal) && text.Contains(household.FileNumber, StringComparison.Ordinal));
        Assert.DoesNotContain(texts, text => text.Contains(Done, StringComparison.Ordinal));

        await notification.ClickAsync();
        await Expect(Page.GetByTestId("household-title")).ToContainTextAsync(household.FileNumber);
    }

    private async Task RunRemindersAsync()
    {
        await App.Services.GetRequiredService<ReminderSweepJob>().RunAsync(CancellationToken.None);
        await App.Services.GetRequiredService<ReminderDeliveryJob>().RunAsync(CancellationToken.None);
        await App.Services.GetRequiredService<EmailSenderJob>().RunAsync(CancellationToken.None);
    }

    private async Task<(Guid Id, string FileNumber)> FileAtThePlanStageAsync()
    {
        await using var db = Database.CreateDbContext();
        var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
        var now = DateTimeOffset.UtcNow;
        var household = new HouseholdBuilder()
            .WithFileNumber("2099-00002")
            .AssignedTo(me.Id)
            .WithOrganization(me.OrganizationId!.Value)
            .WithProfile(p => p.WithPrimaryApplicant("Samira", "Benali").WithPreferredRegions("02"))
            .WithNeeds("employment", "housing")
            .AtStage(Stage.PersonalizedPlan)
            .Build();
        db.ActingAs(new ActionContext(new Actor(me.Id, me.DisplayName), now, AppClock.DateOf(now))).Households.Add(household);
        await db.SaveChangesAsync();
        return (household.Id, household.FileNumber);
    }
}
