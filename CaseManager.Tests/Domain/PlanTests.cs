using CaseManager.Domain.Common;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Domain;

/// <summary>A household's plan: goals, tasks, targets, milestones, templates, and the household's agreement.</summary>
public sealed class PlanTests
{
    private static readonly DateOnly Today = FixedContext.Today;
    private static readonly ActionContext Now = FixedContext.Default;
    private static readonly Guid HouseholdId = Guid.Parse("0199a6f3-0000-7000-8000-000000000001");

    private static Plan NewPlan() => Plan.Start(HouseholdId, FixedContext.DaysFromToday(-30));

    private static string Codes(DomainRuleException refused) => string.Join(" ", refused.Refusals.Select(r => r.Code));

    // ---------------------------------------------------------------------------------------------
    // Goals.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Start_NewPlan_IsADraftOfTheHouseholdWithNothingInIt()
    {
        var plan = Plan.Start(HouseholdId, Now);

        Assert.Equal(HouseholdId, plan.HouseholdId);
        Assert.False(plan.IsAgreed);
        Assert.Empty(plan.Goals);
        Assert.Empty(plan.Milestones);
        Assert.Empty(plan.TargetRegionCodes);
        Assert.Equal((Now.Now, Now.Now), (plan.CreatedAt, plan.UpdatedAt));
    }

    [Fact]
    public void AddGoal_TwoGoals_AreOpenInOrderAndBelongToTheHousehold()
    {
        var plan = NewPlan();

        var first = plan.AddGoal(" employment ", "  Un emploi de soudeur à Rimouski  ", Now);
        var second = plan.AddGoal("housing", "   ", Now);

        Assert.Equal(("employment", "Un emploi de soudeur à Rimouski", GoalStatus.Open, 1), (first.NeedCode, first.Description!, first.Status, first.SortOrder));
        Assert.Equal((null, 2), (second.Description, second.SortOrder));
        Assert.All(plan.Goals, g => Assert.Equal((plan.Id, HouseholdId), (g.PlanId, g.HouseholdId)));
        Assert.Equal(Now.Now, plan.UpdatedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddGoal_WithoutNeed_IsRefused(string need)
    {
        var plan = NewPlan();

        var refused = Assert.Throws<DomainRuleException>(() => plan.AddGoal(need, "Un objectif", Now));

        Assert.Equal("Plan.NeedRequired", Codes(refused));
        Assert.Empty(plan.Goals);
    }

    [Fact]
    public void UpdateGoal_ChangesDescriptionAndStatus()
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("francisation", "Cours à temps partiel", FixedContext.DaysFromToday(-10));

        plan.UpdateGoal(goal.Id, "Cours à temps plein", GoalStatus.InProgress, Now);

        Assert.Equal(("Cours à temps plein", GoalStatus.InProgress), (goal.Description!, goal.Status));
        Assert.Equal(Now.Now, plan.UpdatedAt);
    }

    [Fact]
    public void UpdateGoal_UnknownGoal_IsRefused()
    {
        var plan = NewPlan();

        var refused = Assert.Throws<DomainRuleException>(() => plan.UpdateGoal(Guid.NewGuid(), "x", GoalStatus.Achieved, Now));

        Assert.Equal("Plan.GoalNotFound", Codes(refused));
    }

    [Fact]
    public void RemoveGoal_WithOpenAndCancelledTasks_RemovesItWithItsTasks()
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("housing", null, Now);
        plan.AddTask(goal.Id, "Visiter des logements", TaskOwner.Household, Today.AddDays(5), Now);
        var cancelled = plan.AddTask(goal.Id, "Appeler l'OMH", TaskOwner.Counsellor, null, Now);
        plan.SetTaskStatus(cancelled.Id, PlanTaskStatus.Cancelled, null, Now);

        plan.RemoveGoal(goal.Id, Now);

        Assert.Empty(plan.Goals);
        Assert.Empty(plan.Tasks);
    }

    [Fact]
    public void RemoveGoal_WithACompletedTask_IsRefusedAndKeepsTheGoal()
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("housing", null, Now);
        var task = plan.AddTask(goal.Id, "Visiter des logements", TaskOwner.Household, null, Now);
        plan.SetTaskStatus(task.Id, PlanTaskStatus.Done, null, Now);

        var refused = Assert.Throws<DomainRuleException>(() => plan.RemoveGoal(goal.Id, Now));

