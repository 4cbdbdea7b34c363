using CaseManager.Domain.Common;
using CaseManager.Domain.Stays;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Domain;

/// <summary>An exploratory stay: its status moves, participants, agenda, budget, and its debriefs.</summary>
public sealed class StayTests
{
    private static readonly DateOnly Today = FixedContext.Today;
    private static readonly ActionContext Now = FixedContext.Default;
    private static readonly Guid Partner = Guid.Parse("0199a6f3-0000-7000-8000-0000000000aa");
    private static readonly Guid Diallo = Guid.Parse("0199a6f3-0000-7000-8000-000000000001");
    private static readonly Guid Nguyen = Guid.Parse("0199a6f3-0000-7000-8000-000000000002");

    private static StayDetails Details(int startInDays = 10, int nights = 2) =>
        new("02", Partner, Today.AddDays(startInDays), Today.AddDays(startInDays + nights), TransportMode.Bus, "Autocar Orléans Express", "Auberge de Jonquière");

    private static ExploratoryStay NewStay(int startInDays = 10, int nights = 2) => ExploratoryStay.Plan(Details(startInDays, nights), FixedContext.DaysFromToday(-30));

    private static string Codes(DomainRuleException refused) => string.Join(" ", refused.Refusals.Select(r => r.Code));

    /// <summary>A stay that ended <paramref name="endedDaysAgo"/> days ago with Diallo (4 people) on it.</summary>
    private static ExploratoryStay PastStay(int endedDaysAgo = 1)
    {
        var stay = NewStay(-endedDaysAgo - 2);
        stay.AddParticipant(Diallo, 3, 4, Now);
        return stay;
    }

    // ---------------------------------------------------------------------------------------------
    // Planning.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Plan_ValidDetails_IsPlannedWithTrimmedTexts()
    {
        var stay = ExploratoryStay.Plan(Details() with { LodgingPlace = "  Auberge  ", Notes = "   " }, Now);

        Assert.Equal((StayStatus.Planned, "02", Partner, 2), (stay.Status, stay.RegionCode, stay.HostPartnerId, stay.Nights));
        Assert.Equal(("Auberge", (string?)null), (stay.LodgingPlace, stay.Notes));
        Assert.Equal(FixedContext.Counsellor.Id, stay.CreatedById);
    }

    [Theory]
    [InlineData("", true, 0, "Stay.RegionRequired")]
    [InlineData("02", false, 0, "Stay.HostPartnerRequired")]
    [InlineData("02", true, -1, "Stay.EndBeforeStart")]
    [InlineData(" ", false, -1, "Stay.RegionRequired Stay.HostPartnerRequired Stay.EndBeforeStart")]
    public void Plan_BadDetails_AllRefusalsAtOnce(string region, bool withPartner, int nights, string expected)
    {
        var details = new StayDetails(region, withPartner ? Partner : Guid.Empty, Today, Today.AddDays(nights));

        var refused = Assert.Throws<DomainRuleException>(() => ExploratoryStay.Plan(details, Now));

        Assert.Equal(expected, Codes(refused));
    }

    [Fact]
    public void UpdateDetails_MovingTheDatesAwayFromTheAgenda_IsRefusedAndChangesNothing()
    {
        var stay = NewStay();
        stay.AddAgendaItem(new AgendaItemDetails(Today.AddDays(11), new TimeOnly(9, 0), AgendaItemKind.EmployerMeeting, "Usine Rio Tinto", "M. Simard", null), Now);

        var refused = Assert.Throws<DomainRuleException>(() => stay.UpdateDetails(Details(startInDays: 20), Now));

        Assert.Equal("Stay.AgendaOutsideDates", Codes(refused));
        Assert.Equal(Today.AddDays(10), stay.StartOn);
    }

    // ---------------------------------------------------------------------------------------------
    // Status moves.
    // ---------------------------------------------------------------------------------------------

