using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.MyWeek;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Web.MyWeek;

public sealed class MyWeekServiceTests(DatabaseFixture database) : FollowUpTestBase(database)
{
    private static readonly DateOnly SettledOn = FixedContext.Today.AddMonths(-3).AddDays(-4);

    private static IEnumerable<(MyWeekItemKind, string?, DateOnly)> Lines(MyWeekResult page) =>
        page.Rows.Select(r => (r.Kind, r.Title, r.DueOn));

    [Fact]
    public async Task GetAsync_MyFiles_ListsOpenTasksDueWithinSevenDaysOrOverdueAndFollowUpsDue_OverdueFirst()
    {
        var mine = await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));
        var goal = await AddGoalAsync(mine.Id);
        await AddTaskAsync(mine.Id, goal, "En retard", -5, TaskOwner.Household);
        await AddTaskAsync(mine.Id, goal, "Aujourd'hui", 0);
        await AddTaskAsync(mine.Id, goal, "Dans sept jours", 7, TaskOwner.RegionalPartner);
        await AddTaskAsync(mine.Id, goal, "Dans huit jours", 8);
        await AddTaskAsync(mine.Id, goal, "Sans échéance", null);
        var started = await AddTaskAsync(mine.Id, goal, "Commencée", 3);
        await Plans.SetTaskStatusAsync(mine.Id, null, started, PlanTaskStatus.InProgress);
        var done = await AddTaskAsync(mine.Id, goal, "Déjà faite", -2);
        await Plans.SetTaskStatusAsync(mine.Id, null, done, PlanTaskStatus.Done);
        var cancelled = await AddTaskAsync(mine.Id, goal, "Annulée", 1);
        await Plans.SetTaskStatusAsync(mine.Id, null, cancelled, PlanTaskStatus.Cancelled);
        var settled = await SaveSettledAsync(Marie, SettledOn);
        await AddRetentionCheckAsync(settled.Id, 3, SettledOn);
        Current.User = Paul;
        var theirs = await SaveAsync(Paul);
        await AddTaskAsync(theirs.Id, await AddGoalAsync(theirs.Id), "Chez Paul", 1);
        Current.User = Marie;

        var page = await MyWeek.GetAsync(new MyWeekQuery());

        Assert.Equal(
            [
                (MyWeekItemKind.Task, "En retard", FixedContext.Today.AddDays(-5)),
                (MyWeekItemKind.RetentionCheck, null, SettledOn.AddMonths(3)),
                (MyWeekItemKind.Task, "Aujourd'hui", FixedContext.Today),
                (MyWeekItemKind.Task, "Commencée", FixedContext.Today.AddDays(3)),
                (MyWeekItemKind.Task, "Dans sept jours", FixedContext.Today.AddDays(7)),
            ],
            Lines(page));
        Assert.Equal((5, 2, FixedContext.Today, FixedContext.Today.AddDays(7), Marie.Id), (page.Total, page.Overdue, page.Today, page.Until, page.CounsellorId));
        var first = page.Rows[0];
        Assert.Equal((mine.Id, mine.FileNumber, "Diallo", "Amina", TaskOwner.Household, "employment"),
            (first.HouseholdId, first.FileNumber, first.LastName, first.FirstName, first.Owner!.Value, first.NeedCode));
        Assert.Equal((settled.Id, 3, (TaskOwner?)null), (page.Rows[1].HouseholdId, page.Rows[1].MonthsAfter!.Value, page.Rows[1].Owner));
        Assert.Equal(PlanTaskStatus.InProgress, page.Rows[3].Status);
        Assert.Equal(TaskOwner.RegionalPartner, page.Rows[4].Owner);
    }

    [Fact]
    public async Task GetAsync_WithdrawnOrClosedFilesAndAnsweredFollowUps_AreLeftOut()
    {
        var withdrawn = await SaveAsync(Marie);
        await AddTaskAsync(withdrawn.Id, await AddGoalAsync(withdrawn.Id), "Dossier retiré", 1);
        await Service.ApplyTransitionAsync(withdrawn.Id, await VersionOfAsync(withdrawn.Id), new WithdrawRequest("postponed", null));
        var settled = await SaveSettledAsync(Marie, SettledOn);
        var answered = await AddRetentionCheckAsync(settled.Id, 3, SettledOn);
        await Retention.AnswerAsync(answered.Id, new RetentionAnswer(FixedContext.Today, true, true, true, null));

        var page = await MyWeek.GetAsync(new MyWeekQuery());

        Assert.Empty(page.Rows);
        Assert.Equal((0, 0), (page.Total, page.Overdue));
    }

    [Fact]
    public async Task CompletingATask_InOneClick_TakesItOffTheListAndUndoingBringsItBack()
    {
        var household = await SaveAsync(Marie);
        var goal = await AddGoalAsync(household.Id);
        var task = await AddTaskAsync(household.Id, goal, "Appeler le CISSS", 1);
        var started = await AddTaskAsync(household.Id, goal, "Réserver l'autobus", 2);
        await Plans.SetTaskStatusAsync(household.Id, null, started, PlanTaskStatus.InProgress);

        await Plans.SetTaskStatusAsync(household.Id, version: null, task, PlanTaskStatus.Done);
        await Plans.SetTaskStatusAsync(household.Id, version: null, started, PlanTaskStatus.Done);
        var afterCompletion = await MyWeek.GetAsync(new MyWeekQuery());
        await Plans.SetTaskStatusAsync(household.Id, version: null, started, PlanTaskStatus.InProgress);
        var afterUndo = await MyWeek.GetAsync(new MyWeekQuery());

        Assert.Empty(afterCompletion.Rows);
        var back = Assert.Single(afterUndo.Rows);
        Assert.Equal(("Réserver l'autobus", PlanTaskStatus.InProgress), (back.Title, back.Status!.Value));
        var plan = (await Plans.GetAsync(household.Id)).Plan!;
        Assert.Equal((PlanTaskStatus.Done, FixedContext.Today), (plan.Tasks.Single(t => t.Id == task).Status, plan.Tasks.Single(t => t.Id == task).CompletedOn!.Value));
        Assert.Null(plan.Tasks.Single(t => t.Id == started).CompletedOn);
    }

    [Fact]
    public async Task CompletingAnotherCounsellorsTask_IsRefused_EvenThroughOnesOwnFile()
    {
        var mine = await SaveAsync(Marie);
        await AddGoalAsync(mine.Id);
        Current.User = Paul;
        var theirs = await SaveAsync(Paul);
        var theirTask = await AddTaskAsync(theirs.Id, await AddGoalAsync(theirs.Id), "Chez Paul", 1);
        Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Plans.SetTaskStatusAsync(theirs.Id, null, theirTask, PlanTaskStatus.Done));
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Plans.SetTaskStatusAsync(mine.Id, null, theirTask, PlanTaskStatus.Done));

        Assert.Equal("Plan.TaskNotFound", Assert.Single(refused.Refusals).Code);
        Current.User = Paul;
        Assert.Equal("Chez Paul", Assert.Single((await MyWeek.GetAsync(new MyWeekQuery())).Rows).Title);
    }

    [Fact]
    public async Task GetAsync_CounsellorAskingForAColleaguesWeek_IsRefused() =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => MyWeek.GetAsync(new MyWeekQuery { CounsellorId = Paul.Id }));

    [Fact]
    public async Task GetAsync_AsSupervisor_ShowsTheirOwnFilesByDefaultAndACounsellorsOnRequest()
    {
        var mine = await SaveAsync(Marie);
        await AddTaskAsync(mine.Id, await AddGoalAsync(mine.Id), "Chez Marie", 1);
        Current.User = Supervisor;
        var supervised = await SaveAsync(Supervisor);
        await AddTaskAsync(supervised.Id, await AddGoalAsync(supervised.Id), "Chez la superviseure", 2);

        var own = await MyWeek.GetAsync(new MyWeekQuery());
        var maries = await MyWeek.GetAsync(new MyWeekQuery { CounsellorId = Marie.Id });

        Assert.Equal(("Chez la superviseure", Supervisor.Id), (Assert.Single(own.Rows).Title, own.CounsellorId));
        Assert.Equal(("Chez Marie", Marie.Id), (Assert.Single(maries.Rows).Title, maries.CounsellorId));
    }

    [Fact]
    public async Task GetAsync_PagedAndSortedByFileNumber_KeepsOverdueFirstAndCountsEverything()
    {
        var first = await SaveAsync(Marie);
        var second = await SaveAsync(Marie);
        await AddTaskAsync(first.Id, await AddGoalAsync(first.Id), "A", 4);
        var goal = await AddGoalAsync(second.Id);
        await AddTaskAsync(second.Id, goal, "B", -1);
        await AddTaskAsync(second.Id, goal, "C", 2);

        var page0 = await MyWeek.GetAsync(new MyWeekQuery { SortBy = MyWeekSort.FileNumber, PageSize = 2 });
        var page1 = await MyWeek.GetAsync(new MyWeekQuery { SortBy = MyWeekSort.FileNumber, PageSize = 2, Page = 1 });
        var descending = await MyWeek.GetAsync(new MyWeekQuery { SortBy = MyWeekSort.FileNumber, Descending = true });

        Assert.Equal(["B", "A"], page0.Rows.Select(r => r.Title));
        Assert.Equal(["C"], page1.Rows.Select(r => r.Title));
        Assert.Equal((3, 1), (page1.Total, page1.Overdue));
        Assert.Equal(["B", "C", "A"], descending.Rows.Select(r => r.Title));
    }
}
