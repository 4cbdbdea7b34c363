using System.Globalization;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Jobs;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Households;

public sealed class NotificationServiceTests(DatabaseFixture database) : ReminderTestBase(database)
{
    private NotificationService Notifications => new(Database.ContextFactory, Current, new AppClock(Time));

    /// <summary>The no-contact rule only (the escalation would tell the supervisors too), swept and delivered.</summary>
    private async Task SweepAsync()
    {
        await DisableAllRulesBut(ReminderKind.NoContact);
        await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task CountUnreadAsync_CountsOnlyTheSignedInPersonsNotifications()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-50)));
        await SaveAsync(Paul, b => b.WithContact(FixedContext.Today.AddDays(-50)));
        await SweepAsync();

        Assert.Equal(2, await Notifications.CountUnreadAsync());
        Current.User = Paul;
        Assert.Equal(1, await Notifications.CountUnreadAsync());
    }

    [Fact]
    public async Task GetRecentAsync_NamesTheFileOfEachNotification()
    {
        var household = await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Aminata", "Diallo")).WithContact(FixedContext.Today.AddDays(-40)));
        await SweepAsync();

        var item = Assert.Single(await Notifications.GetRecentAsync(10));

        Assert.Equal((ReminderKind.NoContact, household.Id, household.FileNumber, "Diallo, Aminata", false),
            (item.Kind, item.HouseholdId, item.FileNumber, item.HouseholdName, item.IsRead));
        Assert.Equal(
            $"{household.FileNumber} · Diallo, Aminata : aucun contact depuis trop longtemps (dernier contact ou ouverture du dossier le {FixedContext.Today.AddDays(-40):yyyy-MM-dd}).",
            ReminderTexts.Line(item.Subject, CultureInfo.GetCultureInfo("fr-CA")));
    }

    [Fact]
    public async Task GetRecentAsync_TaskReminder_NamesTheTaskAndItsDueDate()
    {
        var household = await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Aminata", "Diallo")).WithContact(FixedContext.Today.AddDays(-2)));
        await AddTaskAsync(household.Id, "Visiter Rimouski", FixedContext.Today.AddDays(1));
        await DisableAllRulesBut(ReminderKind.TaskDueSoon);
        await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);

        var item = Assert.Single(await Notifications.GetRecentAsync(10));

        Assert.Equal(
            $"{household.FileNumber} · Diallo, Aminata: the task “Visiter Rimouski” is due on {FixedContext.Today.AddDays(1):yyyy-MM-dd}.",
            ReminderTexts.Line(item.Subject, CultureInfo.GetCultureInfo("en-CA")));
    }

    [Fact]
    public async Task MarkReadAsync_SomeoneElsesNotification_IsLeftUnread()
    {
        await SaveAsync(Paul, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SweepAsync();
        Current.User = Paul;
        var paulsNotification = Assert.Single(await Notifications.GetRecentAsync(10)).Id;

        Current.User = Marie;
        await Notifications.MarkReadAsync(paulsNotification);

        Current.User = Paul;
        Assert.Equal(1, await Notifications.CountUnreadAsync());
    }

    [Fact]
    public async Task MarkReadAndMarkAllRead_LeaveNothingUnreadAndListUnreadFirst()
    {
        for (var i = 0; i < 3; i++)
        {
            await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40 - i)));
        }

        await SweepAsync();
        var first = (await Notifications.GetRecentAsync(10))[0];

        await Notifications.MarkReadAsync(first.Id);
        var afterOne = await Notifications.GetRecentAsync(10);
        await Notifications.MarkAllReadAsync();

        Assert.Equal([false, false, true], afterOne.Select(n => n.IsRead));
        Assert.Equal(0, await Notifications.CountUnreadAsync());
    }

    [Fact]
    public async Task SnoozeAsync_HidesTheNotificationUntilTheTimeThenItIsBackUnread()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-41)));
        await SweepAsync();
        var snoozed = (await Notifications.GetRecentAsync(10))[0];

        Assert.NotNull(await Notifications.SnoozeUntilTomorrowAsync(snoozed.Id));
        var whileSnoozed = (await Notifications.GetRecentAsync(10), await Notifications.CountUnreadAsync());
        Time.SetUtcNow(AppClock.FromLocal(FixedContext.Today.AddDays(1), new TimeOnly(7, 59)));
        var justBefore = await Notifications.CountUnreadAsync();
        Time.SetUtcNow(AppClock.FromLocal(FixedContext.Today.AddDays(1), new TimeOnly(8, 0)));

        Assert.DoesNotContain(whileSnoozed.Item1, n => n.Id == snoozed.Id);
        Assert.Equal((1, 1), (whileSnoozed.Item2, justBefore));
        Assert.Equal(2, await Notifications.CountUnreadAsync());
        Assert.Contains(await Notifications.GetRecentAsync(10), n => n.Id == snoozed.Id && !n.IsRead);
        await using var db = Database.CreateDbContext();
        Assert.Equal(AppClock.FromLocal(FixedContext.Today.AddDays(1), new TimeOnly(8, 0)), (await db.Notifications.SingleAsync(n => n.Id == snoozed.Id)).SnoozedUntil);
    }

    [Fact]
    public async Task SnoozeAsync_ToAMomentAlreadyPast_IsRefused()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SweepAsync();
        var item = Assert.Single(await Notifications.GetRecentAsync(10));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Notifications.SnoozeAsync(item.Id, FixedContext.Now.AddMinutes(-1)));

        Assert.Equal("Notifications.SnoozeInPast", Assert.Single(refused.Refusals).Code);
        Assert.Equal(1, await Notifications.CountUnreadAsync());
    }

    [Fact]
    public async Task DismissAsync_HidesForGoodAndKeepsTheRecord()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SweepAsync();
        var item = Assert.Single(await Notifications.GetRecentAsync(10));

        Assert.NotNull(await Notifications.DismissAsync(item.Id));
        Time.Advance(TimeSpan.FromDays(30));

        Assert.Empty(await Notifications.GetRecentAsync(10));
        Assert.Equal(0, await Notifications.CountUnreadAsync());
        await using var db = Database.CreateDbContext();
        var kept = await db.Notifications.SingleAsync(n => n.Id == item.Id);
        Assert.Equal((FixedContext.Now, FixedContext.Now), (kept.DismissedAt!.Value, kept.ReadAt!.Value));
        Assert.Null(await Notifications.DismissAsync(item.Id));
    }

    [Fact]
    public async Task SnoozeAndDismiss_SomeoneElsesNotification_ChangeNothing()
    {
        await SaveAsync(Paul, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SweepAsync();
        Current.User = Paul;
        var paulsNotification = Assert.Single(await Notifications.GetRecentAsync(10)).Id;

        Current.User = Marie;
        var snoozed = await Notifications.SnoozeUntilTomorrowAsync(paulsNotification);
        var dismissed = await Notifications.DismissAsync(paulsNotification);

        Assert.Equal((null, null), (snoozed, dismissed));
        Current.User = Paul;
        Assert.Equal(1, await Notifications.CountUnreadAsync());
        await using var db = Database.CreateDbContext();
        var untouched = await db.Notifications.SingleAsync();
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null), (untouched.SnoozedUntil, untouched.DismissedAt));
    }

    [Fact]
    public async Task UndoAsync_AfterADismissal_PutsBackExactlyWhatItWas()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-41)));
        await SweepAsync();
        var item = (await Notifications.GetRecentAsync(10))[0];
        Time.Advance(TimeSpan.FromSeconds(1.2345678));

        var change = Assert.IsType<NotificationChange>(await Notifications.DismissAsync(item.Id));
        var whileDismissed = await Notifications.CountAsync();
        var undone = await Notifications.UndoAsync(change);

        Assert.True(undone);
        Assert.Equal((new NotificationCounts(1, 1), new NotificationCounts(2, 2)), (whileDismissed, await Notifications.CountAsync()));
        await using var db = Database.CreateDbContext();
        var back = await db.Notifications.SingleAsync(n => n.Id == item.Id);
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null, (DateTimeOffset?)null), (back.ReadAt, back.SnoozedUntil, back.DismissedAt));
        Assert.False(await Notifications.UndoAsync(change));
    }

    [Fact]
    public async Task UndoAsync_AfterASnoozeOfAReadNotification_BringsItBackRead()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SweepAsync();
        var item = Assert.Single(await Notifications.GetRecentAsync(10));
        await Notifications.MarkReadAsync(item.Id);

        var change = Assert.IsType<NotificationChange>(await Notifications.SnoozeUntilTomorrowAsync(item.Id));
        var hidden = await Notifications.GetRecentAsync(10);

        Assert.True(await Notifications.UndoAsync(change));
        Assert.Empty(hidden);
        var back = Assert.Single(await Notifications.GetRecentAsync(10));
        Assert.Equal((item.Id, true), (back.Id, back.IsRead));
        await using var db = Database.CreateDbContext();
        Assert.Null((await db.Notifications.SingleAsync()).SnoozedUntil);
    }

    [Fact]
    public async Task UndoAsync_ASnoozeDismissedSince_LeavesTheDismissal()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SweepAsync();
        var item = Assert.Single(await Notifications.GetRecentAsync(10));
        var snooze = Assert.IsType<NotificationChange>(await Notifications.SnoozeUntilTomorrowAsync(item.Id));
        await using (var db = Database.CreateDbContext())
        {
            await db.Notifications.ExecuteUpdateAsync(set => set.SetProperty(n => n.DismissedAt, FixedContext.Now.ToUniversalTime()));
        }

        Assert.False(await Notifications.UndoAsync(snooze));
        await using var after = Database.CreateDbContext();
        Assert.NotNull((await after.Notifications.SingleAsync()).DismissedAt);
    }

    [Fact]
    public async Task UndoAsync_SomeoneElse_CannotUndoTheirDismissal()
    {
        await SaveAsync(Paul, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        await SweepAsync();
        Current.User = Paul;
        var change = Assert.IsType<NotificationChange>(await Notifications.DismissAsync(Assert.Single(await Notifications.GetRecentAsync(10)).Id));

        Current.User = Marie;
        var undone = await Notifications.UndoAsync(change);

        Assert.False(undone);
        Current.User = Paul;
        Assert.Equal(new NotificationCounts(0, 0), await Notifications.CountAsync());
    }

    [Fact]
    public async Task CountAsync_CountsEveryLiveNotification_NotTheShownPage()
    {
        for (var i = 0; i < 23; i++)
        {
            await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40 - i)));
        }

        await SweepAsync();
        var shown = await Notifications.GetRecentAsync(20);
        await Notifications.MarkReadAsync(shown[0].Id);
        await Notifications.DismissAsync(shown[1].Id);

        Assert.Equal(new NotificationCounts(21, 22), await Notifications.CountAsync());
    }
}
