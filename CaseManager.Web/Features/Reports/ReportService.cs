using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reports;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Reports;

/// <summary>
/// The results dashboard: settlements against the annual target, registrations and the funnel,
/// withdrawals, settlements by region and retention, sessions, stays and subsidies, and the
/// breakdowns by organization and counsellor. Every figure is one grouped statement in PostgreSQL
/// (a dozen statements per report, whatever the number of files); nothing is counted in memory.
/// Counsellors read their own files' report; supervisors and administrators the program's, or
/// one organization's or counsellor's. Administrators set the targets.
/// </summary>
public sealed partial class ReportService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    AppClock clock)
{
    /// <summary>The time zone the calendar days of every figure are read in.</summary>
    private const string Zone = "America/Montreal";

    /// <summary>Memory each sort of a report may use before spilling to disk (PostgreSQL's work_mem, for the report's transaction only).</summary>
    public const string SortMemory = "32MB";

    /// <summary>The files a report counts: in the scope, never a file merged into another.</summary>
    private const string Scope = """
        h.merged_into_id IS NULL
        AND (@org::int IS NULL OR h.organization_id = @org)
        AND (@counsellor::text IS NULL OR h.assigned_counsellor_id = @counsellor)
        """;

    /// <summary>Who reads what: a counsellor is always narrowed to their own files; partners and the privacy officer read nothing here.</summary>
    public async Task<(UserIdentity User, ResultsQuery Query)> AuthorizeAsync(ResultsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var user = await access.DemandAsync(Operation.ReadResults);
        access.Demand(user, AccessRules.MayReadResultsOf(user, query.OrganizationId, query.CounsellorId), "read these results");
        return (user, AccessRules.Allows(user, Operation.ReadProgramResults) ? query : query with { CounsellorId = user.Id });
    }

    /// <summary>Whether the person reads the program's report (and may narrow it), rather than only their own.</summary>
    public async Task<bool> ReadsProgramAsync() => (await access.PermissionsAsync()).Can(Operation.ReadProgramResults);

    public async Task<ResultsReport> GetAsync(ResultsQuery query, CancellationToken cancellationToken = default)
    {
        var (user, scoped) = await AuthorizeAsync(query);
        var readsProgram = AccessRules.Allows(user, Operation.ReadProgramResults);
        var scope = scoped.CounsellorId is not null ? ReportScope.Counsellor
            : scoped.OrganizationId is not null ? ReportScope.Organization
            : ReportScope.Program;
        var period = scoped.Period;
        var today = clock.Today;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var database = db.Database;

        // One snapshot for every statement, so the tables reconcile even while files change; read
        // only; and room to sort a year of moves in memory rather than on disk (PostgreSQL's
        // default of 4 MB spills the funnel's sorts at 100,000 files).
        await using var transaction = await database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await database.ExecuteSqlRawAsync($"SET TRANSACTION READ ONLY; SET LOCAL work_mem = '{SortMemory}'", cancellationToken);
        var months = await MonthsAsync(database, scoped, today, cancellationToken);
        var settled = months.Sum(m => m.Settled);
        var funnel = await FunnelAsync(database, scoped, settled, cancellationToken);
        var withdrawals = await WithdrawalsAsync(database, scoped, cancellationToken);
        var regions = await SettlementsByRegionAsync(database, scoped, cancellationToken);
        var retention = await RetentionAsync(database, scoped, cancellationToken);
        var sessions = await SessionsAsync(database, scoped, scope != ReportScope.Program, cancellationToken);
        var stays = await StaysAsync(database, scoped, scope != ReportScope.Program, cancellationToken);
        var subsidies = await SubsidiesAsync(database, scoped, scope == ReportScope.Program, cancellationToken);

        var targets = period.FiscalYear is { } year
            ? await db.SettlementTargets.AsNoTracking().Where(t => t.FiscalYearStart == year.StartYear)
                .ToDictionaryAsync(t => t.OrganizationId, t => t.Households, cancellationToken)
            : [];
        int? target = scope switch
        {
            ReportScope.Program => targets.Count == 0 ? null : targets.Values.Sum(),
            ReportScope.Organization => targets.TryGetValue(scoped.OrganizationId!.Value, out var own) ? own : null,
            ReportScope.Counsellor => null,
        };
        var progress = period.FiscalYear is { } fiscal
            ? TargetProgress.Compute(target, settled, fiscal, today)
            : null;
        months = WithTargetLine(months, target, period);

        IReadOnlyList<BreakdownRow> byOrganization = [];
        IReadOnlyList<BreakdownRow> byCounsellor = [];
        if (readsProgram && scope != ReportScope.Counsellor)
        {
            (byOrganization, byCounsellor) = await BreakdownsAsync(database, scoped, cancellationToken);
            byOrganization = await NameOrganizationsAsync(db, byOrganization, targets, scoped.OrganizationId, cancellationToken);
            byCounsellor = await NameCounsellorsAsync(db, byCounsellor, cancellationToken);
        }

        return new ResultsReport(
            scoped, scope, today, progress, months, funnel, withdrawals, regions, retention, sessions, stays, subsidies, byOrganization, byCounsellor);
    }

