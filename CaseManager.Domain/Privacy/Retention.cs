namespace CaseManager.Domain.Privacy;

/// <summary>What starts a file's retention period.</summary>
public enum RetentionBasis
{
    /// <summary>A withdrawn file: from the day of the withdrawal.</summary>
    Withdrawn,

    /// <summary>A settled file: from the last follow-up (settlement, follow-up answers, last contact).</summary>
    Settled,

    /// <summary>A closed file: from the day it was closed.</summary>
    Closed,
}

/// <summary>One line of the retention schedule an administrator keeps: a file of this kind is anonymized N years after its basis date.</summary>
public sealed class RetentionRule
{
    public const int MinYears = 1;
    public const int MaxYears = 50;

    public RetentionBasis Basis { get; set; }
    public int Years { get; set; }
    public bool IsEnabled { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
    public uint Version { get; set; }

    /// <summary>Whether a file whose period started on <paramref name="basisOn"/> is past it on <paramref name="today"/>.</summary>
    public bool IsPast(DateOnly basisOn, DateOnly today) => IsEnabled && basisOn.AddYears(Years) <= today;

    public static IReadOnlyList<RetentionRule> Defaults() =>
    [
        new() { Basis = RetentionBasis.Withdrawn, Years = 2 },
        new() { Basis = RetentionBasis.Settled, Years = 5 },
        new() { Basis = RetentionBasis.Closed, Years = 5 },
    ];
}

public enum AnonymizationRunKind
{
    /// <summary>Files past the retention schedule, from a preview the privacy officer approved.</summary>
    Retention,

    /// <summary>One file, after a person's deletion request the privacy officer approved.</summary>
    DeletionRequest,
}

public enum AnonymizationRunStatus
{
    Approved,
    Running,
    Paused,
    Completed,
}

/// <summary>An approved anonymization: the list of files is frozen at approval; the job marks each one done.</summary>
public sealed class AnonymizationRun
{
    public Guid Id { get; set; }
    public AnonymizationRunKind Kind { get; set; }
    public AnonymizationRunStatus Status { get; set; }
    public Guid? RightsRequestId { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }
    public string ApprovedById { get; set; } = "";
    public string ApprovedByName { get; set; } = "";
    public int FileCount { get; set; }
    public int DoneCount { get; set; }
    public int Batches { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>
    /// The run's last sign of life: a batch committed, or the run handed to the job queue (approval,
    /// resumption). A run approved or running without one for a while has lost its server.
    /// </summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>The process that holds the run (host name and process id), null while it waits for a job.</summary>
    public string? HeldBy { get; set; }

    /// <summary>
    /// The lease: the one job execution allowed to process the run. Another job takes it over only
    /// once <see cref="HeartbeatAt"/> is stale; a job that finds its lease taken stops.
    /// </summary>
    public Guid? LeaseToken { get; set; }

    public uint Version { get; set; }
}

/// <summary>One file of a run: why it is in it, and when it was anonymized (null: not yet).</summary>
public sealed class AnonymizationRunItem
{
    public Guid RunId { get; set; }
    public Guid HouseholdId { get; set; }
    public RetentionBasis? Basis { get; set; }
    public DateOnly? BasisOn { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
}
