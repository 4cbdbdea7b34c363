using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Admin;

/// <summary>A reminder rule as the settings page shows and saves it.</summary>
public sealed record ReminderRuleSettings(string Code, bool Enabled, int DelayDays);

/// <summary>
/// The reminder rules an administrator may switch off or retime (today: "no contact for N days"),
/// and the sweep started by hand.
/// </summary>
public sealed class ReminderSettingsService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    ICurrentUser currentUser,
    IBackgroundJobClient jobs,
    ILogger<ReminderSettingsService> logger)
{
    public const int MinDelayDays = 1;
    public const int MaxDelayDays = 365;

    public async Task<IReadOnlyList<ReminderRuleSettings>> GetAsync(CancellationToken cancellationToken = default)
    {
        await RequireAdminAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.ReminderRules.AsNoTracking().ToListAsync(cancellationToken);
        return rules.OrderBy(r => r.Kind).Select(r => new ReminderRuleSettings(r.Kind.ToString(), r.Enabled, r.Delay)).ToList();
    }

    /// <summary>
    /// Saves a rule. <paramref name="seen"/> is the rule as the administrator read it: if someone
    /// saved it since, nothing is written and <see cref="ConcurrencyConflictException"/> says so.
    /// A delay outside 1–365 days is refused with <see cref="DomainRuleException"/> ("Reminders.DelayOutOfRange").
    /// </summary>
    public async Task SaveAsync(ReminderRuleSettings seen, ReminderRuleSettings changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(changed);
        var admin = await RequireAdminAsync(cancellationToken);
        if (seen.Code != changed.Code)
        {
            throw new ArgumentException("A rule's code cannot change.", nameof(changed));
        }

        if (changed.DelayDays is < MinDelayDays or > MaxDelayDays)
        {
            throw new DomainRuleException("Reminders.DelayOutOfRange", MinDelayDays, MaxDelayDays);
        }

        if (!Enum.TryParse<ReminderKind>(seen.Code, out var kind))
        {
            throw new NotFoundException($"Reminder rule {seen.Code} does not exist.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One statement that writes only if the row is still what the administrator saw.
        var written = await db.ReminderRules
            .Where(r => r.Kind == kind && r.Enabled == seen.Enabled && r.Delay == seen.DelayDays)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Enabled, changed.Enabled)
                .SetProperty(r => r.Delay, changed.DelayDays), cancellationToken);
        if (written == 0)
        {
            if (!await db.ReminderRules.AnyAsync(r => r.Kind == kind, cancellationToken))
            {
                throw new NotFoundException($"Reminder rule {seen.Code} does not exist.");
            }

            throw new ConcurrencyConflictException();
        }

        logger.LogInformation(
            "Reminder rule {Code} set to enabled={Enabled}, delay={DelayDays} d by {AdminId}.",
            changed.Code, changed.Enabled, changed.DelayDays, admin.Id);
    }

    /// <summary>Queues the no-contact sweep now (it is idempotent: nothing is reminded twice). Returns Hangfire's job id.</summary>
    public async Task<string> RunNoContactSweepNowAsync(CancellationToken cancellationToken = default)
    {
        var admin = await RequireAdminAsync(cancellationToken);
        var jobId = jobs.Enqueue<NoContactSweepJob>(job => job.RunAsync(CancellationToken.None));
        logger.LogInformation("No-contact sweep queued by {AdminId} (job {JobId}).", admin.Id, jobId);
        return jobId;
    }

    private Task<UserIdentity> RequireAdminAsync(CancellationToken cancellationToken) =>
        AdminAccess.RequireAdminAsync(currentUser, contexts, logger, cancellationToken);
}
