using CaseManager.Data;
using CaseManager.Web.Infrastructure;
using Hangfire;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Npgsql;

namespace CaseManager.Web.Jobs;

/// <summary>What one sending run did.</summary>
public sealed record SendResult(int Sent, int Failed);

/// <summary>
/// Sends the outbox (<c>outgoing_emails</c>) through SMTP with MailKit. Each email is first claimed
/// by one statement (<c>UPDATE … RETURNING</c> over rows locked with SKIP LOCKED) that counts the
/// attempt and leases it for a few minutes, so two senders never take the same email. A failure is
/// recorded on the email (attempts, last error) and retried later with a growing delay, up to
/// <see cref="MaxAttempts"/>; a success is recorded at once (the last error, if any, stays on record).
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class EmailSenderJob(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AppClock clock,
    SmtpSettings smtp,
    ILogger<EmailSenderJob> logger,
    CaseManager.Web.Hosting.CaseManagerMetrics metrics)
{
    public const int MaxAttempts = 8;
    public const int BatchSize = 50;

    /// <summary>How long a claimed email stays with its sender before another may try it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the n-th failed attempt: 1, 2, 4… minutes, at most 6 hours.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, Math.Max(0, attempts - 1))));

    public async Task<SendResult> RunAsync(CancellationToken cancellationToken)
    {
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

            var (ok, ko) = await SendAsync(batch, cancellationToken);
            metrics.EmailsSent(ok);
            metrics.EmailsFailed(ko);
            sent += ok;
            failed += ko;
            if (ok == 0)
            {
                // Nothing went through (the server is down?): the rest waits for its own retry time.
                break;
            }
        }

        if (sent + failed > 0)
        {
            logger.LogInformation("Email sender: {Sent} sent, {Failed} failed (to be retried).", sent, failed);
        }

        return new SendResult(sent, failed);
    }

    private sealed record ClaimedEmail(Guid Id, string To, string Subject, string Text, string? Html, int Attempts);

    private async Task<List<ClaimedEmail>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.QueryAsync(
            """
            UPDATE outgoing_emails e
            SET attempts = e.attempts + 1, next_attempt_at = @lease_until
            FROM (
                SELECT id FROM outgoing_emails
                WHERE sent_at IS NULL AND attempts < @max_attempts AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
                ORDER BY created_at, id
                LIMIT @batch
                FOR UPDATE SKIP LOCKED
            ) claimed
            WHERE e.id = claimed.id
            RETURNING e.id, e.to_address, e.subject, e.text_body, e.html_body, e.attempts
            """,
            reader => new ClaimedEmail(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5)),
            cancellationToken,
            new NpgsqlParameter("lease_until", now + Lease),
            new NpgsqlParameter("max_attempts", MaxAttempts),
            new NpgsqlParameter("now", now),
            new NpgsqlParameter("batch", BatchSize));
    }

    private async Task<(int Sent, int Failed)> SendAsync(List<ClaimedEmail> batch, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Email sender: the SMTP server {Host}:{Port} could not be reached.", smtp.Host, smtp.Port);
            foreach (var email in batch)
            {
                await FailedAsync(email, exception, CancellationToken.None);
            }

            return (0, batch.Count);
        }

        var sent = 0;
        foreach (var email in batch)
        {
            try
            {
                await client.SendAsync(ToMessage(email), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Email sender: email {Id} failed (attempt {Attempts}).", email.Id, email.Attempts);
                await FailedAsync(email, exception, CancellationToken.None);
                if (!client.IsConnected)
                {
                    // The rest of the batch keeps its lease and is retried after it.
                    return (sent, batch.Count - sent);
                }

                continue;
            }

            // Recorded whatever the job's token says: the email has left.
            await SentAsync(email, CancellationToken.None);
            sent++;
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return (sent, batch.Count - sent);
    }

    private MimeMessage ToMessage(ClaimedEmail email)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.MessageId = $"{email.Id}@casemanager";
        var body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html };
        message.Body = body.ToMessageBody();
        return message;
    }

    private async Task SentAsync(ClaimedEmail email, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OutgoingEmails.Where(e => e.Id == email.Id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.SentAt, now)
                .SetProperty(e => e.NextAttemptAt, (DateTimeOffset?)null), cancellationToken);
    }

    private async Task FailedAsync(ClaimedEmail email, Exception exception, CancellationToken cancellationToken)
    {
        var next = clock.Now + Backoff(email.Attempts);
        var error = $"{exception.GetType().Name}: {exception.Message}";
        if (error.Length > 2000)
        {
            error = error[..2000];
        }

        if (email.Attempts >= MaxAttempts)
        {
            logger.LogError("Email sender: email {Id} abandoned after {Attempts} attempts: {Error}", email.Id, email.Attempts, error);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OutgoingEmails.Where(e => e.Id == email.Id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.LastError, error)
                .SetProperty(e => e.NextAttemptAt, next), cancellationToken);
    }
}
