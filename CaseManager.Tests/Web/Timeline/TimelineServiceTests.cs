using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Timeline;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Web.Timeline;

public sealed class TimelineServiceTests(DatabaseFixture database) : FollowUpTestBase(database)
{
    [Fact]
    public async Task GetAsync_FileWithHistoryJournalAndPlan_ListsEverySourceNewestFirst()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));
        await Service.RecordContactAsync(household.Id, ContactChannel.Phone, FixedContext.Today.AddDays(-1), new TimeOnly(9, 0), "Appel : le CV est prêt.");
        await Service.AddNoteAsync(household.Id, "Le conjoint cherche aussi en Estrie.");
        Later();
        var goal = await AddGoalAsync(household.Id);
        Later();
        var task = await AddTaskAsync(household.Id, goal, "Mettre le CV à jour", 7);
        Later();
        await Plans.SetTaskStatusAsync(household.Id, null, task, PlanTaskStatus.Done);
        Later();
        await Plans.AgreeAsync(household.Id, await PlanVersionAsync(household.Id), FixedContext.Today, "Amina Diallo");

        var timeline = await Timeline.GetAsync(household.Id);

        Assert.Equal(
            [
                TimelineEntryKind.PlanAgreed, TimelineEntryKind.TaskStatusChanged, TimelineEntryKind.TasksAdded, TimelineEntryKind.GoalsAdded,
                TimelineEntryKind.Note, TimelineEntryKind.Contact, TimelineEntryKind.StageChanged, TimelineEntryKind.FileOpened,
            ],
            timeline.Past.Select(e => e.Kind));
        Assert.False(timeline.HasEarlier);
        var past = timeline.Past;
        Assert.Equal(("Amina Diallo", FixedContext.Today, "Marie Tremblay"), (past[0].Title, past[0].Date!.Value, past[0].Actor));
        Assert.Equal(("Mettre le CV à jour", PlanTaskStatus.Done, PlanTaskStatus.ToDo), (past[1].Title, past[1].TaskStatus!.Value, past[1].PreviousTaskStatus!.Value));
        Assert.Equal(["Mettre le CV à jour"], past[2].Titles);
        Assert.Equal(["employment"], past[3].Titles);
        Assert.Equal("Le conjoint cherche aussi en Estrie.", past[4].Text);
        Assert.Equal((ContactChannel.Phone, FixedContext.Today.AddDays(-1), AppClock.FromLocal(FixedContext.Today.AddDays(-1), new TimeOnly(9, 0))),
            (past[5].Channel!.Value, past[5].Day, past[5].At!.Value));
        Assert.Equal((TransitionKind.Advance, Stage.Outreach, Stage.PersonalizedPlan), (past[6].Transition!.Value, past[6].FromStage!.Value, past[6].ToStage!.Value));
        Assert.True(past.Zip(past.Skip(1)).All(pair => pair.First.At >= pair.Second.At));
    }

    [Fact]
    public async Task GetAsync_WhatOneSaveAddedTogether_ReadsAsOneLinePerKindOfPart()
    {
        var household = await SaveAsync(Marie);
        var template = new PlanTemplate
        {
            Id = Guid.NewGuid(),
            Name = "Famille avec enfants d'âge scolaire",
            Goals =
            [
                new TemplateGoal
                {
                    NeedCode = "housing",
                    Tasks =
                    [
                        new TemplateTask { Title = "Visiter trois logements", Owner = TaskOwner.Household, OffsetDays = 14 },
                        new TemplateTask { Title = "Présenter le programme de soutien", Owner = TaskOwner.RegionalPartner, OffsetDays = 21 },
                    ],
                },
            ],
        };
        await using (var db = Database.CreateDbContext())
        {
            db.PlanTemplates.Add(template);
            await db.SaveChangesAsync();
        }

        await Plans.ApplyTemplateAsync(household.Id, 0, template.Id);

        var timeline = await Timeline.GetAsync(household.Id);
        Assert.Equal([TimelineEntryKind.GoalsAdded, TimelineEntryKind.TasksAdded, TimelineEntryKind.FileOpened], timeline.Past.Select(e => e.Kind));
        Assert.Equal(["housing"], timeline.Past[0].Titles);
        Assert.Equal(["Présenter le programme de soutien", "Visiter trois logements"], timeline.Past[1].Titles.Order());
        Assert.Equal(timeline.Past[0].At, timeline.Past[1].At);
    }

    [Fact]
    public async Task GetAsync_PlanChangesOfEveryKind_AppearAndWordingEditsDoNot()
    {
        var household = await SaveAsync(Marie);
        var goal = await AddGoalAsync(household.Id, "housing");
        var task = await AddTaskAsync(household.Id, goal, "Visiter trois logements", 5);
        var removed = await AddTaskAsync(household.Id, goal, "Tâche en double", 5);
        Later();
        await Plans.UpdateTaskAsync(household.Id, await PlanVersionAsync(household.Id), task, "Visiter quatre logements", TaskOwner.Household, FixedContext.Today.AddDays(9), "Reporté");
        Later();
        await Plans.SetTaskStatusAsync(household.Id, null, task, PlanTaskStatus.InProgress);
        Later();
        await Plans.SetTaskStatusAsync(household.Id, null, removed, PlanTaskStatus.Cancelled);
        Later();
        await Plans.RemoveTaskAsync(household.Id, await PlanVersionAsync(household.Id), removed);
        Later();
        var milestone = await Plans.AddMilestoneAsync(household.Id, await PlanVersionAsync(household.Id), "Bail signé", FixedContext.Today.AddDays(40));
        Later();
        await Plans.UpdateMilestoneAsync(household.Id, await PlanVersionAsync(household.Id), milestone, "Bail signé", FixedContext.Today.AddDays(40), reached: true);
        Later();
        await Plans.SetTargetsAsync(household.Id, await PlanVersionAsync(household.Id), ["05"], FixedContext.Today.AddDays(90));
        Later();
        await Plans.UpdateGoalAsync(household.Id, await PlanVersionAsync(household.Id), goal, "Logement à Sherbrooke", GoalStatus.Achieved);

        var past = (await Timeline.GetAsync(household.Id)).Past;

        Assert.Equal(
            [
                TimelineEntryKind.GoalStatusChanged, TimelineEntryKind.TargetMoveDateChanged, TimelineEntryKind.MilestoneReached,
                TimelineEntryKind.MilestonesAdded, TimelineEntryKind.TasksRemoved, TimelineEntryKind.TaskStatusChanged,
                TimelineEntryKind.TaskStatusChanged, TimelineEntryKind.GoalsAdded, TimelineEntryKind.TasksAdded, TimelineEntryKind.FileOpened,
            ],
            past.Select(e => e.Kind));
        Assert.Equal(("housing", GoalStatus.Achieved), (past[0].NeedCode, past[0].GoalStatus!.Value));
        Assert.Equal(FixedContext.Today.AddDays(90), past[1].Date);
        Assert.Equal("Bail signé", past[2].Title);
        Assert.Equal([$"Bail signé ({FixedContext.Today.AddDays(40):yyyy-MM-dd})"], past[3].Titles);
        Assert.Equal(["Tâche en double"], past[4].Titles);
        Assert.Equal(("Tâche en double", PlanTaskStatus.Cancelled), (past[5].Title, past[5].TaskStatus!.Value));
        Assert.Equal(("Visiter quatre logements", PlanTaskStatus.InProgress), (past[6].Title, past[6].TaskStatus!.Value));
        // What the first save added together: the goal and both tasks, edits of wording left to the history tab.
        Assert.Equal(["Tâche en double", "Visiter trois logements"], past[8].Titles.Order());
    }

    [Fact]
    public async Task GetAsync_OpenTasksMilestonesAndDates_AreComingSoonestFirstWithOverdueFlagged()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan).OnHoldUntil(FixedContext.Today.AddDays(30)));
        var goal = await AddGoalAsync(household.Id);
        await AddTaskAsync(household.Id, goal, "Inscrire les enfants", -3, TaskOwner.Household);
        await AddTaskAsync(household.Id, goal, "Envoyer le CV", 2, TaskOwner.RegionalPartner);
        await AddTaskAsync(household.Id, goal, "Sans échéance", null);
        var done = await AddTaskAsync(household.Id, goal, "Déjà faite", 1);
        await Plans.SetTaskStatusAsync(household.Id, null, done, PlanTaskStatus.Done);
        await Plans.AddMilestoneAsync(household.Id, await PlanVersionAsync(household.Id), "Entrevue à Sherbrooke", FixedContext.Today.AddDays(10));
        await Plans.SetTargetsAsync(household.Id, await PlanVersionAsync(household.Id), ["05"], FixedContext.Today.AddDays(60));

        var timeline = await Timeline.GetAsync(household.Id);

        Assert.Equal(FixedContext.Today, timeline.Today);
        Assert.Equal(
            [
                (TimelineEntryKind.TaskDue, FixedContext.Today.AddDays(-3), true),
                (TimelineEntryKind.TaskDue, FixedContext.Today.AddDays(2), false),
                (TimelineEntryKind.MilestoneDue, FixedContext.Today.AddDays(10), false),
                (TimelineEntryKind.HoldReview, FixedContext.Today.AddDays(30), false),
                (TimelineEntryKind.TargetMoveDate, FixedContext.Today.AddDays(60), false),
            ],
            timeline.Upcoming.Select(e => (e.Kind, e.Day, e.Overdue)));
        Assert.Equal(("Inscrire les enfants", TaskOwner.Household, "employment"), (timeline.Upcoming[0].Title, timeline.Upcoming[0].Owner!.Value, timeline.Upcoming[0].NeedCode));
        Assert.NotNull(timeline.Upcoming[0].TaskId);
        Assert.Equal(TaskOwner.RegionalPartner, timeline.Upcoming[1].Owner);
    }

    [Fact]
    public async Task GetAsync_SettledFile_ShowsAnsweredFollowUpsAsPastAndUnansweredOnesAsComing()
    {
        var settledOn = FixedContext.Today.AddMonths(-6).AddDays(-1);
        var household = await SaveSettledAsync(Marie, settledOn);
        var three = await AddRetentionCheckAsync(household.Id, 3, settledOn);
        var six = await AddRetentionCheckAsync(household.Id, 6, settledOn);
        await Retention.AnswerAsync(three.Id, new RetentionAnswer(FixedContext.Today.AddDays(-60), true, false, true, "Travaille à temps partiel bientôt."));

        var timeline = await Timeline.GetAsync(household.Id);

        var answered = Assert.Single(timeline.Past, e => e.Kind == TimelineEntryKind.RetentionAnswered);
        Assert.Equal((3, FixedContext.Today.AddDays(-60), (bool?)true, (bool?)false, (bool?)true, "Travaille à temps partiel bientôt.", "Marie Tremblay"),
            (answered.MonthsAfter!.Value, answered.Day, answered.StillInRegion, answered.Working, answered.Housed, answered.Text, answered.Actor));
        var due = Assert.Single(timeline.Upcoming);
        Assert.Equal((TimelineEntryKind.RetentionDue, six.Id, 6, settledOn.AddMonths(6), true), (due.Kind, due.RetentionCheckId!.Value, due.MonthsAfter!.Value, due.Day, due.Overdue));
        // The settlement is in the past too, in its place by date.
        var settle = timeline.Past.Single(e => e.Transition == TransitionKind.Settle);
        var past = timeline.Past.ToList();
        Assert.True(past.IndexOf(answered) < past.IndexOf(settle));
    }

    [Fact]
    public async Task GetAsync_MoreThanAPage_ShowsTheMostRecentAndShowEarlierReachesTheRest()
    {
        var household = await SaveAsync(Marie);
        for (var note = 1; note <= 35; note++)
        {
            await Service.AddNoteAsync(household.Id, $"Note {note}");
            Later();
        }

        var first = await Timeline.GetAsync(household.Id);
        var all = await Timeline.GetAsync(household.Id, TimelineService.PageSize * 2);

        Assert.Equal((TimelineService.PageSize, true, "Note 35"), (first.Past.Count, first.HasEarlier, first.Past[0].Text));
        Assert.Equal((36, false), (all.Past.Count, all.HasEarlier));
        Assert.Equal(TimelineEntryKind.FileOpened, all.Past[^1].Kind);
    }

    [Fact]
    public async Task GetAsync_LongJournalEntry_ShowsItsBeginning()
    {
        var household = await SaveAsync(Marie);
        await Service.AddNoteAsync(household.Id, new string('a', 1000));

        var note = (await Timeline.GetAsync(household.Id)).Past[0];

        Assert.Equal((TimelineService.ExcerptLength, true), (note.Text!.Length, note.TextCut));
    }

    [Fact]
    public async Task GetAsync_AnotherCounsellorsFile_IsRefusedAndLogged()
    {
        var household = await SaveAsync(Paul);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Timeline.GetAsync(household.Id));

        await using var db = Database.CreateDbContext();
        var log = Assert.Single(db.AccessLog);
        Assert.Equal((AccessAction.Denied, Marie.Id, household.Id, "timeline"), (log.Action, log.UserId, log.HouseholdId, log.Source));
    }

    [Fact]
    public async Task GetAsync_AsSupervisor_SeesAnyFile_AndAClosedFileIsReadOnly()
    {
        var household = await SaveAsync(Paul, b => b.ClosedAfter(CaseStatus.Withdrawn));
        Current.User = Supervisor;

        var timeline = await Timeline.GetAsync(household.Id);

        Assert.True(timeline.ReadOnly);
        Assert.Equal(TimelineEntryKind.StatusChanged, timeline.Past[0].Kind);
        Assert.Equal((TransitionKind.Withdraw, "postponed"), (timeline.Past[1].Transition!.Value, timeline.Past[1].ReasonCode));
    }

    [Fact]
    public async Task GetAsync_UnknownFile_IsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() => Timeline.GetAsync(Guid.NewGuid()));

    [Theory]
    [InlineData("PlanTask[Mettre le CV à jour].Status", "Mettre le CV à jour")]
    [InlineData("PlanTask[Réserver (v. 2.0) [urgent]].Status", "Réserver (v. 2.0) [urgent]")]
    [InlineData("Plan.AgreedOn", null)]
    public void Indexed_AuditField_GivesTheTitleInsideTheBrackets(string field, string? title) =>
        Assert.Equal(title, TimelineService.Indexed(field));
}
