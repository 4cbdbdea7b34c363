using CaseManager.Data;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Jobs;

/// <summary>
/// Every morning at 7 h (Montréal), one email per person who chose the daily digest, listing their
/// notifications since the previous digest (yesterday 7 h) that no email has carried yet and that
/// they did not dismiss. One digest a person and day ("digest:{user}:{date}"): a rerun, or a second
/// server, writes nothing more; the notifications it lists are marked emailed in the same transaction.
/// </summary>
[AutomaticRetry(Attempts = 5)]
public sealed class ReminderDigestJob(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AppClock clock,
    ReminderEmails emails,
    IBackgroundJobClient jobs,
    ILogger<ReminderDigestJob> logger)
{
    /// <summary>When the digest goes out, in Montréal.</summary>
    public static readonly TimeOnly DigestTime = new(7, 0);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var today = clock.Today;
        var since = AppClock.FromLocal(today.AddDays(-1), DigestTime);
        List<(string Id, string Email, string Name, string Culture)> people;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            people = (await db.Users.AsNoTracking()
                    .Where(u => u.IsActive && u.ReminderEmails == ReminderEmailMode.DailyDigest && u.Email != null && u.Email != "")
                    .Where(u => db.Notifications.Any(n => n.UserId == u.Id && n.EmailedAt == null && n.DismissedAt == null && n.CreatedAt >= since))
                    .OrderBy(u => u.Id)
                    .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredCulture })
                    .ToListAsync(cancellationToken))
                .Select(u => (u.Id, u.Email!, u.DisplayName, u.PreferredCulture))
                .ToList();
        }

        var sent = 0;
        foreach (var person in people)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sent += await DigestAsync(person, today, since, now, cancellationToken) ? 1 : 0;
        }

        if (sent > 0)
        {
            jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
        }

        logger.LogInformation("Daily digest for {Today}: {Count} emails queued.", today, sent);
        return sent;
    }

    private async Task<bool> DigestAsync(
        (string Id, string Email, string Name, string Culture) person, DateOnly today, DateTimeOffset since, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var items = await (
                from n in db.Notifications
                where n.UserId == person.Id && n.EmailedAt == null && n.DismissedAt == null && n.CreatedAt >= since && n.CreatedAt <= now
                join h in db.Households on n.HouseholdId equals (Guid?)h.Id
                join r in db.Reminders on n.ReminderId equals (Guid?)r.Id into reminders
                from r in reminders.DefaultIfEmpty()
                orderby n.DueOn, h.FileNumber, n.Id
                select new
                {
                    n.Id,
                    Subject = new ReminderSubject(
                        n.Kind, h.Id, h.FileNumber, h.PrimaryApplicant.LastName + ", " + h.PrimaryApplicant.FirstName,
                        r == null
                            ? null
                            : db.PlanTasks.Where(t => t.Id == r.SubjectId).Select(t => t.Title).FirstOrDefault() ??
                              db.SessionRegistrations.Where(x => x.Id == r.SubjectId)
                                  .Join(db.InfoSessions, x => x.SessionId, s => s.Id, (x, s) => s.Title).FirstOrDefault(),
                        r == null ? n.DueOn : r.SubjectOn, n.DueOn),
                })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return false;
        }

        var content = emails.Digest(person.Name, ReminderTexts.CultureOf(person.Culture), today, items.Select(i => i.Subject).ToList());
        var written = await OutboxEmail.InsertAsync(
            db, [new OutboxEmail(person.Id, person.Email, content, $"digest:{person.Id}:{today:yyyy-MM-dd}")], now, cancellationToken);
        if (written == 0)
        {
            // Today's digest was already written (a rerun, or another server): nothing more.
            return false;
        }

        var ids = items.Select(i => i.Id).ToArray();
        await db.Notifications.Where(n => ids.Contains(n.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.EmailedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