    public static TheoryData<StayStatus, string, StayStatus, string?> StatusMoves() => new()
    {
        // From Planned.
        { StayStatus.Planned, "confirm", StayStatus.Confirmed, null },
        { StayStatus.Planned, "complete", StayStatus.Completed, null },
        { StayStatus.Planned, "cancel", StayStatus.Cancelled, null },
        // From Confirmed.
        { StayStatus.Confirmed, "confirm", StayStatus.Confirmed, "Stay.IllegalTransition" },
        { StayStatus.Confirmed, "complete", StayStatus.Completed, null },
        { StayStatus.Confirmed, "cancel", StayStatus.Cancelled, null },
        // From Completed: nothing moves.
        { StayStatus.Completed, "confirm", StayStatus.Completed, "Stay.IllegalTransition" },
        { StayStatus.Completed, "complete", StayStatus.Completed, "Stay.Completed" },
        { StayStatus.Completed, "cancel", StayStatus.Completed, "Stay.Completed" },
        // From Cancelled: nothing moves.
        { StayStatus.Cancelled, "confirm", StayStatus.Cancelled, "Stay.IllegalTransition" },
        { StayStatus.Cancelled, "complete", StayStatus.Cancelled, "Stay.Cancelled" },
        { StayStatus.Cancelled, "cancel", StayStatus.Cancelled, "Stay.Cancelled" },
    };

    [Theory]
    [MemberData(nameof(StatusMoves))]
    public void StatusMove_FromEachStatus_LegalOrRefused(StayStatus from, string move, StayStatus expected, string? refusal)
    {
        var stay = PastStay();
        Bring(stay, from);

        var error = Record.Exception(() => Move(stay, move));

        Assert.Equal(expected, stay.Status);
        Assert.Equal(refusal, (error as DomainRuleException)?.Refusals[0].Code);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(0, null)]
    [InlineData(-1, "Stay.CompleteBeforeEnd")]
    [InlineData(-5, "Stay.CompleteBeforeEnd")]
    public void Complete_OnlyFromTheLastDayOn(int endedDaysAgo, string? refusal)
    {
        var stay = NewStay(-endedDaysAgo - 2);
        stay.AddParticipant(Diallo, 2, 4, FixedContext.DaysFromToday(-40));

        var error = Record.Exception(() => stay.Complete(Now));

        Assert.Equal(refusal, (error as DomainRuleException)?.Refusals[0].Code);
        Assert.Equal(refusal is null ? StayStatus.Completed : StayStatus.Planned, stay.Status);
    }

    [Fact]
    public void Complete_WithoutParticipantsOrWithEveryoneAbsent_IsRefused()
    {
        var empty = NewStay(-5);
        var absent = PastStay();
        absent.RecordAttendance(Diallo, Attendance.Absent, Now);

        Assert.Equal("Stay.NoParticipants", Codes(Assert.Throws<DomainRuleException>(() => empty.Complete(Now))));
        Assert.Equal("Stay.NobodyAttended", Codes(Assert.Throws<DomainRuleException>(() => absent.Complete(Now))));
    }

    [Fact]
    public void Complete_AttendanceNotRecorded_CountsAsPresentAbsentStaysAbsent()
    {
        var stay = PastStay();
        stay.AddParticipant(Nguyen, 1, 1, Now);
        stay.RecordAttendance(Nguyen, Attendance.Absent, Now);

        stay.Complete(Now);

        Assert.Equal([Attendance.Present, Attendance.Absent], stay.Participants.Select(p => p.Attendance));
        Assert.Equal(Today, stay.CompletedOn);
    }

    [Fact]
    public void Cancel_WithoutAReason_IsRefused()
    {
        var stay = NewStay();

        Assert.Equal("Stay.CancellationReasonRequired", Codes(Assert.Throws<DomainRuleException>(() => stay.Cancel("  ", Now))));
        Assert.Equal(StayStatus.Planned, stay.Status);
        stay.Cancel(" Partenaire indisponible ", Now);
        Assert.Equal((StayStatus.Cancelled, "Partenaire indisponible"), (stay.Status, stay.CancellationReason));
    }

    // ---------------------------------------------------------------------------------------------
    // Participants and attendance.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void AddParticipant_TwoHouseholds_CountsTheirPeople()
    {
        var stay = NewStay();

        var diallo = stay.AddParticipant(Diallo, 3, 4, Now);
        stay.AddParticipant(Nguyen, 1, 1, Now);

        Assert.Equal((Diallo, stay.Id, 3, Attendance.Unknown), (diallo.HouseholdId, diallo.StayId, diallo.PeopleCount, diallo.Attendance));
        Assert.Equal(4, stay.PeopleCount);
    }

