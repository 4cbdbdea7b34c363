namespace CaseManager.Web.Features.Intake;

/// <summary>
/// <c>Intake:RepeatWindowDays</c> (30 by default, 1 to 365): a registration whose email or phone
/// matches an open file that was opened, or last registered, within this many days is a repeat:
/// it is recorded on that file and answered with its reference, and opens nothing.
/// </summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";
    public const int MaxRepeatWindowDays = 365;

    public const string Rules = "Intake:RepeatWindowDays must be between 1 and 365.";

    public int RepeatWindowDays { get; set; } = 30;

    public bool IsValid => RepeatWindowDays is >= 1 and <= MaxRepeatWindowDays;
}
