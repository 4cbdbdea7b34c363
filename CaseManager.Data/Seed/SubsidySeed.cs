using CaseManager.Domain.Subsidies;

namespace CaseManager.Data.Seed;

/// <summary>
/// The first version of the moving subsidy's rules. CONFIGURATION, NOT PROGRAM FACTS: the program
/// has not published its criteria or amounts; these plausible values let the application work
/// until an administrator enters the real ones (Administration › Soutien financier) as a new version.
/// </summary>
public static class SubsidySeed
{
    public static readonly Guid FirstRuleSetId = new("0193a5b0-0000-7000-8000-000000000501");
    public static readonly DateOnly FirstEffectiveFrom = new(2025, 4, 1);

    public static EligibilityRuleSet[] RuleSets() =>
    [
        new EligibilityRuleSet
        {
            Id = FirstRuleSetId,
            VersionNumber = 1,
            EffectiveFrom = FirstEffectiveFrom,
            Notes = "Version de départ : valeurs plausibles à remplacer par celles du programme. / Starting version: plausible values to replace with the program's.",
            RequireAcceptedStatus = true,
            AcceptedStatusCodes = ["permanent-resident", "citizen", "protected-person", "open-work-permit"],
            RequireHostRegion = true,
            ExcludedRegionCodes = ["06", "13"],
            RequireEmployment = true,
            EmploymentProofTypes = [SubsidyDocumentType.JobOffer, SubsidyDocumentType.EmploymentContract, SubsidyDocumentType.BusinessProject],
            RequireHousing = true,
            HousingProofTypes = [SubsidyDocumentType.Lease, SubsidyDocumentType.ProofOfAddress],
            RequireProgramParticipation = true,
            RequireNoEarlierSubsidy = true,
            MoveWithinDays = 90,
            BaseAmount = 1000m,
            PerAdditionalPerson = 250m,
            Ceiling = 2000m,
            RegionAmounts =
            [
                // Farther regions: a higher schedule (Côte-Nord, Nord-du-Québec, Gaspésie–Îles-de-la-Madeleine).
                new RegionAmount { RegionCode = "09", BaseAmount = 1500m, PerAdditionalPerson = 300m, Ceiling = 3000m },
                new RegionAmount { RegionCode = "10", BaseAmount = 1500m, PerAdditionalPerson = 300m, Ceiling = 3000m },
                new RegionAmount { RegionCode = "11", BaseAmount = 1500m, PerAdditionalPerson = 300m, Ceiling = 3000m },
            ],
            CreatedAt = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero),
            CreatedByName = "CaseManager",
        },
    ];
}
