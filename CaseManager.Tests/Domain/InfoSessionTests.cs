using CaseManager.Domain.Common;
using CaseManager.Domain.Sessions;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Domain;

public sealed class InfoSessionTests
{
    private static readonly DateTimeOffset InTwoWeeks = FixedContext.Now.AddDays(14);

    private static SessionDetails Details(int capacity = 2, SessionFormat format = SessionFormat.InPerson) => new(
        " Vivre au Bas-Saint-Laurent ", ["01", "01"], [], InTwoWeeks, 120, format,
        format == SessionFormat.InPerson ? "1100, rue Sainte-Catherine, Montréal" : null,
        format == SessionFormat.Online ? "https://meet.example.org/bsl" : null, "fr", capacity);

    private static InfoSession Planned(int capacity = 2) => InfoSession.Plan(Details(capacity), FixedContext.Default);

    private static ActionContext AfterStart => FixedContext.As(FixedContext.Counsellor) with { Now = InTwoWeeks.AddMinutes(30) };

    [Fact]
    public void Plan_ValidDetails_IsScheduledWithTrimmedTextsAndDistinctRegions()
    {
        var session = Planned();

        Assert.Equal((SessionStatus.Scheduled, "Vivre au Bas-Saint-Laurent", 2), (session.Status, session.Title, session.Capacity));
        Assert.Equal(["01"], session.RegionCodes);
        Assert.Equal(InTwoWeeks.AddMinutes(120), session.EndsAt);
    }

