using CaseManager.Data;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Features.HouseholdReminders;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManager.Web.Jobs;

/// <summary>
/// Sends the outbox of text messages (<c>outgoing_text_messages</c>) through the provider. Nothing goes
/// out in quiet hours (21 h to 8 h, Montréal). Each message is first claimed by one statement (<c>UPDATE …
/// RETURNING</c> over rows locked with SKIP LOCKED) that counts the attempt and leases it, so two senders
/// never take the same message. A message to a number that answered STOP, or a reminder whose household
/// withdrew its consent to text messages meanwhile, is marked failed without being sent. A refusal the
/// provider calls permanent fails the message at once; any other failure is retried with a growing delay
/// (held past quiet hours), up to <see cref="MaxAttempts"/>; one message's failure never stops the others.
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class TextMessageSenderJob(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AppClock clock,
    TwilioTextMessages provider,
    ILogger<TextMessageSenderJob> logger)
{
    public const int MaxAttempts = 6;
    public const int BatchSize = 50;

    /// <summary>How long a claimed message stays with its sender before another may try it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the n-th failed attempt: 1, 2, 4… minutes, at most 6 hours.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Max(0, attempts - 1))));

    public async Task<SendResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!provider.Enabled || HouseholdTextMessages.NotBefore(clock.Now) is not null)
        {
            return new SendResult(0, 0);
        }

        await DropUnwantedAsync(cancellationToken);
        var sent = 0;
        var failed = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await ClaimAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                if (await SendAsync(message, cancellationToken))
                {
                    sent++;
                }
                else
                {
                    failed++;
                }
            }
        }

        if (sent + failed > 0)
        {
            logger.LogInformation("Text message sender: {Sent} sent, {Failed} failed.", sent, failed);
        }

        return new SendResult(sent, failed);
    }

    /// <summary>Queued messages that must not go: to a number that answered STOP, or a reminder whose consent was withdrawn.</summary>
    private async Task DropUnwantedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE outgoing_text_messages m
            SET status = 'Failed', status_at = @now, next_attempt_at = NULL,
                last_error = CASE WHEN EXISTS (SELECT 1 FROM text_message_opt_outs o WHERE o.phone_number = m.to_number)
                                  THEN 'The number answered STOP.' ELSE 'The household withdrew its consent to text messages.' END
            WHERE m.status = 'Queued'
              AND (EXISTS (SELECT 1 FROM text_message_opt_outs o WHERE o.phone_number = m.to_number)
                   OR (m.household_reminder_id IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM consent_records c
                        WHERE c.household_id = m.household_id AND c.purpose_code = @purpose AND c.granted AND c.withdrawn_at IS NULL)))
            """,
            [new NpgsqlParameter("now", clock.Now), new NpgsqlParameter("purpose", HouseholdReminderRule.TextMessagePurpose)],
            cancellationToken);
    }

    private sealed record ClaimedText(Guid Id, string To, string Body, int Attempts);

    private async Task<List<ClaimedText>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.QueryAsync(
            """
            UPDATE outgoing_text_messages m
            SET attempts = m.attempts + 1, next_attempt_at = @lease_until
            FROM (
                SELECT id FROM outgoing_text_messages
                WHERE status = 'Queued' AND attempts < @max_attempts AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
                ORDER BY created_at, id
                LIMIT @batch
                FOR UPDATE SKIP LOCKED
            ) claimed
            WHERE m.id = claimed.id
            RETURNING m.id, m.to_number, m.body, m.attempts
            """,
            reader => new ClaimedText(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)),
            cancellationToken,
            new NpgsqlParameter("lease_until", now + Lease),
            new NpgsqlParameter("max_attempts", MaxAttempts),
            new NpgsqlParameter("now", now),
            new NpgsqlParameter("batch", BatchSize));
    }

    private async Task<bool> SendAsync(ClaimedText message, CancellationToken cancellationToken)
    {
        ProviderAccepted accepted;
        try
        {
            accepted = await provider.SendAsync(message.To, message.Body, cancellationToken);
        }
        catch (TextMessageRefusedException refused)
        {
            logger.LogWarning("Text message {Id} refused (attempt {Attempts}): {Error}", message.Id, message.Attempts, refused.Message);
            await FailedAsync(message, refused.Message, refused.Code, refused.Permanent, CancellationToken.None);
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Text message {Id} failed (attempt {Attempts}).", message.Id, message.Attempts);
            await FailedAsync(message, $"{exception.GetType().Name}: {exception.Message}", null, permanent: false, CancellationToken.None);
            return false;
        }

        // Recorded whatever the job's token says: the message has left. A status callback that came first is kept.
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.OutgoingTextMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, accepted.Status)
                .SetProperty(m => m.ProviderSid, accepted.Sid)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.StatusAt, now)
                .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null), CancellationToken.None);
        return true;
    }

    private async Task FailedAsync(ClaimedText message, string error, string? code, bool permanent, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var giveUp = permanent || message.Attempts >= MaxAttempts;
        var next = now + Backoff(message.Attempts);
        next = HouseholdTextMessages.NotBefore(next) ?? next;
        error = error.Length > 2000 ? error[..2000] : error;
        if (giveUp)
        {
            logger.LogError("Text message {Id} abandoned after {Attempts} attempts: {Error}", message.Id, message.Attempts, error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OutgoingTextMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.ErrorCode, code)
                .SetProperty(m => m.Status, giveUp ? TextMessageStatus.Failed : TextMessageStatus.Queued)
                .SetProperty(m => m.StatusAt, giveUp ? now : (DateTimeOffset?)null)
                .SetProperty(m => m.NextAttemptAt, giveUp ? null : next), cancellationToken);
    }
}
