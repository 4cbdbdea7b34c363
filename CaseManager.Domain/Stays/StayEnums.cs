namespace CaseManager.Domain.Stays;

/// <summary>Where an exploratory stay stands.</summary>
public enum StayStatus
{
    Planned,
    Confirmed,
    Completed,
    Cancelled,
}

/// <summary>What an item of a stay's agenda is.</summary>
public enum AgendaItemKind
{
    EmployerMeeting,
    LocalActorMeeting,
    Visit,
    Other,
}

/// <summary>How the households travel to the host region.</summary>
public enum TransportMode
{
    Car,
    Carpool,
    Bus,
    Train,
    Plane,
    Other,
}

/// <summary>The budget's categories.</summary>
public enum ExpenseCategory
{
    Transport,
    Lodging,
    Meals,
    Activities,
    Other,
}

/// <summary>Whether a participating household came: not yet recorded, present, absent.</summary>
public enum Attendance
{
    Unknown,
    Present,
    Absent,
}