    /// <summary>The organizations and counsellors a supervisor may narrow the report to (those no longer active too: past years are theirs).</summary>
    public async Task<ScopeChoices> GetScopeChoicesAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ReadResults, cancellationToken);
        if (!await ReadsProgramAsync())
        {
            return new ScopeChoices([], []);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name)
            .Select(o => new ScopeOption(o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Name, o.Id))
            .ToListAsync(cancellationToken);
        var counsellors = await AccessPeople.Counsellors(db).AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new ScopeOption(u.Id, u.DisplayName, u.OrganizationId))
            .ToListAsync(cancellationToken);
        return new ScopeChoices(organizations, counsellors);
    }

    // ---------------------------------------------------------------------------------------------
    // The statements. Each reads the period as calendar days in Montréal: dates compared with the
    // period's days, instants with the period's first and last midnights there.
    // ---------------------------------------------------------------------------------------------

    private static async Task<IReadOnlyList<MonthRow>> MonthsAsync(DatabaseFacade database, ResultsQuery query, DateOnly today, CancellationToken cancellationToken)
    {
        const string sql = $"""
            SELECT month, sum(registrations)::int, sum(settled)::int FROM (
                SELECT date_trunc('month', h.created_at AT TIME ZONE '{Zone}')::date AS month, count(*) AS registrations, 0 AS settled
                FROM households h
                WHERE h.created_at >= @from_at AND h.created_at < @to_at AND {Scope}
                GROUP BY 1
                UNION ALL
                SELECT date_trunc('month', h.settlement_settled_on)::date, 0, count(*)
                FROM households h
                WHERE h.settlement_settled_on BETWEEN @from AND @to AND {Scope}
                GROUP BY 1
            ) counts
            GROUP BY month
            """;
        var rows = (await database.QueryAsync(sql, r => (Month: DateOnly.FromDateTime(r.GetDateTime(0)), Registrations: r.GetInt32(1), Settled: r.GetInt32(2)), cancellationToken, Parameters(query)))
            .ToDictionary(r => r.Month);
        var total = 0;
        return query.Period.Months().Select(month =>
        {
            rows.TryGetValue(month, out var row);
            total += row.Settled;
            return new MonthRow(month, row.Registrations, row.Settled, month > today ? null : total, null);
        }).ToList();
    }

    /// <summary>The straight line from zero on the first day to the target on the last, read at each month's end.</summary>
    private static IReadOnlyList<MonthRow> WithTargetLine(IReadOnlyList<MonthRow> months, int? target, ReportPeriod period)
    {
        if (target is not { } goal || period.FiscalYear is null)
        {
            return months;
        }

        return months.Select(m =>
        {
            var monthEnd = m.Month.AddMonths(1).AddDays(-1);
            var elapsed = monthEnd.DayNumber - period.From.DayNumber + 1;
            return m with { TargetToDate = (int)Math.Round((decimal)goal * elapsed / period.Days, MidpointRounding.AwayFromZero) };
        }).ToList();
    }

    private static async Task<IReadOnlyList<FunnelRow>> FunnelAsync(DatabaseFacade database, ResultsQuery query, int settled, CancellationToken cancellationToken)
    {
        // A file reaches a stage by opening, advancing or skipping to it; going back is not reaching.
        const string reachedSql = $"""
            SELECT t.to_stage, count(DISTINCT t.household_id)::int
            FROM stage_transitions t JOIN households h ON h.id = t.household_id
            WHERE t.occurred_at >= @from_at AND t.occurred_at < @to_at
              AND t.kind IN ('Opened', 'Advance', 'Skip') AND {Scope}
            GROUP BY t.to_stage
            """;
        var reached = (await database.QueryAsync(reachedSql, r => (Stage: Enum.Parse<Stage>(r.GetString(0)), Count: r.GetInt32(1)), cancellationToken, Parameters(query)))
            .ToDictionary(r => r.Stage, r => r.Count);

        // A stay in a stage starts when the file enters it (any way, back included) and ends at the
        // next change of stage or at the settlement; counted when it ends during the period. The
        // stays are the summary table the database keeps from the history (stage_stays).
        const string medianSql = $"""
            SELECT s.stage, count(*)::int,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY (s.left_at AT TIME ZONE '{Zone}')::date - (s.entered_at AT TIME ZONE '{Zone}')::date)
            FROM stage_stays s JOIN households h ON h.id = s.household_id
            WHERE s.left_at >= @from_at AND s.left_at < @to_at AND {Scope}
            GROUP BY s.stage
            """;
        var medians = (await database.QueryAsync(medianSql, r => (Stage: Enum.Parse<Stage>(r.GetString(0)), Count: r.GetInt32(1), Median: (decimal)r.GetDouble(2)), cancellationToken, Parameters(query)))
            .ToDictionary(r => r.Stage);

        var rows = new List<FunnelRow>();
        for (var i = 0; i < Stages.InOrder.Count; i++)
        {
            var stage = Stages.InOrder[i];
            var count = reached.GetValueOrDefault(stage);
            var next = i + 1 < Stages.InOrder.Count ? reached.GetValueOrDefault(Stages.InOrder[i + 1]) : settled;
            medians.TryGetValue(stage, out var median);
            rows.Add(new FunnelRow(stage, count, count == 0 ? null : (decimal)next / count, median.Count == 0 ? null : median.Median, median.Count));
        }

        rows.Add(new FunnelRow(null, settled, null, null, 0));
        return rows;
    }

    private static async Task<IReadOnlyList<WithdrawalRow>> WithdrawalsAsync(DatabaseFacade database, ResultsQuery query, CancellationToken cancellationToken)
    {
        const string sql = $"""
            SELECT t.reason_code, coalesce(r.name_fr, t.reason_code), coalesce(r.name_en, t.reason_code), t.to_stage, count(*)::int
            FROM stage_transitions t
                 JOIN households h ON h.id = t.household_id
                 LEFT JOIN withdrawal_reasons r ON r.code = t.reason_code
            WHERE t.occurred_at >= @from_at AND t.occurred_at < @to_at AND t.kind = 'Withdraw' AND {Scope}
            GROUP BY t.reason_code, r.name_fr, r.name_en, r.sort_order, t.to_stage
            ORDER BY r.sort_order NULLS LAST, t.reason_code
            """;
        var rows = await database.QueryAsync(
            sql,
            r => (Code: r.IsDBNull(0) ? "" : r.GetString(0), Fr: r.IsDBNull(1) ? "" : r.GetString(1), En: r.IsDBNull(2) ? "" : r.GetString(2), Stage: Enum.Parse<Stage>(r.GetString(3)), Count: r.GetInt32(4)),
            cancellationToken,
            Parameters(query));
        return rows.GroupBy(r => (r.Code, r.Fr, r.En))
            .Select(g => new WithdrawalRow(g.Key.Code, g.Key.Fr, g.Key.En, g.ToDictionary(r => r.Stage, r => r.Count)))
            .ToList();
    }

    private static async Task<IReadOnlyList<RegionCount>> SettlementsByRegionAsync(DatabaseFacade database, ResultsQuery query, CancellationToken cancellationToken)
    {
        // Every host region, with none settled too; another region only when a household settled there.
        const string sql = $"""
            WITH settled AS (
                SELECT h.settlement_region_code AS code, count(*)::int AS n
                FROM households h
                WHERE h.settlement_settled_on BETWEEN @from AND @to AND {Scope}
                GROUP BY 1
            )
            SELECT g.code, g.name_fr, g.name_en, coalesce(s.n, 0)
            FROM regions g LEFT JOIN settled s ON s.code = g.code
            WHERE g.is_host_region OR s.n > 0
            ORDER BY g.code
            """;
        return await database.QueryAsync(sql, r => new RegionCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3)), cancellationToken, Parameters(query));
    }

    private static async Task<IReadOnlyList<RetentionRow>> RetentionAsync(DatabaseFacade database, ResultsQuery query, CancellationToken cancellationToken)
    {
        const string sql = $"""
            SELECT c.months_after, count(*)::int, count(c.answered_on)::int,
                   count(*) FILTER (WHERE c.answered_on IS NOT NULL AND c.still_in_region)::int,
                   count(*) FILTER (WHERE c.answered_on IS NOT NULL AND c.working)::int,
                   count(*) FILTER (WHERE c.answered_on IS NOT NULL AND c.housed)::int
            FROM retention_checks c JOIN households h ON h.id = c.household_id
            WHERE c.due_on BETWEEN @from AND @to AND {Scope}
            GROUP BY c.months_after
            """;
        var rows = (await database.QueryAsync(sql, r => new RetentionRow(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)), cancellationToken, Parameters(query)))
            .ToDictionary(r => r.MonthsAfter);
        return RetentionCheck.Horizons.Select(m => rows.GetValueOrDefault(m) ?? new RetentionRow(m, 0, 0, 0, 0, 0)).ToList();
    }

    private static async Task<IReadOnlyList<SessionMonthRow>> SessionsAsync(DatabaseFacade database, ResultsQuery query, bool scoped, CancellationToken cancellationToken)
    {
        // In a narrowed report, a held session counts when one of the scope's households was registered
        // to it (a wait list or a cancelled registration is not taking part); a cancelled one when one of
        // them was on its list (cancelling a session cancels its registrations).
        const string sql = $"""
            SELECT date_trunc('month', s.starts_at AT TIME ZONE '{Zone}')::date,
                   count(*) FILTER (WHERE s.status = 'Held')::int,
                   count(*) FILTER (WHERE s.status = 'Cancelled')::int,
                   coalesce(sum(x.registered) FILTER (WHERE s.status = 'Held'), 0)::int,
                   coalesce(sum(x.present) FILTER (WHERE s.status = 'Held'), 0)::int,
                   coalesce(sum(x.absent) FILTER (WHERE s.status = 'Held'), 0)::int,
                   coalesce(sum(x.excused) FILTER (WHERE s.status = 'Held'), 0)::int
            FROM info_sessions s
                 CROSS JOIN LATERAL (
                     SELECT count(*) FILTER (WHERE g.status = 'Registered') AS registered,
                            count(*) FILTER (WHERE g.status = 'Registered' AND g.attendance = 'Present') AS present,
                            count(*) FILTER (WHERE g.status = 'Registered' AND g.attendance = 'Absent') AS absent,
                            count(*) FILTER (WHERE g.status = 'Registered' AND g.attendance = 'Excused') AS excused,
                            count(*) AS listed
                     FROM session_registrations g JOIN households h ON h.id = g.household_id
                     WHERE g.session_id = s.id AND {Scope}
                 ) x
            WHERE s.starts_at >= @from_at AND s.starts_at < @to_at AND s.status IN ('Held', 'Cancelled')
              AND (NOT @scoped OR (s.status = 'Held' AND x.registered > 0) OR (s.status = 'Cancelled' AND x.listed > 0))
            GROUP BY 1
            """;
        var rows = (await database.QueryAsync(
                sql,
                r => new SessionMonthRow(DateOnly.FromDateTime(r.GetDateTime(0)), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6)),
                cancellationToken,
                [.. Parameters(query), new NpgsqlParameter<bool>("scoped", scoped)]))
            .ToDictionary(r => r.Month);
        return query.Period.Months().Select(m => rows.GetValueOrDefault(m) ?? new SessionMonthRow(m, 0, 0, 0, 0, 0, 0)).ToList();
    }

    private static async Task<IReadOnlyList<StayRegionRow>> StaysAsync(DatabaseFacade database, ResultsQuery query, bool scoped, CancellationToken cancellationToken)
    {
        const string sql = $"""
            WITH per_stay AS (
                SELECT st.region_code, st.status, x.households, x.people
                FROM stays st
                     CROSS JOIN LATERAL (
                         SELECT count(*) FILTER (WHERE p.attendance = 'Present') AS households,
                                coalesce(sum(p.people_count) FILTER (WHERE p.attendance = 'Present'), 0) AS people,
                                count(*) AS listed
                         FROM stay_participants p JOIN households h ON h.id = p.household_id
                         WHERE p.stay_id = st.id AND {Scope}
                     ) x
                WHERE st.start_on BETWEEN @from AND @to AND st.status IN ('Completed', 'Cancelled')
                  AND (NOT @scoped OR x.listed > 0)
            ), per_region AS (
                SELECT region_code,
                       count(*) FILTER (WHERE status = 'Completed')::int AS completed,
                       count(*) FILTER (WHERE status = 'Cancelled')::int AS cancelled,
                       coalesce(sum(households) FILTER (WHERE status = 'Completed'), 0)::int AS households,
                       coalesce(sum(people) FILTER (WHERE status = 'Completed'), 0)::int AS people
                FROM per_stay GROUP BY region_code
            )
            SELECT g.code, g.name_fr, g.name_en, coalesce(p.completed, 0), coalesce(p.cancelled, 0), coalesce(p.households, 0), coalesce(p.people, 0)
            FROM regions g LEFT JOIN per_region p ON p.region_code = g.code
            WHERE g.is_host_region OR p.region_code IS NOT NULL
            ORDER BY g.code
            """;
        return await database.QueryAsync(
            sql,
            r => new StayRegionRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6)),
            cancellationToken,
            [.. Parameters(query), new NpgsqlParameter<bool>("scoped", scoped)]);
    }

    private static async Task<SubsidyFigures> SubsidiesAsync(DatabaseFacade database, ResultsQuery query, bool withBudget, CancellationToken cancellationToken)
    {
        // Approved: decided during the period and approved (paid since, too). Refused: decided during
        // the period and refused. Paid: paid during the period.
        const string sql = $"""
            SELECT count(*) FILTER (WHERE a.status IN ('Approved', 'Paid') AND a.decided_on BETWEEN @from AND @to)::int,
                   coalesce(sum(a.approved_amount) FILTER (WHERE a.status IN ('Approved', 'Paid') AND a.decided_on BETWEEN @from AND @to), 0),
                   count(*) FILTER (WHERE a.status = 'Refused' AND a.decided_on BETWEEN @from AND @to)::int,
                   count(*) FILTER (WHERE a.status = 'Paid' AND a.paid_on BETWEEN @from AND @to)::int,
                   coalesce(sum(a.paid_amount) FILTER (WHERE a.status = 'Paid' AND a.paid_on BETWEEN @from AND @to), 0),
                   (SELECT b.amount FROM subsidy_budgets b WHERE @budget_year::int IS NOT NULL AND b.fiscal_year_start = @budget_year)
            FROM subsidy_applications a JOIN households h ON h.id = a.household_id
            WHERE (a.decided_on BETWEEN @from AND @to OR a.paid_on BETWEEN @from AND @to) AND {Scope}
            """;
        var budgetYear = withBudget ? query.Period.FiscalYear?.StartYear : null;
        var rows = await database.QueryAsync(
            sql,
            r => new SubsidyFigures(r.GetInt32(0), r.GetDecimal(1), r.GetInt32(2), r.GetInt32(3), r.GetDecimal(4), r.IsDBNull(5) ? null : r.GetDecimal(5)),
            cancellationToken,
            [.. Parameters(query), new NpgsqlParameter("budget_year", NpgsqlDbType.Integer) { Value = (object?)budgetYear ?? DBNull.Value }]);
        return rows.Single();
    }

    /// <summary>
    /// Registrations, settlements and withdrawals of the period and the files open now, by
    /// organization and by counsellor: one statement, each source read once and grouped both ways
    /// (grouping sets).
    /// </summary>
    private static async Task<(IReadOnlyList<BreakdownRow> ByOrganization, IReadOnlyList<BreakdownRow> ByCounsellor)> BreakdownsAsync(
        DatabaseFacade database, ResultsQuery query, CancellationToken cancellationToken)
    {
        const string sql = $"""
            SELECT GROUPING(org) = 0, CASE WHEN GROUPING(org) = 0 THEN org::text ELSE counsellor END,
                   sum(registrations)::int, sum(settled)::int, sum(withdrawals)::int, sum(open_files)::int FROM (
                SELECT h.organization_id AS org, h.assigned_counsellor_id AS counsellor, count(*) AS registrations, 0 AS settled, 0 AS withdrawals, 0 AS open_files
                FROM households h WHERE h.created_at >= @from_at AND h.created_at < @to_at AND {Scope} GROUP BY 1, 2
                UNION ALL
                SELECT h.organization_id, h.assigned_counsellor_id, 0, count(*), 0, 0
                FROM households h WHERE h.settlement_settled_on BETWEEN @from AND @to AND {Scope} GROUP BY 1, 2
                UNION ALL
                SELECT h.organization_id, h.assigned_counsellor_id, 0, 0, count(*), 0
                FROM stage_transitions t JOIN households h ON h.id = t.household_id
                WHERE t.occurred_at >= @from_at AND t.occurred_at < @to_at AND t.kind = 'Withdraw' AND {Scope} GROUP BY 1, 2
                UNION ALL
                SELECT h.organization_id, h.assigned_counsellor_id, 0, 0, 0, count(*)
                FROM households h WHERE h.status IN ('Active', 'OnHold') AND {Scope} GROUP BY 1, 2
            ) counts
            GROUP BY GROUPING SETS ((org), (counsellor))
            """;
        var rows = await database.QueryAsync(
            sql,
            r => (ByOrganization: r.GetBoolean(0), Row: new BreakdownRow(r.IsDBNull(1) ? null : r.GetString(1), "", r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), null)),
            cancellationToken,
            Parameters(query));
        return (rows.Where(r => r.ByOrganization).Select(r => r.Row).ToList(), rows.Where(r => !r.ByOrganization).Select(r => r.Row).ToList());
    }

    private static async Task<IReadOnlyList<BreakdownRow>> NameOrganizationsAsync(
        CaseManagerDbContext db, IReadOnlyList<BreakdownRow> rows, Dictionary<int, int> targets, int? only, CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().Where(o => only == null || o.Id == only).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var byKey = rows.ToDictionary(r => r.Key ?? "");
        return organizations.Select(o =>
        {
            var key = o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var row = byKey.GetValueOrDefault(key) ?? new BreakdownRow(key, "", 0, 0, 0, 0, null);
            return row with { Name = o.Name, Target = targets.TryGetValue(o.Id, out var t) ? t : null };
        }).ToList();
    }

    private static async Task<IReadOnlyList<BreakdownRow>> NameCounsellorsAsync(CaseManagerDbContext db, IReadOnlyList<BreakdownRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Where(r => r.Key is not null).Select(r => r.Key!).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return rows
            .Select(r => r with { Name = r.Key is null ? "" : names.GetValueOrDefault(r.Key, r.Key) })
            .OrderBy(r => r.Key is null).ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    private static NpgsqlParameter[] Parameters(ResultsQuery query) =>
    [
        new NpgsqlParameter<DateOnly>("from", query.Period.From),
        new NpgsqlParameter<DateOnly>("to", query.Period.To),
        new NpgsqlParameter<DateTimeOffset>("from_at", AppClock.FromLocal(query.Period.From, TimeOnly.MinValue)),
        new NpgsqlParameter<DateTimeOffset>("to_at", AppClock.FromLocal(query.Period.To.AddDays(1), TimeOnly.MinValue)),
        new NpgsqlParameter("org", NpgsqlDbType.Integer) { Value = (object?)query.OrganizationId ?? DBNull.Value },
        new NpgsqlParameter("counsellor", NpgsqlDbType.Text) { Value = (object?)query.CounsellorId ?? DBNull.Value },
    ];
}
