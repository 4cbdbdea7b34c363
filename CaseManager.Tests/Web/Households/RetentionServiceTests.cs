using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Households;

public sealed class RetentionServiceTests(DatabaseFixture database) : FollowUpTestBase(database)
{
    private static readonly DateOnly SettledOn = FixedContext.Today.AddMonths(-3).AddDays(-4);

    private async Task<RetentionCheck> ReloadAsync(Guid checkId)
    {
        await using var db = Database.CreateDbContext();
        return await db.RetentionChecks.AsNoTracking().SingleAsync(c => c.Id == checkId);
    }

    [Fact]
    public async Task AnswerAsync_ByTheFilesCounsellor_RecordsTheAnswerAndAuditsIt()
    {
        var household = await SaveSettledAsync(Marie, SettledOn);
        var check = await AddRetentionCheckAsync(household.Id, 3, SettledOn);

        await Retention.AnswerAsync(check.Id, new RetentionAnswer(FixedContext.Today.AddDays(-1), true, false, null, "Cherche un emploi à Saguenay."));

        var saved = await ReloadAsync(check.Id);
        Assert.Equal(
            (FixedContext.Today.AddDays(-1), (bool?)true, (bool?)false, (bool?)null, "Cherche un emploi à Saguenay.", "Marie Tremblay"),
            (saved.AnsweredOn!.Value, saved.StillInRegion, saved.Working, saved.Housed, saved.Comment, saved.AnsweredBy));
        var audit = AuditOf(household.Id).Where(a => a.EntityType == nameof(RetentionCheck)).ToList();
        Assert.Contains(audit, a => a is { Action: AuditAction.Modified, Field: "RetentionCheck[3].AnsweredOn", NewValue: "2025-11-11" } && a.UserId == Marie.Id);
        Assert.Contains(audit, a => a is { Field: "RetentionCheck[3].Working", NewValue: "False" });
        Assert.DoesNotContain(audit, a => a.Field == "RetentionCheck[3].Housed");
    }

    [Fact]
    public async Task AnswerAsync_DatedAfterToday_IsRefusedAndNothingIsSaved()
    {
        var household = await SaveSettledAsync(Marie, SettledOn);
        var check = await AddRetentionCheckAsync(household.Id, 3, SettledOn);
        var auditBefore = AuditOf(household.Id).Count;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Retention.AnswerAsync(check.Id, new RetentionAnswer(FixedContext.Today.AddDays(1), true, true, true, null)));

        Assert.Equal("Retention.AnswerInFuture", Assert.Single(refused.Refusals).Code);
        Assert.False((await ReloadAsync(check.Id)).IsAnswered);
        Assert.Equal(auditBefore, AuditOf(household.Id).Count);
    }

    [Fact]
    public async Task AnswerAsync_NothingKnownAndNoComment_IsRefused()
    {
        var household = await SaveSettledAsync(Marie, SettledOn);
        var check = await AddRetentionCheckAsync(household.Id, 3, SettledOn);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Retention.AnswerAsync(check.Id, new RetentionAnswer(FixedContext.Today, null, null, null, " ")));

        Assert.Equal("Retention.AnswerEmpty", Assert.Single(refused.Refusals).Code);
        Assert.False((await ReloadAsync(check.Id)).IsAnswered);
    }

    [Fact]
    public async Task AnswerAsync_AnotherCounsellorsFile_IsRefusedLoggedAndUnchanged()
    {
        var household = await SaveSettledAsync(Marie, SettledOn);
        var check = await AddRetentionCheckAsync(household.Id, 3, SettledOn);
        Current.User = Paul;

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Retention.AnswerAsync(check.Id, new RetentionAnswer(FixedContext.Today, true, true, true, null)));

        Assert.False((await ReloadAsync(check.Id)).IsAnswered);
        await using var db = Database.CreateDbContext();
        var log = Assert.Single(db.AccessLog);
        Assert.Equal((AccessAction.Denied, Paul.Id, household.Id), (log.Action, log.UserId, log.HouseholdId));
    }

    [Fact]
    public async Task AnswerAsync_AsSupervisor_IsRecordedInTheirName()
    {
        var household = await SaveSettledAsync(Marie, SettledOn);
        var check = await AddRetentionCheckAsync(household.Id, 3, SettledOn);
        Current.User = Supervisor;

        await Retention.AnswerAsync(check.Id, new RetentionAnswer(FixedContext.Today, true, true, true, null));

        Assert.Equal("Louise Gagnon", (await ReloadAsync(check.Id)).AnsweredBy);
    }

    [Fact]
    public async Task AnswerAsync_AlreadyAnswered_IsRefusedAndKeepsTheFirstAnswer()
    {
        var household = await SaveSettledAsync(Marie, SettledOn);
        var check = await AddRetentionCheckAsync(household.Id, 3, SettledOn);
        await Retention.AnswerAsync(check.Id, new RetentionAnswer(FixedContext.Today, true, true, true, "Premier appel."));
        Current.User = Supervisor;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Retention.AnswerAsync(check.Id, new RetentionAnswer(FixedContext.Today, false, false, false, "Second appel.")));

        Assert.Equal("Retention.AlreadyAnswered", Assert.Single(refused.Refusals).Code);
        Assert.Equal(("Premier appel.", (bool?)true), ((await ReloadAsync(check.Id)).Comment, (await ReloadAsync(check.Id)).StillInRegion));
    }

    [Fact]
    public async Task AnswerAsync_ClosedFile_IsRefused()
    {
        var household = await SaveAsync(Marie, b => b.SettledOn(SettledOn).ClosedAfter(CaseStatus.Settled));
        var check = await AddRetentionCheckAsync(household.Id, 3, SettledOn);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Retention.AnswerAsync(check.Id, new RetentionAnswer(FixedContext.Today, true, true, true, null)));

        Assert.Equal("Workflow.NotAllowedWhileClosed", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task AnswerAsync_UnknownFollowUp_IsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Retention.AnswerAsync(Guid.NewGuid(), new RetentionAnswer(FixedContext.Today, true, true, true, null)));

    [Fact]
    public async Task GetAsync_OwnFile_DescribesTheFollowUp_AndAnotherCounsellorIsRefused()
    {
        var household = await SaveSettledAsync(Marie, SettledOn);
        var check = await AddRetentionCheckAsync(household.Id, 6, SettledOn);

        var summary = await Retention.GetAsync(check.Id);
        Current.User = Paul;

        Assert.Equal((household.FileNumber, "Diallo, Amina", 6, SettledOn.AddMonths(6)),
            (summary.FileNumber, summary.HouseholdName, summary.MonthsAfter, summary.DueOn));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Retention.GetAsync(check.Id));
    }
}
