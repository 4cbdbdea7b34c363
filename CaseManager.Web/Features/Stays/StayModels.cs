using CaseManager.Domain.Stays;

namespace CaseManager.Web.Features.Stays;

/// <summary>The stays list's filters: each is applied in PostgreSQL.</summary>
public sealed record StayFilter(StayStatus? Status = null, string? RegionCode = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>The columns the stays list sorts on.</summary>
public enum StaySort
{
    StartOn,
    Region,
    Status,
}

public sealed record StayListItem(
    Guid Id, string RegionCode, string RegionName, string HostPartnerName, DateOnly StartOn, DateOnly EndOn, StayStatus Status, int Households, int People);

public sealed record StayListPage(IReadOnlyList<StayListItem> Items, int Total);

/// <summary>
/// A household on a stay as the person asking may see it. A partner, or a counsellor looking at
/// someone else's file, gets the name and how many people come, nothing more: <see cref="FileNumber"/>,
/// <see cref="HouseholdSize"/> and the debrief stay null and <see cref="CanOpenFile"/> false.
/// </summary>
public sealed record ParticipantView(
    Guid HouseholdId,
    string Name,
    int PeopleCount,
    Attendance Attendance,
    bool CanOpenFile,
    string? FileNumber,
    int? HouseholdSize,
    bool HasDebrief,
    DebriefView? Debrief);

public sealed record NextStepView(Guid Id, string Text, Guid? PlanTaskId);

public sealed record DebriefView(
    Guid Id, Guid StayId, Guid HouseholdId, int Interest, string? JobLeads, string? HousingLeads, string? Comment,
    IReadOnlyList<NextStepView> NextSteps, string RecordedBy, DateTimeOffset RecordedAt, uint Version)
{
    public static DebriefView From(StayDebrief debrief) => new(
        debrief.Id, debrief.StayId, debrief.HouseholdId, debrief.Interest, debrief.JobLeads, debrief.HousingLeads, debrief.Comment,
        debrief.NextSteps.OrderBy(s => s.SortOrder).Select(s => new NextStepView(s.Id, s.Text, s.PlanTaskId)).ToList(),
        debrief.RecordedByName, debrief.RecordedAt, debrief.Version);
}

/// <summary>What the person asking may do on this stay (the service checks again on every change).</summary>
public sealed record StayPermissions(
    bool EditDetails, bool ChangeStatus, bool AddOwnFiles, bool AddAnyFile, bool EditAgenda, bool RecordAttendance, bool SeeBudget, bool RecordDebriefs);

/// <summary>A stay as its page shows it to the person asking; <see cref="Budget"/> is null for a partner.</summary>
public sealed record StayView(
    Guid Id,
    string RegionCode,
    string RegionName,
    Guid HostPartnerId,
    string HostPartnerName,
    DateOnly StartOn,
    DateOnly EndOn,
    StayStatus Status,
    TransportMode? TransportMode,
    string? TransportDetails,
    string? LodgingPlace,
    string? LodgingDetails,
    string? Notes,
    string? CancellationReason,
    DateOnly? CompletedOn,
    IReadOnlyList<ParticipantView> Participants,
    int OtherHouseholds,
    int OtherPeople,
    IReadOnlyList<AgendaItem> Agenda,
    BudgetView? Budget,
    StayPermissions Can,
    uint Version)
{
    /// <summary>Every household taking part: those shown by name and those of other counsellors, counted only.</summary>
    public int Households => Participants.Count + OtherHouseholds;

    public int People => Participants.Sum(p => p.PeopleCount) + OtherPeople;

    public StayDetails ToDetails() =>
        new(RegionCode, HostPartnerId, StartOn, EndOn, TransportMode, TransportDetails, LodgingPlace, LodgingDetails, Notes);
}

public sealed record BudgetView(IReadOnlyList<StayExpense> Expenses, IReadOnlyList<BudgetLine> ByCategory, decimal PlannedTotal, decimal ActualTotal);

/// <summary>A stay of one household, for its file.</summary>
public sealed record HouseholdStay(
    Guid StayId, string RegionName, string HostPartnerName, DateOnly StartOn, DateOnly EndOn, StayStatus Status, int PeopleCount,
    Attendance Attendance, DebriefView? Debrief);

/// <summary>The household's stays, debriefs and, if recorded, why it will not do a stay.</summary>
public sealed record HouseholdStays(Guid HouseholdId, IReadOnlyList<HouseholdStay> Stays, StayWaiver? Waiver, bool ReadOnly);

/// <summary>A file a counsellor may put on a stay (their own; a supervisor any active one).</summary>
public sealed record HouseholdChoice(Guid Id, string FileNumber, string Name, int Size);

public sealed record PartnerChoice(Guid Id, string Name, IReadOnlyList<string> RegionCodes);