        Assert.Equal("Plan.GoalHasCompletedTasks", Codes(refused));
        Assert.Single(plan.Goals);
    }

    // ---------------------------------------------------------------------------------------------
    // Tasks.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void AddTask_ToAGoal_IsToDoWithItsOwnerAndDueDate()
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("employment", null, Now);

        var task = plan.AddTask(goal.Id, "  Mettre le CV à jour ", TaskOwner.Household, Today.AddDays(7), Now);

        Assert.Equal(
            ("Mettre le CV à jour", TaskOwner.Household, Today.AddDays(7), PlanTaskStatus.ToDo, (DateOnly?)null, true),
            (task.Title, task.Owner, task.DueOn!.Value, task.Status, task.CompletedOn, task.IsOpen));
        Assert.Equal((goal.Id, HouseholdId), (task.GoalId, task.HouseholdId));
        Assert.Same(task, Assert.Single(goal.Tasks));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void AddTask_WithoutTitle_IsRefused(string title)
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("employment", null, Now);

        var refused = Assert.Throws<DomainRuleException>(() => plan.AddTask(goal.Id, title, TaskOwner.Household, null, Now));

        Assert.Equal("Plan.TaskTitleRequired", Codes(refused));
        Assert.Empty(goal.Tasks);
    }

    [Fact]
    public void AddTask_UnknownGoal_IsRefused()
    {
        var plan = NewPlan();

        var refused = Assert.Throws<DomainRuleException>(() => plan.AddTask(Guid.NewGuid(), "Appeler", TaskOwner.Counsellor, null, Now));

        Assert.Equal("Plan.GoalNotFound", Codes(refused));
    }

    [Fact]
    public void UpdateTask_ChangesTitleOwnerDueDateAndComment()
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("employment", null, Now);
        var task = plan.AddTask(goal.Id, "Appeler l'employeur", TaskOwner.Household, Today, Now);

        plan.UpdateTask(task.Id, "Appeler l'employeur de Rimouski", TaskOwner.RegionalPartner, Today.AddDays(3), "  Le partenaire s'en charge ", Now);

        Assert.Equal(
            ("Appeler l'employeur de Rimouski", TaskOwner.RegionalPartner, Today.AddDays(3), "Le partenaire s'en charge"),
            (task.Title, task.Owner, task.DueOn!.Value, task.Comment!));
    }

    [Fact]
    public void UpdateTask_UnknownTask_IsRefused()
    {
        var plan = NewPlan();

        var refused = Assert.Throws<DomainRuleException>(() => plan.UpdateTask(Guid.NewGuid(), "x", TaskOwner.Household, null, null, Now));

        Assert.Equal("Plan.TaskNotFound", Codes(refused));
    }

    [Fact]
    public void SetTaskStatus_Done_IsCompletedTodayUnlessADayIsGiven()
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("employment", null, Now);
        var today = plan.AddTask(goal.Id, "A", TaskOwner.Household, null, Now);
        var earlier = plan.AddTask(goal.Id, "B", TaskOwner.Household, null, Now);

        plan.SetTaskStatus(today.Id, PlanTaskStatus.Done, "Fait avec le ménage", Now);
        plan.SetTaskStatus(earlier.Id, PlanTaskStatus.Done, null, Now, Today.AddDays(-4));

        Assert.Equal((PlanTaskStatus.Done, Today, "Fait avec le ménage", false), (today.Status, today.CompletedOn!.Value, today.Comment!, today.IsOpen));
        Assert.Equal((Today.AddDays(-4), (string?)null), (earlier.CompletedOn!.Value, earlier.Comment));
    }

    [Fact]
    public void SetTaskStatus_DoneTomorrow_IsRefusedAndChangesNothing()
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("employment", null, Now);
        var task = plan.AddTask(goal.Id, "A", TaskOwner.Household, null, Now);

        var refused = Assert.Throws<DomainRuleException>(() => plan.SetTaskStatus(task.Id, PlanTaskStatus.Done, null, Now, Today.AddDays(1)));

        Assert.Equal("Plan.CompletionInFuture", Codes(refused));
        Assert.Equal((PlanTaskStatus.ToDo, (DateOnly?)null), (task.Status, task.CompletedOn));
    }

    [Theory]
    [InlineData(PlanTaskStatus.ToDo)]
    [InlineData(PlanTaskStatus.InProgress)]
    [InlineData(PlanTaskStatus.Cancelled)]
    public void SetTaskStatus_ReopenedOrCancelled_ForgetsTheCompletionDay(PlanTaskStatus status)
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("employment", null, Now);
        var task = plan.AddTask(goal.Id, "A", TaskOwner.Household, null, Now);
        plan.SetTaskStatus(task.Id, PlanTaskStatus.Done, "gardé", Now);

        plan.SetTaskStatus(task.Id, status, null, Now);

        Assert.Equal((status, (DateOnly?)null, "gardé"), (task.Status, task.CompletedOn, task.Comment!));
        Assert.Equal(status != PlanTaskStatus.Cancelled, task.IsOpen);
    }

    [Fact]
    public void RemoveTask_RemovesOnlyThatTask()
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("employment", null, Now);
        var kept = plan.AddTask(goal.Id, "A", TaskOwner.Household, null, Now);
        var removed = plan.AddTask(goal.Id, "B", TaskOwner.Household, null, Now);

        plan.RemoveTask(removed.Id, Now);

        Assert.Equal([kept.Id], goal.Tasks.Select(t => t.Id));
        Assert.Equal("Plan.TaskNotFound", Codes(Assert.Throws<DomainRuleException>(() => plan.RemoveTask(removed.Id, Now))));
    }

    // ---------------------------------------------------------------------------------------------
    // Targets and milestones.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void SetTargets_RegionsAndAFutureDate_AreKeptWithoutDuplicatesOrBlanks()
    {
        var plan = NewPlan();

        plan.SetTargets(["05", " 01", "05", "", "  "], Today.AddMonths(6), Now);

        Assert.Equal(["05", "01"], plan.TargetRegionCodes);
        Assert.Equal(Today.AddMonths(6), plan.TargetMoveDate);
    }

    [Fact]
    public void SetTargets_NewDateInThePast_IsRefused()
    {
        var plan = NewPlan();

        var refused = Assert.Throws<DomainRuleException>(() => plan.SetTargets(["05"], Today.AddDays(-1), Now));

        Assert.Equal("Plan.TargetMoveDateInPast", Codes(refused));
        Assert.Null(plan.TargetMoveDate);
        Assert.Empty(plan.TargetRegionCodes);
    }

    [Fact]
    public void SetTargets_DateSetEarlierNowPast_CanStillChangeTheRegions()
    {
        var plan = NewPlan();
        var then = FixedContext.DaysFromToday(-60);
        plan.SetTargets(["05"], Today.AddDays(-20), then);

        plan.SetTargets(["05", "04"], Today.AddDays(-20), Now);

        Assert.Equal(["05", "04"], plan.TargetRegionCodes);
        Assert.Equal(Today.AddDays(-20), plan.TargetMoveDate);
    }

    [Fact]
    public void SetTargets_TodayOrNoDate_IsAccepted()
    {
        var plan = NewPlan();

        plan.SetTargets([], Today, Now);
        Assert.Equal(Today, plan.TargetMoveDate);

        plan.SetTargets([], null, Now);
        Assert.Null(plan.TargetMoveDate);
    }

    [Fact]
    public void Milestones_AddUpdateRemove_FollowTheRules()
    {
        var plan = NewPlan();

        var milestone = plan.AddMilestone(" Séjour exploratoire à Rimouski ", Today.AddDays(30), Now);
        Assert.Equal(("Séjour exploratoire à Rimouski", Today.AddDays(30), false), (milestone.Title, milestone.On, milestone.Reached));
        Assert.Equal((plan.Id, HouseholdId), (milestone.PlanId, milestone.HouseholdId));

        plan.UpdateMilestone(milestone.Id, "Séjour exploratoire", Today.AddDays(-1), reached: true, Now);
        Assert.Equal(("Séjour exploratoire", Today.AddDays(-1), true), (milestone.Title, milestone.On, milestone.Reached));

        Assert.Equal("Plan.MilestoneTitleRequired", Codes(Assert.Throws<DomainRuleException>(() => plan.AddMilestone(" ", Today, Now))));
        Assert.Equal("Plan.MilestoneTitleRequired", Codes(Assert.Throws<DomainRuleException>(() => plan.UpdateMilestone(milestone.Id, "", Today, false, Now))));

        plan.RemoveMilestone(milestone.Id, Now);
        Assert.Empty(plan.Milestones);
        Assert.Equal("Plan.MilestoneNotFound", Codes(Assert.Throws<DomainRuleException>(() => plan.RemoveMilestone(milestone.Id, Now))));
        Assert.Equal("Plan.MilestoneNotFound", Codes(Assert.Throws<DomainRuleException>(() => plan.UpdateMilestone(milestone.Id, "x", Today, false, Now))));
    }

    // ---------------------------------------------------------------------------------------------
    // Text lengths.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Texts_AtTheirLimit_AreAcceptedAndOneCharacterMoreIsRefused()
    {
        var plan = NewPlan();
        var goal = plan.AddGoal("employment", new string('a', Plan.MaxTextLength), Now);
        var task = plan.AddTask(goal.Id, new string('t', Plan.MaxTextLength), TaskOwner.Household, null, Now);
        plan.AddMilestone(new string('m', Plan.MaxShortTextLength), Today, Now);

        var tooLong = new string('x', Plan.MaxTextLength + 1);
        var refusals = new[]
        {
            Assert.Throws<DomainRuleException>(() => plan.AddGoal("housing", tooLong, Now)),
            Assert.Throws<DomainRuleException>(() => plan.UpdateGoal(goal.Id, tooLong, GoalStatus.Open, Now)),
            Assert.Throws<DomainRuleException>(() => plan.AddTask(goal.Id, tooLong, TaskOwner.Household, null, Now)),
            Assert.Throws<DomainRuleException>(() => plan.UpdateTask(task.Id, "ok", TaskOwner.Household, null, tooLong, Now)),
            Assert.Throws<DomainRuleException>(() => plan.SetTaskStatus(task.Id, PlanTaskStatus.InProgress, tooLong, Now)),
            Assert.Throws<DomainRuleException>(() => plan.AddMilestone(new string('m', Plan.MaxShortTextLength + 1), Today, Now)),
            Assert.Throws<DomainRuleException>(() => plan.Agree(Today, new string('n', Plan.MaxShortTextLength + 1), Now)),
        };

        Assert.All(refusals, refused => Assert.Equal("Plan.TextTooLong", Codes(refused)));
        Assert.Equal(Plan.MaxShortTextLength, refusals[^1].Refusals[0].Arguments[0]);
        Assert.Equal(Plan.MaxTextLength, refusals[0].Refusals[0].Arguments[0]);
        Assert.Single(plan.Goals);
        Assert.Equal(PlanTaskStatus.ToDo, task.Status);
        Assert.False(plan.IsAgreed);
    }

    // ---------------------------------------------------------------------------------------------
    // The household's agreement.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Agree_WithAGoal_RecordsTheDayWhoAgreedAndWhoRecordedIt()
    {
        var plan = NewPlan();
        plan.AddGoal("employment", null, Now);

        plan.Agree(Today.AddDays(-2), "  Aminata et Karim Diallo ", Now);

        Assert.True(plan.IsAgreed);
        Assert.Equal(
            (Today.AddDays(-2), "Aminata et Karim Diallo", FixedContext.Counsellor.Name),
            (plan.AgreedOn!.Value, plan.AgreedWith!, plan.AgreementRecordedBy!));
    }

    [Fact]
    public void Agree_Today_IsAccepted()
    {
        var plan = NewPlan();
        plan.AddGoal("employment", null, Now);

        plan.Agree(Today, "Aminata", Now);

        Assert.Equal(Today, plan.AgreedOn);
    }

    [Fact]
    public void Agree_WithoutGoalInTheFutureAndWithNobody_GivesEveryReasonAndRecordsNothing()
    {
        var plan = NewPlan();

        var refused = Assert.Throws<DomainRuleException>(() => plan.Agree(Today.AddDays(1), "  ", Now));

        Assert.Equal("Plan.AgreementNeedsGoal Plan.AgreementInFuture Plan.AgreedWithRequired", Codes(refused));
        Assert.False(plan.IsAgreed);
        Assert.Null(plan.AgreedWith);
    }

    [Theory]
    [InlineData(1, "Aminata", "Plan.AgreementInFuture")]
    [InlineData(0, "", "Plan.AgreedWithRequired")]
    public void Agree_OneRuleBroken_IsRefusedForThatReason(int daysFromToday, string agreedWith, string code)
    {
        var plan = NewPlan();
        plan.AddGoal("employment", null, Now);

        var refused = Assert.Throws<DomainRuleException>(() => plan.Agree(Today.AddDays(daysFromToday), agreedWith, Now));

        Assert.Equal(code, Codes(refused));
        Assert.False(plan.IsAgreed);
    }

    // ---------------------------------------------------------------------------------------------
    // Templates.
    // ---------------------------------------------------------------------------------------------

    private static PlanTemplate Template() => new()
    {
        Id = Guid.NewGuid(),
        Name = "Famille avec enfants d'âge scolaire",
        Goals =
        [
            new TemplateGoal
            {
                NeedCode = "daycare-school",
                Description = "Inscrire les enfants à l'école",
                Tasks =
                [
                    new TemplateTask { Title = "Communiquer avec le centre de services scolaire", Owner = TaskOwner.Household, OffsetDays = 14 },
                    new TemplateTask { Title = "Rassembler les bulletins", Owner = TaskOwner.Household, OffsetDays = 0 },
                ],
            },
            new TemplateGoal
            {
                NeedCode = "housing",
                Description = "Trouver un logement de quatre chambres",
                Tasks = [new TemplateTask { Title = "Présenter l'OMH de la région", Owner = TaskOwner.RegionalPartner, OffsetDays = 730 }],
            },
        ],
    };

    [Fact]
    public void ApplyTemplate_EmptyPlan_AddsItsGoalsAndTasksDueTheirOffsetFromToday()
    {
        var plan = NewPlan();

        plan.ApplyTemplate(Template(), Now);

        Assert.Equal(["daycare-school", "housing"], plan.Goals.Select(g => g.NeedCode));
        Assert.Equal("Inscrire les enfants à l'école", plan.Goals[0].Description);
        Assert.Equal(
            [("Communiquer avec le centre de services scolaire", TaskOwner.Household, Today.AddDays(14)), ("Rassembler les bulletins", TaskOwner.Household, Today)],
            plan.Goals[0].Tasks.Select(t => (t.Title, t.Owner, t.DueOn!.Value)));
        var partner = Assert.Single(plan.Goals[1].Tasks);
        Assert.Equal((TaskOwner.RegionalPartner, Today.AddDays(730), PlanTaskStatus.ToDo), (partner.Owner, partner.DueOn!.Value, partner.Status));
    }

    [Fact]
    public void ApplyTemplate_PlanHasAnOpenGoalOfTheSameDomain_AddsTheTasksToItInsteadOfASecondGoal()
    {
        var plan = NewPlan();
        var housing = plan.AddGoal("housing", "Logement près de l'école", Now);
        plan.UpdateGoal(housing.Id, housing.Description, GoalStatus.InProgress, Now);
        plan.AddTask(housing.Id, "Visiter des logements", TaskOwner.Household, null, Now);

        plan.ApplyTemplate(Template(), Now);

        Assert.Equal(["housing", "daycare-school"], plan.Goals.Select(g => g.NeedCode));
        Assert.Equal("Logement près de l'école", housing.Description);
        Assert.Equal(["Visiter des logements", "Présenter l'OMH de la région"], housing.Tasks.Select(t => t.Title));
    }

    [Theory]
    [InlineData(GoalStatus.Achieved)]
    [InlineData(GoalStatus.Abandoned)]
    public void ApplyTemplate_GoalOfTheSameDomainIsClosed_AddsANewGoal(GoalStatus status)
    {
        var plan = NewPlan();
        var housing = plan.AddGoal("housing", null, Now);
        plan.UpdateGoal(housing.Id, null, status, Now);

        plan.ApplyTemplate(Template(), Now);

        Assert.Equal(2, plan.Goals.Count(g => g.NeedCode == "housing"));
        Assert.Empty(housing.Tasks);
    }

    [Fact]
    public void ApplyTemplate_WithoutGoals_IsRefused()
    {
        var plan = NewPlan();

        var refused = Assert.Throws<DomainRuleException>(() => plan.ApplyTemplate(new PlanTemplate { Name = "Vide" }, Now));

        Assert.Equal("Plan.TemplateEmpty", Codes(refused));
        Assert.Empty(plan.Goals);
    }

    [Fact]
    public void Validate_CompleteTemplate_HasNoRefusals()
    {
        Assert.Empty(Template().Validate());
    }

    [Fact]
    public void Validate_EmptyTemplate_NeedsANameAndAGoal()
    {
        Assert.Equal(["Template.NameRequired", "Template.GoalRequired"], new PlanTemplate { Name = " " }.Validate().Select(r => r.Code));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(731)]
    public void Validate_OffsetOutsideTwoYears_IsRefusedWithTheRange(int offset)
    {
        var template = Template();
        template.Goals[0].Tasks[0].OffsetDays = offset;

        var refusal = Assert.Single(template.Validate());

        Assert.Equal(new Refusal("Template.OffsetOutOfRange", 0, 730).ToString(), refusal.ToString());
    }

    [Fact]
    public void Validate_GoalWithoutNeedTaskWithoutTitleAndTextsTooLong_SaysEachOnce()
    {
        var template = Template();
        template.Name = new string('n', PlanTemplate.MaxNameLength + 1);
        template.Goals[0].NeedCode = "";
        template.Goals[1].NeedCode = " ";
        template.Goals[0].Tasks[0].Title = "";
        template.Goals[0].Tasks[1].Title = " ";
        template.Goals[1].Description = new string('d', Plan.MaxTextLength + 1);

        var refusals = template.Validate().Select(r => r.ToString()).ToList();

        Assert.Equal(
            ["Plan.TextTooLong(200)", "Plan.TextTooLong(2000)", "Plan.NeedRequired", "Plan.TaskTitleRequired"],
            refusals);
    }
}
