using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Sessions;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Subsidies;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Sessions;

/// <summary>Attendance recorded after the fact: at a past session of the program, and at a session outside the system.</summary>
public sealed class SessionAfterwardsTests(DatabaseFixture database) : SessionTestBase(database)
{
    private SubsidyService Subsidies => new(Database.ContextFactory, Access, new AppClock(Time), new SubsidySettings(64 * 1024), NullLogger<SubsidyService>.Instance);

    [Fact]
    public async Task RecordPastAttendanceAsync_HouseholdNotRegisteredAtAFullPastSession_RecordsItPresentAfterwardsAndTheStageMayAdvance()
    {
        var session = await PlanAsync(capacity: 1);
        var seated = await HouseholdAsync(Marie, "Haddad");
        var walkIn = await HouseholdAsync(Marie, "Diallo");
        await Sessions.RegisterAsync(session, seated.Id);
        MoveTo(NextWeek.AddDays(10));
        Assert.Contains(await Sessions.PastForAsync(walkIn.Id), s => s.Id == session);

        await Sessions.RecordPastAttendanceAsync(session, walkIn.Id);

        var row = Assert.Single(await Sessions.ForHouseholdAsync(walkIn.Id));
        Assert.Equal((RegistrationStatus.Registered, Attendance.Present, true, Marie.DisplayName, Time.GetUtcNow()),
            (row.Status, row.Attendance, row.RecordedAfterwards, row.AttendanceRecordedBy, row.AttendanceRecordedAt));
        Assert.DoesNotContain(await Sessions.PastForAsync(walkIn.Id), s => s.Id == session);
        Assert.Contains(AuditOf(walkIn.Id), a => a is { EntityType: nameof(SessionRegistration), Action: AuditAction.Added } && a.UserId == Marie.Id);
        await Service.ApplyTransitionAsync(walkIn.Id, await VersionOfAsync(walkIn.Id), new AdvanceRequest(Stage.ExploratoryStay));
        Assert.Equal(Stage.ExploratoryStay, (await Service.GetAsync(walkIn.Id, "test")).Household.Stage);
        await using var db = Database.CreateDbContext();
        Assert.Equal(SessionStatus.Held, await db.InfoSessions.Where(s => s.Id == session).Select(s => s.Status).SingleAsync());
    }

    [Fact]
    public async Task RecordPastAttendanceAsync_WaitListedHousehold_BecomesASeatMarkedPresent()
    {
        var session = await PlanAsync(capacity: 1);
        var seated = await HouseholdAsync(Marie, "Haddad");
        var waiting = await HouseholdAsync(Marie, "Diallo");
        await Sessions.RegisterAsync(session, seated.Id);
        var wait = await Sessions.RegisterAsync(session, waiting.Id);
        MoveTo(NextWeek.AddHours(3));

        var recorded = await Sessions.RecordPastAttendanceAsync(session, waiting.Id);

        Assert.Equal(wait.RegistrationId, recorded);
        var row = Assert.Single(await Sessions.ForHouseholdAsync(waiting.Id));
        Assert.Equal((RegistrationStatus.Registered, Attendance.Present, false), (row.Status, row.Attendance, row.RecordedAfterwards));
        var again = await Assert.ThrowsAsync<DomainRuleException>(() => Sessions.RecordPastAttendanceAsync(session, waiting.Id));
        Assert.Equal("Session.AlreadyPresent", Assert.Single(again.Refusals).Code);
    }

    [Fact]
    public async Task RecordPastAttendanceAsync_SessionNotStartedOrCancelledOrFileOfAnother_IsRefusedAndNothingSaved()
    {
        var ahead = await PlanAsync();
        var household = await HouseholdAsync(Marie, "Diallo");

        var early = await Assert.ThrowsAsync<DomainRuleException>(() => Sessions.RecordPastAttendanceAsync(ahead, household.Id));
        Assert.Equal("Session.AttendanceBeforeStart", Assert.Single(early.Refusals).Code);
        Current.User = Paul;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.RecordPastAttendanceAsync(ahead, household.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.PastForAsync(household.Id));

        await using var db = Database.CreateDbContext();
        Assert.False(await db.SessionRegistrations.AnyAsync());
    }

