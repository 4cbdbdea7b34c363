using CaseManager.Domain.Households;
using CaseManager.Domain.Subsidies;

namespace CaseManager.Web.Features.Subsidies;

/// <summary>Limits of the supporting documents (configuration <c>Subsidies:MaxDocumentBytes</c>, range-checked at start in Hosting/CaseManagerOptions.cs).</summary>
public sealed record SubsidySettings(long MaxDocumentBytes)
{
    public const long DefaultMaxDocumentBytes = 10 * 1024 * 1024;
}

public sealed record SubsidyDocumentView(Guid Id, SubsidyDocumentType Type, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedByName);

public sealed record SubsidyHistoryView(SubsidyStatus? From, SubsidyStatus To, string? Comment, DateTimeOffset At, string ByName);

/// <summary>What the person may do with an application, from its file.</summary>
public sealed record SubsidyFilePermissions(bool Edit, bool Submit, bool Withdraw, bool RecordPayment);

/// <summary>An application as its file shows it (the file's counsellor or a supervisor).</summary>
public sealed record SubsidyApplicationView(
    Guid Id,
    SubsidyStatus Status,
    SubsidyApplicationDetails Details,
    string? DestinationRegionName,
    string CreatedByName,
    DateOnly? SubmittedOn,
    int? RuleSetVersion,
    int HouseholdSize,
    SubsidyEvaluation Evaluation,
    bool EvaluationIsPreview,
    IReadOnlyList<SubsidyDocumentView> Documents,
    IReadOnlyList<SubsidyHistoryView> History,
    string? InformationRequest,
    string? ReviewerName,
    string? DecidedByName,
    DateOnly? DecidedOn,
    decimal? ApprovedAmount,
    string? AmountReason,
    SubsidyRefusalReason? RefusalReason,
    string? DecisionComment,
    DateOnly? PaidOn,
    decimal? PaidAmount,
    string? PaymentReference,
    string? WithdrawalReason,
    SubsidyFilePermissions Can,
    uint Version);

/// <summary>The subsidy tab of a file: its applications, newest first, and whether a new one may start.</summary>
public sealed record HouseholdSubsidies(Guid HouseholdId, Stage Stage, CaseStatus Status, bool CanStart, string? StartRefusal, IReadOnlyList<SubsidyApplicationView> Applications)
{
    /// <summary>An application is in progress: a new one is not offered beside it (<see cref="SubsidyApplication.OpenStatuses"/>).</summary>
    public bool HasOpenApplication => Applications.Any(a => SubsidyApplication.OpenStatuses.Contains(a.Status));
}

/// <summary>Which applications the review queue lists.</summary>
public enum ReviewQueueScope
{
    /// <summary>Submitted or under review: waiting for a decision.</summary>
    Waiting,

    /// <summary>Information requested from the counsellor.</summary>
    InformationRequested,

    /// <summary>Approved, refused or paid.</summary>
    Decided,
}

public sealed record ReviewQueueItem(
    Guid Id, string HouseholdName, int HouseholdSize, string RegionCode, string RegionName, SubsidyStatus Status,
    DateOnly? SubmittedOn, int? WaitingDays, decimal? ComputedAmount, string? ReviewerName);

public sealed record ReviewQueueResult(IReadOnlyList<ReviewQueueItem> Items, int Total);

/// <summary>
/// What a reviewer sees: only what the criteria need (names, household size, destination,
/// documents, evaluation); never the file's notes, journal, plan or contact details.
/// </summary>
public sealed record SubsidyReviewView(
    Guid Id,
    SubsidyStatus Status,
    IReadOnlyList<string> PeopleNames,
    int HouseholdSize,
    string RegionCode,
    string RegionName,
    string? Municipality,
    DateOnly? PlannedMoveOn,
    decimal? EstimatedCost,
    string? Explanation,
    DateOnly? SubmittedOn,
    int? WaitingDays,
    int? RuleSetVersion,
    SubsidyEvaluation Evaluation,
    IReadOnlyList<SubsidyDocumentView> Documents,
    IReadOnlyList<SubsidyHistoryView> History,
    string? InformationRequest,
    string? ReviewerName,
    decimal? ApprovedAmount,
    string? AmountReason,
    SubsidyRefusalReason? RefusalReason,
    string? DecisionComment,
    bool IsOwnApplication,
    bool CanDecide,
    uint Version);

/// <summary>A document's bytes, for the download endpoint.</summary>
public sealed record SubsidyDocumentFile(string FileName, string ContentType, byte[] Data);

/// <summary>A fiscal year's subsidies: approved (by decision day) and paid (by payment day) against its budget.</summary>
public sealed record FiscalYearTotals(int StartYear, decimal? Budget, decimal Approved, decimal Paid, int ApprovedCount, int PaidCount, uint? BudgetVersion)
{
    public decimal? Remaining => Budget is { } budget ? budget - Approved : null;
}

/// <summary>A rule set version as the administration lists it.</summary>
public sealed record RuleSetItem(EligibilityRuleSet RuleSet, int ApplicationCount)
{
    public bool InUse => ApplicationCount > 0;
}
