using CaseManager.Data;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CaseManager.Web.Jobs;

/// <summary>
/// Finds what is due under every enabled reminder rule and records each reminder once. One
/// set-based statement per rule, in its own transaction: the unique key (kind, subject, the date
/// the reminder is about) makes a second run, or a run on another server, add nothing, and a run
/// interrupted between two rules loses nothing (the next run fills the gap). "Today" is the
/// calendar day in Montréal. When something new was recorded, the delivery job is queued.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class ReminderSweepJob(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AppClock clock,
    IBackgroundJobClient jobs,
    ILogger<ReminderSweepJob> logger,
    CaseManager.Web.Hosting.CaseManagerMetrics metrics)
{
    /// <summary>The first key of the advisory locks that let one sweep at a time work on a rule.</summary>
    private const int AdvisoryLockClass = 7_241_001;

    /// <summary>Sweeps every enabled rule; returns how many reminders were recorded.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        List<ReminderRule> rules;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            rules = await db.ReminderRules.AsNoTracking().Where(r => r.Enabled).ToListAsync(cancellationToken);
        }

        var today = clock.Today;
        var now = clock.Now;
        var total = 0;
        foreach (var rule in rules.OrderBy(r => r.Kind))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var created = await SweepAsync(rule, today, now, cancellationToken);
            metrics.RemindersCreated(created, rule.Kind.ToString());
            if (created > 0)
            {
                logger.LogInformation("Reminder sweep, {Kind}: {Count} new reminders.", rule.Kind, created);
            }

            total += created;
        }

        if (total > 0)
        {
            jobs.Enqueue<ReminderDeliveryJob>(job => job.RunAsync(CancellationToken.None));
        }

        logger.LogInformation("Reminder sweep for {Today}: {Count} new reminders under {Rules} rules.", today, total, rules.Count);
        return total;
    }

    /// <summary>
    /// One rule's statement in its own transaction. Sweeps of the same rule on two servers take
    /// turns (a transaction-scoped advisory lock): the second finds the first's reminders and adds
    /// nothing; the unique key would refuse a duplicate anyway.
    /// </summary>
    public async Task<int> SweepAsync(ReminderRule rule, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var statement = ReminderSweepStatements.For(rule, today, now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            "SELECT pg_advisory_xact_lock({0}, {1})", [AdvisoryLockClass, (int)rule.Kind], cancellationToken);
        var created = await db.Database.ExecuteSqlRawAsync(statement.Sql, statement.Parameters(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }
}

/// <summary>A rule's statement and its parameters (also what the benchmark explains).</summary>
public sealed record SweepStatement(string Sql, IReadOnlyList<(string Name, object Value, NpgsqlDbType Type)> Values)
{
    public NpgsqlParameter[] Parameters() =>
        Values.Select(v => new NpgsqlParameter(v.Name, v.Type) { Value = v.Value }).ToArray();
}

/// <summary>
/// The SQL of each rule. Every statement selects the candidates (file or task, the date the
/// reminder is about, the day it fell due), skips those already recorded and inserts the rest
/// with <c>ON CONFLICT (dedup_key) DO NOTHING</c>, which settles a race with another sweep.
/// </summary>
public static class ReminderSweepStatements
{
    /// <summary>Which files a rule looks at: closed (and withdrawn) files never.</summary>
    private const string TaskFiles = "h.status IN ('Active', 'Settled')";

    public static SweepStatement For(ReminderRule rule, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        // A reminder only the counsellor hears of is recorded once the file has a counsellor.
        // The day-before reminder of a session also goes to the household itself, counsellor or not.
        var assigned = rule.Audience == ReminderAudience.Counsellor && rule.Kind != ReminderKind.SessionTomorrow
            ? "AND h.assigned_counsellor_id IS NOT NULL"
            : "";
        var candidates = rule.Kind switch
        {
            // Open tasks due between today and today + N days.
            ReminderKind.TaskDueSoon => $"""
                SELECT t.household_id, t.id AS subject_id, t.due_on AS subject_on, t.due_on - @delay AS due_on
                FROM plan_tasks t
                JOIN households h ON h.id = t.household_id
                WHERE t.status IN ('ToDo', 'InProgress') AND t.due_on IS NOT NULL
                  AND t.due_on >= @today AND t.due_on <= @today + @delay
                  AND {TaskFiles} {assigned}
                """,
            // Open tasks whose due date is N days behind.
            ReminderKind.TaskOverdue => $"""
                SELECT t.household_id, t.id AS subject_id, t.due_on AS subject_on, t.due_on + @delay AS due_on
                FROM plan_tasks t
                JOIN households h ON h.id = t.household_id
                WHERE t.status IN ('ToDo', 'InProgress') AND t.due_on IS NOT NULL
                  AND t.due_on <= @today - @delay
                  AND {TaskFiles} {assigned}
                """,
            // Active files whose last contact (or opening day, in Montréal: the stored quiet_since) is N days behind.
            ReminderKind.NoContact or ReminderKind.NoContactEscalation => $"""
                SELECT h.id AS household_id, h.id AS subject_id, h.quiet_since AS subject_on, h.quiet_since + @delay AS due_on
                FROM households h
                WHERE h.status = 'Active' AND h.quiet_since <= @today - @delay {assigned}
                """,
            // Active files whose plan's target move date is between today and today + N days.
            ReminderKind.TargetMoveDateSoon => $"""
                SELECT p.household_id, p.id AS subject_id, p.target_move_date AS subject_on, p.target_move_date - @delay AS due_on
                FROM plans p
                JOIN households h ON h.id = p.household_id
                WHERE p.target_move_date IS NOT NULL
                  AND p.target_move_date >= @today AND p.target_move_date <= @today + @delay
                  AND h.status = 'Active' {assigned}
                """,
            // Files on hold N days past their review date.
            ReminderKind.HoldReviewDue => $"""
                SELECT h.id AS household_id, h.id AS subject_id, h.hold_until AS subject_on, h.hold_until + @delay AS due_on
                FROM households h
                WHERE h.status = 'OnHold' AND h.hold_until IS NOT NULL AND h.hold_until <= @today - @delay {assigned}
                """,
            // Households that took part in a stay (not cancelled, not recorded absent) that ended N
            // days ago and have no debrief yet: one reminder per participation, about the last day.
            ReminderKind.StayDebriefDue => $"""
                SELECT p.household_id, p.id AS subject_id, s.end_on AS subject_on, s.end_on + @delay AS due_on
                FROM stays s
                JOIN stay_participants p ON p.stay_id = s.id
                JOIN households h ON h.id = p.household_id
                WHERE s.status <> 'Cancelled' AND s.end_on <= @today - @delay
                  AND p.attendance <> 'Absent'
                  AND NOT EXISTS (SELECT 1 FROM stay_debriefs d WHERE d.stay_id = s.id AND d.household_id = p.household_id)
                  AND h.status = 'Active' {assigned}
                """,
            // Households with a seat at a scheduled session whose day (in Montréal) is N days away or less, not yet begun.
            ReminderKind.SessionTomorrow => $"""
                SELECT sr.household_id, sr.id AS subject_id, (s.starts_at AT TIME ZONE 'America/Montreal')::date AS subject_on,
                       (s.starts_at AT TIME ZONE 'America/Montreal')::date - @delay AS due_on
                FROM info_sessions s
                JOIN session_registrations sr ON sr.session_id = s.id
                JOIN households h ON h.id = sr.household_id
                WHERE s.status = 'Scheduled' AND s.starts_at > @now
                  AND s.starts_at < (@today + @delay + 1)::timestamp AT TIME ZONE 'America/Montreal'
                  AND sr.status = 'Registered'
                  AND h.status = 'Active' {assigned}
                """,
            // Subsidy applications waiting for a decision more than N working days (Monday to Friday;
            // public holidays count as working days): due on the (N+1)th working day after they
            // started waiting, once per waiting period (a resubmission starts a new one).
            ReminderKind.SubsidyReviewOverdue => """
                SELECT a.household_id, a.id AS subject_id, a.waiting_since AS subject_on, w.due_on
                FROM subsidy_applications a
                JOIN households h ON h.id = a.household_id
                CROSS JOIN LATERAL (
                    SELECT d::date AS due_on
                    FROM generate_series((a.waiting_since + 1)::timestamp, (a.waiting_since + 2 * @delay + 10)::timestamp, interval '1 day') d
                    WHERE extract(isodow FROM d) < 6
                    ORDER BY d
                    OFFSET @delay LIMIT 1
                ) w
                WHERE a.status IN ('Submitted', 'UnderReview') AND a.waiting_since IS NOT NULL
                  AND a.waiting_since < @today - @delay AND w.due_on <= @today
                  AND h.status <> 'Closed'
                """,
            // Applications still waiting N more working days after their first "waiting" reminder (the
            // rule above): the second reminder, due on the Nth working day after the first one's due
            // date, once per waiting period. Without a first reminder (that rule off) nothing escalates.
            ReminderKind.SubsidyReviewEscalation => """
                SELECT a.household_id, a.id AS subject_id, a.waiting_since AS subject_on, w.due_on
                FROM subsidy_applications a
                JOIN households h ON h.id = a.household_id
                JOIN reminders f ON f.kind = 'SubsidyReviewOverdue' AND f.subject_id = a.id AND f.subject_on = a.waiting_since
                CROSS JOIN LATERAL (
                    SELECT d::date AS due_on
                    FROM generate_series((f.due_on + 1)::timestamp, (f.due_on + 2 * @delay + 10)::timestamp, interval '1 day') d
                    WHERE extract(isodow FROM d) < 6
                    ORDER BY d
                    OFFSET @delay - 1 LIMIT 1
                ) w
                WHERE a.status IN ('Submitted', 'UnderReview') AND a.waiting_since IS NOT NULL
                  AND f.due_on < @today AND w.due_on <= @today
                  AND h.status <> 'Closed'
                """,
            // Recorded when it happens (a session's cancellation, a seat granted, a subsidy's submission or decision): nothing to look for.
            ReminderKind.SessionCancelled or ReminderKind.SessionSeatGranted or ReminderKind.SubsidySubmitted
                or ReminderKind.SubsidyInformationRequested or ReminderKind.SubsidyApproved or ReminderKind.SubsidyRefused => """
                SELECT NULL::uuid AS household_id, NULL::uuid AS subject_id, NULL::date AS subject_on, NULL::date AS due_on
                WHERE false
                """,
            // Active resources of the directory last verified (or, never verified, added) N months ago or more: no file.
            ReminderKind.ResourceVerificationDue => """
                SELECT NULL::uuid AS household_id, r.id AS subject_id, v.verified_on AS subject_on,
                       (v.verified_on + make_interval(months => @delay))::date AS due_on
                FROM resources r
                CROSS JOIN LATERAL (
                    SELECT coalesce(r.last_verified_on, (r.created_at AT TIME ZONE 'America/Montreal')::date) AS verified_on) v
                WHERE r.is_active AND (v.verified_on + make_interval(months => @delay))::date <= @today
                """,
            ReminderKind.RetentionThreeMonths or ReminderKind.RetentionSixMonths or ReminderKind.RetentionTwelveMonths => "",
            ReminderKind.FileAssigned or ReminderKind.FileReassignedAway or ReminderKind.RightsRequestOverdue
                or ReminderKind.HouseholdMessage or ReminderKind.HouseholdDetailsChanged
                => throw new ArgumentException($"{rule.Kind} has no rule to sweep.", nameof(rule)),
        };

        var sql = ReminderRule.RetentionHorizon(rule.Kind) is null ? Simple(candidates) : Retention(assigned);
        return new SweepStatement(sql,
        [
            ("kind", rule.Kind.ToString(), NpgsqlDbType.Text),
            ("delay", rule.Delay, NpgsqlDbType.Integer),
            ("today", today, NpgsqlDbType.Date),
            ("now", now, NpgsqlDbType.TimestampTz),
            ("horizon", ReminderRule.RetentionHorizon(rule.Kind) ?? 0, NpgsqlDbType.Integer),
        ]);
    }

    private const string Key = "@kind || ':' || c.subject_id::text || ':' || to_char(c.subject_on, 'YYYY-MM-DD')";

    private static string Simple(string candidates) => $"""
        INSERT INTO reminders (id, kind, household_id, subject_id, due_on, subject_on, dedup_key, created_at)
        SELECT gen_random_uuid(), @kind, c.household_id, c.subject_id, c.due_on, c.subject_on, c.dedup_key, @now
        FROM (
            SELECT c.*, {Key} AS dedup_key
            FROM ({candidates}) c
        ) c
        WHERE NOT EXISTS (
            SELECT 1 FROM reminders r WHERE r.kind = @kind AND r.subject_id = c.subject_id AND r.subject_on = c.subject_on)
        ON CONFLICT (dedup_key) DO NOTHING
        """;

    /// <summary>
    /// Settled files N months after their settlement: the retention check (unique per file and
    /// horizon) and its reminder, in one statement. A check that already exists is reused; one
    /// that another sweep is writing at this moment is left to that sweep, reminder included.
    /// </summary>
    private static string Retention(string assigned) => $"""
        WITH due AS (
            SELECT c.*, {Key} AS dedup_key
            FROM (
                SELECT h.id AS household_id, h.id AS subject_id, h.settlement_settled_on AS subject_on,
                       (h.settlement_settled_on + make_interval(months => @delay))::date AS due_on
                FROM households h
                WHERE h.status = 'Settled' AND h.settlement_settled_on IS NOT NULL
                  AND (h.settlement_settled_on + make_interval(months => @delay))::date <= @today {assigned}
                  -- A follow-up already answered (by a counsellor, or in bulk from "Ma semaine") is not reminded.
                  AND NOT EXISTS (SELECT 1 FROM retention_checks x
                                  WHERE x.household_id = h.id AND x.months_after = @horizon AND x.answered_on IS NOT NULL)
            ) c
            WHERE NOT EXISTS (
                SELECT 1 FROM reminders r WHERE r.household_id = c.household_id AND r.kind = @kind AND r.subject_on = c.subject_on)
        ),
        created AS (
            INSERT INTO retention_checks (id, household_id, months_after, due_on, created_at)
            SELECT gen_random_uuid(), d.household_id, @horizon, d.due_on, @now
            FROM due d
            ON CONFLICT (household_id, months_after) DO NOTHING
            RETURNING id, household_id
        )
        INSERT INTO reminders (id, kind, household_id, subject_id, due_on, subject_on, dedup_key, created_at)
        SELECT gen_random_uuid(), @kind, d.household_id, coalesce(n.id, e.id), d.due_on, d.subject_on, d.dedup_key, @now
        FROM due d
        LEFT JOIN created n ON n.household_id = d.household_id
        LEFT JOIN retention_checks e ON e.household_id = d.household_id AND e.months_after = @horizon
        WHERE coalesce(n.id, e.id) IS NOT NULL
        ON CONFLICT (dedup_key) DO NOTHING
        """;
}
