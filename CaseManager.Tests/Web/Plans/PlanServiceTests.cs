using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Plans;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaseManager.Tests.Web.Plans;

public sealed class PlanServiceTests(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    private PlanService Plans => new(Database.ContextFactory, Access, new AppClock(Time), NullLogger<PlanService>.Instance);

    [Fact]
    public async Task FirstChange_StartsThePlanAndEveryChangeIsAudited()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));

        var goal = await Plans.AddGoalAsync(household.Id, 0, "employment", "Un emploi de préposé en Estrie");
        var version = (await Plans.GetAsync(household.Id)).Version;
        var task = await Plans.AddTaskAsync(household.Id, version, goal, "Mettre le CV à jour", TaskOwner.Household, FixedContext.Today.AddDays(7));
        version = (await Plans.GetAsync(household.Id)).Version;
        await Plans.SetTaskStatusAsync(household.Id, version, task, PlanTaskStatus.Done);

        var plan = (await Plans.GetAsync(household.Id)).Plan!;
        var saved = Assert.Single(Assert.Single(plan.Goals).Tasks);
        Assert.Equal((PlanTaskStatus.Done, FixedContext.Today), (saved.Status, saved.CompletedOn!.Value));
        var audit = AuditOf(household.Id);
        Assert.Contains(audit, a => a is { EntityType: "Plan", Action: AuditAction.Added });
        Assert.Contains(audit, a => a is { Field: "PlanGoal[employment]", Action: AuditAction.Added });
        Assert.Contains(audit, a => a is { Field: "PlanTask[Mettre le CV à jour].Status", OldValue: "ToDo", NewValue: "Done" });
    }

    [Fact]
    public async Task Agree_RecordsTheDayAndWhoAndUnlocksTheNextStage()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));
        await Plans.AddGoalAsync(household.Id, 0, "housing", null);

        await Plans.AgreeAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, FixedContext.Today, "Aminata et Karim");

        var plan = (await Plans.GetAsync(household.Id)).Plan!;
        Assert.Equal((FixedContext.Today, "Aminata et Karim", "Marie Tremblay"), (plan.AgreedOn!.Value, plan.AgreedWith!, plan.AgreementRecordedBy!));
        Assert.True((await Service.GetAsync(household.Id, "test")).AdvanceDecision(FixedContext.Today).IsAllowed);
    }

    [Fact]
    public async Task Change_FromAVersionSomeoneElseSavedOver_IsRefusedAndKeepsTheirs()
    {
        var household = await SaveAsync(Marie);
        var goal = await Plans.AddGoalAsync(household.Id, 0, "employment", "A");
        var seen = (await Plans.GetAsync(household.Id)).Version;
        await Plans.UpdateGoalAsync(household.Id, seen, goal, "B", GoalStatus.InProgress);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Plans.UpdateGoalAsync(household.Id, seen, goal, "C", GoalStatus.Open));

        Assert.Equal("B", Assert.Single((await Plans.GetAsync(household.Id)).Plan!.Goals).Description);
    }

    [Fact]
    public async Task ApplyTemplate_AddsItsGoalsAndTasksDueFromToday()
    {
        var household = await SaveAsync(Marie);
        var template = new PlanTemplate
        {
            Id = Guid.NewGuid(),
            Name = "Adulte seul, emploi en main",
            Goals =
            [
                new TemplateGoal
                {
                    NeedCode = "housing",
                    Description = "Trouver un logement",
                    Tasks = [new TemplateTask { Title = "Visiter trois logements", Owner = TaskOwner.Household, OffsetDays = 14 }],
                },
            ],
        };
        await using (var db = Database.CreateDbContext())
        {
            db.PlanTemplates.Add(template);
            await db.SaveChangesAsync();
        }

        await Plans.ApplyTemplateAsync(household.Id, 0, template.Id);

        var task = Assert.Single(Assert.Single((await Plans.GetAsync(household.Id)).Plan!.Goals).Tasks);
        Assert.Equal(("Visiter trois logements", FixedContext.Today.AddDays(14)), (task.Title, task.DueOn!.Value));
    }

    [Fact]
    public async Task AnotherCounsellorsPlan_IsRefused()
    {
        var household = await SaveAsync(Paul);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Plans.GetAsync(household.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Plans.AddGoalAsync(household.Id, 0, "employment", null));
    }

    [Fact]
    public async Task ClosedFile_PlanCannotChange()
    {
        var household = await SaveAsync(Marie, b => b.ClosedAfter(CaseStatus.Withdrawn));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Plans.AddGoalAsync(household.Id, 0, "employment", null));

        Assert.Equal("Workflow.NotAllowedWhileClosed", Assert.Single(refused.Refusals).Code);
        Assert.True((await Plans.GetAsync(household.Id)).ReadOnly);
    }

    [Fact]
    public async Task AddGoalAsync_NeedNotInTheList_IsRefusedAndStartsNoPlan()
    {
        var household = await SaveAsync(Marie);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Plans.AddGoalAsync(household.Id, 0, "astrology", null));

        Assert.Equal("Profile.UnknownNeed", Assert.Single(refused.Refusals).Code);
        Assert.Null((await Plans.GetAsync(household.Id)).Plan);
    }

    [Theory]
    [InlineData("06")]
    [InlineData("13")]
    [InlineData("99")]
    public async Task SetTargetsAsync_RegionThatIsNotAHostRegion_IsRefused(string regionCode)
    {
        var household = await SaveAsync(Marie);
        await Plans.AddGoalAsync(household.Id, 0, "employment", null);

        var version = (await Plans.GetAsync(household.Id)).Version;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Plans.SetTargetsAsync(household.Id, version, ["05", regionCode], null));

        Assert.Equal("Profile.UnknownRegion", Assert.Single(refused.Refusals).Code);
        Assert.Empty((await Plans.GetAsync(household.Id)).Plan!.TargetRegionCodes);
    }

    [Fact]
    public async Task SetTargetsAsync_HostRegionsAndAFutureDate_AreSaved()
    {
        var household = await SaveAsync(Marie);

        await Plans.SetTargetsAsync(household.Id, 0, ["05", "01", "05"], FixedContext.Today.AddMonths(8));

        var plan = (await Plans.GetAsync(household.Id)).Plan!;
        Assert.Equal(["05", "01"], plan.TargetRegionCodes);
        Assert.Equal(FixedContext.Today.AddMonths(8), plan.TargetMoveDate);
    }

    [Fact]
    public async Task ApplyTemplateAsync_InactiveOrUnknownTemplate_IsRefused()
    {
        var household = await SaveAsync(Marie);
        var inactive = new PlanTemplate
        {
            Id = Guid.NewGuid(),
            Name = "Ancien modèle",
            IsActive = false,
            Goals = [new TemplateGoal { NeedCode = "housing", Tasks = [new TemplateTask { Title = "Visiter", OffsetDays = 7 }] }],
        };
        await using (var db = Database.CreateDbContext())
        {
            db.PlanTemplates.Add(inactive);
            await db.SaveChangesAsync();
        }

        var refusedInactive = await Assert.ThrowsAsync<DomainRuleException>(() => Plans.ApplyTemplateAsync(household.Id, 0, inactive.Id));
        var refusedUnknown = await Assert.ThrowsAsync<DomainRuleException>(() => Plans.ApplyTemplateAsync(household.Id, 0, Guid.NewGuid()));

        Assert.Equal("Plan.TemplateNotFound", Assert.Single(refusedInactive.Refusals).Code);
        Assert.Equal("Plan.TemplateNotFound", Assert.Single(refusedUnknown.Refusals).Code);
        Assert.Null((await Plans.GetAsync(household.Id)).Plan);
    }

    [Fact]
    public async Task UpdateTaskAsync_EditedAndDoneOnAnEarlierDay_SavesBothInOneChange()
    {
        var household = await SaveAsync(Marie);
        var goal = await Plans.AddGoalAsync(household.Id, 0, "employment", null);
        var task = await Plans.AddTaskAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, goal, "Appeler", TaskOwner.Household, null);
        var seen = (await Plans.GetAsync(household.Id)).Version;

        await Plans.UpdateTaskAsync(household.Id, seen, task, new TaskChanges(
            "Appeler l'employeur", TaskOwner.Counsellor, FixedContext.Today.AddDays(-5), "Entrevue fixée", PlanTaskStatus.Done, FixedContext.Today.AddDays(-2)));

        var saved = Assert.Single((await Plans.GetAsync(household.Id)).Plan!.Tasks);
        Assert.Equal(
            ("Appeler l'employeur", TaskOwner.Counsellor, FixedContext.Today.AddDays(-5), "Entrevue fixée", PlanTaskStatus.Done, FixedContext.Today.AddDays(-2)),
            (saved.Title, saved.Owner, saved.DueOn!.Value, saved.Comment!, saved.Status, saved.CompletedOn!.Value));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Plans.UpdateTaskAsync(household.Id, seen, task, new TaskChanges("x", TaskOwner.Household, null, null, PlanTaskStatus.ToDo)));
    }

    [Fact]
    public async Task UpdateTaskAsync_CompletedTomorrow_IsRefusedAndChangesNothing()
    {
        var household = await SaveAsync(Marie);
        var goal = await Plans.AddGoalAsync(household.Id, 0, "employment", null);
        var task = await Plans.AddTaskAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, goal, "Appeler", TaskOwner.Household, null);
        var version = (await Plans.GetAsync(household.Id)).Version;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Plans.UpdateTaskAsync(
            household.Id, version, task,
            new TaskChanges("Appeler l'employeur", TaskOwner.Household, null, null, PlanTaskStatus.Done, FixedContext.Today.AddDays(1))));

        Assert.Equal("Plan.CompletionInFuture", Assert.Single(refused.Refusals).Code);
        var saved = Assert.Single((await Plans.GetAsync(household.Id)).Plan!.Tasks);
        Assert.Equal(("Appeler", PlanTaskStatus.ToDo), (saved.Title, saved.Status));
    }

    [Fact]
    public async Task PlanChanges_InTheFilesHistory_ReadInFrenchWithTheirOwnStatuses()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));
        var goal = await Plans.AddGoalAsync(household.Id, 0, "employment", null);
        var task = await Plans.AddTaskAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, goal, "Mettre le CV à jour", TaskOwner.Household, null);
        await Plans.UpdateTaskAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, task,
            new TaskChanges("Mettre le CV à jour", TaskOwner.Counsellor, null, null, PlanTaskStatus.Done));
        await Plans.UpdateGoalAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, goal, null, GoalStatus.Achieved);
        await Plans.SetTargetsAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, ["05"], null);
        var lists = await new ReferenceDataService(Database.ContextFactory).GetAsync();
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("fr-CA");
        try
        {
            var localizer = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)
                .Create(typeof(CaseManager.Web.Localization.Strings));
            var rows = AuditOf(household.Id)
                .Select(a => $"{FieldLabels.Describe(localizer, a, lists)} | {FieldLabels.Value(localizer, lists, a.Field, a.OldValue)} → {FieldLabels.Value(localizer, lists, a.Field, a.NewValue)}")
                .ToList();

            Assert.Contains("Objectif (Emploi) : ajout |  → Emploi", rows);
            Assert.Contains("Tâche (Mettre le CV à jour) · Statut | À faire → Terminée", rows);
            Assert.Contains("Tâche (Mettre le CV à jour) · Responsable | Ménage → Intervenant(e)", rows);
            Assert.Contains("Objectif (Emploi) · Statut | Ouvert → Atteint", rows);
            Assert.Contains("Plan · Régions visées |  → Estrie", rows);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }
}
