using CaseManager.Domain.Households;

namespace CaseManager.Data.Entities;

/// <summary>
/// A summary table the database keeps: each time a file entered a stage (opening, advancing,
/// skipping or going back to it) and when it left it (the next change of stage, or the
/// settlement). Written only by a trigger on <c>stage_transitions</c>, which recomputes the stays
/// of the files whose history just grew, so it always agrees with the history; the results
/// dashboard reads the median time in each stage from it without a window over every move.
/// </summary>
public sealed class StageStay
{
    /// <summary>The move that entered the stage.</summary>
    public Guid EnteredTransitionId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public Stage Stage { get; private set; }
    public TransitionKind EnteredBy { get; private set; }
    public DateTimeOffset EnteredAt { get; private set; }

    /// <summary>Advance, Skip, GoBack or Settle; null while the file is still in the stage.</summary>
    public TransitionKind? LeftBy { get; private set; }
    public DateTimeOffset? LeftAt { get; private set; }
}
