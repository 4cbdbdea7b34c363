using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>Why a text message to a household was not queued.</summary>
public enum TextMessageRefusal
{
    /// <summary>Text messages are not configured (no <c>TextMessages:AccountSid</c>).</summary>
    Disabled,

    /// <summary>The file has no number that can take a text message.</summary>
    NoNumber,

    /// <summary>The number answered STOP.</summary>
    OptedOut,

    /// <summary>The text is empty or longer than <see cref="OutgoingTextMessage.MaxBodyLength"/>.</summary>
    BadBody,
}

/// <summary>A text message queued (its outbox id; <see cref="Held"/> until when quiet hours hold it) or not (why).</summary>
public sealed record TextMessageQueued(Guid? Id, DateTimeOffset? Held, TextMessageRefusal? Refusal);

/// <summary>
/// The outbox of text messages to households: a message is queued once under its dedup key, to the
/// number on the household's file, held until 8 h when it is queued in quiet hours (21 h to 8 h,
/// Montréal), and sent by <see cref="TextMessageSenderJob"/> (retried with a growing delay; each
/// message's status is recorded, and shown on the file's timeline). A number that answered STOP gets
/// nothing. It checks no access: call it from inside an operation the file runner already allowed.
/// </summary>
public sealed class HouseholdTextMessages(
    IDbContextFactory<CaseManagerDbContext> contexts, AppClock clock, TextMessageOptions options, IBackgroundJobClient jobs)
{
    /// <summary>
    /// Queues <paramref name="body"/> to the household's number on file, once under <paramref name="dedupKey"/>
    /// (e.g. "space-link:{linkId}"); queues the sender at once. A second call with the same key queues nothing
    /// and answers the first message's id.
    /// </summary>
    public async Task<TextMessageQueued> QueueAsync(Guid householdId, string body, string dedupKey, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var queued = await QueueInAsync(db, householdId, body, dedupKey, cancellationToken);
        if (queued.Refusal is null)
        {
            SendSoon();
        }

        return queued;
    }

    /// <summary>
    /// The same in the caller's unit of work and transaction (e.g. the file runner's, which locks the
    /// file's row): the message is in the outbox only if the caller commits. Call <see cref="SendSoon"/> after.
    /// </summary>
    public async Task<TextMessageQueued> QueueInAsync(
        CaseManagerDbContext db, Guid householdId, string body, string dedupKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupKey);
        if (!options.Enabled)
        {
            return new TextMessageQueued(null, null, TextMessageRefusal.Disabled);
        }

        if (string.IsNullOrWhiteSpace(body) || body.Length > OutgoingTextMessage.MaxBodyLength)
        {
            return new TextMessageQueued(null, null, TextMessageRefusal.BadBody);
        }

        var phone = await db.Households.Where(h => h.Id == householdId).Select(h => h.Contact.Phone).SingleOrDefaultAsync(cancellationToken);
        var to = PhoneNumbers.ToE164(phone);
        if (to is null)
        {
            return new TextMessageQueued(null, null, TextMessageRefusal.NoNumber);
        }

        if (await db.TextMessageOptOuts.AnyAsync(o => o.PhoneNumber == to, cancellationToken))
        {
            return new TextMessageQueued(null, null, TextMessageRefusal.OptedOut);
        }

        var now = clock.Now;
        var held = NotBefore(now);
        await InsertAsync(db, [new QueuedText(householdId, null, to, body, dedupKey)], now, cancellationToken);
        var id = await db.OutgoingTextMessages.Where(m => m.DedupKey == dedupKey).Select(m => m.Id).SingleAsync(cancellationToken);
        return new TextMessageQueued(id, held, null);
    }

    /// <summary>Has the sender look at the outbox now (it holds what quiet hours hold).</summary>
    public void SendSoon() => jobs.Enqueue<TextMessageSenderJob>(job => job.RunAsync(CancellationToken.None));

    /// <summary>The first instant a message queued at <paramref name="now"/> may go: now, or 8 h (Montréal) when now is in quiet hours.</summary>
    public static DateTimeOffset? NotBefore(DateTimeOffset now)
    {
        var local = AppClock.ToLocal(now);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!QuietHours.IsQuiet(time))
        {
            return null;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        return AppClock.FromLocal(time >= QuietHours.Start ? day.AddDays(1) : day, QuietHours.End);
    }

    /// <summary>A text message on its way to the outbox.</summary>
    internal sealed record QueuedText(Guid? HouseholdId, Guid? ReminderId, string To, string Body, string DedupKey);

    /// <summary>Inserts the messages in one statement; one already in the outbox under its key is left as it is.</summary>
    internal static Task<int> InsertAsync(CaseManagerDbContext db, IReadOnlyList<QueuedText> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        static NpgsqlParameter Array(string name, object values, NpgsqlTypes.NpgsqlDbType type) =>
            new(name, NpgsqlTypes.NpgsqlDbType.Array | type) { Value = values };

        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO outgoing_text_messages (id, household_id, household_reminder_id, to_number, body, dedup_key, created_at, status, attempts, next_attempt_at)
            SELECT m.id, m.household_id, m.reminder_id, m.to_number, m.body, m.dedup_key, @now, 'Queued', 0, @not_before
            FROM unnest(@ids, @households, @reminders, @numbers, @bodies, @keys) AS m(id, household_id, reminder_id, to_number, body, dedup_key)
            ON CONFLICT (dedup_key) DO NOTHING
            """,
            [
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("not_before", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)NotBefore(now) ?? DBNull.Value },
                Array("ids", messages.Select(_ => Guid.CreateVersion7(now)).ToArray(), NpgsqlTypes.NpgsqlDbType.Uuid),
                Array("households", messages.Select(m => m.HouseholdId).ToArray(), NpgsqlTypes.NpgsqlDbType.Uuid),
                Array("reminders", messages.Select(m => m.ReminderId).ToArray(), NpgsqlTypes.NpgsqlDbType.Uuid),
                Array("numbers", messages.Select(m => m.To).ToArray(), NpgsqlTypes.NpgsqlDbType.Text),
                Array("bodies", messages.Select(m => m.Body.Length <= OutgoingTextMessage.MaxBodyLength ? m.Body : m.Body[..OutgoingTextMessage.MaxBodyLength]).ToArray(), NpgsqlTypes.NpgsqlDbType.Text),
                Array("keys", messages.Select(m => m.DedupKey).ToArray(), NpgsqlTypes.NpgsqlDbType.Text),
            ],
            cancellationToken);
    }
}
