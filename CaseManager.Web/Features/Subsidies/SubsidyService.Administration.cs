using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Subsidies;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Subsidies;

/// <summary>Rule-set versions and fiscal-year budgets (administrators), and the fiscal-year totals (supervisors and administrators).</summary>
public sealed partial class SubsidyService
{
    public async Task<IReadOnlyList<RuleSetItem>> GetRuleSetsAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ReadSubsidyAdministration, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.SubsidyRuleSets.AsNoTracking().OrderByDescending(r => r.VersionNumber)
            .Select(r => new { RuleSet = r, Count = db.SubsidyApplications.Count(a => a.RuleSetId == r.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new RuleSetItem(r.RuleSet, r.Count)).ToList();
    }

    /// <summary>Adds a new version (numbered after the last one) from <paramref name="values"/>.</summary>
    public async Task<Guid> CreateRuleSetAsync(EligibilityRuleSet values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var user = await access.DemandAsync(Operation.ManageSubsidyAdministration, cancellationToken);
        Validate(values);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ruleSet = Copy(values, new EligibilityRuleSet
        {
            Id = Guid.CreateVersion7(clock.Now),
            VersionNumber = (await db.SubsidyRuleSets.MaxAsync(r => (int?)r.VersionNumber, cancellationToken) ?? 0) + 1,
            CreatedAt = clock.Now,
            CreatedByName = user.DisplayName,
        });
        db.SubsidyRuleSets.Add(ruleSet);
        await db.SaveOrConflictAsync(cancellationToken);
        logger.LogInformation("Subsidy rule set v{Version} created by {UserId}, effective {EffectiveFrom}.", ruleSet.VersionNumber, user.Id, ruleSet.EffectiveFrom);
        return ruleSet.Id;
    }

    /// <summary>Changes a version no application has used yet; a used version is read-only.</summary>
    public async Task UpdateRuleSetAsync(Guid id, uint version, EligibilityRuleSet values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        await access.DemandAsync(Operation.ManageSubsidyAdministration, cancellationToken);
        Validate(values);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ruleSet = await db.SubsidyRuleSets.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Rule set {id} does not exist.");
        if (await db.SubsidyApplications.AnyAsync(a => a.RuleSetId == id, cancellationToken))
        {
            throw new DomainRuleException("RuleSet.InUse");
        }

        if (ruleSet.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(ruleSet).Property(r => r.Version).OriginalValue = version;
        Copy(values, ruleSet);
        await db.SaveOrConflictAsync(cancellationToken);
    }

    /// <summary>Totals of the fiscal years from <paramref name="firstStartYear"/> to <paramref name="lastStartYear"/>, in one query each.</summary>
    public async Task<IReadOnlyList<FiscalYearTotals>> GetTotalsAsync(int firstStartYear, int lastStartYear, CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ReadSubsidyAdministration, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var from = new FiscalYear(firstStartYear).FirstDay;
        var to = new FiscalYear(lastStartYear).LastDay;
        // Fiscal year of a day: its year, less one before April.
        var approved = await db.SubsidyApplications.AsNoTracking()
            .Where(a => (a.Status == SubsidyStatus.Approved || a.Status == SubsidyStatus.Paid) && a.DecidedOn >= from && a.DecidedOn <= to)
            .GroupBy(a => a.DecidedOn!.Value.Month >= 4 ? a.DecidedOn.Value.Year : a.DecidedOn.Value.Year - 1)
            .Select(g => new { Year = g.Key, Total = g.Sum(a => a.ApprovedAmount ?? 0m), Count = g.Count() })
            .ToListAsync(cancellationToken);
        var paid = await db.SubsidyApplications.AsNoTracking()
            .Where(a => a.Status == SubsidyStatus.Paid && a.PaidOn >= from && a.PaidOn <= to)
            .GroupBy(a => a.PaidOn!.Value.Month >= 4 ? a.PaidOn.Value.Year : a.PaidOn.Value.Year - 1)
            .Select(g => new { Year = g.Key, Total = g.Sum(a => a.PaidAmount ?? 0m), Count = g.Count() })
            .ToListAsync(cancellationToken);
        var budgets = await db.SubsidyBudgets.AsNoTracking()
            .Where(b => b.FiscalYearStart >= firstStartYear && b.FiscalYearStart <= lastStartYear).ToListAsync(cancellationToken);
        return Enumerable.Range(firstStartYear, Math.Max(lastStartYear - firstStartYear + 1, 0)).Select(year =>
        {
            var a = approved.FirstOrDefault(x => x.Year == year);
            var p = paid.FirstOrDefault(x => x.Year == year);
            var b = budgets.FirstOrDefault(x => x.FiscalYearStart == year);
            return new FiscalYearTotals(year, b?.Amount, a?.Total ?? 0m, p?.Total ?? 0m, a?.Count ?? 0, p?.Count ?? 0, b?.Version);
        }).ToList();
    }

    /// <summary>Sets a fiscal year's budget (administrators); <paramref name="version"/> is null for a year without one yet.</summary>
    public async Task SetBudgetAsync(int fiscalYearStart, decimal amount, uint? version, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.ManageSubsidyAdministration, cancellationToken);
        if (amount < 0 || amount > 999_999_999.99m)
        {
            throw new DomainRuleException("Budget.AmountRange");
        }

        if (fiscalYearStart is < 2000 or > 2100)
        {
            throw new DomainRuleException("Budget.YearRange");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var budget = await db.SubsidyBudgets.SingleOrDefaultAsync(b => b.FiscalYearStart == fiscalYearStart, cancellationToken);
        if (budget is null)
        {
            if (version is not null)
            {
                throw new ConcurrencyConflictException();
            }

            budget = new SubsidyBudget { FiscalYearStart = fiscalYearStart };
            db.SubsidyBudgets.Add(budget);
        }
        else
        {
            if (budget.Version != version)
            {
                throw new ConcurrencyConflictException();
            }

            db.Entry(budget).Property(b => b.Version).OriginalValue = budget.Version;
        }

        budget.Amount = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        budget.UpdatedAt = clock.Now;
        budget.UpdatedByName = user.DisplayName;
        await db.SaveOrConflictAsync(cancellationToken);
    }


    private static void Validate(EligibilityRuleSet values)
    {
        var refusals = values.Validate();
        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }
    }

    private static EligibilityRuleSet Copy(EligibilityRuleSet from, EligibilityRuleSet to)
    {
        to.EffectiveFrom = from.EffectiveFrom;
        to.Notes = string.IsNullOrWhiteSpace(from.Notes) ? null : from.Notes.Trim();
        to.RequireAcceptedStatus = from.RequireAcceptedStatus;
        to.AcceptedStatusCodes = [.. from.AcceptedStatusCodes.Distinct()];
        to.RequireHostRegion = from.RequireHostRegion;
        to.ExcludedRegionCodes = [.. from.ExcludedRegionCodes.Distinct()];
        to.RequireEmployment = from.RequireEmployment;
        to.EmploymentProofTypes = [.. from.EmploymentProofTypes.Distinct()];
        to.RequireHousing = from.RequireHousing;
        to.HousingProofTypes = [.. from.HousingProofTypes.Distinct()];
        to.RequireProgramParticipation = from.RequireProgramParticipation;
        to.RequireNoEarlierSubsidy = from.RequireNoEarlierSubsidy;
        to.MoveWithinDays = from.MoveWithinDays;
        to.BaseAmount = from.BaseAmount;
        to.PerAdditionalPerson = from.PerAdditionalPerson;
        to.Ceiling = from.Ceiling;
        to.RegionAmounts = from.RegionAmounts
            .Select(r => new RegionAmount { RegionCode = r.RegionCode, BaseAmount = r.BaseAmount, PerAdditionalPerson = r.PerAdditionalPerson, Ceiling = r.Ceiling })
            .ToList();
        return to;
    }
}
