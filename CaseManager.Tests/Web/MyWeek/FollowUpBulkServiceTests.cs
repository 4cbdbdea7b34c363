using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.MyWeek;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.MyWeek;

public sealed class FollowUpBulkServiceTests(DatabaseFixture database) : FollowUpTestBase(database)
{
    private static readonly DateOnly SettledOn = FixedContext.Today.AddMonths(-3).AddDays(-4);

    private FollowUpBulkService FollowUps => new(Database.ContextFactory, Access, Retention, Clock);

    private async Task<List<Guid>> MyFollowUpsAsync(int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var household = await SaveSettledAsync(Marie, SettledOn);
            ids.Add((await AddRetentionCheckAsync(household.Id, 3, SettledOn)).Id);
        }

        return ids;
    }

    private async Task<List<RetentionCheck>> ChecksAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.RetentionChecks.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task GetAsync_GroupsByKind_CountsEveryGroupAndReadsOnlyTheOneAsked()
    {
        var household = await SaveAsync(Marie);
        var goal = await AddGoalAsync(household.Id);
        await AddTaskAsync(household.Id, goal, "En retard", -2);
        await AddTaskAsync(household.Id, goal, "Demain", 1);
        await MyFollowUpsAsync(3);

        var followUps = await MyWeek.GetAsync(new MyWeekQuery { Kind = MyWeekItemKind.RetentionCheck, PageSize = 2 });
        var everything = await MyWeek.GetAsync(new MyWeekQuery());

        Assert.Equal([new MyWeekGroup(MyWeekItemKind.Task, 2, 1), new MyWeekGroup(MyWeekItemKind.RetentionCheck, 3, 3)], followUps.Groups);
        Assert.Equal((2, 3, 3), (followUps.Rows.Count, followUps.Total, followUps.Overdue));
        Assert.All(followUps.Rows, r => Assert.Equal(MyWeekItemKind.RetentionCheck, r.Kind));
        Assert.Equal((5, 4), (everything.Total, everything.Overdue));
    }

    [Fact]
    public async Task AnswerAsync_Several_RecordsEachThroughTheSingleAnswerAuditedOnItsFile()
    {
        var ids = await MyFollowUpsAsync(2);
        var untouched = (await MyFollowUpsAsync(1))[0];

        var result = await FollowUps.AnswerAsync(ids, stillInRegion: true, comment: null);

        Assert.Equal((2, 0), (result.Done, result.Failed.Count));
        var checks = await ChecksAsync();
        Assert.All(checks.Where(c => ids.Contains(c.Id)), c => Assert.Equal((FixedContext.Today, (bool?)true, "Marie Tremblay"), (c.AnsweredOn!.Value, c.StillInRegion, c.AnsweredBy!)));
        Assert.Null(checks.Single(c => c.Id == untouched).AnsweredOn);
        await using var db = Database.CreateDbContext();
        foreach (var check in checks.Where(c => ids.Contains(c.Id)))
        {
            Assert.Contains(await db.AuditEntries.Where(a => a.HouseholdId == check.HouseholdId).ToListAsync(),
                a => a.EntityType == nameof(RetentionCheck) && a.Action == AuditAction.Modified && a.UserId == Marie.Id);
        }
    }

    [Fact]
    public async Task DismissAsync_WithAReason_ClosesEachWithTheReasonAndSaysWhichWasAlreadyAnswered()
    {
        var ids = await MyFollowUpsAsync(3);
        await Retention.AnswerAsync(ids[1], new CaseManager.Web.Features.Households.RetentionAnswer(FixedContext.Today, false, null, null, null));

        var result = await FollowUps.DismissAsync(ids, "  Établi depuis plus d'un an, ménage injoignable.  ");

        Assert.Equal(2, result.Done);
        var failure = Assert.Single(result.Failed);
        Assert.Equal((ids[1], "Retention.AlreadyAnswered"), (failure.CheckId, Assert.Single(failure.Refusals).Code));
        var checks = await ChecksAsync();
        Assert.All(checks.Where(c => c.Id != ids[1]), c => Assert.Equal(("Établi depuis plus d'un an, ménage injoignable.", (bool?)null), (c.Comment!, c.StillInRegion)));
        Assert.Equal((bool?)false, checks.Single(c => c.Id == ids[1]).StillInRegion);
    }

    [Theory]
    [InlineData(null, "FollowUps.ReasonRequired")]
    [InlineData("   ", "FollowUps.ReasonRequired")]
    [InlineData("long", "FollowUps.ReasonTooLong")]
    public async Task DismissAsync_WithoutAReasonOrTooLongAOne_IsRefusedAndChangesNothing(string? reason, string code)
    {
        var ids = await MyFollowUpsAsync(2);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            FollowUps.DismissAsync(ids, reason == "long" ? new string('x', FollowUpBulkService.MaxReasonLength + 1) : reason));

        Assert.Equal(code, Assert.Single(refused.Refusals).Code);
        Assert.All(await ChecksAsync(), c => Assert.Null(c.AnsweredOn));
    }

    [Fact]
    public async Task AnswerAsync_OverTheLimit_IsRefusedWithTheLimit()
    {
        var ids = Enumerable.Range(0, FollowUpBulkService.MaxBatch + 1).Select(_ => Guid.NewGuid()).ToList();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => FollowUps.AnswerAsync(ids, true, null));

        var refusal = Assert.Single(refused.Refusals);
        Assert.Equal(("FollowUps.TooMany", (object)FollowUpBulkService.MaxBatch), (refusal.Code, refusal.Arguments[0]));
    }

    [Fact]
    public async Task AnswerAsync_WithAColleaguesFollowUp_IsRefusedWholeLoggedAndChangesNothing()
    {
        var mine = await MyFollowUpsAsync(1);
        Current.User = Paul;
        var theirs = await SaveSettledAsync(Paul, SettledOn);
        var theirCheck = await AddRetentionCheckAsync(theirs.Id, 3, SettledOn);
        Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => FollowUps.AnswerAsync([mine[0], theirCheck.Id], false, null));

        Assert.All(await ChecksAsync(), c => Assert.Null(c.AnsweredOn));
        await using var db = Database.CreateDbContext();
        Assert.Contains(await db.AccessLog.ToListAsync(), a => a.HouseholdId == theirs.Id && a.Action == AccessAction.Denied && a.UserId == Marie.Id);
    }
}
