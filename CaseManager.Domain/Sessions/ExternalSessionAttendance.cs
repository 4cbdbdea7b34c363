using CaseManager.Domain.Common;

namespace CaseManager.Domain.Sessions;

/// <summary>What a person fills in to record a session the household attended outside CaseManager.</summary>
/// <param name="PartnerId">The directory's partner who gave it, if it is one (its name is then the organizer's).</param>
/// <param name="OrganizerName">Who gave it (a partner's name, or another organization's).</param>
/// <param name="AttendedOn">The day of the session (Montréal).</param>
/// <param name="RegionCode">The host region it presented.</param>
public sealed record ExternalSessionDetails(Guid? PartnerId, string? OrganizerName, DateOnly? AttendedOn, string? RegionCode);

/// <summary>
/// An information session the household attended outside the system (given by a regional partner or
/// another organization and never planned in CaseManager), recorded on its file with who recorded it
/// and when. It counts for the information-session stage exactly like a session attended here
/// (<see cref="Households.WorkflowFacts.SessionAttended"/>). Part of the household's file: audited.
/// </summary>
public sealed class ExternalSessionAttendance : IHouseholdPart
{
    public const int MaxOrganizerLength = 200;

    /// <summary>How far back a session may be recorded (about five years: older is not a fact anyone checks).</summary>
    public const int MaxYearsBack = 5;

    private ExternalSessionAttendance()
    {
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public Guid? PartnerId { get; private set; }
    public string OrganizerName { get; private set; } = "";
    public DateOnly AttendedOn { get; private set; }
    public string RegionCode { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedByName { get; private set; } = "";

    /// <summary>The refusals of what was filled in (nothing is recorded while there is one).</summary>
    public static IReadOnlyList<Refusal> Validate(ExternalSessionDetails details, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(details);
        var refusals = new List<Refusal>();
        var organizer = details.OrganizerName?.Trim();
        if (details.PartnerId is null && string.IsNullOrEmpty(organizer))
        {
            refusals.Add(new("Session.External.OrganizerRequired"));
        }
        else if (organizer is { Length: > MaxOrganizerLength })
        {
            refusals.Add(new("Session.TextTooLong", MaxOrganizerLength));
        }

        switch (details.AttendedOn)
        {
            case null:
                refusals.Add(new("Session.External.DateRequired"));
                break;
            case { } day when day > today:
                refusals.Add(new("Session.External.DateInFuture"));
                break;
            case { } day when day < today.AddYears(-MaxYearsBack):
                refusals.Add(new("Session.External.DateTooOld", MaxYearsBack));
                break;
            default:
                break;
        }

        if (string.IsNullOrWhiteSpace(details.RegionCode))
        {
            refusals.Add(new("Session.RegionRequired"));
        }

        return refusals;
    }

    /// <summary>Records the session; <paramref name="organizerName"/> is the partner's name when one was chosen.</summary>
    public static ExternalSessionAttendance Record(Guid householdId, ExternalSessionDetails details, string organizerName, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refusals = Validate(details with { OrganizerName = organizerName }, context.Today);
        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }

        return new ExternalSessionAttendance
        {
            Id = Guid.CreateVersion7(context.Now),
            HouseholdId = householdId,
            PartnerId = details.PartnerId,
            OrganizerName = organizerName.Trim(),
            AttendedOn = details.AttendedOn!.Value,
            RegionCode = details.RegionCode!.Trim(),
            RecordedAt = context.Now,
            RecordedByName = context.Actor.Name,
        };
    }
}
