using CaseManager.Data;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Features.Timeline;
using CaseManager.Web.Jobs;
using Npgsql;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>
/// The file timeline's lines for messages to the household: each text message (a reminder's, or one sent from
/// the file) and each reminder email, with its channel and where it stands (queued, sent, delivered, failed;
/// a failure's error as the line's text). The <c>take</c> most recent of each channel.
/// </summary>
public static class HouseholdMessageLines
{
    public static async Task<IEnumerable<TimelineEntry>> ReadAsync(CaseManagerDbContext db, Guid householdId, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Database.QueryAsync(
            """
            (SELECT 'TextMessage' AS channel, r.kind, m.status, coalesce(m.status_at, m.sent_at, m.created_at) AS at,
                    CASE WHEN m.status = 'Failed' THEN m.last_error ELSE m.body END AS text
             FROM outgoing_text_messages m
             LEFT JOIN household_reminders r ON r.id = m.household_reminder_id
             WHERE m.household_id = @household
             ORDER BY at DESC
             LIMIT @take)
            UNION ALL
            (SELECT 'Email', r.kind,
                    CASE WHEN e.sent_at IS NOT NULL THEN 'Sent' WHEN e.attempts >= @max_attempts THEN 'Failed' ELSE 'Queued' END,
                    coalesce(e.sent_at, e.created_at) AS at,
                    CASE WHEN e.sent_at IS NULL AND e.attempts >= @max_attempts THEN e.last_error ELSE e.subject END
             FROM household_reminders r
             JOIN outgoing_emails e ON e.dedup_key = 'household-reminder:' || r.id::text || ':email'
             WHERE r.household_id = @household
             ORDER BY at DESC
             LIMIT @take)
            """,
            reader => new
            {
                Channel = Enum.Parse<HouseholdChannel>(reader.GetString(0)),
                Kind = reader.IsDBNull(1) ? (HouseholdReminderKind?)null : Enum.Parse<HouseholdReminderKind>(reader.GetString(1)),
                Status = Enum.Parse<TextMessageStatus>(reader.GetString(2)),
                At = reader.GetFieldValue<DateTimeOffset>(3),
                Text = reader.IsDBNull(4) ? null : reader.GetString(4),
            },
            cancellationToken,
            new NpgsqlParameter("household", householdId),
            new NpgsqlParameter("take", take),
            new NpgsqlParameter("max_attempts", EmailSenderJob.MaxAttempts));
        return rows.Select(row => new TimelineEntry
        {
            Kind = TimelineEntryKind.HouseholdMessage,
            At = row.At,
            Day = Infrastructure.AppClock.DateOf(row.At),
            SortKey = row.At,
            HouseholdReminder = row.Kind,
            MessageChannel = row.Channel,
            MessageStatus = row.Status,
            Text = row.Text,
        });
    }
}
