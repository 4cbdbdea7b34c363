using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Domain;

public sealed class SubsidyApplicationTests
{
    private static readonly ActionContext Counsellor = FixedContext.Default;
    private static readonly ActionContext Reviewer = FixedContext.As(new Actor("partner-1", "Josée Bélanger"));

    /// <summary>An application starts only for an active file at the subsidy stage with none other in progress.</summary>
    [Theory]
    [InlineData(Stage.MovingSubsidy, CaseStatus.Active, new SubsidyStatus[0], null)]
    [InlineData(Stage.MovingSubsidy, CaseStatus.Active, new[] { SubsidyStatus.Refused, SubsidyStatus.Withdrawn, SubsidyStatus.Paid }, null)]
    [InlineData(Stage.MovingSubsidy, CaseStatus.Active, new[] { SubsidyStatus.Draft }, "Subsidy.AlreadyOpen")]
    [InlineData(Stage.MovingSubsidy, CaseStatus.Active, new[] { SubsidyStatus.Refused, SubsidyStatus.Submitted }, "Subsidy.AlreadyOpen")]
    [InlineData(Stage.MovingSubsidy, CaseStatus.Active, new[] { SubsidyStatus.UnderReview }, "Subsidy.AlreadyOpen")]
    [InlineData(Stage.MovingSubsidy, CaseStatus.Active, new[] { SubsidyStatus.InformationRequested }, "Subsidy.AlreadyOpen")]
    [InlineData(Stage.MovingSubsidy, CaseStatus.Active, new[] { SubsidyStatus.Approved }, "Subsidy.AlreadyOpen")]
    [InlineData(Stage.ExploratoryStay, CaseStatus.Active, new SubsidyStatus[0], "Subsidy.NotInSubsidyStage")]
    [InlineData(Stage.MovingSubsidy, CaseStatus.OnHold, new SubsidyStatus[0], "Subsidy.NotInSubsidyStage")]
    [InlineData(Stage.MovingSubsidy, CaseStatus.Settled, new SubsidyStatus[0], "Subsidy.NotInSubsidyStage")]
    public void StartRefusal_StageStatusAndApplications_GiveTheReasonOrNone(Stage stage, CaseStatus status, SubsidyStatus[] existing, string? expected) =>
        Assert.Equal(expected, SubsidyApplication.StartRefusal(stage, status, existing));

    private static SubsidyApplicationDetails Details() => new("02", "Saguenay", FixedContext.Today.AddDays(30), 2400m, "Offre d'emploi à Chicoutimi");

    private static SubsidyApplication Draft() => SubsidyApplication.Start(Guid.NewGuid(), Details(), Counsellor);

    private static void Submit(SubsidyApplication application)
    {
        var rules = SubsidyEvaluatorTests.Rules();
        application.Submit(rules, 4, SubsidyEvaluator.Evaluate(rules, SubsidyEvaluatorTests.Eligible()), Counsellor);
    }

    /// <summary>An application brought to <paramref name="status"/> by legal moves only.</summary>
    private static SubsidyApplication At(SubsidyStatus status)
    {
        var application = Draft();
        switch (status)
        {
            case SubsidyStatus.Draft:
                break;
            case SubsidyStatus.Submitted:
                Submit(application);
                break;
            case SubsidyStatus.UnderReview:
                Submit(application);
                application.TakeForReview(Reviewer);
                break;
            case SubsidyStatus.InformationRequested:
                Submit(application);
                application.RequestInformation("Le bail signé, s'il vous plaît.", Reviewer);
                break;
            case SubsidyStatus.Approved:
                Submit(application);
                application.Approve(1750m, null, Reviewer);
                break;
            case SubsidyStatus.Refused:
                Submit(application);
                application.Refuse(SubsidyRefusalReason.NotEligible, "Hors critères.", Reviewer);
                break;
            case SubsidyStatus.Paid:
                Submit(application);
                application.Approve(1750m, null, Reviewer);
                application.RecordPayment(FixedContext.Today, 1750m, "CHQ-1001", Counsellor);
                break;
            case SubsidyStatus.Withdrawn:
                application.Withdraw("Le ménage reste à Montréal.", Counsellor);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }

        Assert.Equal(status, application.Status);
        return application;
    }

