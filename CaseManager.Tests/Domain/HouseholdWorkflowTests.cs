using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Domain;

/// <summary>
/// Every move of a file, legal and illegal. Each row names the starting status and stage, the move,
/// and either the stage and status the file ends in or the refusal codes it gets (a refused file
/// ends where it started). A file the builder puts past Outreach has a recorded contact and a need,
/// so a row fails only for the rule it names.
/// </summary>
public sealed class HouseholdWorkflowTests
{
    /// <summary>The plan is agreed, a session attended and the stay done: the rows below test the workflow's other rules; the requirements' own rows say otherwise.</summary>
    private static readonly WorkflowFacts Agreed = new(PlanAgreed: true, SessionAttended: true, StayCompleted: true);

    private const string SkipReason = "  Already attended a session with a partner  ";
    private const string GoBackReason = " The plan must be redone with the spouse ";
    private const string HoldReason = "  Spouse waiting for a work permit ";
    private const string WithdrawalComment = "  Accepted a job offer in Montréal  ";
    private const string ReactivationComment = " Work permit received ";
    private const string CloseReason = "  No news after three calls ";

    private static readonly Actor Supervisor = new("supervisor-7", "Line Gagnon");

    // ---------------------------------------------------------------------------------------------
    // The status gate: every kind of move from every status, from the middle stage (InfoSession),
    // where advancing, skipping and going back are all possible for an active file.
    // ---------------------------------------------------------------------------------------------

