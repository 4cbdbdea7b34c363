using CaseManager.Domain.Households;

namespace CaseManager.Web.Features.Supervision;

/// <summary>A file to move, with the version the supervisor saw.</summary>
public sealed record FileVersion(Guid HouseholdId, uint Version);

/// <summary>What a reassignment did, file by file.</summary>
public sealed record ReassignResult(IReadOnlyList<string> Moved, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Closed);

/// <summary>What recording an absence, or a return, did with the counsellor's files.</summary>
public sealed record AbsenceResult(Guid AbsenceId, int FilesMoved);

/// <summary>One counsellor's line of the dashboard.</summary>
public sealed record CounsellorLine(
    string? CounsellorId,
    string Name,
    int? OrganizationId,
    decimal Capacity,
    bool IsAway,
    IReadOnlyDictionary<Stage, int> OpenByStage,
    int OnHold,
    int OverdueTasks,
    int WithoutRecentContact,
    decimal? Share)
{
    public int Open => OpenByStage.Values.Sum();

    /// <summary>Open files per full-time equivalent; null for capacity zero.</summary>
    public decimal? WeightedLoad => Capacity > 0 ? Open / Capacity : null;

    /// <summary>Files above (positive) or below their weighted share.</summary>
    public decimal? Gap => Share is { } share ? Open - share : null;
}

/// <summary>One organization's line: the files it holds.</summary>
public sealed record OrganizationLine(
    int OrganizationId, string Code, string Name, decimal Capacity, IReadOnlyDictionary<Stage, int> OpenByStage, int OverdueTasks, int WithoutRecentContact)
{
    public int Open => OpenByStage.Values.Sum();
}

/// <summary>An absence as the dashboard lists it.</summary>
public sealed record AbsenceLine(
    Guid Id, string CounsellorId, string CounsellorName, DateOnly From, DateOnly To, string Reason,
    DateTimeOffset? RedistributedAt, DateTimeOffset? ReturnedAt, int FilesAway, uint Version);

/// <summary>The supervisor's morning glance.</summary>
public sealed record SupervisionDashboard(
    IReadOnlyList<CounsellorLine> Counsellors,
    IReadOnlyList<OrganizationLine> Organizations,
    IReadOnlyList<AbsenceLine> Absences,
    int NoContactDays,
    DateOnly Today);

/// <summary>What the reassignment dialog asks.</summary>
public sealed record ReassignForm(string CounsellorId, string Reason);

/// <summary>What the absence dialog asks.</summary>
public sealed record AbsenceForm(string CounsellorId, DateOnly From, DateOnly To, string Reason);

/// <summary>A subsidy application waiting for a decision beyond the reminder's delay, as the supervision page lists it.</summary>
public sealed record WaitingSubsidyLine(
    Guid ApplicationId,
    Guid HouseholdId,
    string FileNumber,
    string HouseholdName,
    string? RegionName,
    DateOnly WaitingSince,
    int WorkingDaysWaited,
    string? ReviewerName,
    bool Escalated);

/// <summary>The applications waiting beyond <see cref="DelayWorkingDays"/> (the oldest first, at most a page of them) and how many there are.</summary>
public sealed record WaitingSubsidies(IReadOnlyList<WaitingSubsidyLine> Lines, int Total, int DelayWorkingDays);
