using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Admin;

/// <summary>
/// A reminder rule as the settings page shows and saves it. <see cref="Version"/> is the rule's
/// xmin when it was read: a save based on an older one is refused.
/// </summary>
public sealed record ReminderRuleSettings(ReminderKind Kind, bool Enabled, int Delay, ReminderAudience Audience, uint Version)
{
    public string Code => Kind.ToString();

    /// <summary>Retention follow-ups count in months; the other rules in days.</summary>
    public bool InMonths => ReminderRule.CountsInMonths(Kind);

    public int MinDelay => ReminderRule.DelayLimits(Kind).Min;

    public int MaxDelay => ReminderRule.DelayLimits(Kind).Max;
}

/// <summary>
/// The reminder rules an administrator tunes (on or off, the delay, who is told), and the sweep
/// started by hand.
/// </summary>
public sealed class ReminderSettingsService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    IBackgroundJobClient jobs,
    ILogger<ReminderSettingsService> logger)
{
    public async Task<IReadOnlyList<ReminderRuleSettings>> GetAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ManageReminderSettings, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.ReminderRules.AsNoTracking().ToListAsync(cancellationToken);
        return rules.OrderBy(r => r.Kind).Select(ToSettings).ToList();
    }

    /// <summary>
    /// Saves a rule. <paramref name="seen"/> is the rule as the administrator read it: if someone
    /// saved it since, nothing is written and <see cref="ConcurrencyConflictException"/> says so.
    /// A delay outside the rule's limits is refused with <see cref="DomainRuleException"/>
    /// ("Reminders.DelayOutOfRange" in days, "Reminders.DelayOutOfRangeMonths" in months). Returns
    /// the rule as saved, with its new version.
    /// </summary>
    public async Task<ReminderRuleSettings> SaveAsync(ReminderRuleSettings seen, ReminderRuleSettings changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(changed);
        var admin = await access.DemandAsync(Operation.ManageReminderSettings, cancellationToken);
        if (seen.Kind != changed.Kind)
        {
            throw new ArgumentException("A rule's kind cannot change.", nameof(changed));
        }

        if (!Enum.IsDefined(changed.Kind))
        {
            throw new NotFoundException($"Reminder rule {changed.Kind} does not exist.");
        }

        if (!Enum.IsDefined(changed.Audience))
        {
            throw new ArgumentOutOfRangeException(nameof(changed), changed.Audience, "Unknown audience.");
        }

        if (!ReminderRule.AllowedAudiences(changed.Kind).Contains(changed.Audience))
        {
            throw new DomainRuleException("Reminders.AudienceNotAllowed");
        }

        if (changed.Delay < changed.MinDelay || changed.Delay > changed.MaxDelay)
        {
            throw new DomainRuleException(
                changed.InMonths ? "Reminders.DelayOutOfRangeMonths" : "Reminders.DelayOutOfRange", changed.MinDelay, changed.MaxDelay);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One statement that writes only if the row is still the version the administrator saw.
        var written = await db.ReminderRules
            .Where(r => r.Kind == seen.Kind && r.Version == seen.Version)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Enabled, changed.Enabled)
                .SetProperty(r => r.Delay, changed.Delay)
                .SetProperty(r => r.Audience, changed.Audience), cancellationToken);
        if (written == 0)
        {
            if (!await db.ReminderRules.AnyAsync(r => r.Kind == seen.Kind, cancellationToken))
            {
                throw new NotFoundException($"Reminder rule {seen.Kind} does not exist.");
            }

            throw new ConcurrencyConflictException();
        }

        logger.LogInformation(
            "Reminder rule {Kind} set to enabled={Enabled}, delay={Delay}, audience={Audience} by {AdminId}.",
            changed.Kind, changed.Enabled, changed.Delay, changed.Audience, admin.Id);
        var saved = await db.ReminderRules.AsNoTracking().SingleAsync(r => r.Kind == seen.Kind, cancellationToken);
        return ToSettings(saved);
    }

    /// <summary>Queues the reminder sweep now (it is idempotent: nothing is reminded twice). Returns Hangfire's job id.</summary>
    public async Task<string> RunSweepNowAsync(CancellationToken cancellationToken = default)
    {
        var admin = await access.DemandAsync(Operation.ManageReminderSettings, cancellationToken);
        var jobId = jobs.Enqueue<ReminderSweepJob>(job => job.RunAsync(CancellationToken.None));
        logger.LogInformation("Reminder sweep queued by {AdminId} (job {JobId}).", admin.Id, jobId);
        return jobId;
    }

    private static ReminderRuleSettings ToSettings(ReminderRule rule) => new(rule.Kind, rule.Enabled, rule.Delay, rule.Audience, rule.Version);
}
