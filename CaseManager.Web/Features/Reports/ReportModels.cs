using CaseManager.Domain.Households;
using CaseManager.Domain.Reports;

namespace CaseManager.Web.Features.Reports;

/// <summary>
/// What a results report covers: a period and, for supervisors and administrators, one
/// organization or one counsellor (a counsellor's report is always their own files).
/// </summary>
public sealed record ResultsQuery(ReportPeriod Period, int? OrganizationId = null, string? CounsellorId = null);

/// <summary>Whose files a report counts: the program, one organization or one counsellor.</summary>
public enum ReportScope
{
    Program,
    Organization,
    Counsellor,
}

/// <summary>
/// Every figure of the results dashboard for one period and scope, each computed in PostgreSQL.
/// Households merged into another file (duplicates) are left out everywhere. Organization and
/// counsellor are the file's current ones.
/// </summary>
public sealed record ResultsReport(
    ResultsQuery Query,
    ReportScope Scope,
    DateOnly AsOf,
    TargetProgress? Target,
    IReadOnlyList<MonthRow> Months,
    IReadOnlyList<FunnelRow> Funnel,
    IReadOnlyList<WithdrawalRow> Withdrawals,
    IReadOnlyList<RegionCount> SettlementsByRegion,
    IReadOnlyList<RetentionRow> Retention,
    IReadOnlyList<SessionMonthRow> Sessions,
    IReadOnlyList<StayRegionRow> Stays,
    SubsidyFigures Subsidies,
    IReadOnlyList<BreakdownRow> ByOrganization,
    IReadOnlyList<BreakdownRow> ByCounsellor)
{
    public int Registrations => Months.Sum(m => m.Registrations);
    public int Settled => Months.Sum(m => m.Settled);
    public int WithdrawalCount => Withdrawals.Sum(w => w.Count);
}

/// <summary>
/// One calendar month of the period: files opened, households settled, and the running total of
/// settlements (none for a month that has not begun: the line stops today).
/// </summary>
public sealed record MonthRow(DateOnly Month, int Registrations, int Settled, int? SettledToDate, int? TargetToDate);

/// <summary>
/// One stage of the funnel (or, with a null stage, the settlement that ends it): the files that
/// entered it during the period by moving forward (opening, advancing or skipping to it; a file
/// counts once per stage, however many times it came back), the share of them that the next row
/// represents, and the median days spent in the stage by the files that left it during the period.
/// </summary>
public sealed record FunnelRow(Stage? Stage, int Reached, decimal? ConversionToNext, decimal? MedianDays, int StaysMeasured);

/// <summary>Withdrawals during the period with one reason, by the stage the file was at.</summary>
public sealed record WithdrawalRow(string ReasonCode, string NameFr, string NameEn, IReadOnlyDictionary<Stage, int> ByStage)
{
    public int Count => ByStage.Values.Sum();
}

public sealed record RegionCount(string Code, string NameFr, string NameEn, int Count);

/// <summary>The follow-ups at <see cref="MonthsAfter"/> months that fell due during the period, and their answers.</summary>
public sealed record RetentionRow(int MonthsAfter, int Due, int Answered, int StillInRegion, int Working, int Housed)
{
    /// <summary>Still in the region, among the households that answered.</summary>
    public decimal? RetentionRate => Answered == 0 ? null : (decimal)StillInRegion / Answered;
}

/// <summary>Information sessions of one month: held and cancelled, and the attendance of the households registered to those held.</summary>
public sealed record SessionMonthRow(DateOnly Month, int Held, int Cancelled, int Registered, int Present, int Absent, int Excused)
{
    public int NotRecorded => Registered - Present - Absent - Excused;

    public decimal? AttendanceRate => Registered == 0 ? null : (decimal)Present / Registered;
}

/// <summary>Exploratory stays that started during the period in one host region: completed, cancelled, and who took part.</summary>
public sealed record StayRegionRow(string Code, string NameFr, string NameEn, int Completed, int Cancelled, int Households, int People);

/// <summary>
/// Subsidy decisions and payments during the period, with the fiscal year's budget when the
/// period is a fiscal year and the report covers the whole program.
/// </summary>
public sealed record SubsidyFigures(
    int Approved, decimal ApprovedAmount, int Refused, int Paid, decimal PaidAmount, decimal? Budget)
{
    public decimal? BudgetLeft => Budget is { } budget ? budget - ApprovedAmount : null;

    public decimal? BudgetShare => Budget is > 0 ? ApprovedAmount / Budget.Value : null;
}

/// <summary>One organization's or counsellor's figures for the period (a null key: files assigned to no one).</summary>
public sealed record BreakdownRow(string? Key, string Name, int Registrations, int Settled, int Withdrawals, int OpenFiles, int? Target)
{
    public decimal? TargetShare => Target is > 0 ? (decimal)Settled / Target.Value : null;
}

/// <summary>A fiscal year's targets: one line per organization, the program's being their sum.</summary>
public sealed record TargetsView(int FiscalYearStart, IReadOnlyList<OrganizationTarget> Organizations)
{
    public int? Total => Organizations.Any(o => o.Households is not null) ? Organizations.Sum(o => o.Households ?? 0) : null;
}

public sealed record OrganizationTarget(int OrganizationId, string Name, int? Households, uint? Version, DateTimeOffset? UpdatedAt, string? UpdatedByName);

/// <summary>A target to save: the version read (null for a target not set yet) guards against a concurrent change.</summary>
public sealed record TargetChange(int OrganizationId, int Households, uint? Version);

/// <summary>Who a supervisor may narrow the report to.</summary>
public sealed record ScopeChoices(IReadOnlyList<ScopeOption> Organizations, IReadOnlyList<ScopeOption> Counsellors);

public sealed record ScopeOption(string Key, string Name, int? OrganizationId = null);
