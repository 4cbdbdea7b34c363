using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Privacy;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Jobs;

/// <summary>
/// Every morning: each open rights request past its legal due date becomes a notification in the
/// bell of its assigned privacy officer, or of every active privacy officer when nobody is
/// assigned, once per request and due date (the notification's unique key), whatever the number
/// of runs. In the app only: the emails' links lead to household files, which these are not.
/// </summary>
public sealed class RightsRequestOverdueJob(IDbContextFactory<CaseManagerDbContext> contexts, AppClock clock, ILogger<RightsRequestOverdueJob> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var now = clock.Now;
        string[] open = [nameof(RightsRequestStatus.Received), nameof(RightsRequestStatus.InProgress)];
        var kind = nameof(ReminderKind.RightsRequestOverdue);
        var role = Roles.PrivacyOfficer;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var written = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications (id, user_id, kind, household_id, due_on, dedup_key, created_at, emailed_at)
            SELECT gen_random_uuid(), u.id, {kind}, r.household_id, r.due_on,
                   'rights-request-overdue:' || r.id || ':' || r.due_on || ':' || u.id, {now}, {now}
            FROM rights_requests r
            JOIN "AspNetUsers" u ON u.is_active AND (
                u.id = r.assignee_id OR (r.assignee_id IS NULL AND EXISTS (
                    SELECT 1 FROM access_active_roles ar WHERE ar.user_id = u.id AND ar.role = {role})))
            WHERE r.status = ANY({open}) AND r.due_on < {today}
            ON CONFLICT (dedup_key) DO NOTHING
            """, cancellationToken);
        if (written > 0)
        {
            logger.LogInformation("{Count} overdue rights request notifications written.", written);
        }

        return written;
    }
}
