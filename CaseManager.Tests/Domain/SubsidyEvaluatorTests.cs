using CaseManager.Domain.Households;
using CaseManager.Domain.Subsidies;

namespace CaseManager.Tests.Domain;

public sealed class SubsidyEvaluatorTests
{
    private static readonly DateOnly Submitted = new(2025, 11, 12);

    /// <summary>Every criterion on, amounts 1 000 $ + 250 $ per additional person up to 2 000 $; Gaspésie (11) 1 500 + 300 up to 3 000.</summary>
    public static EligibilityRuleSet Rules(int version = 1, DateOnly? effectiveFrom = null) => new()
    {
        Id = Guid.NewGuid(),
        VersionNumber = version,
        EffectiveFrom = effectiveFrom ?? new DateOnly(2025, 4, 1),
        RequireAcceptedStatus = true,
        AcceptedStatusCodes = ["permanent-resident", "citizen"],
        RequireHostRegion = true,
        ExcludedRegionCodes = ["06", "13"],
        RequireEmployment = true,
        EmploymentProofTypes = [SubsidyDocumentType.JobOffer, SubsidyDocumentType.EmploymentContract],
        RequireHousing = true,
        HousingProofTypes = [SubsidyDocumentType.Lease, SubsidyDocumentType.ProofOfAddress],
        RequireProgramParticipation = true,
        RequireNoEarlierSubsidy = true,
        MoveWithinDays = 90,
        BaseAmount = 1000m,
        PerAdditionalPerson = 250m,
        Ceiling = 2000m,
        RegionAmounts = [new RegionAmount { RegionCode = "11", BaseAmount = 1500m, PerAdditionalPerson = 300m, Ceiling = 3000m }],
    };

    /// <summary>An application that meets every criterion of <see cref="Rules"/>.</summary>
    public static SubsidyFacts Eligible() => new(
        HouseholdSize: 4,
        ImmigrationStatusCode: "permanent-resident",
        DestinationRegionCode: "02",
        Documents: new HashSet<SubsidyDocumentType> { SubsidyDocumentType.JobOffer, SubsidyDocumentType.Lease },
        Workflow: new WorkflowFacts(PlanAgreed: true, SessionAttended: true, StayCompleted: true),
        StageHistory: [],
        EarlierSubsidies: 0,
        PlannedMoveOn: Submitted.AddDays(30),
        SubmittedOn: Submitted);

    private static readonly Dictionary<string, Func<SubsidyFacts, SubsidyFacts>> Changes = new()
    {
        ["eligible"] = f => f,
        ["status refugee claimant"] = f => f with { ImmigrationStatusCode = "refugee-claimant" },
        ["status unknown"] = f => f with { ImmigrationStatusCode = null },
        ["to Montréal"] = f => f with { DestinationRegionCode = "06" },
        ["to Laval"] = f => f with { DestinationRegionCode = "13" },
        ["destination unknown"] = f => f with { DestinationRegionCode = null },
        ["contract instead of offer"] = f => f with { Documents = new HashSet<SubsidyDocumentType> { SubsidyDocumentType.EmploymentContract, SubsidyDocumentType.Lease } },
        ["no job proof"] = f => f with { Documents = new HashSet<SubsidyDocumentType> { SubsidyDocumentType.Lease, SubsidyDocumentType.MovingQuote } },
        ["proof of address"] = f => f with { Documents = new HashSet<SubsidyDocumentType> { SubsidyDocumentType.JobOffer, SubsidyDocumentType.ProofOfAddress } },
        ["no housing proof"] = f => f with { Documents = new HashSet<SubsidyDocumentType> { SubsidyDocumentType.JobOffer } },
        ["plan not agreed"] = f => f with { Workflow = f.Workflow with { PlanAgreed = false } },
        ["no session"] = f => f with { Workflow = f.Workflow with { SessionAttended = false } },
        ["neither plan nor session"] = f => f with { Workflow = f.Workflow with { PlanAgreed = false, SessionAttended = false } },
        ["session stage skipped"] = f => f with { Workflow = f.Workflow with { SessionAttended = false }, StageHistory = Path(SkipSession) },
        ["plan stage skipped"] = f => f with { Workflow = f.Workflow with { PlanAgreed = false }, StageHistory = Path(SkipPlan) },
        ["plan and session skipped at once"] = f => f with
        {
            Workflow = f.Workflow with { PlanAgreed = false, SessionAttended = false },
            StageHistory = Path(Move(TransitionKind.Skip, Stage.Outreach, Stage.ExploratoryStay, "Déjà venu avec le partenaire"), Move(TransitionKind.Advance, Stage.ExploratoryStay, Stage.MovingSubsidy)),
        },
        ["session skipped, then gone back and through again"] = f => f with
        {
            Workflow = f.Workflow with { SessionAttended = false },
            StageHistory = Path([.. SkipSession, Move(TransitionKind.GoBack, Stage.MovingSubsidy, Stage.InfoSession, "Nouvelle région"),
                Move(TransitionKind.Advance, Stage.InfoSession, Stage.ExploratoryStay), Move(TransitionKind.Advance, Stage.ExploratoryStay, Stage.MovingSubsidy)]),
        },
        ["earlier subsidy"] = f => f with { EarlierSubsidies = 1 },
        ["move on day 90"] = f => f with { PlannedMoveOn = Submitted.AddDays(90) },
        ["move on day 91"] = f => f with { PlannedMoveOn = Submitted.AddDays(91) },
        ["no move date"] = f => f with { PlannedMoveOn = null },
    };

