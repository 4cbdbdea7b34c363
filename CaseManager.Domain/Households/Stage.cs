namespace CaseManager.Domain.Households;

/// <summary>The five stages of a file, in the order a household goes through them.</summary>
public enum Stage
{
    Outreach = 1,
    PersonalizedPlan = 2,
    InfoSession = 3,
    ExploratoryStay = 4,
    MovingSubsidy = 5,
}

/// <summary>Where a file stands, beside its stage.</summary>
public enum CaseStatus
{
    Active,
    OnHold,
    Withdrawn,
    Settled,
    Closed,
}

public static class Stages
{
    public static readonly IReadOnlyList<Stage> InOrder =
        [Stage.Outreach, Stage.PersonalizedPlan, Stage.InfoSession, Stage.ExploratoryStay, Stage.MovingSubsidy];

    public static Stage? Next(this Stage stage) => stage switch
    {
        Stage.Outreach => Stage.PersonalizedPlan,
        Stage.PersonalizedPlan => Stage.InfoSession,
        Stage.InfoSession => Stage.ExploratoryStay,
        Stage.ExploratoryStay => Stage.MovingSubsidy,
        Stage.MovingSubsidy => null,
    };
}
