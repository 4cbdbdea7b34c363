using CaseManager.Domain.Sessions;

namespace CaseManager.Web.Features.Sessions;

public enum SessionStatusFilter
{
    Upcoming,
    Past,
    All,
}

/// <summary>What the sessions list asks for: everything is filtered, sorted and paged in PostgreSQL.</summary>
public sealed record SessionQuery
{
    public string? Search { get; init; }
    public string? RegionCode { get; init; }
    public SessionStatusFilter When { get; init; } = SessionStatusFilter.Upcoming;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record SessionRow(
    Guid Id,
    string Title,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    SessionFormat Format,
    string Language,
    IReadOnlyList<string> RegionCodes,
    int Capacity,
    int Registered,
    int WaitListed,
    SessionStatus Status);

public sealed record SessionListPage(IReadOnlyList<SessionRow> Rows, int Total);

/// <summary>
/// A household at a session, as the person asking may see it. A partner sees the name and the
/// household's size only: <see cref="FileNumber"/> and <see cref="HouseholdId"/> are then empty.
/// </summary>
public sealed record Participant(
    Guid RegistrationId,
    Guid? HouseholdId,
    string? FileNumber,
    string Name,
    int Size,
    RegistrationStatus Status,
    Attendance? Attendance,
    DateTimeOffset RegisteredAt,
    bool CanManage,
    bool CanRecordAttendance);

public sealed record PartnerName(Guid Id, string Name);

/// <summary>One session with what the person asking may do with it.</summary>
public sealed record SessionView(
    Guid Id,
    string Title,
    IReadOnlyList<string> RegionCodes,
    IReadOnlyList<PartnerName> Partners,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    SessionFormat Format,
    string? Address,
    string? OnlineLink,
    string Language,
    int Capacity,
    SessionStatus Status,
    string? CancellationReason,
    uint Version,
    IReadOnlyList<Participant> Participants,
    int OthersRegistered,
    int OthersWaitListed,
    bool CanEdit,
    bool IsPartnerView)
{
    /// <summary>Every household with a seat, those shown by name and the others.</summary>
    public int Registered => Participants.Count(p => p.Status == RegistrationStatus.Registered) + OthersRegistered;

    public int WaitListed => Participants.Count(p => p.Status == RegistrationStatus.WaitListed) + OthersWaitListed;

    /// <summary>Households of other counsellors, counted but not named (need to know).</summary>
    public int Others => OthersRegistered + OthersWaitListed;
}

/// <summary>A household's registration, as its file shows it.</summary>
public sealed record HouseholdSessionRow(
    Guid RegistrationId,
    Guid SessionId,
    string Title,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    SessionFormat Format,
    SessionStatus SessionStatus,
    RegistrationStatus Status,
    Attendance? Attendance,
    int WaitingPosition,
    bool RecordedAfterwards = false,
    string? AttendanceRecordedBy = null,
    DateTimeOffset? AttendanceRecordedAt = null);

/// <summary>A session a household may still register for.</summary>
public sealed record OpenSession(Guid Id, string Title, DateTimeOffset StartsAt, IReadOnlyList<string> RegionCodes, string Language, int SeatsLeft);

/// <summary>A registration's outcome: a seat, or a place on the waiting list.</summary>
public sealed record RegistrationResult(Guid RegistrationId, RegistrationStatus Status);

/// <summary>A session of the program that has started, at which a household may be recorded present afterwards.</summary>
public sealed record PastSession(Guid Id, string Title, DateTimeOffset StartsAt, IReadOnlyList<string> RegionCodes);

/// <summary>A session outside the system recorded on a household's file.</summary>
public sealed record ExternalSessionRow(
    Guid Id, string OrganizerName, DateOnly AttendedOn, string RegionCode, string RegionName, string RecordedByName, DateTimeOffset RecordedAt);