    public static TheoryData<string, SubsidyCriterion, CriterionOutcome, string> Rows() => new()
    {
        { "eligible", SubsidyCriterion.ImmigrationStatus, CriterionOutcome.Met, "Criterion.ImmigrationStatus.Accepted" },
        { "status refugee claimant", SubsidyCriterion.ImmigrationStatus, CriterionOutcome.NotMet, "Criterion.ImmigrationStatus.NotAccepted" },
        { "status unknown", SubsidyCriterion.ImmigrationStatus, CriterionOutcome.MissingProof, "Criterion.ImmigrationStatus.Unknown" },
        { "eligible", SubsidyCriterion.HostRegion, CriterionOutcome.Met, "Criterion.HostRegion.HostRegion" },
        { "to Montréal", SubsidyCriterion.HostRegion, CriterionOutcome.NotMet, "Criterion.HostRegion.Excluded" },
        { "to Laval", SubsidyCriterion.HostRegion, CriterionOutcome.NotMet, "Criterion.HostRegion.Excluded" },
        { "destination unknown", SubsidyCriterion.HostRegion, CriterionOutcome.MissingProof, "Criterion.HostRegion.Unknown" },
        { "eligible", SubsidyCriterion.Employment, CriterionOutcome.Met, "Criterion.Employment.Proven" },
        { "contract instead of offer", SubsidyCriterion.Employment, CriterionOutcome.Met, "Criterion.Employment.Proven" },
        { "no job proof", SubsidyCriterion.Employment, CriterionOutcome.MissingProof, "Criterion.Employment.NoProof" },
        { "eligible", SubsidyCriterion.Housing, CriterionOutcome.Met, "Criterion.Housing.Proven" },
        { "proof of address", SubsidyCriterion.Housing, CriterionOutcome.Met, "Criterion.Housing.Proven" },
        { "no housing proof", SubsidyCriterion.Housing, CriterionOutcome.MissingProof, "Criterion.Housing.NoProof" },
        { "eligible", SubsidyCriterion.ProgramParticipation, CriterionOutcome.Met, "Criterion.ProgramParticipation.Participated" },
        { "plan not agreed", SubsidyCriterion.ProgramParticipation, CriterionOutcome.NotMet, "Criterion.ProgramParticipation.NoAgreedPlan" },
        { "no session", SubsidyCriterion.ProgramParticipation, CriterionOutcome.NotMet, "Criterion.ProgramParticipation.NoSession" },
        { "neither plan nor session", SubsidyCriterion.ProgramParticipation, CriterionOutcome.NotMet, "Criterion.ProgramParticipation.NoPlanNoSession" },
        { "session stage skipped", SubsidyCriterion.ProgramParticipation, CriterionOutcome.Met, "Criterion.ProgramParticipation.SessionSkipped" },
        { "plan stage skipped", SubsidyCriterion.ProgramParticipation, CriterionOutcome.Met, "Criterion.ProgramParticipation.PlanSkipped" },
        { "plan and session skipped at once", SubsidyCriterion.ProgramParticipation, CriterionOutcome.Met, "Criterion.ProgramParticipation.BothSkipped" },
        { "session skipped, then gone back and through again", SubsidyCriterion.ProgramParticipation, CriterionOutcome.NotMet, "Criterion.ProgramParticipation.NoSession" },
        { "eligible", SubsidyCriterion.NoEarlierSubsidy, CriterionOutcome.Met, "Criterion.NoEarlierSubsidy.None" },
        { "earlier subsidy", SubsidyCriterion.NoEarlierSubsidy, CriterionOutcome.NotMet, "Criterion.NoEarlierSubsidy.Earlier" },
        { "move on day 90", SubsidyCriterion.MoveWithinDays, CriterionOutcome.Met, "Criterion.MoveWithinDays.Within" },
        { "move on day 91", SubsidyCriterion.MoveWithinDays, CriterionOutcome.NotMet, "Criterion.MoveWithinDays.TooLate" },
        { "no move date", SubsidyCriterion.MoveWithinDays, CriterionOutcome.MissingProof, "Criterion.MoveWithinDays.NoDate" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Evaluate_OneCriterion_GivesItsOutcomeAndReason(string situation, SubsidyCriterion criterion, CriterionOutcome outcome, string reason)
    {
        var evaluation = SubsidyEvaluator.Evaluate(Rules(), Changes[situation](Eligible()));

        var result = Assert.Single(evaluation.Results, r => r.Criterion == criterion);
        Assert.Equal((outcome, reason), (result.Outcome, result.ReasonCode));
        // Only that criterion moves: every other one stays met.
        Assert.All(evaluation.Results.Where(r => r.Criterion != criterion), r => Assert.Equal(CriterionOutcome.Met, r.Outcome));
        Assert.Equal(outcome == CriterionOutcome.Met, evaluation.IsEligible);
    }

    private static readonly DateTimeOffset Start = new(2025, 6, 2, 14, 0, 0, TimeSpan.Zero);

    /// <summary>Plan agreed, then the session stage skipped with its reason (the workflow asks nothing of a stage skipped).</summary>
    private static StageTransition[] SkipSession =>
    [
        Move(TransitionKind.Advance, Stage.Outreach, Stage.PersonalizedPlan),
        Move(TransitionKind.Skip, Stage.PersonalizedPlan, Stage.ExploratoryStay, "Séance suivie avec le partenaire régional"),
        Move(TransitionKind.Advance, Stage.ExploratoryStay, Stage.MovingSubsidy),
    ];

    private static StageTransition[] SkipPlan =>
    [
        Move(TransitionKind.Skip, Stage.Outreach, Stage.InfoSession, "Plan fait avec un autre organisme"),
        Move(TransitionKind.Advance, Stage.InfoSession, Stage.ExploratoryStay),
        Move(TransitionKind.Advance, Stage.ExploratoryStay, Stage.MovingSubsidy),
    ];

    private static StageTransition Move(TransitionKind kind, Stage from, Stage to, string? comment = null) => new()
    {
        Id = Guid.NewGuid(), Kind = kind, FromStage = from, ToStage = to, Comment = comment,
    };

    /// <summary>The moves in order, a day apart.</summary>
    private static StageTransition[] Path(params StageTransition[] moves) =>
        moves.Select((m, i) => new StageTransition { Id = m.Id, Kind = m.Kind, FromStage = m.FromStage, ToStage = m.ToStage, Comment = m.Comment, OccurredAt = Start.AddDays(i) }).ToArray();

    [Fact]
    public void Evaluate_SessionStageSkipped_MeetsParticipationWithTheSkipsReason()
    {
        var facts = Eligible() with { Workflow = new WorkflowFacts(PlanAgreed: true, SessionAttended: false), StageHistory = Path(SkipSession) };

        var result = Assert.Single(SubsidyEvaluator.Evaluate(Rules(), facts).Results, r => r.Criterion == SubsidyCriterion.ProgramParticipation);

        Assert.Equal(CriterionOutcome.Met, result.Outcome);
        Assert.Equal(["Séance suivie avec le partenaire régional"], result.Arguments);
    }

    [Fact]
    public void Evaluate_EveryCriterionOn_ListsEachOnceInOrder()
    {
        var evaluation = SubsidyEvaluator.Evaluate(Rules(), Eligible());

        Assert.Equal(Enum.GetValues<SubsidyCriterion>(), evaluation.Results.Select(r => r.Criterion));
        Assert.True(evaluation.IsEligible);
    }

    [Fact]
    public void Evaluate_CriteriaSwitchedOff_AreNotListedAndDoNotRefuse()
    {
        var rules = Rules();
        rules.RequireEmployment = false;
        rules.MoveWithinDays = null;

        var evaluation = SubsidyEvaluator.Evaluate(rules, Eligible() with { Documents = new HashSet<SubsidyDocumentType> { SubsidyDocumentType.Lease }, PlannedMoveOn = null });

        Assert.DoesNotContain(evaluation.Results, r => r.Criterion is SubsidyCriterion.Employment or SubsidyCriterion.MoveWithinDays);
        Assert.True(evaluation.IsEligible);
    }

    [Fact]
    public void Evaluate_TooLate_GivesTheMoveDateTheDelayAndTheLimit()
    {
        var result = Assert.Single(SubsidyEvaluator.Evaluate(Rules(), Eligible() with { PlannedMoveOn = new DateOnly(2026, 3, 1) }).Results,
            r => r.Criterion == SubsidyCriterion.MoveWithinDays);

        Assert.Equal(["2026-03-01", "90", "2026-02-10"], result.Arguments);
    }

    [Theory]
    [InlineData(1, "02", 1000)]
    [InlineData(2, "02", 1250)]
    [InlineData(4, "02", 1750)]
    [InlineData(5, "02", 2000)]
    [InlineData(8, "02", 2000)] // ceiling
    [InlineData(1, "11", 1500)] // region's own schedule
    [InlineData(4, "11", 2400)]
    [InlineData(7, "11", 3000)] // region's ceiling
    [InlineData(0, "02", 1000)] // never less than the base
    public void AmountFor_HouseholdSizeAndRegion_FollowsTheSchedule(int size, string region, decimal expected)
    {
        Assert.Equal(expected, Rules().AmountFor(size, region));
    }

    [Fact]
    public void AmountFor_Cents_AreRoundedAwayFromZero()
    {
        var rules = Rules();
        rules.BaseAmount = 1000.125m;
        rules.PerAdditionalPerson = 0m;

        Assert.Equal(1000.13m, rules.AmountFor(1, "02"));
    }

    [Theory]
    [InlineData("2025-03-31", null)]
    [InlineData("2025-04-01", 1)]
    [InlineData("2026-03-31", 1)]
    [InlineData("2026-04-01", 2)]
    [InlineData("2027-01-01", 2)]
    public void InForce_ByEffectiveDate_TakesTheLatestVersionNotAfterTheDay(string day, int? expectedVersion)
    {
        var versions = new[] { Rules(2, new DateOnly(2026, 4, 1)), Rules(1, new DateOnly(2025, 4, 1)) };

        Assert.Equal(expectedVersion, EligibilityRuleSet.InForce(versions, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture))?.VersionNumber);
    }

    [Fact]
    public void Validate_CeilingBelowBaseAndEmptyLists_AreRefused()
    {
        var rules = Rules();
        rules.Ceiling = 500m;
        rules.AcceptedStatusCodes = [];
        rules.MoveWithinDays = 0;

        Assert.Equal(
            ["RuleSet.StatusesRequired", "RuleSet.MoveWithinDaysRange", "RuleSet.CeilingBelowBase"],
            rules.Validate().Select(r => r.Code));
        Assert.Empty(Rules().Validate());
    }
}
