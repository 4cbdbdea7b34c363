namespace CaseManager.Domain.Households;

/// <summary>
/// What the workflow needs to know about a file that lives outside the household aggregate: its
/// plan, the information sessions it attended, and the exploratory stays it completed.
/// </summary>
/// <param name="PlanAgreed">The personalized plan was agreed with the household.</param>
/// <param name="SessionAttended">The household was recorded present at an information session.</param>
/// <param name="StayCompleted">The household took part in a completed exploratory stay, or its file records
/// why it will not do one (a stay waiver).</param>
public sealed record WorkflowFacts(bool PlanAgreed, bool SessionAttended = false, bool StayCompleted = false)
{
    /// <summary>Nothing known beyond the household itself: no agreed plan, no session attended.</summary>
    public static readonly WorkflowFacts None = new(PlanAgreed: false);
}
