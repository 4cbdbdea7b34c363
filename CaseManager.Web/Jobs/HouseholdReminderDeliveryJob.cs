using CaseManager.Data;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Features.HouseholdReminders;
using CaseManager.Web.Features.HouseholdSpace;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManager.Web.Jobs;

/// <summary>What one household delivery run did.</summary>
public sealed record HouseholdDeliveryResult(int Reminders, int Emails, int TextMessages);

/// <summary>
/// Turns the household reminders the sweep recorded into an email (recorded once under
/// "household-reminder:{id}:email") and a text message ("household-reminder:{id}:sms"), each only when the
/// rule uses that channel and the household's consent to it is in force at this moment, with the household's
/// personal link (one per household per run, <see cref="IHouseholdLinks"/>). A reminder whose subject has
/// gone (a seat cancelled, a task done) is closed without a message. Batches are locked with SKIP LOCKED,
/// one transaction each: two deliveries share the work and nothing is queued twice.
/// </summary>
[AutomaticRetry(Attempts = 5)]
public sealed class HouseholdReminderDeliveryJob(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AppClock clock,
    IHouseholdLinks links,
    TextMessageOptions textMessages,
    IBackgroundJobClient jobs,
    ILogger<HouseholdReminderDeliveryJob> logger)
{
    public const int BatchSize = 200;

    /// <summary>How the links this job issues are recorded.</summary>
    public const string IssuerName = "household-reminders";

    public async Task<HouseholdDeliveryResult> RunAsync(CancellationToken cancellationToken)
    {
        var total = new HouseholdDeliveryResult(0, 0, 0);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await DeliverBatchAsync(cancellationToken);
            if (batch.Reminders == 0)
            {
                break;
            }

            total = new HouseholdDeliveryResult(total.Reminders + batch.Reminders, total.Emails + batch.Emails, total.TextMessages + batch.TextMessages);
        }

        if (total.Emails > 0)
        {
            jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
        }

        if (total.TextMessages > 0)
        {
            jobs.Enqueue<TextMessageSenderJob>(job => job.RunAsync(CancellationToken.None));
        }

        if (total.Reminders > 0)
        {
            logger.LogInformation("Household reminders: {Reminders} delivered, {Emails} emails and {Texts} text messages queued.",
                total.Reminders, total.Emails, total.TextMessages);
        }

        return total;
    }

    private sealed record Due(
        Guid Id, Guid HouseholdId, HouseholdReminderFacts Facts, string? Email, string? Phone, bool EmailOk, bool TextOk, bool StillDue);

    private async Task<HouseholdDeliveryResult> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Database.QueryAsync(
            """
            WITH batch AS (
                SELECT id FROM household_reminders
                WHERE delivered_at IS NULL
                ORDER BY created_at, id
                LIMIT @batch
                FOR UPDATE SKIP LOCKED
            )
            SELECT r.id, r.household_id, r.kind, r.subject_on,
                   h.primary_applicant_first_name || ' ' || h.primary_applicant_last_name, h.languages, h.contact_email, h.contact_phone,
                   rr.by_email AND EXISTS (SELECT 1 FROM consent_records k WHERE k.household_id = h.id AND k.purpose_code = @email_purpose
                                           AND k.granted AND k.withdrawn_at IS NULL),
                   rr.by_text_message AND EXISTS (SELECT 1 FROM consent_records k WHERE k.household_id = h.id AND k.purpose_code = @sms_purpose
                                                  AND k.granted AND k.withdrawn_at IS NULL),
                   coalesce(s.title, t.title),
                   s.starts_at,
                   CASE WHEN s.format = 'Online' THEN s.online_link ELSE s.address END,
                   rg.name_fr, rg.name_en,
                   CASE r.kind
                       WHEN 'SessionSoon' THEN s.id IS NOT NULL
                       WHEN 'SessionToday' THEN s.id IS NOT NULL AND s.starts_at > @now
                       WHEN 'StayDepartureSoon' THEN st.id IS NOT NULL
                       WHEN 'TaskDueSoon' THEN t.id IS NOT NULL
                       WHEN 'SubsidyDocumentMissing' THEN EXISTS (SELECT 1 FROM subsidy_applications a WHERE a.id = r.subject_id
                                                                  AND a.status IN ('InformationRequested', 'Draft'))
                       ELSE h.status = 'Settled'
                   END
            FROM batch b
            JOIN household_reminders r ON r.id = b.id
            JOIN households h ON h.id = r.household_id
            JOIN household_reminder_rules rr ON rr.kind = r.kind
            LEFT JOIN session_registrations sr ON sr.id = r.subject_id AND r.kind IN ('SessionSoon', 'SessionToday') AND sr.status = 'Registered'
            LEFT JOIN info_sessions s ON s.id = sr.session_id AND s.status = 'Scheduled'
            LEFT JOIN stay_participants sp ON sp.id = r.subject_id AND r.kind = 'StayDepartureSoon'
            LEFT JOIN stays st ON st.id = sp.stay_id AND st.status IN ('Planned', 'Confirmed')
            LEFT JOIN regions rg ON rg.code = st.region_code
            LEFT JOIN plan_tasks t ON t.id = r.subject_id AND r.kind = 'TaskDueSoon' AND t.status IN ('ToDo', 'InProgress')
            ORDER BY r.created_at, r.id
            """,
            reader =>
            {
                var languages = reader.GetFieldValue<string[]>(5);
                var kind = Enum.Parse<HouseholdReminderKind>(reader.GetString(2));
                string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
                var english = HouseholdReminderMessages.CultureOf(languages).TwoLetterISOLanguageName == "en";
                // A stay's line names its region (in the household's language) where the others name their title.
                var title = kind == HouseholdReminderKind.StayDepartureSoon ? Text(english ? 14 : 13) : Text(10);
                var facts = new HouseholdReminderFacts(
                    kind, reader.GetString(4), languages, reader.GetFieldValue<DateOnly>(3), title,
                    reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), Text(12));
                return new Due(reader.GetGuid(0), reader.GetGuid(1), facts, Text(6), Text(7), reader.GetBoolean(8), reader.GetBoolean(9), reader.GetBoolean(15));
            },
            cancellationToken,
            new NpgsqlParameter("batch", BatchSize),
            new NpgsqlParameter("now", now),
            new NpgsqlParameter("email_purpose", HouseholdReminderRule.EmailPurpose),
            new NpgsqlParameter("sms_purpose", HouseholdReminderRule.TextMessagePurpose));
        if (due.Count == 0)
        {
            return new HouseholdDeliveryResult(0, 0, 0);
        }

        var emails = new List<OutboxEmail>();
        var texts = new List<HouseholdTextMessages.QueuedText>();
        var issued = new Dictionary<Guid, Uri>();
        foreach (var reminder in due.Where(d => d.StillDue))
        {
            var email = reminder.EmailOk && !string.IsNullOrEmpty(reminder.Email) ? reminder.Email : null;
            var phone = reminder.TextOk && textMessages.Enabled ? PhoneNumbers.ToE164(reminder.Phone) : null;
            if (email is null && phone is null)
            {
                continue;
            }

            if (!issued.TryGetValue(reminder.HouseholdId, out var link))
            {
                issued[reminder.HouseholdId] = link = await links.IssueAsync(reminder.HouseholdId, IssuerName, cancellationToken);
            }

            if (email is not null)
            {
                emails.Add(new OutboxEmail(null, email, HouseholdReminderMessages.Email(reminder.Facts, link), $"household-reminder:{reminder.Id}:email"));
            }

            if (phone is not null)
            {
                texts.Add(new HouseholdTextMessages.QueuedText(
                    reminder.HouseholdId, reminder.Id, phone, HouseholdReminderMessages.TextMessage(reminder.Facts, link), $"household-reminder:{reminder.Id}:sms"));
            }
        }

        var queuedEmails = emails.Count == 0 ? 0 : await OutboxEmail.InsertAsync(db, emails, now, cancellationToken);
        var queuedTexts = texts.Count == 0 ? 0 : await HouseholdTextMessages.InsertAsync(db, texts, now, cancellationToken);
        var ids = due.Select(d => d.Id).ToArray();
        await db.HouseholdReminders.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(set => set.SetProperty(r => r.DeliveredAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new HouseholdDeliveryResult(due.Count, queuedEmails, queuedTexts);
    }
}
