using CaseManager.Domain.Common;

namespace CaseManager.Domain.Subsidies;

/// <summary>An amount schedule that replaces the general one for one destination region.</summary>
public sealed class RegionAmount
{
    public string RegionCode { get; set; } = "";
    public decimal BaseAmount { get; set; }
    public decimal PerAdditionalPerson { get; set; }
    public decimal Ceiling { get; set; }
}

/// <summary>
/// The program's eligibility criteria and amount schedule, as an administrator configures them
/// (the program has not published them: every value here is configuration, never a rule of the
/// code). Versions follow each other by effective date; an application is judged by the version
/// in force on the day it was submitted. A version already used by an application is read-only.
/// </summary>
public sealed class EligibilityRuleSet
{
    public const decimal MaxAmount = 999_999.99m;
    public const int MaxMoveWithinDays = 730;
    public const int MaxNotesLength = 2000;

    public Guid Id { get; set; }
    public int VersionNumber { get; set; }

    /// <summary>The first day the version applies (Montréal calendar day of the submission).</summary>
    public DateOnly EffectiveFrom { get; set; }

    public string? Notes { get; set; }

    public bool RequireAcceptedStatus { get; set; }
    public List<string> AcceptedStatusCodes { get; set; } = [];

    public bool RequireHostRegion { get; set; }

    /// <summary>Regions that are not a destination of the program (Montréal 06 and Laval 13).</summary>
    public List<string> ExcludedRegionCodes { get; set; } = [];

    public bool RequireEmployment { get; set; }

    /// <summary>Any one of these documents proves a job, a job offer or a business project.</summary>
    public List<SubsidyDocumentType> EmploymentProofTypes { get; set; } = [];

    public bool RequireHousing { get; set; }

    /// <summary>Any one of these documents proves the new address.</summary>
    public List<SubsidyDocumentType> HousingProofTypes { get; set; } = [];

    public bool RequireProgramParticipation { get; set; }
    public bool RequireNoEarlierSubsidy { get; set; }

    /// <summary>When set, the planned move must fall within this many days of the submission.</summary>
    public int? MoveWithinDays { get; set; }

    public decimal BaseAmount { get; set; }
    public decimal PerAdditionalPerson { get; set; }
    public decimal Ceiling { get; set; }
    public List<RegionAmount> RegionAmounts { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";

    /// <summary>Concurrency token (PostgreSQL xmin): two administrators editing the same version.</summary>
    public uint Version { get; set; }

    /// <summary>The version in force on <paramref name="day"/>: the latest effective date not after it (the higher number on a tie).</summary>
    public static EligibilityRuleSet? InForce(IEnumerable<EligibilityRuleSet> versions, DateOnly day) =>
        versions.Where(v => v.EffectiveFrom <= day)
            .OrderByDescending(v => v.EffectiveFrom)
            .ThenByDescending(v => v.VersionNumber)
            .FirstOrDefault();

    /// <summary>The enabled criteria, in the order they are shown.</summary>
    public IReadOnlyList<SubsidyCriterion> EnabledCriteria() => Enum.GetValues<SubsidyCriterion>().Where(IsEnabled).ToList();

    public bool IsEnabled(SubsidyCriterion criterion) => criterion switch
    {
        SubsidyCriterion.ImmigrationStatus => RequireAcceptedStatus,
        SubsidyCriterion.HostRegion => RequireHostRegion,
        SubsidyCriterion.Employment => RequireEmployment,
        SubsidyCriterion.Housing => RequireHousing,
        SubsidyCriterion.ProgramParticipation => RequireProgramParticipation,
        SubsidyCriterion.NoEarlierSubsidy => RequireNoEarlierSubsidy,
        SubsidyCriterion.MoveWithinDays => MoveWithinDays is not null,
    };

    /// <summary>
    /// The amount for a household of <paramref name="householdSize"/> people moving to
    /// <paramref name="regionCode"/>: the base, plus the amount per additional person, capped by the
    /// ceiling (the region's schedule when it has one), rounded to the cent.
    /// </summary>
    public decimal AmountFor(int householdSize, string? regionCode)
    {
        var schedule = RegionAmounts.FirstOrDefault(r => r.RegionCode == regionCode);
        var baseAmount = schedule?.BaseAmount ?? BaseAmount;
        var perPerson = schedule?.PerAdditionalPerson ?? PerAdditionalPerson;
        var ceiling = schedule?.Ceiling ?? Ceiling;
        var amount = baseAmount + (perPerson * Math.Max(householdSize - 1, 0));
        return Math.Round(Math.Min(amount, ceiling), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The version's own rules; an empty list means it may be saved.</summary>
    public IReadOnlyList<Refusal> Validate()
    {
        var refusals = new List<Refusal>();
        if (RequireAcceptedStatus && AcceptedStatusCodes.Count == 0)
        {
            refusals.Add(new("RuleSet.StatusesRequired"));
        }

        if (RequireEmployment && EmploymentProofTypes.Count == 0)
        {
            refusals.Add(new("RuleSet.ProofTypesRequired"));
        }

        if (RequireHousing && HousingProofTypes.Count == 0)
        {
            refusals.Add(new("RuleSet.ProofTypesRequired"));
        }

        if (MoveWithinDays is { } days && (days < 1 || days > MaxMoveWithinDays))
        {
            refusals.Add(new("RuleSet.MoveWithinDaysRange", 1, MaxMoveWithinDays));
        }

        if (Notes is { Length: > MaxNotesLength })
        {
            refusals.Add(new("RuleSet.NotesTooLong", MaxNotesLength));
        }

        var schedules = RegionAmounts.Select(r => (r.BaseAmount, r.PerAdditionalPerson, r.Ceiling)).Prepend((BaseAmount, PerAdditionalPerson, Ceiling));
        if (schedules.Any(s => s.BaseAmount < 0 || s.PerAdditionalPerson < 0 || s.Ceiling < 0 ||
                               s.BaseAmount > MaxAmount || s.PerAdditionalPerson > MaxAmount || s.Ceiling > MaxAmount))
        {
            refusals.Add(new("RuleSet.AmountRange", MaxAmount));
        }
        else if (schedules.Any(s => s.Ceiling < s.BaseAmount))
        {
            refusals.Add(new("RuleSet.CeilingBelowBase"));
        }

        if (RegionAmounts.GroupBy(r => r.RegionCode).Any(g => g.Count() > 1 || string.IsNullOrWhiteSpace(g.Key)))
        {
            refusals.Add(new("RuleSet.RegionAmountDuplicate"));
        }

        return refusals.Distinct().ToList();
    }
}
