namespace CaseManager.Domain.Households;

/// <summary>
/// What the workflow needs to know about a file that lives outside the household aggregate: its
/// plan today, and later the sessions attended and the stays completed.
/// </summary>
public sealed record WorkflowFacts(bool PlanAgreed)
{
    /// <summary>Nothing known beyond the household itself: no agreed plan.</summary>
    public static readonly WorkflowFacts None = new(PlanAgreed: false);
}
