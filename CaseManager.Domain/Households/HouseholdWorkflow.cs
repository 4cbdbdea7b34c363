using CaseManager.Domain.Common;

namespace CaseManager.Domain.Households;

/// <summary>A move someone asks of a file. The workflow says whether it is legal, and why not.</summary>
public abstract record TransitionRequest(TransitionKind Kind);

public sealed record AdvanceRequest(Stage Target) : TransitionRequest(TransitionKind.Advance);

public sealed record SkipRequest(Stage Target, string Reason) : TransitionRequest(TransitionKind.Skip);

public sealed record GoBackRequest(Stage Target, string Reason) : TransitionRequest(TransitionKind.GoBack);

public sealed record HoldRequest(DateOnly ReviewOn, string Reason) : TransitionRequest(TransitionKind.Hold);

public sealed record WithdrawRequest(string ReasonCode, string? Comment) : TransitionRequest(TransitionKind.Withdraw);

public sealed record ReactivateRequest(string? Comment) : TransitionRequest(TransitionKind.Reactivate);

public sealed record SettleRequest(string RegionCode, bool RegionIsHost, string Municipality, DateOnly SettledOn)
    : TransitionRequest(TransitionKind.Settle);

public sealed record CloseRequest(string Reason) : TransitionRequest(TransitionKind.Close);

/// <summary>The answer of the workflow: allowed, or the reasons a person can read.</summary>
public sealed record WorkflowDecision(IReadOnlyList<Refusal> Refusals)
{
    public static readonly WorkflowDecision Allowed = new([]);

    public bool IsAllowed => Refusals.Count == 0;
}

/// <summary>
/// The one transition table of a file. Which statuses each kind of move starts from, which
/// status it leads to, and what a stage requires before the file may leave it.
/// </summary>
public static class HouseholdWorkflow
{
    /// <summary>The statuses a move may start from, and the status it leaves the file in.</summary>
    public static readonly IReadOnlyDictionary<TransitionKind, (CaseStatus[] From, CaseStatus To)> Table =
        new Dictionary<TransitionKind, (CaseStatus[] From, CaseStatus To)>
        {
            [TransitionKind.Advance] = ([CaseStatus.Active], CaseStatus.Active),
            [TransitionKind.Skip] = ([CaseStatus.Active], CaseStatus.Active),
            [TransitionKind.GoBack] = ([CaseStatus.Active], CaseStatus.Active),
            [TransitionKind.Hold] = ([CaseStatus.Active], CaseStatus.OnHold),
            [TransitionKind.Withdraw] = ([CaseStatus.Active, CaseStatus.OnHold], CaseStatus.Withdrawn),
            [TransitionKind.Reactivate] = ([CaseStatus.OnHold, CaseStatus.Withdrawn], CaseStatus.Active),
            [TransitionKind.Settle] = ([CaseStatus.Active], CaseStatus.Settled),
            [TransitionKind.Close] = ([CaseStatus.Withdrawn, CaseStatus.Settled], CaseStatus.Closed),
        };

    /// <summary>What must be true of a file before it may leave a stage for a later one.</summary>
    public static IReadOnlyList<Refusal> ExitRequirements(Stage stage, Household household, WorkflowFacts facts) => stage switch
    {
        Stage.Outreach => Collect(
            household.LastContactOn is null ? new Refusal("Workflow.Requirement.ContactRecorded") : null,
            household.NeedCodes.Count == 0 ? new Refusal("Workflow.Requirement.NeedsIdentified") : null),
        Stage.PersonalizedPlan => Collect(
            facts.PlanAgreed ? null : new Refusal("Workflow.Requirement.PlanAgreed")),
        Stage.InfoSession => Collect(
            facts.SessionAttended ? null : new Refusal("Workflow.Requirement.SessionAttended")),
        Stage.ExploratoryStay => Collect(
            facts.StayCompleted ? null : new Refusal("Workflow.Requirement.StayCompleted")),
        Stage.MovingSubsidy => [],
    };

