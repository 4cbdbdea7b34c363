using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Jobs;

public sealed class NoContactSweepJobTests(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    private NoContactSweepJob Job => new(Database.ContextFactory, new AppClock(Time), NullLogger<NoContactSweepJob>.Instance);

    [Fact]
    public async Task RunAsync_QuietActiveFile_GivesItsCounsellorOneNotification()
    {
        var quiet = await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-31)));
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-5)));

        var created = await Job.RunAsync(CancellationToken.None);

        Assert.Equal(1, created);
        await using var db = Database.CreateDbContext();
        var notification = await db.Notifications.SingleAsync();
        Assert.Equal((Marie.Id, quiet.Id, ReminderKind.NoContact), (notification.UserId, notification.HouseholdId, notification.Kind));
        Assert.Equal(FixedContext.Today.AddDays(-1), notification.DueOn);
    }

    [Fact]
    public async Task RunAsync_Twice_GivesNoDuplicate()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40)));

        var first = await Job.RunAsync(CancellationToken.None);
        var second = await Job.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first, second));
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Notifications.CountAsync());
    }

    [Fact]
    public async Task RunAsync_OnSeveralServersAtOnce_GivesNoDuplicate()
    {
        for (var i = 0; i < 20; i++)
        {
            await SaveAsync(i % 2 == 0 ? Marie : Paul, b => b.WithContact(FixedContext.Today.AddDays(-60)));
        }

        var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Job.RunAsync(CancellationToken.None)));

        Assert.Equal(20, created.Sum());
        await using var db = Database.CreateDbContext();
        Assert.Equal(20, await db.Notifications.CountAsync());
    }

    [Fact]
    public async Task RunAsync_AfterANewContactAndANewQuietPeriod_NotifiesAgain()
    {
        var household = await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-35)));
        await Job.RunAsync(CancellationToken.None);
        await Service.RecordContactAsync(household.Id, ContactChannel.Phone, FixedContext.Today, new TimeOnly(9, 0), "Relance");

        Time.Advance(TimeSpan.FromDays(31));
        var created = await Job.RunAsync(CancellationToken.None);

        Assert.Equal(1, created);
        await using var db = Database.CreateDbContext();
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.HouseholdId == household.Id));
    }

    [Fact]
    public async Task RunAsync_FileNeverContacted_CountsFromTheDayItWasOpened()
    {
        await SaveAsync(Marie, b => b.OpenedOn(FixedContext.Today.AddDays(-29)));
        await SaveAsync(Marie, b => b.OpenedOn(FixedContext.Today.AddDays(-30)));

        Assert.Equal(1, await Job.RunAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(CaseStatus.OnHold)]
    [InlineData(CaseStatus.Withdrawn)]
    [InlineData(CaseStatus.Settled)]
    public async Task RunAsync_FileThatIsNotActive_IsLeftAlone(CaseStatus status)
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-50)).AtStage(Stage.MovingSubsidy).WithStatus(status));

        Assert.Equal(0, await Job.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_RuleSwitchedOffOrRetimed_FollowsTheRule()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-20)));
        await using (var db = Database.CreateDbContext())
        {
            await db.ReminderRules.Where(r => r.Kind == ReminderKind.NoContact).ExecuteUpdateAsync(set => set.SetProperty(r => r.Enabled, false));
        }

        var whileOff = await Job.RunAsync(CancellationToken.None);
        await using (var db = Database.CreateDbContext())
        {
            await db.ReminderRules.Where(r => r.Kind == ReminderKind.NoContact).ExecuteUpdateAsync(set => set.SetProperty(r => r.Enabled, true).SetProperty(r => r.Delay, 14));
        }

        var retimed = await Job.RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (whileOff, retimed));
    }
}
