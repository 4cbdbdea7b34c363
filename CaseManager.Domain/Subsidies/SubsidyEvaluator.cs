using CaseManager.Domain.Households;

namespace CaseManager.Domain.Subsidies;

/// <summary>What the evaluation of an application looks at, gathered by the service from the file.</summary>
/// <param name="HouseholdSize">People in the household (the applicant, a spouse, the children).</param>
/// <param name="ImmigrationStatusCode">The household's status, if recorded.</param>
/// <param name="DestinationRegionCode">Where the household moves.</param>
/// <param name="Documents">The types of the supporting documents uploaded.</param>
/// <param name="Workflow">What the workflow reads outside the household (plan agreed, session attended, stay done), the same query as the stage gates.</param>
/// <param name="StageHistory">The file's stage history: a stage skipped with its reason counts as passed, as the workflow let it.</param>
/// <param name="EarlierSubsidies">Other applications of the household approved or paid.</param>
/// <param name="PlannedMoveOn">The planned move date, if known.</param>
/// <param name="SubmittedOn">The day of the submission (or today, for a draft's preview).</param>
public sealed record SubsidyFacts(
    int HouseholdSize,
    string? ImmigrationStatusCode,
    string? DestinationRegionCode,
    IReadOnlySet<SubsidyDocumentType> Documents,
    WorkflowFacts Workflow,
    IReadOnlyList<StageTransition> StageHistory,
    int EarlierSubsidies,
    DateOnly? PlannedMoveOn,
    DateOnly SubmittedOn);

/// <summary>
/// One criterion's verdict. <see cref="ReasonCode"/> is a stable key the interface translates
/// ("Criterion.Employment.NoProof"); <see cref="Arguments"/> fill its placeholders.
/// </summary>
public sealed class CriterionResult
{
    public SubsidyCriterion Criterion { get; set; }
    public CriterionOutcome Outcome { get; set; }
    public string ReasonCode { get; set; } = "";
    public List<string> Arguments { get; set; } = [];

    public static CriterionResult Of(SubsidyCriterion criterion, CriterionOutcome outcome, string reason, params string[] arguments) =>
        new() { Criterion = criterion, Outcome = outcome, ReasonCode = $"Criterion.{criterion}.{reason}", Arguments = [.. arguments] };
}

/// <summary>Every enabled criterion's verdict and the amount the schedule gives.</summary>
public sealed record SubsidyEvaluation(IReadOnlyList<CriterionResult> Results, decimal ComputedAmount)
{
    public bool IsEligible => Results.All(r => r.Outcome == CriterionOutcome.Met);
}

