using CaseManager.Data;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Jobs;

/// <summary>
/// Finds the active files nobody has contacted for the rule's number of days and tells their
/// counsellor, once per file and period. One set-based statement: the unique key
/// (rule, file, due date) makes a second run, or a run on another server, add nothing.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class NoContactSweepJob(
    IDbContextFactory<CaseManagerDbContext> contexts, AppClock clock, ILogger<NoContactSweepJob> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.ReminderRules.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == ReminderKind.NoContact, cancellationToken);
        if (rule is not { Enabled: true } || rule.Delay <= 0)
        {
            logger.LogInformation("No-contact reminders are switched off.");
            return 0;
        }

        var today = clock.Today;
        var now = clock.Now;
        // A file never contacted counts from the day it was opened (in Montréal).
        var created = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications (id, user_id, kind, household_id, due_on, dedup_key, created_at)
            SELECT gen_random_uuid(), q.assigned_counsellor_id, 'NoContact', q.id, q.due_on,
                   'NoContact:' || q.id::text || ':' || to_char(q.due_on, 'YYYY-MM-DD'), {now}
            FROM (
                SELECT h.id, h.assigned_counsellor_id,
                       coalesce(h.last_contact_on, (h.created_at AT TIME ZONE 'America/Montreal')::date) + {rule.Delay} AS due_on
                FROM households h
                WHERE h.status = 'Active' AND h.assigned_counsellor_id IS NOT NULL
            ) q
            WHERE q.due_on <= {today}
            ON CONFLICT (dedup_key) DO NOTHING
            """, cancellationToken);
        logger.LogInformation("No-contact sweep: {Count} new reminders.", created);
        return created;
    }
}

/// <summary>Every recurring schedule of the application, registered in one place at start-up.</summary>
public static class RecurringJobs
{
    public const string NoContactSweep = "no-contact-sweep";

    public static void Register(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<NoContactSweepJob>(
            NoContactSweep,
            job => job.RunAsync(CancellationToken.None),
            "0 6 * * *",
            new RecurringJobOptions { TimeZone = AppClock.Montreal });
    }
}
