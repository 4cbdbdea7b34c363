using CaseManager.Domain.Households;
using CaseManager.Domain.Stays;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Stays;
using CaseManager.Web.Features.Timeline;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Web.Timeline;

/// <summary>Exploratory stays on a file's timeline: booked ones coming, completed ones and debriefs past.</summary>
public sealed class TimelineStaysTests(DatabaseFixture database) : StayServiceTestBase(database)
{
    private TimelineService Timeline => new(Database.ContextFactory, Access, new AppClock(Time));

    [Fact]
    public async Task GetAsync_StaysTheHouseholdIsBookedOn_AreComingOnTheirFirstDay_CancelledOnesAreNot()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));
        var confirmed = await PlanAsync(startInDays: 20, nights: 3);
        await Stays.AddParticipantAsync(confirmed, await StayVersionAsync(confirmed), household.Id, 1);
        await Stays.ConfirmAsync(confirmed, await StayVersionAsync(confirmed));
        var planned = await PlanAsync(startInDays: 5, nights: 1);
        await Stays.AddParticipantAsync(planned, await StayVersionAsync(planned), household.Id, 1);
        var cancelled = await PlanAsync(startInDays: 8, nights: 1);
        await Stays.AddParticipantAsync(cancelled, await StayVersionAsync(cancelled), household.Id, 1);
        await Stays.CancelAsync(cancelled, await StayVersionAsync(cancelled), "Le partenaire n'a plus de places");
        var someoneElses = await PlanAsync(startInDays: 6, nights: 1);
        await Stays.AddParticipantAsync(someoneElses, await StayVersionAsync(someoneElses), (await SaveAsync(Marie)).Id, 1);

        var timeline = await Timeline.GetAsync(household.Id);

        var stays = timeline.Upcoming.Where(e => e.Kind == TimelineEntryKind.StayComing).ToList();
        Assert.Equal([planned, confirmed], stays.Select(e => e.StayId!.Value));
        var first = stays[1];
        Assert.Equal(
            (FixedContext.Today.AddDays(20), FixedContext.Today.AddDays(23), "02", "Accueil Saguenay", StayStatus.Confirmed, 1, false),
            (first.Day, first.Date!.Value, first.RegionCode, first.PartnerName, first.StayStatus!.Value, first.PeopleCount!.Value, first.Overdue));
        Assert.Equal(StayStatus.Planned, stays[0].StayStatus);
        Assert.DoesNotContain(timeline.Past, e => e.StayId is not null);
    }

    [Fact]
    public async Task GetAsync_OpenStayWhoseLastDayPassed_IsOverdue_OneUnderWayIsNot()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));
        var ended = await PlanAsync(startInDays: -5, nights: 2);
        await Stays.AddParticipantAsync(ended, await StayVersionAsync(ended), household.Id, 1);
        var underWay = await PlanAsync(startInDays: -1, nights: 2);
        await Stays.AddParticipantAsync(underWay, await StayVersionAsync(underWay), household.Id, 1);

        var timeline = await Timeline.GetAsync(household.Id);

        var stays = timeline.Upcoming.Where(e => e.Kind == TimelineEntryKind.StayComing).ToDictionary(e => e.StayId!.Value);
        Assert.True(stays[ended].Overdue);
        Assert.False(stays[underWay].Overdue);
    }

    [Fact]
    public async Task GetAsync_CompletedStaysWithAttendanceAndTheDebrief_AreInThePastNewestFirst()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));
        var companion = await SaveAsync(Marie);
        var missed = await PlanAsync(startInDays: -30, nights: 2);
        await Stays.AddParticipantAsync(missed, await StayVersionAsync(missed), household.Id, 1);
        await Stays.AddParticipantAsync(missed, await StayVersionAsync(missed), companion.Id, 1);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Stays.RecordAttendanceAsync(missed, await StayVersionAsync(missed), household.Id, Attendance.Absent);
        await Stays.CompleteAsync(missed, await StayVersionAsync(missed));
        var attended = await PlanAsync(startInDays: -4, nights: 2);
        await Stays.AddParticipantAsync(attended, await StayVersionAsync(attended), household.Id, 1);
        await Stays.CompleteAsync(attended, await StayVersionAsync(attended));
        Time.Advance(TimeSpan.FromMinutes(1));
        await Stays.RecordDebriefAsync(attended, household.Id,
            new DebriefDetails(4, "Rio Tinto embauche", null, ["Envoyer le CV à Rio Tinto", "Visiter l'école"], "Très motivés"));

        var timeline = await Timeline.GetAsync(household.Id);

        var stays = timeline.Past.Where(e => e.StayId is not null).ToList();
        Assert.Equal(
            [(TimelineEntryKind.StayDebriefed, attended), (TimelineEntryKind.StayCompleted, attended), (TimelineEntryKind.StayCompleted, missed)],
            stays.Select(e => (e.Kind, e.StayId!.Value)));
        var debrief = stays[0];
        Assert.Equal((4, "02", "Marie Tremblay", "Très motivés"), (debrief.Interest!.Value, debrief.RegionCode, debrief.Actor, debrief.Text));
        Assert.Equal(["Envoyer le CV à Rio Tinto", "Visiter l'école"], debrief.Titles);
        Assert.Equal((FixedContext.Today.AddDays(-2), Attendance.Present, 1, "Accueil Saguenay"),
            (stays[1].Day, stays[1].Attendance!.Value, stays[1].PeopleCount!.Value, stays[1].PartnerName));
        Assert.Equal((FixedContext.Today.AddDays(-28), Attendance.Absent), (stays[2].Day, stays[2].Attendance!.Value));
        Assert.DoesNotContain(timeline.Upcoming, e => e.StayId is not null);
    }

    [Fact]
    public async Task GetAsync_AnotherCounsellorsFileWithStays_IsRefused()
    {
        var household = await SaveAsync(Paul, b => b.AtStage(Stage.ExploratoryStay));
        Current.User = Paul;
        var stayId = await PlanAsync();
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), household.Id, 1);
        Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Timeline.GetAsync(household.Id));
    }
}
