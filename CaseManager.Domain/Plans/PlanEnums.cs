namespace CaseManager.Domain.Plans;

public enum GoalStatus
{
    Open,
    InProgress,
    Achieved,
    Abandoned,
}

/// <summary>Who is to do a task of the plan.</summary>
public enum TaskOwner
{
    Household,
    Counsellor,
    RegionalPartner,
}

public enum PlanTaskStatus
{
    ToDo,
    InProgress,
    Done,
    Cancelled,
}