    [Fact]
    public async Task RecordExternalAsync_SessionOutsideTheSystem_CountsForTheStageAndTheSubsidysParticipationAlike()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy).WithProfile(p => p
            .With(profile => profile.ImmigrationStatusCode = "permanent-resident")));
        var application = await Subsidies.StartAsync(household.Id, new SubsidyApplicationDetails("01", "Rimouski", FixedContext.Today.AddDays(30), 2400m, null));
        Assert.Equal("Criterion.ProgramParticipation.NoPlanNoSession", await ParticipationAsync(household.Id));

        var id = await Sessions.RecordExternalAsync(household.Id, new ExternalSessionDetails(Rimouski.Id, null, FixedContext.Today.AddDays(-20), "01"));

        // The plan is still missing; the session part of the criterion is met by the session outside the system.
        Assert.Equal("Criterion.ProgramParticipation.NoAgreedPlan", await ParticipationAsync(household.Id));
        var row = Assert.Single(await Sessions.ExternalForAsync(household.Id));
        Assert.Equal((id, Rimouski.Name, FixedContext.Today.AddDays(-20), "01", Marie.DisplayName),
            (row.Id, row.OrganizerName, row.AttendedOn, row.RegionCode, row.RecordedByName));
        Assert.Contains(AuditOf(household.Id), a => a is { EntityType: nameof(ExternalSessionAttendance), Action: AuditAction.Added } && a.UserId == Marie.Id);
        Assert.NotEqual(Guid.Empty, application);
    }

    [Fact]
    public async Task RecordExternalAsync_ThenRemoved_TheInfoSessionStageRequirementFollows()
    {
        var household = await HouseholdAsync(Marie, "Diallo");
        var id = await Sessions.RecordExternalAsync(household.Id, new ExternalSessionDetails(null, "Carrefour jeunesse-emploi de Rimouski", FixedContext.Today, "01"));
        Assert.Empty((await Service.GetAsync(household.Id, "test")).AdvanceDecision(FixedContext.Today).Refusals);

        await Sessions.RemoveExternalAsync(household.Id, id);

        Assert.Equal("Workflow.Requirement.SessionAttended",
            Assert.Single((await Service.GetAsync(household.Id, "test")).AdvanceDecision(FixedContext.Today).Refusals).Code);
        Assert.Contains(AuditOf(household.Id), a => a is { EntityType: nameof(ExternalSessionAttendance), Action: AuditAction.Deleted });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Sessions.RemoveExternalAsync(household.Id, id));
    }

    [Theory]
    [InlineData(null, 0, "01", "Session.External.OrganizerRequired")]
    [InlineData("Carrefour", 1, "01", "Session.External.DateInFuture")]
    [InlineData("Carrefour", 0, "06", "Session.UnknownRegion")]
    [InlineData("Carrefour", 0, null, "Session.RegionRequired")]
    [InlineData("Carrefour", -2000, "01", "Session.External.DateTooOld")]
    public async Task RecordExternalAsync_BadInput_IsRefusedWithItsReasonAndNothingSaved(string? organizer, int daysFromToday, string? region, string code)
    {
        var household = await HouseholdAsync(Marie, "Diallo");

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Sessions.RecordExternalAsync(household.Id, new ExternalSessionDetails(null, organizer, FixedContext.Today.AddDays(daysFromToday), region)));

        Assert.Equal(code, Assert.Single(refused.Refusals).Code);
        await using var db = Database.CreateDbContext();
        Assert.False(await db.ExternalSessionAttendances.AnyAsync());
    }

    [Fact]
    public async Task RecordExternalAsync_OrganizerTooLongOrFileOfAnother_IsRefused()
    {
        var household = await HouseholdAsync(Marie, "Diallo");
        var tooLong = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Sessions.RecordExternalAsync(household.Id, new ExternalSessionDetails(null, new string('x', ExternalSessionAttendance.MaxOrganizerLength + 1), FixedContext.Today, "01")));
        Assert.Equal("Session.TextTooLong", Assert.Single(tooLong.Refusals).Code);

        Current.User = Paul;
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Sessions.RecordExternalAsync(household.Id, new ExternalSessionDetails(null, "Carrefour", FixedContext.Today, "01")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.ExternalForAsync(household.Id));
    }

    private async Task<string> ParticipationAsync(Guid householdId)
    {
        var view = Assert.Single((await Subsidies.GetForHouseholdAsync(householdId)).Applications);
        return Assert.Single(view.Evaluation.Results, r => r.Criterion == SubsidyCriterion.ProgramParticipation).ReasonCode;
    }
}
