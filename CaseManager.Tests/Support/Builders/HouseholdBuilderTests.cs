using CaseManager.Domain.Households;

namespace CaseManager.Tests.Support.Builders;

/// <summary>The builder other tests rely on reaches every stage and status, in order, before "now".</summary>
public sealed class HouseholdBuilderTests
{
    public static TheoryData<Stage, CaseStatus> EveryStageAndStatus()
    {
        var data = new TheoryData<Stage, CaseStatus>();
        foreach (var stage in Stages.InOrder)
        {
            foreach (var status in Enum.GetValues<CaseStatus>())
            {
                data.Add(stage, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStageAndStatus))]
    public void Build_StageAndStatus_ReachedThroughTheDomainBeforeNow(Stage stage, CaseStatus status)
    {
        var household = new HouseholdBuilder().AtStage(stage).WithStatus(status).Build();

        Assert.Equal(stage, household.Stage);
        Assert.Equal(status, household.Status);
        Assert.Equal(household.History.OrderBy(t => t.OccurredAt), household.History);
        Assert.True(household.History[^1].OccurredAt < FixedContext.Now);
        Assert.True(household.UpdatedAt < FixedContext.Now);
    }

    [Fact]
    public void Build_StagePastOutreachWithoutContactOrNeeds_MeetsTheOutreachRequirements()
    {
        var household = new HouseholdBuilder().AtStage(Stage.PersonalizedPlan).Build();

        Assert.NotNull(household.LastContactOn);
        Assert.Equal([HouseholdBuilder.DefaultNeed], household.NeedCodes);
    }

    [Fact]
    public void Build_AtOutreachByDefault_HasNoContactAndNoNeeds()
    {
        var household = new HouseholdBuilder().Build();

        Assert.Null(household.LastContactOn);
        Assert.Empty(household.NeedCodes);
    }

    [Fact]
    public void Build_ContactOnAGivenDay_SetsLastContactOn()
    {
        var day = FixedContext.Today.AddDays(-45);

        var household = new HouseholdBuilder().WithContact(day).AtStage(Stage.InfoSession).Build();

        Assert.Equal(day, household.LastContactOn);
    }

    [Fact]
    public void Build_OpenedTooLate_ExplainsThatTheStepsRunPastToday()
    {
        var builder = new HouseholdBuilder().OpenedOn(FixedContext.Today).AtStage(Stage.MovingSubsidy);

        Assert.Throws<InvalidOperationException>(builder.Build);
    }
}