    [Theory]
    [InlineData(0, 4, "Stay.PeopleCountAtLeastOne")]
    [InlineData(5, 4, "Stay.PeopleCountAboveHouseholdSize")]
    public void AddParticipant_MorePeopleThanTheHouseholdOrNone_IsRefused(int people, int size, string refusal)
    {
        var stay = NewStay();

        Assert.Equal(refusal, Codes(Assert.Throws<DomainRuleException>(() => stay.AddParticipant(Diallo, people, size, Now))));
        Assert.Empty(stay.Participants);
    }

    [Fact]
    public void AddParticipant_Twice_OrToAClosedStay_IsRefused()
    {
        var stay = PastStay();
        Assert.Equal("Stay.AlreadyParticipating", Codes(Assert.Throws<DomainRuleException>(() => stay.AddParticipant(Diallo, 1, 4, Now))));
        stay.Complete(Now);
        Assert.Equal("Stay.Completed", Codes(Assert.Throws<DomainRuleException>(() => stay.AddParticipant(Nguyen, 1, 1, Now))));
        Assert.Equal("Stay.Completed", Codes(Assert.Throws<DomainRuleException>(() => stay.RemoveParticipant(Diallo, Now))));
    }

    [Fact]
    public void RecordAttendance_BeforeTheFirstDay_IsRefused()
    {
        var stay = NewStay();
        stay.AddParticipant(Diallo, 2, 4, Now);

        Assert.Equal("Stay.AttendanceBeforeStart", Codes(Assert.Throws<DomainRuleException>(() => stay.RecordAttendance(Diallo, Attendance.Present, Now))));
        Assert.Equal("Stay.NotParticipating", Codes(Assert.Throws<DomainRuleException>(() => stay.RecordAttendance(Nguyen, Attendance.Unknown, Now))));
    }

    // ---------------------------------------------------------------------------------------------
    // Agenda and budget.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Agenda_ItemsOutsideTheDatesOrWithoutAPlace_AreRefused_OthersReadInOrder()
    {
        var stay = NewStay();
        stay.AddAgendaItem(new AgendaItemDetails(Today.AddDays(11), new TimeOnly(14, 0), AgendaItemKind.Visit, "Logements du centre-ville", null, null), Now);
        stay.AddAgendaItem(new AgendaItemDetails(Today.AddDays(11), new TimeOnly(9, 30), AgendaItemKind.EmployerMeeting, "Usine", "M. Simard", null), Now);
        stay.AddAgendaItem(new AgendaItemDetails(Today.AddDays(10), null, AgendaItemKind.LocalActorMeeting, "Hôtel de ville", "Mairesse", null), Now);

        var outside = Assert.Throws<DomainRuleException>(() =>
            stay.AddAgendaItem(new AgendaItemDetails(Today.AddDays(13), null, AgendaItemKind.Visit, " ", null, null), Now));

        Assert.Equal("Stay.AgendaOutsideDates Stay.AgendaPlaceRequired", Codes(outside));
        Assert.Equal(["Hôtel de ville", "Usine", "Logements du centre-ville"], stay.OrderedAgenda().Select(a => a.Place));
    }

    [Fact]
    public void Budget_TotalsByCategoryAndOverall()
    {
        var stay = NewStay();
        stay.AddExpense(new ExpenseDetails(ExpenseCategory.Transport, "Autocar", 412.50m, 398.25m), Now);
        stay.AddExpense(new ExpenseDetails(ExpenseCategory.Lodging, "Auberge, 2 nuits", 640m, 640m), Now);
        stay.AddExpense(new ExpenseDetails(ExpenseCategory.Meals, null, 180m, null), Now);
        stay.AddExpense(new ExpenseDetails(ExpenseCategory.Transport, "Taxi", 0m, 22.40m), Now);

        Assert.Equal((1232.50m, 1060.65m), (stay.PlannedTotal, stay.ActualTotal));
        Assert.Equal(
            [
                new BudgetLine(ExpenseCategory.Transport, 412.50m, 420.65m),
                new BudgetLine(ExpenseCategory.Lodging, 640m, 640m),
                new BudgetLine(ExpenseCategory.Meals, 180m, 0m),
                new BudgetLine(ExpenseCategory.Activities, 0m, 0m),
                new BudgetLine(ExpenseCategory.Other, 0m, 0m),
            ],
            stay.BudgetByCategory());
    }