    /// <summary>Tries the move to <paramref name="to"/> with valid input, as the person who may make it.</summary>
    private static void MoveTo(SubsidyApplication application, SubsidyStatus to)
    {
        switch (to)
        {
            case SubsidyStatus.Submitted:
                Submit(application);
                break;
            case SubsidyStatus.UnderReview:
                application.TakeForReview(Reviewer);
                break;
            case SubsidyStatus.InformationRequested:
                application.RequestInformation("Une preuve d'adresse.", Reviewer);
                break;
            case SubsidyStatus.Approved:
                application.Approve(1750m, null, Reviewer);
                break;
            case SubsidyStatus.Refused:
                application.Refuse(SubsidyRefusalReason.Other, "Dossier incomplet.", Reviewer);
                break;
            case SubsidyStatus.Paid:
                application.RecordPayment(FixedContext.Today, 1750m, "VIR-2002", Counsellor);
                break;
            case SubsidyStatus.Withdrawn:
                application.Withdraw("Projet reporté.", Counsellor);
                break;
            case SubsidyStatus.Draft:
                throw new DomainRuleException("Subsidy.IllegalTransition", application.Status, to);
            default:
                throw new ArgumentOutOfRangeException(nameof(to), to, null);
        }
    }

    public static TheoryData<SubsidyStatus, SubsidyStatus, bool> EveryMove()
    {
        var data = new TheoryData<SubsidyStatus, SubsidyStatus, bool>();
        foreach (var from in Enum.GetValues<SubsidyStatus>())
        {
            foreach (var to in Enum.GetValues<SubsidyStatus>())
            {
                data.Add(from, to, SubsidyApplication.CanMove(from, to));
            }
        }

        return data;
    }

