namespace CaseManager.Domain.Households;

public enum TransitionKind
{
    Opened,
    Advance,
    Skip,
    GoBack,
    Hold,
    Withdraw,
    Reactivate,
    Settle,
    Close,
}

/// <summary>One line of a file's stage history: what moved, from where to where, why, by whom.</summary>
public sealed class StageTransition
{
    public Guid Id { get; set; }
    public Guid HouseholdId { get; set; }
    public TransitionKind Kind { get; set; }
    public Stage? FromStage { get; set; }
    public Stage ToStage { get; set; }
    public CaseStatus? FromStatus { get; set; }
    public CaseStatus ToStatus { get; set; }

    /// <summary>A coded reason (withdrawal reasons) where the transition takes one.</summary>
    public string? ReasonCode { get; set; }

    public string? Comment { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string ActorId { get; set; } = "";
    public string ActorName { get; set; } = "";
}
