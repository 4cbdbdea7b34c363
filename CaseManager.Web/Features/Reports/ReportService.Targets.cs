using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Reports;

/// <summary>The settlement targets of each fiscal year, per organization: administrators set them.</summary>
public sealed partial class ReportService
{
    /// <summary>A fiscal year's targets, one line per organization (set or not): administrators.</summary>
    public async Task<TargetsView> GetTargetsAsync(int fiscalYearStart, CancellationToken cancellationToken = default)
    {
        await RequireAdminAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var targets = await db.SettlementTargets.AsNoTracking().Where(t => t.FiscalYearStart == fiscalYearStart)
            .ToDictionaryAsync(t => t.OrganizationId, cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return new TargetsView(fiscalYearStart, organizations.Select(o =>
        {
            var target = targets.GetValueOrDefault(o.Id);
            return new OrganizationTarget(o.Id, o.Name, target?.Households, target?.Version, target?.UpdatedAt, target?.UpdatedByName);
        }).ToList());
    }

    /// <summary>
    /// Saves a fiscal year's targets in one transaction: all of them or none. A target someone else
    /// changed (or set) since it was read is refused with <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    public async Task SaveTargetsAsync(int fiscalYearStart, IReadOnlyList<TargetChange> changes, CancellationToken cancellationToken = default)
    {
        var user = await RequireAdminAsync();
        if (changes.Any(c => c.Households is < 0 or > SettlementTarget.MaxHouseholds))
        {
            throw new DomainRuleException("Reports.TargetOutOfRange", SettlementTarget.MaxHouseholds);
        }

        var context = clock.ContextFor(user.Actor);
        var year = new FiscalYear(fiscalYearStart);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organizationIds = await db.Organizations.Select(o => o.Id).ToListAsync(cancellationToken);
        var existing = await db.SettlementTargets.Where(t => t.FiscalYearStart == fiscalYearStart).ToDictionaryAsync(t => t.OrganizationId, cancellationToken);
        foreach (var change in changes)
        {
            if (!organizationIds.Contains(change.OrganizationId))
            {
                throw new NotFoundException($"Organization {change.OrganizationId} does not exist.");
            }

            if (existing.TryGetValue(change.OrganizationId, out var target))
            {
                if (change.Version is not { } version || target.Version != version)
                {
                    throw new ConcurrencyConflictException();
                }

                db.Entry(target).Property(t => t.Version).OriginalValue = version;
                if (target.Households != change.Households)
                {
                    target.Change(change.Households, context);
                }
            }
            else if (change.Version is not null)
            {
                // Read as set, gone since: someone else removed it.
                throw new ConcurrencyConflictException();
            }
            else
            {
                db.SettlementTargets.Add(SettlementTarget.Create(year, change.OrganizationId, change.Households, context));
            }
        }

        await db.SaveOrConflictAsync(cancellationToken);
    }

    private Task<UserIdentity> RequireAdminAsync() => access.DemandAsync(Operation.SetTargets);
}