/// <summary>Judges an application against a rule set, criterion by criterion. Pure: no clock, no database.</summary>
public static class SubsidyEvaluator
{
    public static SubsidyEvaluation Evaluate(EligibilityRuleSet rules, SubsidyFacts facts)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        var results = rules.EnabledCriteria().Select(c => Judge(c, rules, facts)).ToList();
        return new SubsidyEvaluation(results, rules.AmountFor(facts.HouseholdSize, facts.DestinationRegionCode));
    }

    private static CriterionResult Judge(SubsidyCriterion criterion, EligibilityRuleSet rules, SubsidyFacts facts) => criterion switch
    {
        SubsidyCriterion.ImmigrationStatus => string.IsNullOrEmpty(facts.ImmigrationStatusCode)
            ? CriterionResult.Of(criterion, CriterionOutcome.MissingProof, "Unknown")
            : rules.AcceptedStatusCodes.Contains(facts.ImmigrationStatusCode)
                ? CriterionResult.Of(criterion, CriterionOutcome.Met, "Accepted", facts.ImmigrationStatusCode)
                : CriterionResult.Of(criterion, CriterionOutcome.NotMet, "NotAccepted", facts.ImmigrationStatusCode),
        SubsidyCriterion.HostRegion => string.IsNullOrEmpty(facts.DestinationRegionCode)
            ? CriterionResult.Of(criterion, CriterionOutcome.MissingProof, "Unknown")
            : rules.ExcludedRegionCodes.Contains(facts.DestinationRegionCode)
                ? CriterionResult.Of(criterion, CriterionOutcome.NotMet, "Excluded", facts.DestinationRegionCode)
                : CriterionResult.Of(criterion, CriterionOutcome.Met, "HostRegion", facts.DestinationRegionCode),
        SubsidyCriterion.Employment => Proof(criterion, rules.EmploymentProofTypes, facts),
        SubsidyCriterion.Housing => Proof(criterion, rules.HousingProofTypes, facts),
        SubsidyCriterion.ProgramParticipation => Participation(criterion, facts),
        SubsidyCriterion.NoEarlierSubsidy => facts.EarlierSubsidies == 0
            ? CriterionResult.Of(criterion, CriterionOutcome.Met, "None")
            : CriterionResult.Of(criterion, CriterionOutcome.NotMet, "Earlier", facts.EarlierSubsidies.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        SubsidyCriterion.MoveWithinDays => MoveWithin(criterion, rules.MoveWithinDays ?? 0, facts),
    };

    /// <summary>
    /// The plan and session stages as the workflow judged them: passed when their fact holds
    /// (plan agreed, session attended) or when the file skipped the stage with a recorded reason.
    /// </summary>
    private static CriterionResult Participation(SubsidyCriterion criterion, SubsidyFacts facts)
    {
        var planSkip = facts.Workflow.PlanAgreed ? null : HouseholdWorkflow.SkippedPast(facts.StageHistory, Stage.PersonalizedPlan);
        var sessionSkip = facts.Workflow.SessionAttended ? null : HouseholdWorkflow.SkippedPast(facts.StageHistory, Stage.InfoSession);
        var plan = facts.Workflow.PlanAgreed || planSkip is not null;
        var session = facts.Workflow.SessionAttended || sessionSkip is not null;
        return (plan, session) switch
        {
            (false, false) => CriterionResult.Of(criterion, CriterionOutcome.NotMet, "NoPlanNoSession"),
            (false, true) => CriterionResult.Of(criterion, CriterionOutcome.NotMet, "NoAgreedPlan"),
            (true, false) => CriterionResult.Of(criterion, CriterionOutcome.NotMet, "NoSession"),
            (true, true) => (planSkip, sessionSkip) switch
            {
                (null, null) => CriterionResult.Of(criterion, CriterionOutcome.Met, "Participated"),
                (null, { } skip) => CriterionResult.Of(criterion, CriterionOutcome.Met, "SessionSkipped", skip.Comment ?? ""),
                ({ } skip, null) => CriterionResult.Of(criterion, CriterionOutcome.Met, "PlanSkipped", skip.Comment ?? ""),
                ({ } first, { } second) => CriterionResult.Of(criterion, CriterionOutcome.Met, "BothSkipped",
                    first.Id == second.Id ? first.Comment ?? "" : $"{first.Comment} / {second.Comment}"),
            },
        };
    }

    private static CriterionResult Proof(SubsidyCriterion criterion, IReadOnlyCollection<SubsidyDocumentType> accepted, SubsidyFacts facts)
    {
        var found = accepted.Where(facts.Documents.Contains).ToList();
        return found.Count > 0
            ? CriterionResult.Of(criterion, CriterionOutcome.Met, "Proven", found[0].ToString())
            : CriterionResult.Of(criterion, CriterionOutcome.MissingProof, "NoProof", string.Join(",", accepted));
    }

    private static CriterionResult MoveWithin(SubsidyCriterion criterion, int days, SubsidyFacts facts)
    {
        var limit = facts.SubmittedOn.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var daysText = days.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (facts.PlannedMoveOn is not { } moveOn)
        {
            return CriterionResult.Of(criterion, CriterionOutcome.MissingProof, "NoDate", daysText);
        }

        var move = moveOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return moveOn.DayNumber - facts.SubmittedOn.DayNumber <= days
            ? CriterionResult.Of(criterion, CriterionOutcome.Met, "Within", move, daysText)
            : CriterionResult.Of(criterion, CriterionOutcome.NotMet, "TooLate", move, daysText, limit);
    }
}