    /// <summary>
    /// The skip by which a file last went past <paramref name="stage"/>, when its last move past the
    /// stage jumped over it (a skip records its reason, and the workflow then asks nothing of the
    /// stage); null when the file last left the stage itself (its requirement was met then) or never
    /// went past it.
    /// </summary>
    public static StageTransition? SkippedPast(IEnumerable<StageTransition> history, Stage stage)
    {
        ArgumentNullException.ThrowIfNull(history);
        var last = history
            .Where(t => t.Kind is TransitionKind.Advance or TransitionKind.Skip && t.FromStage is { } from && from <= stage && t.ToStage > stage)
            .OrderBy(t => t.OccurredAt).ThenBy(t => t.Id)
            .LastOrDefault();
        return last is { Kind: TransitionKind.Skip } && last.FromStage < stage ? last : null;
    }

    public static WorkflowDecision Evaluate(Household household, TransitionRequest request, DateOnly today, WorkflowFacts facts)
    {
        var refusals = new List<Refusal>();
        var (from, _) = Table[request.Kind];
        if (!from.Contains(household.Status))
        {
            refusals.Add(new Refusal(StatusRefusalCode(household.Status), household.Status));
            return new WorkflowDecision(refusals);
        }

        switch (request)
        {
            case AdvanceRequest advance:
                if (household.Stage.Next() is not { } next)
                {
                    refusals.Add(new Refusal("Workflow.LastStage"));
                }
                else if (advance.Target != next)
                {
                    refusals.Add(new Refusal("Workflow.NotNextStage", advance.Target, next));
                }
                else
                {
                    refusals.AddRange(ExitRequirements(household.Stage, household, facts));
                }

                break;
            case SkipRequest skip:
                if (skip.Target <= household.Stage)
                {
                    refusals.Add(new Refusal("Workflow.SkipMustMoveForward"));
                }
                else if (skip.Target == household.Stage.Next())
                {
                    refusals.Add(new Refusal("Workflow.SkipIsAdvance"));
                }
                else
                {
                    RequireText(skip.Reason, "Workflow.ReasonRequired", refusals);
                    refusals.AddRange(ExitRequirements(household.Stage, household, facts));
                }

                break;
            case GoBackRequest back:
                if (back.Target >= household.Stage)
                {
                    refusals.Add(new Refusal("Workflow.GoBackMustMoveBack"));
                }

                RequireText(back.Reason, "Workflow.ReasonRequired", refusals);
                break;
            case HoldRequest hold:
                if (hold.ReviewOn <= today)
                {
                    refusals.Add(new Refusal("Workflow.ReviewDateMustBeFuture"));
                }

                RequireText(hold.Reason, "Workflow.ReasonRequired", refusals);
                break;
            case WithdrawRequest withdraw:
                RequireText(withdraw.ReasonCode, "Workflow.WithdrawalReasonRequired", refusals);
                break;
            case ReactivateRequest:
                break;
            case SettleRequest settle:
                if (string.IsNullOrWhiteSpace(settle.RegionCode))
                {
                    refusals.Add(new Refusal("Workflow.SettlementRegionRequired"));
                }
                else if (!settle.RegionIsHost)
                {
                    refusals.Add(new Refusal("Workflow.SettlementRegionNotHost"));
                }

                RequireText(settle.Municipality, "Workflow.SettlementMunicipalityRequired", refusals);
                if (settle.SettledOn > today)
                {
                    refusals.Add(new Refusal("Workflow.SettlementDateInFuture"));
                }

                break;
            case CloseRequest close:
                RequireText(close.Reason, "Workflow.ReasonRequired", refusals);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, null);
        }

        return refusals.Count == 0 ? WorkflowDecision.Allowed : new WorkflowDecision(refusals);
    }

    private static string StatusRefusalCode(CaseStatus status) => status switch
    {
        CaseStatus.Active => "Workflow.NotAllowedWhileActive",
        CaseStatus.OnHold => "Workflow.NotAllowedWhileOnHold",
        CaseStatus.Withdrawn => "Workflow.NotAllowedWhileWithdrawn",
        CaseStatus.Settled => "Workflow.NotAllowedWhileSettled",
        CaseStatus.Closed => "Workflow.NotAllowedWhileClosed",
    };

    private static void RequireText(string? value, string code, List<Refusal> refusals)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            refusals.Add(new Refusal(code));
        }
    }

    private static Refusal[] Collect(params Refusal?[] refusals) => refusals.OfType<Refusal>().ToArray();
}