    [Fact]
    public void Transitions_TheTable_IsTheProgramsStatusMachine()
    {
        var legal = Enum.GetValues<SubsidyStatus>()
            .SelectMany(from => Enum.GetValues<SubsidyStatus>().Where(to => SubsidyApplication.CanMove(from, to)).Select(to => $"{from}>{to}"))
            .ToList();

        Assert.Equal(
        [
            "Draft>Submitted", "Draft>Withdrawn",
            "Submitted>UnderReview", "Submitted>InformationRequested", "Submitted>Approved", "Submitted>Refused", "Submitted>Withdrawn",
            "UnderReview>InformationRequested", "UnderReview>Approved", "UnderReview>Refused", "UnderReview>Withdrawn",
            "InformationRequested>Submitted", "InformationRequested>Withdrawn",
            "Approved>Paid",
        ], legal);
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void Move_EveryPair_LegalMovesSucceedAndIllegalOnesAreRefusedWithoutChange(SubsidyStatus from, SubsidyStatus to, bool legal)
    {
        var application = At(from);
        var history = application.History.Count;

        if (legal)
        {
            MoveTo(application, to);
            Assert.Equal(to, application.Status);
            var last = application.History[^1];
            Assert.Equal((from, to), (last.From!.Value, last.To));
        }
        else
        {
            var refused = Assert.Throws<DomainRuleException>(() => MoveTo(application, to));
            Assert.Equal("Subsidy.IllegalTransition", Assert.Single(refused.Refusals).Code);
            Assert.Equal((from, history), (application.Status, application.History.Count));
        }
    }

    [Fact]
    public void Submit_FreezesTheEvaluationTheRuleSetAndStartsWaiting()
    {
        var application = Draft();
        var rules = SubsidyEvaluatorTests.Rules();

        application.Submit(rules, 4, SubsidyEvaluator.Evaluate(rules, SubsidyEvaluatorTests.Eligible()), Counsellor);

        Assert.Equal((rules.Id, 1750m, 4, FixedContext.Today, FixedContext.Today),
            (application.RuleSetId!.Value, application.ComputedAmount!.Value, application.HouseholdSizeAtSubmission!.Value, application.SubmittedOn!.Value, application.WaitingSince!.Value));
        Assert.Equal(7, application.Results.Count);
    }

    [Fact]
    public void Submit_WithoutDestinationOrMoveDate_IsRefusedWithBothReasons()
    {
        var application = SubsidyApplication.Start(Guid.NewGuid(), new SubsidyApplicationDetails(null, null, null, null, null), Counsellor);
        var rules = SubsidyEvaluatorTests.Rules();

        var refused = Assert.Throws<DomainRuleException>(() => application.Submit(rules, 1, SubsidyEvaluator.Evaluate(rules, SubsidyEvaluatorTests.Eligible()), Counsellor));

        Assert.Equal(["Subsidy.DestinationRequired", "Subsidy.MoveDateRequired"], refused.Refusals.Select(r => r.Code));
        Assert.Equal(SubsidyStatus.Draft, application.Status);
    }

    [Theory]
    [InlineData(SubsidyStatus.Submitted)]
    [InlineData(SubsidyStatus.UnderReview)]
    public void Decide_ByTheCreator_IsRefused(SubsidyStatus status)
    {
        var application = At(status);

        Assert.Equal("Subsidy.OwnApplication", Assert.Single(Assert.Throws<DomainRuleException>(() => application.Approve(1750m, null, Counsellor)).Refusals).Code);
        Assert.Equal("Subsidy.OwnApplication", Assert.Single(Assert.Throws<DomainRuleException>(() => application.Refuse(SubsidyRefusalReason.Other, "Non.", Counsellor)).Refusals).Code);
        Assert.Equal("Subsidy.OwnApplication", Assert.Single(Assert.Throws<DomainRuleException>(() => application.RequestInformation("?", Counsellor)).Refusals).Code);
        Assert.Equal(status, application.Status);
    }

    [Fact]
    public void Approve_AnAmountOtherThanComputed_NeedsAReasonAndKeepsIt()
    {
        var application = At(SubsidyStatus.Submitted);

        var refused = Assert.Throws<DomainRuleException>(() => application.Approve(1500m, " ", Reviewer));
        application.Approve(1500m, "Déménagement partiel.", Reviewer);

        Assert.Equal("Subsidy.AmountReasonRequired", Assert.Single(refused.Refusals).Code);
        Assert.Equal((SubsidyStatus.Approved, 1500m, "Déménagement partiel.", FixedContext.Today), (application.Status, application.ApprovedAmount!.Value, application.AmountReason, application.DecidedOn!.Value));
    }

    [Fact]
    public void Approve_TheComputedAmount_NeedsNoReason()
    {
        var application = At(SubsidyStatus.UnderReview);

        application.Approve(1750m, null, Reviewer);

        Assert.Equal((1750m, null, "Josée Bélanger"), (application.ApprovedAmount!.Value, application.AmountReason, application.DecidedByName));
    }

    [Fact]
    public void Refuse_WithoutComment_IsRefused()
    {
        var application = At(SubsidyStatus.Submitted);

        var refused = Assert.Throws<DomainRuleException>(() => application.Refuse(SubsidyRefusalReason.MissingDocuments, "", Reviewer));

        Assert.Equal("Subsidy.CommentRequired", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public void RecordPayment_InTheFutureWithoutReference_IsRefusedWithBothReasons()
    {
        var application = At(SubsidyStatus.Approved);

        var refused = Assert.Throws<DomainRuleException>(() => application.RecordPayment(FixedContext.Today.AddDays(1), 1750m, "", Counsellor));

        Assert.Equal(["Subsidy.PaymentInFuture", "Subsidy.PaymentReferenceRequired"], refused.Refusals.Select(r => r.Code));
        Assert.Equal(SubsidyStatus.Approved, application.Status);
    }

    [Fact]
    public void UpdateDetails_OnceSubmitted_IsRefused_AndAllowedAgainWhenInformationIsRequested()
    {
        var application = At(SubsidyStatus.Submitted);

        Assert.Throws<DomainRuleException>(() => application.UpdateDetails(Details(), Counsellor));
        application.RequestInformation("La date du déménagement a changé ?", Reviewer);
        application.UpdateDetails(Details() with { PlannedMoveOn = FixedContext.Today.AddDays(45) }, Counsellor);

        Assert.Equal(FixedContext.Today.AddDays(45), application.PlannedMoveOn);
        Assert.Null(application.WaitingSince);
    }
}
