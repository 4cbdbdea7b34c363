using CaseManager.Domain.Common;

namespace CaseManager.Domain.Reports;

/// <summary>
/// How many households an organization is to settle in a fiscal year, set by an administrator.
/// The program's target for the year is the sum of its organizations' targets.
/// </summary>
public sealed class SettlementTarget
{
    public const int MaxHouseholds = 100_000;

    private SettlementTarget()
    {
    }

    public int FiscalYearStart { get; private set; }
    public int OrganizationId { get; private set; }
    public int Households { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public static SettlementTarget Create(FiscalYear year, int organizationId, int households, ActionContext context)
    {
        var target = new SettlementTarget { FiscalYearStart = year.StartYear, OrganizationId = organizationId };
        target.Change(households, context);
        return target;
    }

    public void Change(int households, ActionContext context)
    {
        if (households is < 0 or > MaxHouseholds)
        {
            throw new DomainRuleException("Reports.TargetOutOfRange", MaxHouseholds);
        }

        Households = households;
        UpdatedAt = context.Now;
        UpdatedByName = context.Actor.Name;
    }
}
