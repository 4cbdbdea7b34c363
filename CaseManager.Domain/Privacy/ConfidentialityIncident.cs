using CaseManager.Domain.Common;

namespace CaseManager.Domain.Privacy;

/// <summary>The kinds of personal information an incident may concern (the register lists them).</summary>
public enum InformationCategory
{
    Identity,
    Contact,
    BirthDates,
    Immigration,
    Employment,
    Family,
    Health,
    CaseNotes,
    Documents,
    Financial,
}

/// <summary>
/// One entry of the register of confidentiality incidents (Law 25, s. 3.8 and the regulation on
/// confidentiality incidents): kept at least five years after the date the organization learned of it.
/// </summary>
public sealed class ConfidentialityIncident
{
    public const int RetentionYears = 5;
    public const int MaxTextLength = 4000;

    public Guid Id { get; set; }
    public string Description { get; set; } = "";
    public string Circumstances { get; set; } = "";
    public DateOnly OccurredFrom { get; set; }
    public DateOnly? OccurredTo { get; set; }
    public DateOnly DiscoveredOn { get; set; }
    public int PersonsConcerned { get; set; }
    public List<InformationCategory> Categories { get; set; } = [];

    /// <summary>The assessment of the risk of serious injury (sensitivity, consequences, likelihood of misuse).</summary>
    public bool RiskOfSeriousInjury { get; set; }
    public string RiskAssessment { get; set; } = "";
    public DateOnly? RegulatorNotifiedOn { get; set; }
    public DateOnly? PersonsNotifiedOn { get; set; }
    public string Measures { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }

    /// <summary>The first day the entry may be deleted from the register.</summary>
    public DateOnly KeepUntil => DiscoveredOn.AddYears(RetentionYears);

    public bool MayBeDeleted(DateOnly today) => today >= KeepUntil;

    public IReadOnlyList<Refusal> Validate(DateOnly today)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(Description))
        {
            refusals.Add(new Refusal("Privacy.Incident.DescriptionRequired"));
        }

        if (OccurredFrom > today || DiscoveredOn > today || OccurredTo > today)
        {
            refusals.Add(new Refusal("Privacy.Incident.DateInFuture"));
        }

        if (OccurredTo is { } to && to < OccurredFrom)
        {
            refusals.Add(new Refusal("Privacy.Incident.PeriodInvalid"));
        }

        if (DiscoveredOn < OccurredFrom)
        {
            refusals.Add(new Refusal("Privacy.Incident.DiscoveredBeforeOccurred"));
        }

        if (PersonsConcerned < 0)
        {
            refusals.Add(new Refusal("Privacy.Incident.PersonsInvalid"));
        }

        if (RegulatorNotifiedOn < DiscoveredOn || PersonsNotifiedOn < DiscoveredOn)
        {
            refusals.Add(new Refusal("Privacy.Incident.NotifiedBeforeDiscovered"));
        }

        if (new[] { Description, Circumstances, RiskAssessment, Measures }.Any(t => t.Length > MaxTextLength))
        {
            refusals.Add(new Refusal("Privacy.TextTooLong", MaxTextLength));
        }

        return refusals;
    }
}