    public static TheoryData<TransitionKind, CaseStatus, Stage, CaseStatus, string?> StatusMatrix => new()
    {
        // Advance (to ExploratoryStay): active files only.
        { TransitionKind.Advance, CaseStatus.Active, Stage.ExploratoryStay, CaseStatus.Active, null },
        { TransitionKind.Advance, CaseStatus.OnHold, Stage.InfoSession, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold" },
        { TransitionKind.Advance, CaseStatus.Withdrawn, Stage.InfoSession, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn" },
        { TransitionKind.Advance, CaseStatus.Settled, Stage.InfoSession, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled" },
        { TransitionKind.Advance, CaseStatus.Closed, Stage.InfoSession, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed" },

        // Skip (to MovingSubsidy, with a reason): active files only.
        { TransitionKind.Skip, CaseStatus.Active, Stage.MovingSubsidy, CaseStatus.Active, null },
        { TransitionKind.Skip, CaseStatus.OnHold, Stage.InfoSession, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold" },
        { TransitionKind.Skip, CaseStatus.Withdrawn, Stage.InfoSession, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn" },
        { TransitionKind.Skip, CaseStatus.Settled, Stage.InfoSession, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled" },
        { TransitionKind.Skip, CaseStatus.Closed, Stage.InfoSession, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed" },

        // GoBack (to Outreach, with a reason): active files only.
        { TransitionKind.GoBack, CaseStatus.Active, Stage.Outreach, CaseStatus.Active, null },
        { TransitionKind.GoBack, CaseStatus.OnHold, Stage.InfoSession, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold" },
        { TransitionKind.GoBack, CaseStatus.Withdrawn, Stage.InfoSession, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn" },
        { TransitionKind.GoBack, CaseStatus.Settled, Stage.InfoSession, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled" },
        { TransitionKind.GoBack, CaseStatus.Closed, Stage.InfoSession, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed" },

        // Hold: an active file goes on hold; a file already on hold is not put on hold again.
        { TransitionKind.Hold, CaseStatus.Active, Stage.InfoSession, CaseStatus.OnHold, null },
        { TransitionKind.Hold, CaseStatus.OnHold, Stage.InfoSession, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold" },
        { TransitionKind.Hold, CaseStatus.Withdrawn, Stage.InfoSession, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn" },
        { TransitionKind.Hold, CaseStatus.Settled, Stage.InfoSession, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled" },
        { TransitionKind.Hold, CaseStatus.Closed, Stage.InfoSession, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed" },

        // Withdraw: from active or on hold.
        { TransitionKind.Withdraw, CaseStatus.Active, Stage.InfoSession, CaseStatus.Withdrawn, null },
        { TransitionKind.Withdraw, CaseStatus.OnHold, Stage.InfoSession, CaseStatus.Withdrawn, null },
        { TransitionKind.Withdraw, CaseStatus.Withdrawn, Stage.InfoSession, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn" },
        { TransitionKind.Withdraw, CaseStatus.Settled, Stage.InfoSession, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled" },
        { TransitionKind.Withdraw, CaseStatus.Closed, Stage.InfoSession, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed" },

        // Reactivate: from on hold or withdrawn; a settled or closed file stays so.
        { TransitionKind.Reactivate, CaseStatus.Active, Stage.InfoSession, CaseStatus.Active, "Workflow.NotAllowedWhileActive" },
        { TransitionKind.Reactivate, CaseStatus.OnHold, Stage.InfoSession, CaseStatus.Active, null },
        { TransitionKind.Reactivate, CaseStatus.Withdrawn, Stage.InfoSession, CaseStatus.Active, null },
        { TransitionKind.Reactivate, CaseStatus.Settled, Stage.InfoSession, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled" },
        { TransitionKind.Reactivate, CaseStatus.Closed, Stage.InfoSession, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed" },

        // Settle: active files only (reactivate a file on hold first).
        { TransitionKind.Settle, CaseStatus.Active, Stage.InfoSession, CaseStatus.Settled, null },
        { TransitionKind.Settle, CaseStatus.OnHold, Stage.InfoSession, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold" },
        { TransitionKind.Settle, CaseStatus.Withdrawn, Stage.InfoSession, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn" },
        { TransitionKind.Settle, CaseStatus.Settled, Stage.InfoSession, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled" },
        { TransitionKind.Settle, CaseStatus.Closed, Stage.InfoSession, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed" },

        // Close: only a withdrawn or settled file; an active or on-hold file is withdrawn first.
        { TransitionKind.Close, CaseStatus.Active, Stage.InfoSession, CaseStatus.Active, "Workflow.NotAllowedWhileActive" },
        { TransitionKind.Close, CaseStatus.OnHold, Stage.InfoSession, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold" },
        { TransitionKind.Close, CaseStatus.Withdrawn, Stage.InfoSession, CaseStatus.Closed, null },
        { TransitionKind.Close, CaseStatus.Settled, Stage.InfoSession, CaseStatus.Closed, null },
        { TransitionKind.Close, CaseStatus.Closed, Stage.InfoSession, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed" },
    };

    [Theory]
    [MemberData(nameof(StatusMatrix))]
    public void Move_FromEachStatusAtInfoSession_FollowsTheTransitionTable(
        TransitionKind kind, CaseStatus status, Stage expectedStage, CaseStatus expectedStatus, string? refusal)
    {
        var household = Given(status, Stage.InfoSession);
        var target = kind switch
        {
            TransitionKind.Advance => Stage.ExploratoryStay,
            TransitionKind.Skip => Stage.MovingSubsidy,
            TransitionKind.GoBack => Stage.Outreach,
            _ => Stage.InfoSession,
        };

        AssertMove(household, h => Perform(h, kind, target, FixedContext.Default), expectedStage, expectedStatus, refusal is null ? [] : [refusal]);
    }

    [Fact]
    public void StatusMatrix_Rows_CoverEveryKindFromEveryStatusOnce()
    {
        var covered = StatusMatrix.Select(row => (row.Data.Item1, row.Data.Item2)).ToList();
        var expected =
            from kind in Enum.GetValues<TransitionKind>().Where(k => k != TransitionKind.Opened)
            from status in Enum.GetValues<CaseStatus>()
            select (kind, status);

        Assert.Equal(expected.Order(), covered.Order());
    }

    // ---------------------------------------------------------------------------------------------
    // Advance: one stage at a time, and Outreach needs a contact and a need before it is left.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.PersonalizedPlan, Stage.PersonalizedPlan, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.PersonalizedPlan, Stage.InfoSession, Stage.InfoSession, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.ExploratoryStay, Stage.ExploratoryStay, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.ExploratoryStay, Stage.MovingSubsidy, Stage.MovingSubsidy, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.Outreach, Stage.Outreach, CaseStatus.Active, "Workflow.NotNextStage")]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.InfoSession, Stage.Outreach, CaseStatus.Active, "Workflow.NotNextStage")]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.MovingSubsidy, Stage.Outreach, CaseStatus.Active, "Workflow.NotNextStage")]
    [InlineData(CaseStatus.Active, Stage.PersonalizedPlan, Stage.ExploratoryStay, Stage.PersonalizedPlan, CaseStatus.Active, "Workflow.NotNextStage")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.InfoSession, Stage.InfoSession, CaseStatus.Active, "Workflow.NotNextStage")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.PersonalizedPlan, Stage.InfoSession, CaseStatus.Active, "Workflow.NotNextStage")]
    [InlineData(CaseStatus.Active, Stage.ExploratoryStay, Stage.Outreach, Stage.ExploratoryStay, CaseStatus.Active, "Workflow.NotNextStage")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, Stage.MovingSubsidy, Stage.MovingSubsidy, CaseStatus.Active, "Workflow.LastStage")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, Stage.Outreach, Stage.MovingSubsidy, CaseStatus.Active, "Workflow.LastStage")]
    [InlineData(CaseStatus.OnHold, Stage.Outreach, Stage.PersonalizedPlan, Stage.Outreach, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold")]
    [InlineData(CaseStatus.OnHold, Stage.ExploratoryStay, Stage.MovingSubsidy, Stage.ExploratoryStay, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold")]
    [InlineData(CaseStatus.Withdrawn, Stage.PersonalizedPlan, Stage.InfoSession, Stage.PersonalizedPlan, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn")]
    [InlineData(CaseStatus.Settled, Stage.ExploratoryStay, Stage.MovingSubsidy, Stage.ExploratoryStay, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled")]
    [InlineData(CaseStatus.Closed, Stage.Outreach, Stage.PersonalizedPlan, Stage.Outreach, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed")]
    [InlineData(CaseStatus.Closed, Stage.MovingSubsidy, Stage.MovingSubsidy, Stage.MovingSubsidy, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed")]
    public void AdvanceTo_StatusStageAndTarget_AllowedOnlyToTheNextStageOfAnActiveFile(
        CaseStatus status, Stage stage, Stage target, Stage expectedStage, CaseStatus expectedStatus, params string[] refusals)
    {
        var household = Given(status, stage);

        AssertMove(household, h => h.AdvanceTo(target, FixedContext.Default, Agreed), expectedStage, expectedStatus, refusals);
    }

    [Theory]
    [InlineData(true, true, Stage.PersonalizedPlan)]
    [InlineData(false, true, Stage.Outreach, "Workflow.Requirement.ContactRecorded")]
    [InlineData(true, false, Stage.Outreach, "Workflow.Requirement.NeedsIdentified")]
    [InlineData(false, false, Stage.Outreach, "Workflow.Requirement.ContactRecorded", "Workflow.Requirement.NeedsIdentified")]
    public void AdvanceTo_FromOutreach_RequiresARecordedContactAndAnIdentifiedNeed(
        bool contactRecorded, bool needIdentified, Stage expectedStage, params string[] refusals)
    {
        var household = AtOutreach(contactRecorded, needIdentified);

        AssertMove(household, h => h.AdvanceTo(Stage.PersonalizedPlan, FixedContext.Default, Agreed), expectedStage, CaseStatus.Active, refusals);
    }

    [Fact]
    public void AdvanceTo_NotTheNextStage_RefusalNamesTargetAndNextStage()
    {
        var household = Given(CaseStatus.Active, Stage.Outreach);

        var refusal = Assert.Single(Assert.Throws<DomainRuleException>(() => household.AdvanceTo(Stage.ExploratoryStay, FixedContext.Default, Agreed)).Refusals);

        Assert.Equal("Workflow.NotNextStage", refusal.Code);
        Assert.Equal<object>([Stage.ExploratoryStay, Stage.PersonalizedPlan], refusal.Arguments);
    }

    [Theory]
    [InlineData(Stage.PersonalizedPlan, true, false, Stage.InfoSession)]
    [InlineData(Stage.PersonalizedPlan, false, true, Stage.PersonalizedPlan, "Workflow.Requirement.PlanAgreed")]
    [InlineData(Stage.InfoSession, false, true, Stage.ExploratoryStay)]
    [InlineData(Stage.InfoSession, true, false, Stage.InfoSession, "Workflow.Requirement.SessionAttended")]
    [InlineData(Stage.InfoSession, false, false, Stage.InfoSession, "Workflow.Requirement.SessionAttended")]
    [InlineData(Stage.ExploratoryStay, false, false, Stage.MovingSubsidy)]
    public void AdvanceTo_PlanAndSessionFacts_EachRequiredOnlyToLeaveItsOwnStage(
        Stage stage, bool planAgreed, bool sessionAttended, Stage expectedStage, params string[] refusals)
    {
        var household = Given(CaseStatus.Active, stage);

        AssertMove(household, h => h.AdvanceTo(stage.Next()!.Value, FixedContext.Default, new WorkflowFacts(planAgreed, sessionAttended, StayCompleted: true)),
            expectedStage, CaseStatus.Active, refusals);
    }

    [Theory]
    [InlineData(true, Stage.MovingSubsidy)]
    [InlineData(false, Stage.InfoSession, "Workflow.Requirement.SessionAttended")]
    public void SkipTo_FromInfoSession_RequiresASessionAttended(bool sessionAttended, Stage expectedStage, params string[] refusals)
    {
        var household = Given(CaseStatus.Active, Stage.InfoSession);

        AssertMove(household, h => h.SkipTo(Stage.MovingSubsidy, "Already visited the region", FixedContext.Default, new WorkflowFacts(true, sessionAttended)),
            expectedStage, CaseStatus.Active, refusals);
    }

    // ---------------------------------------------------------------------------------------------
    // Skip: forward past the next stage, with a reason, once the current stage's requirements are met.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.InfoSession, "Attended a session last year", Stage.InfoSession, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.ExploratoryStay, "Plan drafted by a partner", Stage.ExploratoryStay, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.MovingSubsidy, "Job offer and lease already signed", Stage.MovingSubsidy, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.PersonalizedPlan, Stage.ExploratoryStay, "Attended a session with a partner", Stage.ExploratoryStay, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.PersonalizedPlan, Stage.MovingSubsidy, "Already visited the region", Stage.MovingSubsidy, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.MovingSubsidy, "Already visited the region", Stage.MovingSubsidy, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.PersonalizedPlan, "A reason", Stage.Outreach, CaseStatus.Active, "Workflow.SkipIsAdvance")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.ExploratoryStay, "A reason", Stage.InfoSession, CaseStatus.Active, "Workflow.SkipIsAdvance")]
    [InlineData(CaseStatus.Active, Stage.ExploratoryStay, Stage.MovingSubsidy, "A reason", Stage.ExploratoryStay, CaseStatus.Active, "Workflow.SkipIsAdvance")]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.Outreach, "A reason", Stage.Outreach, CaseStatus.Active, "Workflow.SkipMustMoveForward")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.InfoSession, "A reason", Stage.InfoSession, CaseStatus.Active, "Workflow.SkipMustMoveForward")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.Outreach, "A reason", Stage.InfoSession, CaseStatus.Active, "Workflow.SkipMustMoveForward")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, Stage.MovingSubsidy, "A reason", Stage.MovingSubsidy, CaseStatus.Active, "Workflow.SkipMustMoveForward")]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.InfoSession, "", Stage.Outreach, CaseStatus.Active, "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.Active, Stage.PersonalizedPlan, Stage.MovingSubsidy, "   ", Stage.PersonalizedPlan, CaseStatus.Active, "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.OnHold, Stage.Outreach, Stage.InfoSession, "A reason", Stage.Outreach, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold")]
    [InlineData(CaseStatus.Withdrawn, Stage.PersonalizedPlan, Stage.ExploratoryStay, "A reason", Stage.PersonalizedPlan, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn")]
    [InlineData(CaseStatus.Settled, Stage.Outreach, Stage.MovingSubsidy, "A reason", Stage.Outreach, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled")]
    [InlineData(CaseStatus.Closed, Stage.PersonalizedPlan, Stage.MovingSubsidy, "A reason", Stage.PersonalizedPlan, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed")]
    public void SkipTo_StatusStageTargetAndReason_AllowedOnlyPastTheNextStageWithAReason(
        CaseStatus status, Stage stage, Stage target, string reason, Stage expectedStage, CaseStatus expectedStatus, params string[] refusals)
    {
        var household = Given(status, stage);

        AssertMove(household, h => h.SkipTo(target, reason, FixedContext.Default, Agreed), expectedStage, expectedStatus, refusals);
    }

    [Theory]
    [InlineData(true, true, "A reason", Stage.InfoSession)]
    [InlineData(false, true, "A reason", Stage.Outreach, "Workflow.Requirement.ContactRecorded")]
    [InlineData(true, false, "A reason", Stage.Outreach, "Workflow.Requirement.NeedsIdentified")]
    [InlineData(false, false, "A reason", Stage.Outreach, "Workflow.Requirement.ContactRecorded", "Workflow.Requirement.NeedsIdentified")]
    [InlineData(false, false, "", Stage.Outreach, "Workflow.ReasonRequired", "Workflow.Requirement.ContactRecorded", "Workflow.Requirement.NeedsIdentified")]
    public void SkipTo_FromOutreach_StillRequiresARecordedContactAndAnIdentifiedNeed(
        bool contactRecorded, bool needIdentified, string reason, Stage expectedStage, params string[] refusals)
    {
        var household = AtOutreach(contactRecorded, needIdentified);

        AssertMove(household, h => h.SkipTo(Stage.InfoSession, reason, FixedContext.Default, Agreed), expectedStage, CaseStatus.Active, refusals);
    }

    [Theory]
    [InlineData(true, TransitionKind.Advance, Stage.MovingSubsidy)]
    [InlineData(false, TransitionKind.Advance, Stage.ExploratoryStay, "Workflow.Requirement.StayCompleted")]
    [InlineData(false, TransitionKind.Settle, Stage.ExploratoryStay)]
    public void LeavingExploratoryStay_RequiresACompletedStayOrARecordedReasonToSkipIt(
        bool stayCompletedOrWaived, TransitionKind kind, Stage expectedStage, params string[] refusals)
    {
        var household = Given(CaseStatus.Active, Stage.ExploratoryStay);
        var facts = new WorkflowFacts(PlanAgreed: true, StayCompleted: stayCompletedOrWaived);
        var expectedStatus = refusals.Length == 0 && kind == TransitionKind.Settle ? CaseStatus.Settled : CaseStatus.Active;

        AssertMove(household, h => h.Apply(kind switch
        {
            TransitionKind.Advance => new AdvanceRequest(Stage.MovingSubsidy),
            TransitionKind.Settle => new SettleRequest("02", true, "Saguenay", FixedContext.Today),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        }, FixedContext.Default, facts), expectedStage, expectedStatus, refusals);
    }

    [Theory]
    [InlineData(Stage.Outreach, Stage.PersonalizedPlan)]
    [InlineData(Stage.PersonalizedPlan, Stage.InfoSession)]
    [InlineData(Stage.InfoSession, Stage.ExploratoryStay)]
    public void AdvanceTo_BeforeTheStayStage_DoesNotAskForAStay(Stage stage, Stage target)
    {
        var household = Given(CaseStatus.Active, stage);

        AssertMove(household, h => h.AdvanceTo(target, FixedContext.Default, new WorkflowFacts(PlanAgreed: true, SessionAttended: true, StayCompleted: false)),
            target, CaseStatus.Active, []);
    }

    [Fact]
    public void SkipTo_OverTheStayStageWithAReason_IsTheExistingSkipAndNeedsNoStay()
    {
        var household = Given(CaseStatus.Active, Stage.InfoSession);

        AssertMove(household, h => h.SkipTo(Stage.MovingSubsidy, "Already visited the region", FixedContext.Default,
            new WorkflowFacts(PlanAgreed: true, SessionAttended: true, StayCompleted: false)), Stage.MovingSubsidy, CaseStatus.Active, []);
    }

    // ---------------------------------------------------------------------------------------------
    // GoBack: to any earlier stage, with a reason.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(CaseStatus.Active, Stage.PersonalizedPlan, Stage.Outreach, "Needs to be reassessed", Stage.Outreach, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.PersonalizedPlan, "Plan to be revised", Stage.PersonalizedPlan, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.ExploratoryStay, Stage.InfoSession, "Wants to hear about another region", Stage.InfoSession, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, Stage.ExploratoryStay, "Job offer withdrawn, new stay needed", Stage.ExploratoryStay, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, Stage.Outreach, "Starting over", Stage.Outreach, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.Outreach, "A reason", Stage.Outreach, CaseStatus.Active, "Workflow.GoBackMustMoveBack")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.InfoSession, "A reason", Stage.InfoSession, CaseStatus.Active, "Workflow.GoBackMustMoveBack")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.ExploratoryStay, "A reason", Stage.InfoSession, CaseStatus.Active, "Workflow.GoBackMustMoveBack")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, Stage.PersonalizedPlan, "", Stage.InfoSession, CaseStatus.Active, "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, Stage.Outreach, "  ", Stage.MovingSubsidy, CaseStatus.Active, "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.Active, Stage.Outreach, Stage.Outreach, "", Stage.Outreach, CaseStatus.Active, "Workflow.GoBackMustMoveBack", "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.OnHold, Stage.InfoSession, Stage.Outreach, "A reason", Stage.InfoSession, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold")]
    [InlineData(CaseStatus.Withdrawn, Stage.MovingSubsidy, Stage.ExploratoryStay, "A reason", Stage.MovingSubsidy, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn")]
    [InlineData(CaseStatus.Settled, Stage.MovingSubsidy, Stage.ExploratoryStay, "A reason", Stage.MovingSubsidy, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled")]
    [InlineData(CaseStatus.Closed, Stage.PersonalizedPlan, Stage.Outreach, "A reason", Stage.PersonalizedPlan, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed")]
    public void GoBackTo_StatusStageTargetAndReason_AllowedOnlyBackwardWithAReason(
        CaseStatus status, Stage stage, Stage target, string reason, Stage expectedStage, CaseStatus expectedStatus, params string[] refusals)
    {
        var household = Given(status, stage);

        AssertMove(household, h => h.GoBackTo(target, reason, FixedContext.Default), expectedStage, expectedStatus, refusals);
    }

    // ---------------------------------------------------------------------------------------------
    // Hold: an active file, a review date after today, a reason.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(CaseStatus.Active, Stage.Outreach, 30, "Back from a trip abroad in a month", CaseStatus.OnHold)]
    [InlineData(CaseStatus.Active, Stage.PersonalizedPlan, 1, "Call back tomorrow", CaseStatus.OnHold)]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, 365, "Children finishing the school year", CaseStatus.OnHold)]
    [InlineData(CaseStatus.Active, Stage.InfoSession, 0, "A reason", CaseStatus.Active, "Workflow.ReviewDateMustBeFuture")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, -1, "A reason", CaseStatus.Active, "Workflow.ReviewDateMustBeFuture")]
    [InlineData(CaseStatus.Active, Stage.ExploratoryStay, 30, "", CaseStatus.Active, "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.Active, Stage.ExploratoryStay, 30, " ", CaseStatus.Active, "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.Active, Stage.InfoSession, 0, "", CaseStatus.Active, "Workflow.ReviewDateMustBeFuture", "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.OnHold, Stage.InfoSession, 60, "Longer wait", CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold")]
    [InlineData(CaseStatus.Withdrawn, Stage.Outreach, 30, "A reason", CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn")]
    [InlineData(CaseStatus.Settled, Stage.MovingSubsidy, 30, "A reason", CaseStatus.Settled, "Workflow.NotAllowedWhileSettled")]
    [InlineData(CaseStatus.Closed, Stage.ExploratoryStay, 30, "A reason", CaseStatus.Closed, "Workflow.NotAllowedWhileClosed")]
    public void PutOnHold_StatusReviewDateAndReason_AllowedOnlyWithAFutureReviewDateAndAReason(
        CaseStatus status, Stage stage, int reviewInDays, string reason, CaseStatus expectedStatus, params string[] refusals)
    {
        var household = Given(status, stage);

        AssertMove(household, h => h.PutOnHold(FixedContext.Today.AddDays(reviewInDays), reason, FixedContext.Default), stage, expectedStatus, refusals);
    }

    // ---------------------------------------------------------------------------------------------
    // Withdraw: from active or on hold, with a coded reason.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(CaseStatus.Active, Stage.Outreach, "unreachable", null, CaseStatus.Withdrawn)]
    [InlineData(CaseStatus.Active, Stage.ExploratoryStay, "spouse-job", "Spouse got a permanent position", CaseStatus.Withdrawn)]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "housing", null, CaseStatus.Withdrawn)]
    [InlineData(CaseStatus.OnHold, Stage.InfoSession, "postponed", null, CaseStatus.Withdrawn)]
    [InlineData(CaseStatus.OnHold, Stage.PersonalizedPlan, "left-quebec", "Moved to Ontario", CaseStatus.Withdrawn)]
    [InlineData(CaseStatus.Active, Stage.InfoSession, "", "A comment is not a reason", CaseStatus.Active, "Workflow.WithdrawalReasonRequired")]
    [InlineData(CaseStatus.OnHold, Stage.InfoSession, "  ", null, CaseStatus.OnHold, "Workflow.WithdrawalReasonRequired")]
    [InlineData(CaseStatus.Withdrawn, Stage.InfoSession, "unreachable", null, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn")]
    [InlineData(CaseStatus.Settled, Stage.MovingSubsidy, "unreachable", null, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled")]
    [InlineData(CaseStatus.Closed, Stage.Outreach, "unreachable", null, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed")]
    public void Withdraw_StatusAndReasonCode_AllowedFromActiveOrOnHoldWithAReasonCode(
        CaseStatus status, Stage stage, string reasonCode, string? comment, CaseStatus expectedStatus, params string[] refusals)
    {
        var household = Given(status, stage);

        AssertMove(household, h => h.Withdraw(reasonCode, comment, FixedContext.Default), stage, expectedStatus, refusals);
    }

    // ---------------------------------------------------------------------------------------------
    // Reactivate: a file on hold or withdrawn becomes active again at the stage it was at.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(CaseStatus.OnHold, Stage.Outreach, "Back from abroad", CaseStatus.Active)]
    [InlineData(CaseStatus.OnHold, Stage.InfoSession, null, CaseStatus.Active)]
    [InlineData(CaseStatus.Withdrawn, Stage.ExploratoryStay, "Job offer in Rimouski after all", CaseStatus.Active)]
    [InlineData(CaseStatus.Withdrawn, Stage.MovingSubsidy, null, CaseStatus.Active)]
    [InlineData(CaseStatus.Active, Stage.InfoSession, null, CaseStatus.Active, "Workflow.NotAllowedWhileActive")]
    [InlineData(CaseStatus.Settled, Stage.MovingSubsidy, "Moved back to Montréal", CaseStatus.Settled, "Workflow.NotAllowedWhileSettled")]
    [InlineData(CaseStatus.Closed, Stage.PersonalizedPlan, "Called again", CaseStatus.Closed, "Workflow.NotAllowedWhileClosed")]
    public void Reactivate_Status_AllowedFromOnHoldOrWithdrawnOnly(
        CaseStatus status, Stage stage, string? comment, CaseStatus expectedStatus, params string[] refusals)
    {
        var household = Given(status, stage);

        AssertMove(household, h => h.Reactivate(comment, FixedContext.Default), stage, expectedStatus, refusals);
    }

    [Fact]
    public void Reactivate_ClosedAfterSettlement_RefusedWhileClosed()
    {
        var household = new HouseholdBuilder().AtStage(Stage.MovingSubsidy).ClosedAfter(CaseStatus.Settled).Build();

        AssertMove(household, h => h.Reactivate(null, FixedContext.Default), Stage.MovingSubsidy, CaseStatus.Closed, ["Workflow.NotAllowedWhileClosed"]);
    }

    // ---------------------------------------------------------------------------------------------
    // Settle: an active file, a host region, a municipality, a date that is not in the future.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "02", true, "Saguenay", 0, CaseStatus.Settled)]
    [InlineData(CaseStatus.Active, Stage.ExploratoryStay, "01", true, "Rimouski", -10, CaseStatus.Settled)]
    [InlineData(CaseStatus.Active, Stage.Outreach, "17", true, "Drummondville", -1, CaseStatus.Settled)]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "06", false, "Montréal", 0, CaseStatus.Active, "Workflow.SettlementRegionNotHost")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "13", false, "Laval", 0, CaseStatus.Active, "Workflow.SettlementRegionNotHost")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "", true, "Saguenay", 0, CaseStatus.Active, "Workflow.SettlementRegionRequired")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "02", true, "", 0, CaseStatus.Active, "Workflow.SettlementMunicipalityRequired")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "02", true, "   ", 0, CaseStatus.Active, "Workflow.SettlementMunicipalityRequired")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "02", true, "Saguenay", 1, CaseStatus.Active, "Workflow.SettlementDateInFuture")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "06", false, "", 30, CaseStatus.Active,
        "Workflow.SettlementRegionNotHost", "Workflow.SettlementMunicipalityRequired", "Workflow.SettlementDateInFuture")]
    [InlineData(CaseStatus.OnHold, Stage.MovingSubsidy, "02", true, "Saguenay", 0, CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold")]
    [InlineData(CaseStatus.Withdrawn, Stage.ExploratoryStay, "02", true, "Saguenay", 0, CaseStatus.Withdrawn, "Workflow.NotAllowedWhileWithdrawn")]
    [InlineData(CaseStatus.Settled, Stage.MovingSubsidy, "04", true, "Trois-Rivières", 0, CaseStatus.Settled, "Workflow.NotAllowedWhileSettled")]
    [InlineData(CaseStatus.Closed, Stage.MovingSubsidy, "02", true, "Saguenay", 0, CaseStatus.Closed, "Workflow.NotAllowedWhileClosed")]
    public void Settle_StatusRegionMunicipalityAndDate_AllowedInAHostRegionUpToToday(
        CaseStatus status, Stage stage, string regionCode, bool regionIsHost, string municipality, int settledInDays,
        CaseStatus expectedStatus, params string[] refusals)
    {
        var household = Given(status, stage);

        AssertMove(
            household,
            h => h.Settle(regionCode, regionIsHost, municipality, FixedContext.Today.AddDays(settledInDays), FixedContext.Default),
            stage,
            expectedStatus,
            refusals);
    }

    // ---------------------------------------------------------------------------------------------
    // Close: a withdrawn or settled file, with a reason. Closed is final.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(CaseStatus.Withdrawn, Stage.Outreach, "Unreachable for six months", CaseStatus.Closed)]
    [InlineData(CaseStatus.Withdrawn, Stage.ExploratoryStay, "Left the program", CaseStatus.Closed)]
    [InlineData(CaseStatus.Settled, Stage.MovingSubsidy, "Twelve-month follow-up done", CaseStatus.Closed)]
    [InlineData(CaseStatus.Settled, Stage.InfoSession, "Settled on their own, follow-up done", CaseStatus.Closed)]
    [InlineData(CaseStatus.Withdrawn, Stage.InfoSession, "", CaseStatus.Withdrawn, "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.Settled, Stage.MovingSubsidy, "  ", CaseStatus.Settled, "Workflow.ReasonRequired")]
    [InlineData(CaseStatus.Active, Stage.Outreach, "A reason", CaseStatus.Active, "Workflow.NotAllowedWhileActive")]
    [InlineData(CaseStatus.Active, Stage.MovingSubsidy, "A reason", CaseStatus.Active, "Workflow.NotAllowedWhileActive")]
    [InlineData(CaseStatus.OnHold, Stage.PersonalizedPlan, "A reason", CaseStatus.OnHold, "Workflow.NotAllowedWhileOnHold")]
    [InlineData(CaseStatus.Closed, Stage.ExploratoryStay, "A reason", CaseStatus.Closed, "Workflow.NotAllowedWhileClosed")]
    public void Close_StatusAndReason_AllowedAfterWithdrawalOrSettlementWithAReason(
        CaseStatus status, Stage stage, string reason, CaseStatus expectedStatus, params string[] refusals)
    {
        var household = Given(status, stage);

        AssertMove(household, h => h.Close(reason, FixedContext.Default), stage, expectedStatus, refusals);
    }

    // ---------------------------------------------------------------------------------------------
    // A refused move changes nothing; an allowed move writes exactly one line of history.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void SkipTo_Refused_ThrowsEveryRefusalOfTheWorkflowAndChangesNothing()
    {
        var household = AtOutreach(contactRecorded: false, needIdentified: false);
        var before = Snapshot.Of(household);
        var decision = household.Evaluate(new SkipRequest(Stage.ExploratoryStay, ""), FixedContext.Today, Agreed);

        var exception = Assert.Throws<DomainRuleException>(() => household.SkipTo(Stage.ExploratoryStay, "", FixedContext.Default, Agreed));

        Assert.Equal(3, exception.Refusals.Count);
        Assert.Equal(decision.Refusals.Select(r => r.Code), exception.Refusals.Select(r => r.Code));
        Assert.Equal(before, Snapshot.Of(household));
    }

    [Fact]
    public void PutOnHold_RefusedWhileOnHold_KeepsTheFirstReviewDate()
    {
        var reviewOn = FixedContext.Today.AddDays(20);
        var household = new HouseholdBuilder().AtStage(Stage.InfoSession).OnHoldUntil(reviewOn).Build();
        var before = Snapshot.Of(household);

        var exception = Assert.Throws<DomainRuleException>(() =>
            household.PutOnHold(FixedContext.Today.AddDays(90), "Longer wait", FixedContext.Default));

        var refusal = Assert.Single(exception.Refusals);
        Assert.Equal("Workflow.NotAllowedWhileOnHold", refusal.Code);
        Assert.Equal<object>([CaseStatus.OnHold], refusal.Arguments);
        Assert.Equal(before, Snapshot.Of(household));
        Assert.Equal(reviewOn, household.HoldUntil);
    }

    [Fact]
    public void Withdraw_RefusedWhenSettled_KeepsTheSettlement()
    {
        var household = new HouseholdBuilder().AtStage(Stage.MovingSubsidy).SettledIn("07", "Gatineau").Build();
        var before = Snapshot.Of(household);

        Assert.Throws<DomainRuleException>(() => household.Withdraw("job-montreal", null, FixedContext.Default));

        Assert.Equal(before, Snapshot.Of(household));
        Assert.Equal("Gatineau", household.Settlement?.Municipality);
    }

    public static TheoryData<TransitionKind, CaseStatus, Stage, Stage, CaseStatus, string?, string?> AllowedMoves => new()
    {
        { TransitionKind.Advance, CaseStatus.Active, Stage.InfoSession, Stage.ExploratoryStay, CaseStatus.Active, null, null },
        { TransitionKind.Skip, CaseStatus.Active, Stage.Outreach, Stage.MovingSubsidy, CaseStatus.Active, null, "Already attended a session with a partner" },
        { TransitionKind.GoBack, CaseStatus.Active, Stage.ExploratoryStay, Stage.PersonalizedPlan, CaseStatus.Active, null, "The plan must be redone with the spouse" },
        { TransitionKind.Hold, CaseStatus.Active, Stage.PersonalizedPlan, Stage.PersonalizedPlan, CaseStatus.OnHold, null, "Spouse waiting for a work permit" },
        { TransitionKind.Withdraw, CaseStatus.Active, Stage.InfoSession, Stage.InfoSession, CaseStatus.Withdrawn, "job-montreal", "Accepted a job offer in Montréal" },
        { TransitionKind.Withdraw, CaseStatus.OnHold, Stage.Outreach, Stage.Outreach, CaseStatus.Withdrawn, "job-montreal", "Accepted a job offer in Montréal" },
        { TransitionKind.Reactivate, CaseStatus.OnHold, Stage.ExploratoryStay, Stage.ExploratoryStay, CaseStatus.Active, null, "Work permit received" },
        { TransitionKind.Reactivate, CaseStatus.Withdrawn, Stage.PersonalizedPlan, Stage.PersonalizedPlan, CaseStatus.Active, null, "Work permit received" },
        { TransitionKind.Settle, CaseStatus.Active, Stage.MovingSubsidy, Stage.MovingSubsidy, CaseStatus.Settled, null, null },
        { TransitionKind.Close, CaseStatus.Withdrawn, Stage.InfoSession, Stage.InfoSession, CaseStatus.Closed, null, "No news after three calls" },
        { TransitionKind.Close, CaseStatus.Settled, Stage.MovingSubsidy, Stage.MovingSubsidy, CaseStatus.Closed, null, "No news after three calls" },
    };

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Move_Allowed_AppendsExactlyOneTransitionWithWhatWhyWhoAndWhen(
        TransitionKind kind, CaseStatus fromStatus, Stage fromStage, Stage toStage, CaseStatus toStatus, string? reasonCode, string? comment)
    {
        var household = Given(fromStatus, fromStage);
        var earlier = household.History.ToList();
        var context = FixedContext.As(Supervisor);

        Perform(household, kind, toStage, context);

        Assert.Equal(earlier.Count + 1, household.History.Count);
        Assert.Equal(earlier, household.History.Take(earlier.Count));
        var line = household.History[^1];
        Assert.NotEqual(Guid.Empty, line.Id);
        Assert.Equal(household.Id, line.HouseholdId);
        Assert.Equal(kind, line.Kind);
        Assert.Equal(fromStage, line.FromStage);
        Assert.Equal(toStage, line.ToStage);
        Assert.Equal(fromStatus, line.FromStatus);
        Assert.Equal(toStatus, line.ToStatus);
        Assert.Equal(reasonCode, line.ReasonCode);
        Assert.Equal(comment, line.Comment);
        Assert.Equal(FixedContext.Now, line.OccurredAt);
        Assert.Equal(Supervisor.Id, line.ActorId);
        Assert.Equal(Supervisor.Name, line.ActorName);
        Assert.Equal(FixedContext.Now, household.UpdatedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Withdraw_BlankComment_RecordsNoComment(string? comment)
    {
        var household = Given(CaseStatus.Active, Stage.InfoSession);

        household.Withdraw("unreachable", comment, FixedContext.Default);

        Assert.Null(household.History[^1].Comment);
        Assert.Equal("unreachable", household.History[^1].ReasonCode);
    }

    [Fact]
    public void Open_NewFile_StartsActiveAtOutreachWithOneOpenedTransition()
    {
        var household = new HouseholdBuilder().Build();

        Assert.Equal(Stage.Outreach, household.Stage);
        Assert.Equal(CaseStatus.Active, household.Status);
        var opened = Assert.Single(household.History);
        Assert.Equal(TransitionKind.Opened, opened.Kind);
        Assert.Null(opened.FromStage);
        Assert.Null(opened.FromStatus);
        Assert.Equal(Stage.Outreach, opened.ToStage);
        Assert.Equal(CaseStatus.Active, opened.ToStatus);
        Assert.Equal(FixedContext.At(HouseholdBuilder.DefaultOpenedOn), opened.OccurredAt);
        Assert.Equal(FixedContext.Counsellor.Id, opened.ActorId);
    }

    // ---------------------------------------------------------------------------------------------
    // CanAdvanceTo: the reasons the interface shows beside a disabled button.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void CanAdvanceTo_NoContactAndNoNeed_ReturnsBothRequirements()
    {
        var household = AtOutreach(contactRecorded: false, needIdentified: false);

        var decision = household.CanAdvanceTo(Stage.PersonalizedPlan, FixedContext.Today, Agreed);

        Assert.False(decision.IsAllowed);
        Assert.Equal(
            ["Workflow.Requirement.ContactRecorded", "Workflow.Requirement.NeedsIdentified"],
            decision.Refusals.Select(r => r.Code));
    }

    [Fact]
    public void CanAdvanceTo_RequirementsMet_IsAllowedWithNoReason()
    {
        var household = AtOutreach(contactRecorded: true, needIdentified: true);

        var decision = household.CanAdvanceTo(Stage.PersonalizedPlan, FixedContext.Today, Agreed);

        Assert.True(decision.IsAllowed);
        Assert.Empty(decision.Refusals);
    }

    [Fact]
    public void CanAdvanceTo_OnHoldWithRequirementsMissing_ReturnsOnlyTheStatusReason()
    {
        var household = new HouseholdBuilder().WithStatus(CaseStatus.OnHold).Build();

        var refusal = Assert.Single(household.CanAdvanceTo(Stage.PersonalizedPlan, FixedContext.Today, Agreed).Refusals);

        Assert.Equal("Workflow.NotAllowedWhileOnHold", refusal.Code);
        Assert.Equal<object>([CaseStatus.OnHold], refusal.Arguments);
    }

    [Fact]
    public void CanAdvanceTo_Asked_ChangesNothing()
    {
        var household = AtOutreach(contactRecorded: true, needIdentified: true);
        var before = Snapshot.Of(household);

        household.CanAdvanceTo(Stage.PersonalizedPlan, FixedContext.Today, Agreed);
        household.CanAdvanceTo(Stage.MovingSubsidy, FixedContext.Today, Agreed);

        Assert.Equal(before, Snapshot.Of(household));
    }

    // ---------------------------------------------------------------------------------------------
    // StageEntryDates: the day the file last entered each stage it has reached.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void StageEntryDates_NewFile_HasOnlyOutreachOnTheOpeningDay()
    {
        var household = new HouseholdBuilder().Build();

        var dates = household.StageEntryDates();

        Assert.Equal(new Dictionary<Stage, DateTimeOffset> { [Stage.Outreach] = OpenedAt }, dates);
    }

    [Fact]
    public void StageEntryDates_AfterAdvances_HasTheDayOfEachAdvance()
    {
        var household = AtOutreach(contactRecorded: true, needIdentified: true);

        household.AdvanceTo(Stage.PersonalizedPlan, FixedContext.DaysFromToday(-30), Agreed);
        household.AdvanceTo(Stage.InfoSession, FixedContext.DaysFromToday(-20), Agreed);

        Assert.Equal(
            new Dictionary<Stage, DateTimeOffset>
            {
                [Stage.Outreach] = OpenedAt,
                [Stage.PersonalizedPlan] = FixedContext.DaysFromToday(-30).Now,
                [Stage.InfoSession] = FixedContext.DaysFromToday(-20).Now,
            },
            household.StageEntryDates());
    }

    [Fact]
    public void StageEntryDates_AfterSkip_HasNoDateForTheSkippedStages()
    {
        var household = AtOutreach(contactRecorded: true, needIdentified: true);

        household.SkipTo(Stage.ExploratoryStay, "Plan and session done with a partner", FixedContext.DaysFromToday(-10), Agreed);

        Assert.Equal(
            new Dictionary<Stage, DateTimeOffset>
            {
                [Stage.Outreach] = OpenedAt,
                [Stage.ExploratoryStay] = FixedContext.DaysFromToday(-10).Now,
            },
            household.StageEntryDates());
    }

    [Fact]
    public void StageEntryDates_AfterGoBack_ForgetsLaterStagesAndDatesTheReturn()
    {
        var household = AtOutreach(contactRecorded: true, needIdentified: true);
        household.AdvanceTo(Stage.PersonalizedPlan, FixedContext.DaysFromToday(-30), Agreed);
        household.AdvanceTo(Stage.InfoSession, FixedContext.DaysFromToday(-20), Agreed);
        household.AdvanceTo(Stage.ExploratoryStay, FixedContext.DaysFromToday(-10), Agreed);

        household.GoBackTo(Stage.PersonalizedPlan, "Plan to be revised", FixedContext.DaysFromToday(-5));

        Assert.Equal(
            new Dictionary<Stage, DateTimeOffset>
            {
                [Stage.Outreach] = OpenedAt,
                [Stage.PersonalizedPlan] = FixedContext.DaysFromToday(-5).Now,
            },
            household.StageEntryDates());
    }

    [Fact]
    public void StageEntryDates_AfterGoBackThenAdvance_DatesTheNewEntry()
    {
        var household = AtOutreach(contactRecorded: true, needIdentified: true);
        household.AdvanceTo(Stage.PersonalizedPlan, FixedContext.DaysFromToday(-30), Agreed);
        household.AdvanceTo(Stage.InfoSession, FixedContext.DaysFromToday(-20), Agreed);
        household.GoBackTo(Stage.PersonalizedPlan, "Plan to be revised", FixedContext.DaysFromToday(-10));

        household.AdvanceTo(Stage.InfoSession, FixedContext.DaysFromToday(-2), Agreed);

        Assert.Equal(
            new Dictionary<Stage, DateTimeOffset>
            {
                [Stage.Outreach] = OpenedAt,
                [Stage.PersonalizedPlan] = FixedContext.DaysFromToday(-10).Now,
                [Stage.InfoSession] = FixedContext.DaysFromToday(-2).Now,
            },
            household.StageEntryDates());
    }

    [Fact]
    public void StageEntryDates_AfterStatusMoves_Unchanged()
    {
        var household = AtOutreach(contactRecorded: true, needIdentified: true);
        household.AdvanceTo(Stage.PersonalizedPlan, FixedContext.DaysFromToday(-30), Agreed);
        var before = household.StageEntryDates();

        household.PutOnHold(FixedContext.Today, "Travelling", FixedContext.DaysFromToday(-20));
        household.Reactivate(null, FixedContext.DaysFromToday(-10));
        household.Withdraw("postponed", null, FixedContext.DaysFromToday(-5));

        Assert.Equal(before, household.StageEntryDates());
    }

    // ---------------------------------------------------------------------------------------------
    // What the status moves record on the file.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void PutOnHold_Allowed_SetsHoldUntilToTheReviewDate()
    {
        var household = Given(CaseStatus.Active, Stage.InfoSession);
        var reviewOn = FixedContext.Today.AddDays(45);

        household.PutOnHold(reviewOn, "Spouse's surgery", FixedContext.Default);

        Assert.Equal(reviewOn, household.HoldUntil);
    }

    [Fact]
    public void Reactivate_FromHold_ClearsHoldUntilAndKeepsTheStage()
    {
        var household = new HouseholdBuilder().AtStage(Stage.ExploratoryStay).WithStatus(CaseStatus.OnHold).Build();
        Assert.NotNull(household.HoldUntil);

        household.Reactivate("Ready again", FixedContext.Default);

        Assert.Null(household.HoldUntil);
        Assert.Equal(Stage.ExploratoryStay, household.Stage);
        Assert.Equal(CaseStatus.Active, household.Status);
    }

    [Fact]
    public void Withdraw_Allowed_SetsTheWithdrawalReasonCode()
    {
        var household = Given(CaseStatus.Active, Stage.PersonalizedPlan);

        household.Withdraw("spouse-job", null, FixedContext.Default);

        Assert.Equal("spouse-job", household.WithdrawalReasonCode);
    }

    [Fact]
    public void Reactivate_FromWithdrawal_ClearsTheWithdrawalReasonCode()
    {
        var household = new HouseholdBuilder().AtStage(Stage.InfoSession).WithdrawnFor("job-montreal").Build();
        Assert.Equal("job-montreal", household.WithdrawalReasonCode);

        household.Reactivate("Job in Montréal ended", FixedContext.Default);

        Assert.Null(household.WithdrawalReasonCode);
        Assert.Equal(Stage.InfoSession, household.Stage);
        Assert.Equal(CaseStatus.Active, household.Status);
    }

    [Fact]
    public void Withdraw_FromHold_ClearsHoldUntil()
    {
        var household = new HouseholdBuilder().AtStage(Stage.InfoSession).WithStatus(CaseStatus.OnHold).Build();

        household.Withdraw("postponed", null, FixedContext.Default);

        Assert.Null(household.HoldUntil);
        Assert.Equal("postponed", household.WithdrawalReasonCode);
    }

    [Fact]
    public void Settle_Allowed_RecordsRegionTrimmedMunicipalityAndDate()
    {
        var household = Given(CaseStatus.Active, Stage.MovingSubsidy);
        var settledOn = FixedContext.Today.AddDays(-3);

        household.Settle("02", regionIsHost: true, "  Alma ", settledOn, FixedContext.Default);

        Assert.NotNull(household.Settlement);
        Assert.Equal("02", household.Settlement.RegionCode);
        Assert.Equal("Alma", household.Settlement.Municipality);
        Assert.Equal(settledOn, household.Settlement.SettledOn);
    }

    [Fact]
    public void Close_AfterSettlement_KeepsTheSettlement()
    {
        var household = new HouseholdBuilder().AtStage(Stage.MovingSubsidy).SettledIn("05", "Sherbrooke").Build();

        household.Close("Twelve-month follow-up done", FixedContext.Default);

        Assert.Equal(CaseStatus.Closed, household.Status);
        Assert.Equal("Sherbrooke", household.Settlement?.Municipality);
    }

    // ---------------------------------------------------------------------------------------------

    private static readonly DateTimeOffset OpenedAt = FixedContext.At(HouseholdBuilder.DefaultOpenedOn);

    /// <summary>A file at the stage and status, with the Outreach requirements met.</summary>
    private static Household Given(CaseStatus status, Stage stage) =>
        new HouseholdBuilder().WithContact().WithNeeds("employment").AtStage(stage).WithStatus(status).Build();

    private static Household AtOutreach(bool contactRecorded, bool needIdentified)
    {
        var builder = new HouseholdBuilder();
        if (contactRecorded)
        {
            builder.WithContact();
        }

        if (needIdentified)
        {
            builder.WithNeeds("employment", "housing");
        }

        return builder.Build();
    }

    /// <summary>Performs a move of the given kind with valid arguments (the constants above, and a session attended for leaving InfoSession).</summary>
    private static void Perform(Household household, TransitionKind kind, Stage target, ActionContext context)
    {
        var facts = new WorkflowFacts(PlanAgreed: false, SessionAttended: true);
        switch (kind)
        {
            case TransitionKind.Advance:
                household.AdvanceTo(target, context, facts);
                break;
            case TransitionKind.Skip:
                household.SkipTo(target, SkipReason, context, facts);
                break;
            case TransitionKind.GoBack:
                household.GoBackTo(target, GoBackReason, context);
                break;
            case TransitionKind.Hold:
                household.PutOnHold(context.Today.AddDays(30), HoldReason, context);
                break;
            case TransitionKind.Withdraw:
                household.Withdraw("job-montreal", WithdrawalComment, context);
                break;
            case TransitionKind.Reactivate:
                household.Reactivate(ReactivationComment, context);
                break;
            case TransitionKind.Settle:
                household.Settle("16", regionIsHost: true, "Granby", context.Today, context);
                break;
            case TransitionKind.Close:
                household.Close(CloseReason, context);
                break;
            case TransitionKind.Opened:
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a move a person asks for.");
        }
    }

    /// <summary>
    /// Performs the move and checks where the file ends; when refusals are expected, checks the
    /// exception carries exactly those codes and that nothing about the file changed.
    /// </summary>
    private static void AssertMove(
        Household household, Action<Household> move, Stage expectedStage, CaseStatus expectedStatus, string[] expectedRefusals)
    {
        var before = Snapshot.Of(household);

        if (expectedRefusals.Length == 0)
        {
            move(household);
            Assert.Equal(before.HistoryCount + 1, household.History.Count);
        }
        else
        {
            var exception = Assert.Throws<DomainRuleException>(() => move(household));
            Assert.Equal(expectedRefusals, exception.Refusals.Select(r => r.Code));
            Assert.Equal(before, Snapshot.Of(household));
        }

        Assert.Equal(expectedStage, household.Stage);
        Assert.Equal(expectedStatus, household.Status);
    }

    /// <summary>What a move may change on a file, to prove a refused one changed none of it.</summary>
    private sealed record Snapshot(
        Stage Stage,
        CaseStatus Status,
        int HistoryCount,
        DateOnly? HoldUntil,
        string? WithdrawalReasonCode,
        Settlement? Settlement,
        DateOnly? LastContactOn,
        DateTimeOffset UpdatedAt)
    {
        public static Snapshot Of(Household household) => new(
            household.Stage,
            household.Status,
            household.History.Count,
            household.HoldUntil,
            household.WithdrawalReasonCode,
            household.Settlement,
            household.LastContactOn,
            household.UpdatedAt);
    }
}
