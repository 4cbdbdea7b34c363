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

    private async Task<ReminderRuleSettings> RuleAsync(ReminderKind kind) => Assert.Single(await Service.GetAsync(), r => r.Kind == kind);

    [Fact]
    public async Task GetAsync_AfterSeeding_ListsEveryRuleWithItsDefaults()
    {
        var rules = await Service.GetAsync();

        Assert.Equal(
            ReminderRule.Defaults().Select(r => (r.Kind, true, r.Delay, r.Audience)),
            rules.Select(r => (r.Kind, r.Enabled, r.Delay, r.Audience)));
        Assert.All(rules, r => Assert.NotEqual(0u, r.Version));
        Assert.Equal(
            [false, false, false, false, false, false, true, true, true, false, false, false, false, false, false, false, false, false, false, true],
            rules.Select(r => r.InMonths));
    }

    [Theory]
    [InlineData(ReminderKind.NoContact, ReminderAudience.Administrators)]
    [InlineData(ReminderKind.ResourceVerificationDue, ReminderAudience.Counsellor)]
    public async Task SaveAsync_AudienceTheRuleCannotHave_IsRefusedAndNothingChanges(ReminderKind kind, ReminderAudience audience)
    {
        var seen = await RuleAsync(kind);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Service.SaveAsync(seen, seen with { Audience = audience }));

        Assert.Equal("Reminders.AudienceNotAllowed", Assert.Single(refused.Refusals).Code);
        Assert.Equal(seen, await RuleAsync(kind));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(366)]
    [InlineData(int.MaxValue)]
    public async Task SaveAsync_DelayOutOfRange_IsRefusedAndNothingChanges(int delay)
    {
        var seen = await RuleAsync(ReminderKind.NoContact);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Service.SaveAsync(seen, seen with { Enabled = false, Delay = delay }));

        var reason = Assert.Single(refused.Refusals);
        Assert.Equal(("Reminders.DelayOutOfRange", 1, 365), (reason.Code, reason.Arguments[0], reason.Arguments[1]));
        Assert.Equal(seen, await RuleAsync(ReminderKind.NoContact));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37)]
    public async Task SaveAsync_RetentionDelayOutOfRange_IsRefusedInMonths(int months)
    {
        var seen = await RuleAsync(ReminderKind.RetentionSixMonths);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Service.SaveAsync(seen, seen with { Delay = months }));

        var reason = Assert.Single(refused.Refusals);
        Assert.Equal(("Reminders.DelayOutOfRangeMonths", 1, 36), (reason.Code, reason.Arguments[0], reason.Arguments[1]));
    }

    [Theory]
    [InlineData(ReminderKind.NoContact, false, 45, ReminderAudience.Counsellor)]
    [InlineData(ReminderKind.NoContact, true, 1, ReminderAudience.CounsellorAndSupervisors)]
    [InlineData(ReminderKind.NoContact, true, 365, ReminderAudience.Supervisors)]
    [InlineData(ReminderKind.TaskDueSoon, true, 0, ReminderAudience.Counsellor)]
    [InlineData(ReminderKind.HoldReviewDue, true, 7, ReminderAudience.CounsellorAndSupervisors)]
    [InlineData(ReminderKind.RetentionTwelveMonths, true, 18, ReminderAudience.Counsellor)]
    public async Task SaveAsync_ValidValues_AreReadBack(ReminderKind kind, bool enabled, int delay, ReminderAudience audience)
    {
        var seen = await RuleAsync(kind);

        var saved = await Service.SaveAsync(seen, seen with { Enabled = enabled, Delay = delay, Audience = audience });

        Assert.Equal((kind, enabled, delay, audience), (saved.Kind, saved.Enabled, saved.Delay, saved.Audience));
        Assert.NotEqual(seen.Version, saved.Version);
        Assert.Equal(saved, await RuleAsync(kind));
        await using var db = Database.CreateDbContext();
        var row = await db.ReminderRules.SingleAsync(r => r.Kind == kind);
        Assert.Equal((enabled, delay, audience), (row.Enabled, row.Delay, row.Audience));
    }

    [Fact]
    public async Task SaveAsync_FromAVersionSomeoneElseSavedSince_IsRefusedAndKeepsTheirSave()
    {
        var seen = await RuleAsync(ReminderKind.NoContact);
        await Service.SaveAsync(seen, seen with { Delay = 20 });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.SaveAsync(seen, seen with { Delay = 60 }));

        Assert.Equal(20, (await RuleAsync(ReminderKind.NoContact)).Delay);
    }

    [Fact]
    public async Task SaveAsync_SomeoneSavedTheSameValuesSince_IsStillRefused()
    {
        // The version, not the values, says whether the administrator saw the latest save.
        var seen = await RuleAsync(ReminderKind.NoContact);
        var theirs = await Service.SaveAsync(seen, seen with { Delay = 20 });
        await Service.SaveAsync(theirs, theirs with { Delay = 30 });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.SaveAsync(seen, seen with { Enabled = false }));
    }

    [Fact]
    public async Task SaveAsync_RuleThatNoLongerExists_IsNotFound()
    {
        var seen = await RuleAsync(ReminderKind.TargetMoveDateSoon);
        await using (var db = Database.CreateDbContext())
        {
            await db.ReminderRules.Where(r => r.Kind == ReminderKind.TargetMoveDateSoon).ExecuteDeleteAsync();
        }

        await Assert.ThrowsAsync<NotFoundException>(() => Service.SaveAsync(seen, seen with { Delay = 12 }));
    }

    [Fact]
    public async Task SaveAsync_AsNonAdministrator_ThrowsAccessDeniedAndChangesNothing()
    {
        var seen = await RuleAsync(ReminderKind.NoContact);
        Host.Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(seen, seen with { Enabled = false }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync());

        Host.Current.User = Admin;
        Assert.Equal(seen, await RuleAsync(ReminderKind.NoContact));
    }

    [Fact]
    public async Task RunSweepNowAsync_AsAdministrator_QueuesTheSweepJob()
    {
        var jobId = await Service.RunSweepNowAsync();

        var (job, state) = Assert.Single(Host.Jobs.Created);
        Assert.Equal("test-1", jobId);
        Assert.Equal(typeof(ReminderSweepJob), job.Type);
        Assert.Equal(nameof(ReminderSweepJob.RunAsync), job.Method.Name);
        Assert.IsType<EnqueuedState>(state);
    }

    [Fact]
    public async Task RunSweepNowAsync_AsNonAdministrator_QueuesNothing()
    {
        Host.Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.RunSweepNowAsync());

        Assert.Empty(Host.Jobs.Created);
    }
}
