using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CaseManager.Web.Jobs;

/// <summary>What one delivery run did.</summary>
public sealed record DeliveryResult(int Reminders, int Notifications, int Emails);

/// <summary>
/// Turns the reminders the sweep recorded into notifications: one per recipient, chosen by the
/// rule's audience (the file's counsellor, the active supervisors, or both), recorded once under
/// "reminder:{id}:{user}" (a subsidy application to review also goes to its reviewers). A recipient who wants each reminder by email gets one in the outbox,
/// recorded once under "notification:{id}". Reminders are taken in batches, each batch in one
/// transaction, locked with SKIP LOCKED: two deliveries at once share the work, a crash
/// mid-batch leaves the batch for the next run, and nothing is told twice.
/// </summary>
[AutomaticRetry(Attempts = 5)]
public sealed class ReminderDeliveryJob(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AppClock clock,
    ReminderEmails emails,
    IBackgroundJobClient jobs,
    ILogger<ReminderDeliveryJob> logger)
{
    public const int BatchSize = 500;

    public async Task<DeliveryResult> RunAsync(CancellationToken cancellationToken)
    {
        var total = new DeliveryResult(0, 0, 0);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await DeliverBatchAsync(cancellationToken);
            if (batch.Reminders == 0)
            {
                break;
            }

            total = new DeliveryResult(total.Reminders + batch.Reminders, total.Notifications + batch.Notifications, total.Emails + batch.Emails);
        }

        if (total.Emails > 0)
        {
            jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
        }

        if (total.Reminders > 0)
        {
            logger.LogInformation(
                "Reminder delivery: {Reminders} reminders, {Notifications} notifications, {Emails} emails queued.",
                total.Reminders, total.Notifications, total.Emails);
        }

        return total;
    }

    private async Task<DeliveryResult> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.Database.QueryAsync(
            """
            SELECT id FROM reminders
            WHERE delivered_at IS NULL
            ORDER BY created_at, id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
            """,
            reader => reader.GetGuid(0), cancellationToken, new NpgsqlParameter("batch", BatchSize));
        if (ids.Count == 0)
        {
            return new DeliveryResult(0, 0, 0);
        }

        var notifications = await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO notifications (id, user_id, kind, reminder_id, household_id, due_on, dedup_key, created_at)
            SELECT gen_random_uuid(), x.user_id, r.kind, r.id, r.household_id, r.due_on,
                   'reminder:' || r.id::text || ':' || x.user_id, @now
            FROM reminders r
            JOIN reminder_rules rr ON rr.kind = r.kind
            LEFT JOIN households h ON h.id = r.household_id
            CROSS JOIN LATERAL (
                SELECT h.assigned_counsellor_id AS user_id
                WHERE rr.audience IN ('Counsellor', 'CounsellorAndSupervisors') AND h.assigned_counsellor_id IS NOT NULL
                UNION
                SELECT ar.user_id
                FROM access_active_roles ar
                WHERE ar.role = @supervisor AND rr.audience IN ('Supervisors', 'CounsellorAndSupervisors')
                UNION
                -- A subsidy application to review: the reviewer who took it, or else the partner
                -- users of its destination region (never the person who created it), read from the
                -- view the access policy resolves partners from (AccessRules.MayReviewRegion).
                SELECT rv.user_id
                FROM subsidy_applications a
                CROSS JOIN LATERAL (
                    SELECT a.reviewer_id AS user_id WHERE a.reviewer_id IS NOT NULL
                    UNION
                    SELECT pu.user_id
                    FROM access_partner_users pu
                    WHERE a.reviewer_id IS NULL AND a.destination_region_code = ANY(pu.region_codes)
                ) rv
                WHERE a.id = r.subject_id AND r.kind IN ('SubsidySubmitted', 'SubsidyReviewOverdue', 'SubsidyReviewEscalation') AND rv.user_id <> a.created_by_id
                UNION
                SELECT ar.user_id
                FROM access_active_roles ar
                WHERE ar.role = @admin AND rr.audience = 'Administrators'
            ) x
            JOIN "AspNetUsers" u ON u.id = x.user_id AND u.is_active
            WHERE r.id = ANY(@ids)
            ORDER BY r.id, x.user_id
            ON CONFLICT (dedup_key) DO NOTHING
            """,
            [new NpgsqlParameter("now", now), new NpgsqlParameter("ids", ids.ToArray()),
             new NpgsqlParameter("supervisor", Roles.Supervisor), new NpgsqlParameter("admin", Roles.Admin)],
            cancellationToken);

        var queued = await QueueImmediateEmailsAsync(db, ids, now, cancellationToken);
        queued += await QueueHouseholdEmailsAsync(db, ids, now, cancellationToken);

        await db.Reminders.Where(r => ids.Contains(r.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.DeliveredAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DeliveryResult(ids.Count, notifications, queued);
    }

    /// <summary>
    /// The day-before reminder of a session also goes to the household itself, in its language,
    /// while it still has a seat at a session still scheduled; recorded once under "reminder:{id}:household".
    /// </summary>
    private static async Task<int> QueueHouseholdEmailsAsync(CaseManagerDbContext db, List<Guid> reminderIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await (
                from r in db.Reminders
                where reminderIds.Contains(r.Id) && r.Kind == ReminderKind.SessionTomorrow
                join reg in db.SessionRegistrations on r.SubjectId equals reg.Id
                where reg.Status == RegistrationStatus.Registered
                join s in db.InfoSessions on reg.SessionId equals s.Id
                where s.Status == SessionStatus.Scheduled
                join h in db.Households on r.HouseholdId equals h.Id
                where h.Contact.Email != null && h.Contact.Email != ""
                select new { r.Id, h.PrimaryApplicant.FirstName, h.PrimaryApplicant.LastName, h.Contact.Email, h.Languages, Session = s })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var outbox = due.Select(d => new OutboxEmail(
                null,
                d.Email!,
                SessionEmails.Reminder(new SessionEmailSubject(
                    $"{d.FirstName} {d.LastName}", d.Languages, d.Session.Title, d.Session.StartsAt, d.Session.DurationMinutes,
                    d.Session.Format, d.Session.Address, d.Session.OnlineLink, null)),
                $"reminder:{d.Id}:household"))
            .ToList();
        return await OutboxEmail.InsertAsync(db, outbox, now, cancellationToken);
    }

    /// <summary>One email per new notification of a person who wants reminders one by one.</summary>
    private async Task<int> QueueImmediateEmailsAsync(CaseManagerDbContext db, List<Guid> reminderIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = await (
                from n in db.Notifications
                where n.ReminderId != null && reminderIds.Contains(n.ReminderId.Value) && n.EmailedAt == null
                join u in db.Users on n.UserId equals u.Id
                where u.IsActive && u.ReminderEmails == ReminderEmailMode.Immediate && u.Email != null && u.Email != ""
                join r in db.Reminders on n.ReminderId equals (Guid?)r.Id
                join h in db.Households on r.HouseholdId equals h.Id
                orderby n.CreatedAt, n.Id
                select new
                {
                    NotificationId = n.Id,
                    UserId = u.Id,
                    Email = u.Email!,
                    u.DisplayName,
                    u.PreferredCulture,
                    Subject = new ReminderSubject(
                        r.Kind, h.Id, h.FileNumber, h.PrimaryApplicant.LastName + ", " + h.PrimaryApplicant.FirstName,
                        db.PlanTasks.Where(t => t.Id == r.SubjectId).Select(t => t.Title).FirstOrDefault() ??
                        db.SessionRegistrations.Where(x => x.Id == r.SubjectId)
                            .Join(db.InfoSessions, x => x.SessionId, s => s.Id, (x, s) => s.Title).FirstOrDefault(),
                        r.SubjectOn, r.DueOn),
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var outbox = pending.Select(p =>
        {
            var email = emails.OneReminder(p.DisplayName, ReminderTexts.CultureOf(p.PreferredCulture), p.Subject);
            return new OutboxEmail(p.UserId, p.Email, email, $"notification:{p.NotificationId}");
        }).ToList();
        var queued = await OutboxEmail.InsertAsync(db, outbox, now, cancellationToken);
        var notificationIds = pending.Select(p => p.NotificationId).ToArray();
        await db.Notifications.Where(n => notificationIds.Contains(n.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.EmailedAt, now), cancellationToken);
        return queued;
    }
}

/// <summary>An email on its way to the outbox (<c>outgoing_emails</c>), under its dedup key.</summary>
internal sealed record OutboxEmail(string? UserId, string Address, ComposedEmail Content, string DedupKey)
{
    /// <summary>Inserts the emails in one statement; one already in the outbox under its key is left as it is.</summary>
    public static Task<int> InsertAsync(CaseManagerDbContext db, IReadOnlyList<OutboxEmail> emails, DateTimeOffset now, CancellationToken cancellationToken)
    {
        static NpgsqlParameter Array(string name, object values, NpgsqlDbType type) =>
            new(name, NpgsqlDbType.Array | type) { Value = values };

        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO outgoing_emails (id, to_user_id, to_address, subject, text_body, html_body, dedup_key, created_at, attempts)
            SELECT e.id, e.user_id, e.address, e.subject, e.text_body, e.html_body, e.dedup_key, @now, 0
            FROM unnest(@ids, @users, @addresses, @subjects, @texts, @htmls, @keys)
                 AS e(id, user_id, address, subject, text_body, html_body, dedup_key)
            ON CONFLICT (dedup_key) DO NOTHING
            """,
            [
                new NpgsqlParameter("now", now),
                Array("ids", emails.Select(_ => Guid.CreateVersion7(now)).ToArray(), NpgsqlDbType.Uuid),
                Array("users", emails.Select(e => e.UserId).ToArray(), NpgsqlDbType.Text),
                Array("addresses", emails.Select(e => e.Address).ToArray(), NpgsqlDbType.Text),
                Array("subjects", emails.Select(e => Truncate(e.Content.Subject, 300)).ToArray(), NpgsqlDbType.Text),
                Array("texts", emails.Select(e => e.Content.Text).ToArray(), NpgsqlDbType.Text),
                Array("htmls", emails.Select(e => e.Content.Html).ToArray(), NpgsqlDbType.Text),
                Array("keys", emails.Select(e => e.DedupKey).ToArray(), NpgsqlDbType.Text),
            ],
            cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
