namespace CaseManager.Data.Entities;

public enum AuditAction
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// One changed value of a household's file: who, when, what, before and after. Written by
/// <see cref="CaseManagerDbContext"/> in the same transaction as the change itself.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid HouseholdId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";

    /// <summary>The part of the file: Household, Person, Child, JournalEntry…</summary>
    public string EntityType { get; set; } = "";

    public AuditAction Action { get; set; }

    /// <summary>The field's path, e.g. "PrimaryApplicant.LastName" or "Children[Léa].BirthDate".</summary>
    public string? Field { get; set; }

    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

public enum AccessAction
{
    Viewed,
    Denied,

    /// <summary>The privacy officer exported the file (access or portability request).</summary>
    Exported,

    /// <summary>A supporting document of the file was downloaded.</summary>
    DocumentDownloaded,

    /// <summary>The household's name was shown in the participant list of a session or a stay.</summary>
    ParticipantListed,

    /// <summary>The file came up when someone checked for duplicates while opening a new file.</summary>
    DuplicateLookup,
}

/// <summary>
/// Who opened (or was refused, or exported) a household's file, apart from the change audit. Rows
/// are never changed: a trigger in the database refuses UPDATE, DELETE and TRUNCATE on the table.
/// </summary>
public sealed class AccessLogEntry
{
    public long Id { get; set; }
    public Guid HouseholdId { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public AccessAction Action { get; set; }

    /// <summary>Where it happened: a page address or an API route.</summary>
    public string Source { get; set; } = "";
}

/// <summary>The last file number handed out in a fiscal year.</summary>
public sealed class FileNumberCounter
{
    public int FiscalYear { get; set; }
    public int LastNumber { get; set; }
}