    public static TheoryData<string, Func<SessionDetails, SessionDetails>> Broken() => new()
    {
        { "Session.TitleRequired", d => d with { Title = " " } },
        { "Session.RegionRequired", d => d with { RegionCodes = [] } },
        { "Session.DurationOutOfRange(15, 600)", d => d with { DurationMinutes = 10 } },
        { "Session.CapacityOutOfRange(1, 500)", d => d with { Capacity = 0 } },
        { "Session.LanguageRequired", d => d with { Language = "" } },
        { "Session.AddressRequired", d => d with { Address = null } },
        { "Session.LinkRequired", d => d with { Format = SessionFormat.Online, OnlineLink = null } },
        { "Session.LinkInvalid", d => d with { Format = SessionFormat.Online, OnlineLink = "meet.example.org" } },
        { "Session.StartInPast", d => d with { StartsAt = FixedContext.Now.AddMinutes(-1) } },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Plan_BrokenRule_IsRefusedWithItsCode(string expected, Func<SessionDetails, SessionDetails> breakIt)
    {
        var refused = Assert.Throws<DomainRuleException>(() => InfoSession.Plan(breakIt(Details()), FixedContext.Default));

        Assert.Contains(expected, refused.Refusals.Select(r => r.ToString()));
    }

    [Fact]
    public void Register_BeyondCapacity_GoesToTheWaitingListInOrder()
    {
        var session = Planned(capacity: 2);

        var statuses = Enumerable.Range(0, 4).Select(i => session.Register(Guid.NewGuid(), FixedContext.Default with { Now = FixedContext.Now.AddMinutes(i) }).Status).ToList();

        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.WaitListed, RegistrationStatus.WaitListed], statuses);
        Assert.Equal((2, 0), (session.SeatsTaken, session.SeatsLeft));
    }

    [Fact]
    public void Register_SameHouseholdTwice_IsRefused()
    {
        var session = Planned();
        var household = Guid.NewGuid();
        session.Register(household, FixedContext.Default);

        Assert.Equal("Session.AlreadyRegistered", Assert.Single(Assert.Throws<DomainRuleException>(() => session.Register(household, FixedContext.Default)).Refusals).Code);
    }

    [Fact]
    public void Register_AfterTheStart_IsRefused()
    {
        var session = Planned();

        Assert.Equal("Session.AlreadyStarted", Assert.Single(Assert.Throws<DomainRuleException>(() => session.Register(Guid.NewGuid(), AfterStart)).Refusals).Code);
    }

    [Fact]
    public void CancelRegistration_OfASeat_PromotesTheFirstOnTheWaitingList()
    {
        var session = Planned(capacity: 1);
        var seated = session.Register(Guid.NewGuid(), FixedContext.Default);
        var first = session.Register(Guid.NewGuid(), FixedContext.Default with { Now = FixedContext.Now.AddMinutes(1) });
        var second = session.Register(Guid.NewGuid(), FixedContext.Default with { Now = FixedContext.Now.AddMinutes(2) });

        var promoted = session.CancelRegistration(seated.Id, FixedContext.Default);

        Assert.Same(first, promoted);
        Assert.Equal(
            [RegistrationStatus.Cancelled, RegistrationStatus.Registered, RegistrationStatus.WaitListed],
            new[] { seated, first, second }.Select(r => r.Status));
        Assert.NotNull(first.PromotedAt);
    }

    [Fact]
    public void CancelRegistration_OfTheWaitingList_PromotesNobody()
    {
        var session = Planned(capacity: 1);
        session.Register(Guid.NewGuid(), FixedContext.Default);
        var waiting = session.Register(Guid.NewGuid(), FixedContext.Default);

        Assert.Null(session.CancelRegistration(waiting.Id, FixedContext.Default));
        Assert.Equal(RegistrationStatus.Cancelled, waiting.Status);
    }

    [Fact]
    public void Change_LargerCapacity_PromotesTheWaitingList()
    {
        var session = Planned(capacity: 1);
        session.Register(Guid.NewGuid(), FixedContext.Default);
        var waiting = session.Register(Guid.NewGuid(), FixedContext.Default);

        var promoted = session.Change(Details(capacity: 3), FixedContext.Default);

        Assert.Equal([waiting], promoted);
        Assert.Equal(RegistrationStatus.Registered, waiting.Status);
    }

    [Fact]
    public void Change_CapacityBelowTheSeatsTaken_IsRefused()
    {
        var session = Planned(capacity: 2);
        session.Register(Guid.NewGuid(), FixedContext.Default);
        session.Register(Guid.NewGuid(), FixedContext.Default);

        var refused = Assert.Throws<DomainRuleException>(() => session.Change(Details(capacity: 1), FixedContext.Default));

        Assert.Equal("Session.CapacityBelowRegistered(2)", Assert.Single(refused.Refusals).ToString());
        Assert.Equal(2, session.Capacity);
    }

    [Fact]
    public void RecordAttendance_AfterTheStart_RecordsItAndTheSessionIsHeld()
    {
        var session = Planned();
        var registration = session.Register(Guid.NewGuid(), FixedContext.Default);

        session.RecordAttendance(registration.Id, Attendance.Present, AfterStart);

        Assert.Equal((Attendance.Present, SessionStatus.Held), (registration.Attendance, session.Status));
        Assert.Equal("Marie Tremblay", registration.AttendanceRecordedBy);
    }

    [Fact]
    public void RecordAttendance_BeforeTheStart_IsRefused()
    {
        var session = Planned();
        var registration = session.Register(Guid.NewGuid(), FixedContext.Default);

        Assert.Equal("Session.AttendanceBeforeStart",
            Assert.Single(Assert.Throws<DomainRuleException>(() => session.RecordAttendance(registration.Id, Attendance.Present, FixedContext.Default)).Refusals).Code);
        Assert.Null(registration.Attendance);
    }

    [Fact]
    public void RecordAttendance_OfTheWaitingList_IsRefused()
    {
        var session = Planned(capacity: 1);
        session.Register(Guid.NewGuid(), FixedContext.Default);
        var waiting = session.Register(Guid.NewGuid(), FixedContext.Default);

        Assert.Equal("Session.AttendanceNeedsSeat",
            Assert.Single(Assert.Throws<DomainRuleException>(() => session.RecordAttendance(waiting.Id, Attendance.Present, AfterStart)).Refusals).Code);
    }

    [Fact]
    public void Cancel_WithAReason_ReturnsSeatsAndWaitingListAndRefusesWhatFollows()
    {
        var session = Planned(capacity: 1);
        var seated = session.Register(Guid.NewGuid(), FixedContext.Default);
        var waiting = session.Register(Guid.NewGuid(), FixedContext.Default);
        var withdrawn = session.Register(Guid.NewGuid(), FixedContext.Default);
        session.CancelRegistration(withdrawn.Id, FixedContext.Default);

        var told = session.Cancel("  Animatrice malade ", FixedContext.Default);

        Assert.Equal([seated, waiting], told);
        Assert.Equal((SessionStatus.Cancelled, "Animatrice malade"), (session.Status, session.CancellationReason));
        Assert.Equal("Session.Cancelled", Assert.Single(Assert.Throws<DomainRuleException>(() => session.Register(Guid.NewGuid(), FixedContext.Default)).Refusals).Code);
        Assert.Equal("Session.Cancelled", Assert.Single(Assert.Throws<DomainRuleException>(() => session.RecordAttendance(seated.Id, Attendance.Present, AfterStart)).Refusals).Code);
    }

    [Fact]
    public void Cancel_WithoutAReason_IsRefusedAndStaysScheduled()
    {
        var session = Planned();

        Assert.Throws<DomainRuleException>(() => session.Cancel(" ", FixedContext.Default));
        Assert.Equal(SessionStatus.Scheduled, session.Status);
    }
}
