namespace CaseManager.Domain.Households;

/// <summary>
/// What the workflow needs to know about a file that lives outside the household aggregate: its
/// plan today, and later the sessions attended and the stays completed.
/// <see cref="StayCompleted"/>: the household took part in a completed exploratory stay, or its
/// file records why it will not do one (a stay waiver).
/// </summary>
public sealed record WorkflowFacts(bool PlanAgreed, bool StayCompleted = false)
{
    /// <summary>Nothing known beyond the household itself: no agreed plan.</summary>
    public static readonly WorkflowFacts None = new(PlanAgreed: false);
}
