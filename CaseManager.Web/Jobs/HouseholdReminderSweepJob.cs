using CaseManager.Data;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace CaseManager.Web.Jobs;

/// <summary>
/// Finds what is due under every enabled household reminder rule and records each reminder once, like
/// the staff's sweep (<see cref="ReminderSweepJob"/>): one set-based statement per rule in its own
/// transaction, under the unique key (rule, file, subject, the date it is about), so a second run or a run
/// on another server adds nothing. A reminder is recorded only for a file whose household consented to a
/// channel the rule uses (and has the address or number for it). "Today" is the Montréal day; the morning
/// of a session is looked for from 7 h. When something new was recorded, the delivery job is queued.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class HouseholdReminderSweepJob(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AppClock clock,
    IBackgroundJobClient jobs,
    ILogger<HouseholdReminderSweepJob> logger)
{
    /// <summary>The first key of the advisory locks that let one sweep at a time work on a rule.</summary>
    private const int AdvisoryLockClass = 7_241_019;

    /// <summary>From this time (Montréal) the morning-of reminders of the day's sessions are recorded.</summary>
    public static readonly TimeOnly MorningFrom = new(7, 0);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        List<HouseholdReminderRule> rules;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            rules = await db.HouseholdReminderRules.AsNoTracking().Where(r => r.Enabled).ToListAsync(cancellationToken);
        }

        var now = clock.Now;
        var today = clock.Today;
        var morning = TimeOnly.FromDateTime(AppClock.ToLocal(now).DateTime) >= MorningFrom;
        var total = 0;
        foreach (var rule in rules.OrderBy(r => r.Kind))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rule.Kind == HouseholdReminderKind.SessionToday && !morning)
            {
                continue;
            }

            var created = await SweepAsync(rule, today, now, cancellationToken);
            if (created > 0)
            {
                logger.LogInformation("Household reminder sweep, {Kind}: {Count} new reminders.", rule.Kind, created);
            }

            total += created;
        }

        if (total > 0)
        {
            jobs.Enqueue<HouseholdReminderDeliveryJob>(job => job.RunAsync(CancellationToken.None));
        }

        return total;
    }

    public async Task<int> SweepAsync(HouseholdReminderRule rule, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var statement = HouseholdReminderStatements.For(rule, today, now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [AdvisoryLockClass, (int)rule.Kind], cancellationToken);
        var created = await db.Database.ExecuteSqlRawAsync(statement.Sql, statement.Parameters(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }
}

/// <summary>
/// The SQL of each household rule: the candidates (file, subject, the date it is about, the day it fell
/// due), kept only where the household consented to one of the rule's channels, minus those already
/// recorded, inserted with <c>ON CONFLICT (dedup_key) DO NOTHING</c>.
/// </summary>
public static class HouseholdReminderStatements
{
    /// <summary>A follow-up is sent within this many days after it fell due (not, say, to files settled years before the rule existed).</summary>
    public const int FollowUpWindowDays = 30;

    private const string Montreal = "'America/Montreal'";

    public static SweepStatement For(HouseholdReminderRule rule, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var candidates = rule.Kind switch
        {
            // A seat at a scheduled session whose day is after today and at most N days away.
            HouseholdReminderKind.SessionSoon => $"""
                SELECT sr.household_id, sr.id AS subject_id, (s.starts_at AT TIME ZONE {Montreal})::date AS subject_on, @today AS due_on
                FROM info_sessions s
                JOIN session_registrations sr ON sr.session_id = s.id
                WHERE s.status = 'Scheduled' AND sr.status = 'Registered'
                  AND (s.starts_at AT TIME ZONE {Montreal})::date > @today
                  AND (s.starts_at AT TIME ZONE {Montreal})::date <= @today + @delay
                """,
            // A seat at a scheduled session today that has not begun.
            HouseholdReminderKind.SessionToday => $"""
                SELECT sr.household_id, sr.id AS subject_id, @today AS subject_on, @today AS due_on
                FROM info_sessions s
                JOIN session_registrations sr ON sr.session_id = s.id
                WHERE s.status = 'Scheduled' AND sr.status = 'Registered'
                  AND (s.starts_at AT TIME ZONE {Montreal})::date = @today AND s.starts_at > @now
                """,
            // A place on a planned or confirmed stay that leaves after today, at most N days away.
            HouseholdReminderKind.StayDepartureSoon => """
                SELECT p.household_id, p.id AS subject_id, s.start_on AS subject_on, @today AS due_on
                FROM stays s
                JOIN stay_participants p ON p.stay_id = s.id
                WHERE s.status IN ('Planned', 'Confirmed') AND s.start_on > @today AND s.start_on <= @today + @delay
                """,
            // An open task of the plan that is the household's to do, due between today and N days from now.
            HouseholdReminderKind.TaskDueSoon => """
                SELECT t.household_id, t.id AS subject_id, t.due_on AS subject_on, t.due_on - @delay AS due_on
                FROM plan_tasks t
                WHERE t.owner = 'Household' AND t.status IN ('ToDo', 'InProgress') AND t.due_on IS NOT NULL
                  AND t.due_on >= @today AND t.due_on <= @today + @delay
                """,
            // Information asked for N days ago and not given, or a draft with no document N days after it was started.
            HouseholdReminderKind.SubsidyDocumentMissing => $"""
                SELECT a.household_id, a.id AS subject_id, asked.on_day AS subject_on, asked.on_day + @delay AS due_on
                FROM subsidy_applications a
                CROSS JOIN LATERAL (
                    SELECT (max(c.at) AT TIME ZONE {Montreal})::date AS on_day
                    FROM subsidy_status_changes c WHERE c.application_id = a.id AND c."to" = 'InformationRequested') asked
                WHERE a.status = 'InformationRequested' AND asked.on_day IS NOT NULL AND asked.on_day + @delay <= @today
                UNION ALL
                SELECT a.household_id, a.id AS subject_id, (a.created_at AT TIME ZONE {Montreal})::date AS subject_on,
                       (a.created_at AT TIME ZONE {Montreal})::date + @delay AS due_on
                FROM subsidy_applications a
                WHERE a.status = 'Draft' AND (a.created_at AT TIME ZONE {Montreal})::date + @delay <= @today
                  AND NOT EXISTS (SELECT 1 FROM subsidy_documents d WHERE d.application_id = a.id)
                """,
            // N months after the move, within the window, unless that follow-up was already answered.
            HouseholdReminderKind.FollowUpThreeMonths or HouseholdReminderKind.FollowUpSixMonths or HouseholdReminderKind.FollowUpTwelveMonths => """
                SELECT h.id AS household_id, h.id AS subject_id, h.settlement_settled_on AS subject_on,
                       (h.settlement_settled_on + make_interval(months => @delay))::date AS due_on
                FROM households h
                WHERE h.status = 'Settled' AND h.settlement_settled_on IS NOT NULL
                  AND (h.settlement_settled_on + make_interval(months => @delay))::date <= @today
                  AND (h.settlement_settled_on + make_interval(months => @delay))::date > @today - @window
                  AND NOT EXISTS (SELECT 1 FROM retention_checks x
                                  WHERE x.household_id = h.id AND x.months_after = @delay AND x.answered_on IS NOT NULL)
                """,
        };

        // Sessions, stays, tasks and applications of active files only; follow-ups of settled files (above).
        var fileState = HouseholdReminderRule.CountsInMonths(rule.Kind) ? "h.status = 'Settled'" : "h.status = 'Active'";
        var sql = $"""
            INSERT INTO household_reminders (id, kind, household_id, subject_id, subject_on, due_on, dedup_key, created_at)
            SELECT gen_random_uuid(), @kind, c.household_id, c.subject_id, c.subject_on, c.due_on,
                   @kind || ':' || c.household_id::text || ':' || c.subject_id::text || ':' || to_char(c.subject_on, 'YYYY-MM-DD'), @now
            FROM ({candidates}) c
            JOIN households h ON h.id = c.household_id
            WHERE {fileState}
              AND ((@by_email AND coalesce(h.contact_email, '') <> ''
                    AND EXISTS (SELECT 1 FROM consent_records k WHERE k.household_id = h.id AND k.purpose_code = @email_purpose
                                AND k.granted AND k.withdrawn_at IS NULL))
                OR (@by_sms AND coalesce(h.contact_phone, '') <> ''
                    AND EXISTS (SELECT 1 FROM consent_records k WHERE k.household_id = h.id AND k.purpose_code = @sms_purpose
                                AND k.granted AND k.withdrawn_at IS NULL)))
            ON CONFLICT (dedup_key) DO NOTHING
            """;
        return new SweepStatement(sql,
        [
            ("kind", rule.Kind.ToString(), NpgsqlDbType.Text),
            ("delay", rule.Delay, NpgsqlDbType.Integer),
            ("today", today, NpgsqlDbType.Date),
            ("now", now, NpgsqlDbType.TimestampTz),
            ("window", FollowUpWindowDays, NpgsqlDbType.Integer),
            ("by_email", rule.ByEmail, NpgsqlDbType.Boolean),
            ("by_sms", rule.ByTextMessage, NpgsqlDbType.Boolean),
            ("email_purpose", HouseholdReminderRule.EmailPurpose, NpgsqlDbType.Text),
            ("sms_purpose", HouseholdReminderRule.TextMessagePurpose, NpgsqlDbType.Text),
        ]);
    }
}
