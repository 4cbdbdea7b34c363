using CaseManager.Domain.Common;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Admin;

public sealed class ReminderSettingsServiceTests(DatabaseFixture database) : AdminServiceTestBase(database)
{
    private ReminderSettingsService Service => Host.ReminderSettings;

    private static readonly ReminderRuleSettings Seeded = new(nameof(ReminderKind.NoContact), true, 30);

    [Fact]
    public async Task GetAsync_AfterSeeding_ListsTheNoContactRule()
    {
        var rules = await Service.GetAsync();

        Assert.Equal(Seeded, Assert.Single(rules, r => r.Code == Seeded.Code));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(366)]
    [InlineData(int.MaxValue)]
    public async Task SaveAsync_DelayOutOfRange_IsRefusedAndNothingChanges(int delay)
    {
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Service.SaveAsync(Seeded, Seeded with { Enabled = false, DelayDays = delay }));

        var reason = Assert.Single(refused.Refusals);
        Assert.Equal(("Reminders.DelayOutOfRange", 1, 365), (reason.Code, reason.Arguments[0], reason.Arguments[1]));
        Assert.Equal(Seeded, Assert.Single(await Service.GetAsync(), r => r.Code == Seeded.Code));
    }

    [Theory]
    [InlineData(false, 45)]
    [InlineData(true, 1)]
    [InlineData(true, 365)]
    public async Task SaveAsync_ValidValues_AreReadBack(bool enabled, int delay)
    {
        await Service.SaveAsync(Seeded, Seeded with { Enabled = enabled, DelayDays = delay });

        Assert.Equal(new ReminderRuleSettings(nameof(ReminderKind.NoContact), enabled, delay), Assert.Single(await Service.GetAsync(), r => r.Code == Seeded.Code));
        await using var db = Database.CreateDbContext();
        var saved = await db.ReminderRules.SingleAsync(r => r.Kind == ReminderKind.NoContact);
        Assert.Equal((enabled, delay), (saved.Enabled, saved.Delay));
    }

    [Fact]
    public async Task SaveAsync_FromAVersionSomeoneElseSavedSince_IsRefusedAndKeepsTheirSave()
    {
        await Service.SaveAsync(Seeded, Seeded with { DelayDays = 20 });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.SaveAsync(Seeded, Seeded with { DelayDays = 60 }));

        Assert.Equal(20, Assert.Single(await Service.GetAsync(), r => r.Code == Seeded.Code).DelayDays);
    }

    [Fact]
    public async Task SaveAsync_UnknownRule_IsNotFound()
    {
        var unknown = new ReminderRuleSettings("NoSuchRule", true, 10);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.SaveAsync(unknown, unknown with { DelayDays = 12 }));
    }

    [Fact]
    public async Task SaveAsync_AsNonAdministrator_ThrowsAccessDeniedAndChangesNothing()
    {
        Host.Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(Seeded, Seeded with { Enabled = false }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync());

        Host.Current.User = Admin;
        Assert.Equal(Seeded, Assert.Single(await Service.GetAsync(), r => r.Code == Seeded.Code));
    }

    [Fact]
    public async Task RunNoContactSweepNowAsync_AsAdministrator_QueuesTheSweepJob()
    {
        var jobId = await Service.RunNoContactSweepNowAsync();

        var (job, state) = Assert.Single(Host.Jobs.Created);
        Assert.Equal("test-1", jobId);
        Assert.Equal(typeof(NoContactSweepJob), job.Type);
        Assert.Equal(nameof(NoContactSweepJob.RunAsync), job.Method.Name);
        Assert.IsType<EnqueuedState>(state);
    }

    [Fact]
    public async Task RunNoContactSweepNowAsync_AsNonAdministrator_QueuesNothing()
    {
        Host.Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.RunNoContactSweepNowAsync());

        Assert.Empty(Host.Jobs.Created);
    }
}
