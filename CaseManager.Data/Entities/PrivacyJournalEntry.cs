namespace CaseManager.Data.Entities;

/// <summary>
/// The audit of the privacy officer's records (rights requests, incidents, retention schedule,
/// anonymization runs): who did what to which record, when. Never holds personal values: the
/// detail names fields and choices, not their contents.
/// </summary>
public sealed class PrivacyJournalEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";

    /// <summary>RightsRequest, Incident, RetentionRule, AnonymizationRun.</summary>
    public string SubjectType { get; set; } = "";
    public string SubjectId { get; set; } = "";

    /// <summary>Created, Updated, Exported, Approved, Deleted…</summary>
    public string Action { get; set; } = "";
    public string? Detail { get; set; }
}
