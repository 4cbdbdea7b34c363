using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Households;

public sealed class NotificationServiceTests(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    private NotificationService Notifications => new(Database.ContextFactory, Current, new AppClock(Time));

    private async Task SweepAsync() =>
        await new NoContactSweepJob(Database.ContextFactory, new AppClock(Time), NullLogger<NoContactSweepJob>.Instance).RunAsync(CancellationToken.None);

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
}