    [Theory]
    [InlineData(-1, null, "Stay.NegativeAmount")]
    [InlineData(10, -0.01, "Stay.NegativeAmount")]
    [InlineData(1_000_000, null, "Stay.AmountTooLarge")]
    [InlineData(10.005, null, "Stay.AmountCents")]
    public void AddExpense_BadAmount_IsRefusedAndAddsNothing(double planned, double? actual, string refusal)
    {
        var stay = NewStay();

        var refused = Assert.Throws<DomainRuleException>(() =>
            stay.AddExpense(new ExpenseDetails(ExpenseCategory.Meals, null, (decimal)planned, (decimal?)actual), Now));

        Assert.Equal(refusal, Codes(refused));
        Assert.Empty(stay.Expenses);
    }

    // ---------------------------------------------------------------------------------------------
    // Debriefs and waivers.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Debrief_BeforeCompletionOrForAnAbsentHousehold_IsRefused()
    {
        var stay = PastStay();
        stay.AddParticipant(Nguyen, 1, 1, Now);
        var details = new DebriefDetails(4, "Préposé chez Rio Tinto", null, ["Envoyer le CV"]);

        Assert.Equal("Stay.DebriefBeforeCompletion", Codes(Assert.Throws<DomainRuleException>(() => StayDebrief.Record(stay, Diallo, details, Now))));
        stay.RecordAttendance(Nguyen, Attendance.Absent, Now);
        stay.Complete(Now);
        Assert.Equal("Stay.DebriefForAbsentHousehold", Codes(Assert.Throws<DomainRuleException>(() => StayDebrief.Record(stay, Nguyen, details, Now))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Debrief_InterestOutsideTheScale_IsRefused(int interest)
    {
        var stay = PastStay();
        stay.Complete(Now);

        var refused = Assert.Throws<DomainRuleException>(() => StayDebrief.Record(stay, Diallo, new DebriefDetails(interest, null, null, []), Now));

        Assert.Equal("Stay.InterestOutOfScale", Codes(refused));
    }

    [Fact]
    public void Debrief_NextStepInThePlan_IsKeptAndCannotBeRemoved()
    {
        var stay = PastStay();
        stay.Complete(Now);
        var debrief = StayDebrief.Record(stay, Diallo, new DebriefDetails(5, "Deux offres", "Un 4 ½ à Jonquière", [" Envoyer le CV ", "Visiter l'école", ""]), Now);
        var task = Guid.NewGuid();

        debrief.LinkToPlanTask(debrief.NextSteps[0].Id, task);
        var refused = Assert.Throws<DomainRuleException>(() => debrief.Update(new DebriefDetails(5, null, null, ["Visiter l'école"]), Now));
        debrief.Update(new DebriefDetails(3, null, null, ["Visiter l'école", "Envoyer le CV", "Appeler le propriétaire"]), Now);

        Assert.Equal("Stay.NextStepInPlanCannotBeRemoved", Codes(refused));
        Assert.Equal(["Visiter l'école", "Envoyer le CV", "Appeler le propriétaire"], debrief.NextSteps.OrderBy(s => s.SortOrder).Select(s => s.Text));
        Assert.Equal(task, debrief.NextSteps.Single(s => s.Text == "Envoyer le CV").PlanTaskId);
        Assert.Equal("Stay.NextStepAlreadyInPlan",
            Codes(Assert.Throws<DomainRuleException>(() => debrief.LinkToPlanTask(debrief.NextSteps.Single(s => s.Text == "Envoyer le CV").Id, Guid.NewGuid()))));
    }

    [Fact]
    public void Waiver_NeedsAReason()
    {
        Assert.Equal("Stay.WaiverReasonRequired", Codes(Assert.Throws<DomainRuleException>(() => StayWaiver.Record(Diallo, " ", Now))));
        var waiver = StayWaiver.Record(Diallo, " Connaît déjà la région ", Now);
        Assert.Equal(("Connaît déjà la région", Today), (waiver.Reason, waiver.RecordedOn));
    }

    private static void Bring(ExploratoryStay stay, StayStatus status)
    {
        switch (status)
        {
            case StayStatus.Planned:
                break;
            case StayStatus.Confirmed:
                stay.Confirm(Now);
                break;
            case StayStatus.Completed:
                stay.Complete(Now);
                break;
            case StayStatus.Cancelled:
                stay.Cancel("Tempête", Now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }
    }

    private static void Move(ExploratoryStay stay, string move)
    {
        switch (move)
        {
            case "confirm":
                stay.Confirm(Now);
                break;
            case "complete":
                stay.Complete(Now);
                break;
            case "cancel":
                stay.Cancel("Tempête", Now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(move), move, null);
        }
    }
}
