using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Stays;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Stays;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Stays;

public sealed class StayServiceTests(DatabaseFixture database) : StayServiceTestBase(database)
{
    // ---------------------------------------------------------------------------------------------
    // The ExploratoryStay stage's requirement.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task LeaveStayStage_RefusedBeforeACompletedStay_AllowedOnceTheHouseholdAttendedIt()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));
        var stayId = await PlanAsync(startInDays: -3, nights: 2);
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), household.Id, 1);

        var before = (await Service.GetAsync(household.Id, "test")).AdvanceDecision(FixedContext.Today);
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Service.ApplyTransitionAsync(household.Id, household.Version, new AdvanceRequest(Stage.MovingSubsidy)));
        await Stays.CompleteAsync(stayId, await StayVersionAsync(stayId));
        var after = (await Service.GetAsync(household.Id, "test")).AdvanceDecision(FixedContext.Today);
        await Service.ApplyTransitionAsync(household.Id, await VersionOfAsync(household.Id), new AdvanceRequest(Stage.MovingSubsidy));

        Assert.Equal(["Workflow.Requirement.StayCompleted"], before.Refusals.Select(r => r.Code));
        Assert.Equal("Workflow.Requirement.StayCompleted", Assert.Single(refused.Refusals).Code);
        Assert.True(after.IsAllowed);
        Assert.Equal(Stage.MovingSubsidy, (await Service.GetAsync(household.Id, "test")).Household.Stage);
    }

    [Fact]
    public async Task LeaveStayStage_AbsentFromTheCompletedStay_StillRefused()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));
        var other = await SaveAsync(Marie);
        var stayId = await PlanAsync(startInDays: -3, nights: 2);
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), household.Id, 1);
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), other.Id, 1);
        await Stays.RecordAttendanceAsync(stayId, await StayVersionAsync(stayId), household.Id, Attendance.Absent);
        await Stays.CompleteAsync(stayId, await StayVersionAsync(stayId));

        var decision = (await Service.GetAsync(household.Id, "test")).AdvanceDecision(FixedContext.Today);

        Assert.Equal(["Workflow.Requirement.StayCompleted"], decision.Refusals.Select(r => r.Code));
    }

    [Fact]
    public async Task LeaveStayStage_WithARecordedReasonToSkipTheStay_IsAllowedAndTheWaiverIsAudited()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));

        await Assert.ThrowsAsync<DomainRuleException>(() => Stays.RecordWaiverAsync(household.Id, "  "));
        await Stays.RecordWaiverAsync(household.Id, "A déjà vécu deux ans à Chicoutimi");
        await Service.ApplyTransitionAsync(household.Id, household.Version, new AdvanceRequest(Stage.MovingSubsidy));

        Assert.Equal(Stage.MovingSubsidy, (await Service.GetAsync(household.Id, "test")).Household.Stage);
        Assert.Contains(AuditOf(household.Id), a => a is { EntityType: nameof(StayWaiver), Action: AuditAction.Added, NewValue: "A déjà vécu deux ans à Chicoutimi" });
        Assert.Equal("A déjà vécu deux ans à Chicoutimi", (await Stays.GetForHouseholdAsync(household.Id)).Waiver?.Reason);
    }

    // ---------------------------------------------------------------------------------------------
    // Debriefs.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Debrief_NextStepBecomesAPlanTaskUnderTheOpenGoalOfItsNeed()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));
        var goal = await Plans.AddGoalAsync(household.Id, 0, "employment", "Un emploi au Saguenay");
        var stayId = await CompletedStayWithAsync(household.Id);

        var debriefId = await Stays.RecordDebriefAsync(stayId, household.Id,
            new DebriefDetails(5, "Rio Tinto embauche des opérateurs", "Un 5 ½ à Jonquière", ["Envoyer le CV à Rio Tinto", "Visiter l'école"]));
        var debrief = Assert.Single((await Stays.GetForHouseholdAsync(household.Id)).Stays).Debrief!;
        var taskId = await Stays.AddNextStepToPlanAsync(debriefId, debrief.Version, debrief.NextSteps[0].Id, null, "employment", FixedContext.Today.AddDays(7));
        var housingDebrief = Assert.Single((await Stays.GetForHouseholdAsync(household.Id)).Stays).Debrief!;
        await Stays.AddNextStepToPlanAsync(debriefId, housingDebrief.Version, housingDebrief.NextSteps[1].Id, null, "housing", null);

        var plan = (await Plans.GetAsync(household.Id)).Plan!;
        var task = Assert.Single(plan.Goals.Single(g => g.Id == goal).Tasks);
        Assert.Equal((taskId, "Envoyer le CV à Rio Tinto", TaskOwner.Household, FixedContext.Today.AddDays(7)), (task.Id, task.Title, task.Owner, task.DueOn!.Value));
        Assert.Equal("Visiter l'école", Assert.Single(plan.Goals.Single(g => g.NeedCode == "housing").Tasks).Title);
        var saved = Assert.Single((await Stays.GetForHouseholdAsync(household.Id)).Stays).Debrief!;
        Assert.Equal(taskId, saved.NextSteps[0].PlanTaskId);
        var audit = AuditOf(household.Id);
        Assert.Contains(audit, a => a is { EntityType: nameof(StayDebrief), Action: AuditAction.Added });
        Assert.Contains(audit, a => a is { Field: "PlanTask[Envoyer le CV à Rio Tinto]", Action: AuditAction.Added });
        await Assert.ThrowsAsync<DomainRuleException>(() =>
            Stays.AddNextStepToPlanAsync(debriefId, saved.Version, saved.NextSteps[0].Id, goal, null, null));
    }

    [Fact]
    public async Task Debrief_ForSomeoneElsesFile_IsRefusedAndLogged()
    {
        var household = await SaveAsync(Paul);
        Current.User = Paul;
        var stayId = await CompletedStayWithAsync(household.Id);
        Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Stays.RecordDebriefAsync(stayId, household.Id, new DebriefDetails(3, null, null, [])));

        await using var db = Database.CreateDbContext();
        Assert.True(await db.AccessLog.AnyAsync(a => a.HouseholdId == household.Id && a.UserId == Marie.Id && a.Action == AccessAction.Denied));
        Assert.False(await db.StayDebriefs.AnyAsync());
    }

    // ---------------------------------------------------------------------------------------------
    // Who may do what.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Counsellor_AddsOnlyTheirOwnFiles_SupervisorAny()
    {
        var mine = await SaveAsync(Marie);
        var paulsFile = await SaveAsync(Paul);
        var stayId = await PlanAsync();

        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), mine.Id, 1);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), paulsFile.Id, 1));
        Current.User = Supervisor;
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), paulsFile.Id, 1);

        Current.User = Marie;
        var view = await Stays.GetAsync(stayId);
        // Need to know: Paul's household is counted, never named, for Marie.
        var own = Assert.Single(view.Participants);
        Assert.Equal((mine.Id, mine.FileNumber, true), (own.HouseholdId, own.FileNumber, own.CanOpenFile));
        Assert.Equal((1, 1, 2, 2), (view.OtherHouseholds, view.OtherPeople, view.Households, view.People));
        Assert.DoesNotContain(paulsFile.Id.ToString(), System.Text.Json.JsonSerializer.Serialize(view), StringComparison.Ordinal);
        Assert.Contains(AuditOf(mine.Id), a => a is { EntityType: nameof(StayParticipant), Action: AuditAction.Added });
        await using var db = Database.CreateDbContext();
        var listed = await db.AccessLog.Where(a => a.Action == AccessAction.ParticipantListed && a.UserId == Marie.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(listed);
        Assert.All(listed, entry => Assert.Equal(mine.Id, entry.HouseholdId));
    }

    [Fact]
    public async Task GetAsync_AsTheSupervisor_NamesEveryParticipant()
    {
        var mine = await SaveAsync(Marie);
        var paulsFile = await SaveAsync(Paul);
        var stayId = await PlanAsync();
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), mine.Id, 1);
        Current.User = Supervisor;
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), paulsFile.Id, 1);

        var view = await Stays.GetAsync(stayId);

        Assert.Equal(2, view.Participants.Count);
        Assert.Equal(0, view.OtherHouseholds);
    }

    [Fact]
    public async Task Partner_SeesOnlyTheirStays_NamesAndPeopleCount_NoFileNoBudgetNoDebrief()
    {
        var household = await SaveAsync(Marie, b => b.WithProfile(p => p.WithSpouse()));
        var hosted = await PlanAsync(startInDays: -3, nights: 2);
        await Stays.AddParticipantAsync(hosted, await StayVersionAsync(hosted), household.Id, 2);
        await Stays.AddExpenseAsync(hosted, await StayVersionAsync(hosted), new ExpenseDetails(ExpenseCategory.Lodging, "Auberge", 640m, null));
        await Stays.CompleteAsync(hosted, await StayVersionAsync(hosted));
        await Stays.RecordDebriefAsync(hosted, household.Id, new DebriefDetails(2, "Rien de concret", "Loyers trop chers", ["Revoir le plan"]));
        var notHosted = await Stays.PlanAsync(Details(Other.Id));

        Current.User = HostUser;
        var list = await Stays.ListAsync(new StayFilter(), 0, 25);
        var view = await Stays.GetAsync(hosted);

        Assert.Equal([hosted], list.Items.Select(i => i.Id));
        Assert.Equal(1, list.Total);
        var participant = Assert.Single(view.Participants);
        Assert.Equal((household.PrimaryApplicant.LastName + ", " + household.PrimaryApplicant.FirstName, 2), (participant.Name, participant.PeopleCount));
        Assert.Equal((false, (string?)null, (int?)null, false, (DebriefView?)null), (participant.CanOpenFile, participant.FileNumber, participant.HouseholdSize, participant.HasDebrief, participant.Debrief));
        Assert.Null(view.Budget);
        Assert.Null(view.Notes);
        Assert.False(view.Can.SeeBudget || view.Can.EditDetails || view.Can.RecordDebriefs || view.Can.AddOwnFiles);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Stays.GetAsync(notHosted));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Stays.GetForHouseholdAsync(household.Id));
    }

    [Fact]
    public async Task Partner_RecordsAttendanceAndAgendaOfTheirStay_NothingElse()
    {
        var household = await SaveAsync(Marie);
        var other = await SaveAsync(Marie);
        var hosted = await PlanAsync(startInDays: 0, nights: 2);
        await Stays.AddParticipantAsync(hosted, await StayVersionAsync(hosted), household.Id, 1);
        var notHosted = await Stays.PlanAsync(Details(Other.Id, startInDays: 0));

        Current.User = HostUser;
        await Stays.RecordAttendanceAsync(hosted, await StayVersionAsync(hosted), household.Id, Attendance.Present);
        await Stays.AddAgendaItemAsync(hosted, await StayVersionAsync(hosted),
            new AgendaItemDetails(FixedContext.Today.AddDays(1), new TimeOnly(9, 30), AgendaItemKind.EmployerMeeting, "Rio Tinto, Jonquière", "M. Simard", null));
        var version = await StayVersionAsync(hosted);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Stays.AddParticipantAsync(hosted, version, other.Id, 1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Stays.CompleteAsync(hosted, version));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Stays.AddExpenseAsync(hosted, version, new ExpenseDetails(ExpenseCategory.Meals, null, 10m, null)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Stays.RecordWaiverAsync(household.Id, "Raison"));
        Current.User = OtherPartnerUser;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Stays.RecordAttendanceAsync(hosted, version, household.Id, Attendance.Absent));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Stays.AddAgendaItemAsync(hosted, version, new AgendaItemDetails(FixedContext.Today, null, AgendaItemKind.Visit, "Ailleurs", null, null)));
        Assert.Single((await Stays.ListAsync(new StayFilter(), 0, 25)).Items, i => i.Id == notHosted);

        Current.User = Marie;
        var view = await Stays.GetAsync(hosted);
        Assert.Equal(Attendance.Present, Assert.Single(view.Participants).Attendance);
        Assert.Equal("Rio Tinto, Jonquière", Assert.Single(view.Agenda).Place);
        Assert.Contains(AuditOf(household.Id), a =>
            a.Field == $"StayParticipant[{hosted}].Attendance" && a is { OldValue: "Unknown", NewValue: "Present", UserName: "Josée Bélanger" });
    }

    [Fact]
    public async Task PlanAsync_PartnerOfAnotherRegionOrAPartnerUser_IsRefused()
    {
        await using (var db = Database.CreateDbContext())
        {
            var estrie = await TestPartners.CreateAsync(db, "Accueil Estrie", "05", "Sherbrooke");
            var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Stays.PlanAsync(Details(estrie.Id)));
            Assert.Equal("Stay.PartnerNotInRegion", Assert.Single(refused.Refusals).Code);
        }

        Current.User = HostUser;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Stays.PlanAsync(Details(Host.Id)));
        await using var check = Database.CreateDbContext();
        Assert.False(await check.Stays.AnyAsync());
    }

    // ---------------------------------------------------------------------------------------------
    // Concurrency, list.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task EditStay_TwoPeopleFromTheSameVersion_TheSecondIsRefusedAndChangesNothing()
    {
        var stayId = await PlanAsync();
        var seen = await StayVersionAsync(stayId);

        await Stays.UpdateDetailsAsync(stayId, seen, Details(Host.Id) with { LodgingPlace = "Hôtel Chicoutimi" });
        Current.User = HostUser;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Stays.AddAgendaItemAsync(stayId, seen, new AgendaItemDetails(FixedContext.Today.AddDays(10), null, AgendaItemKind.Visit, "Centre-ville", null, null)));
        Current.User = Supervisor;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Stays.UpdateDetailsAsync(stayId, seen, Details(Host.Id) with { LodgingPlace = "Motel" }));

        var view = await Stays.GetAsync(stayId);
        Assert.Equal("Hôtel Chicoutimi", view.LodgingPlace);
        Assert.Empty(view.Agenda);
    }

    [Fact]
    public async Task ListAsync_FiltersByStatusRegionAndDates_PagesInTheDatabase()
    {
        var early = await PlanAsync(startInDays: 5);
        var late = await PlanAsync(startInDays: 40);
        var cancelled = await PlanAsync(startInDays: 20);
        await Stays.CancelAsync(cancelled, await StayVersionAsync(cancelled), "Tempête");

        var planned = await Stays.ListAsync(new StayFilter(Status: StayStatus.Planned), 0, 25, StaySort.StartOn, descending: false);
        var window = await Stays.ListAsync(new StayFilter(From: FixedContext.Today.AddDays(15), To: FixedContext.Today.AddDays(30)), 0, 25);
        var otherRegion = await Stays.ListAsync(new StayFilter(RegionCode: "05"), 0, 25);
        var secondPage = await Stays.ListAsync(new StayFilter(), 1, 2, StaySort.StartOn, descending: true);

        Assert.Equal([early, late], planned.Items.Select(i => i.Id));
        Assert.Equal([cancelled], window.Items.Select(i => i.Id));
        Assert.Empty(otherRegion.Items);
        Assert.Equal(3, secondPage.Total);
        Assert.Equal([early], secondPage.Items.Select(i => i.Id));
        Assert.Equal(("Accueil Saguenay", 0), (planned.Items[0].HostPartnerName, planned.Items[0].People));
    }

    private async Task<Guid> CompletedStayWithAsync(Guid householdId)
    {
        var stayId = await PlanAsync(startInDays: -4, nights: 2);
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), householdId, 1);
        await Stays.CompleteAsync(stayId, await StayVersionAsync(stayId));
        return stayId;
    }
}
