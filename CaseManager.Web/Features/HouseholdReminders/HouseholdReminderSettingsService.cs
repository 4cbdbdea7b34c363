using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Access;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>A household reminder rule as the settings page shows and saves it (<see cref="Version"/>: the xmin it was read at).</summary>
public sealed record HouseholdRuleSettings(HouseholdReminderKind Kind, bool Enabled, int Delay, bool ByEmail, bool ByTextMessage, uint Version)
{
    public bool InMonths => HouseholdReminderRule.CountsInMonths(Kind);

    public int MinDelay => HouseholdReminderRule.DelayLimits(Kind).Min;

    public int MaxDelay => HouseholdReminderRule.DelayLimits(Kind).Max;
}

/// <summary>The household reminder rules an administrator tunes (on or off, the delay, the channels), like the staff's.</summary>
public sealed class HouseholdReminderSettingsService(
    IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, ILogger<HouseholdReminderSettingsService> logger)
{
    public async Task<IReadOnlyList<HouseholdRuleSettings>> GetAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ManageReminderSettings, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.HouseholdReminderRules.AsNoTracking().ToListAsync(cancellationToken);
        return rules.OrderBy(r => r.Kind).Select(ToSettings).ToList();
    }

    /// <summary>
    /// Saves a rule if it is still the version the administrator read (otherwise <see cref="ConcurrencyConflictException"/>);
    /// a delay out of range ("Rule.DelayOutOfRange") or an enabled rule without a channel ("Rule.NoChannel") is refused
    /// with <see cref="DomainRuleException"/>, nothing written.
    /// </summary>
    public async Task<HouseholdRuleSettings> SaveAsync(HouseholdRuleSettings seen, HouseholdRuleSettings changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(changed);
        var admin = await access.DemandAsync(Operation.ManageReminderSettings, cancellationToken);
        if (seen.Kind != changed.Kind || !Enum.IsDefined(changed.Kind))
        {
            throw new ArgumentException("A rule's kind cannot change.", nameof(changed));
        }

        var rule = new HouseholdReminderRule
        {
            Kind = changed.Kind, Enabled = changed.Enabled, Delay = changed.Delay, ByEmail = changed.ByEmail, ByTextMessage = changed.ByTextMessage,
        };
        if (rule.Problem() is { } problem)
        {
            throw new DomainRuleException(problem, changed.MinDelay, changed.MaxDelay);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var written = await db.HouseholdReminderRules
            .Where(r => r.Kind == seen.Kind && r.Version == seen.Version)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Enabled, rule.Enabled)
                .SetProperty(r => r.Delay, rule.Delay)
                .SetProperty(r => r.ByEmail, rule.ByEmail)
                .SetProperty(r => r.ByTextMessage, rule.ByTextMessage), cancellationToken);
        if (written == 0)
        {
            if (!await db.HouseholdReminderRules.AnyAsync(r => r.Kind == seen.Kind, cancellationToken))
            {
                throw new NotFoundException($"Household reminder rule {seen.Kind} does not exist.");
            }

            throw new ConcurrencyConflictException();
        }

        logger.LogInformation(
            "Household reminder rule {Kind} set to enabled={Enabled}, delay={Delay}, email={Email}, text={Text} by {AdminId}.",
            rule.Kind, rule.Enabled, rule.Delay, rule.ByEmail, rule.ByTextMessage, admin.Id);
        return ToSettings(await db.HouseholdReminderRules.AsNoTracking().SingleAsync(r => r.Kind == seen.Kind, cancellationToken));
    }

    private static HouseholdRuleSettings ToSettings(HouseholdReminderRule rule) =>
        new(rule.Kind, rule.Enabled, rule.Delay, rule.ByEmail, rule.ByTextMessage, rule.Version);
}
