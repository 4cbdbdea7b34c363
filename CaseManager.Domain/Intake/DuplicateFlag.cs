using CaseManager.Domain.Common;

namespace CaseManager.Domain.Intake;

/// <summary>What two files have in common.</summary>
[Flags]
public enum DuplicateCriteria
{
    None = 0,
    Email = 1,
    Phone = 2,
    NameAndBirthDate = 4,
}

public enum DuplicateFlagStatus
{
    Open,
    Dismissed,
    Merged,
}

/// <summary>
/// Two files that may be the same household: flagged at registration, never merged silently. A
/// supervisor dismisses the flag or merges the two files. The flag belongs to the newer file.
/// </summary>
public sealed class DuplicateFlag : IHouseholdPart
{
    private DuplicateFlag()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The newer file, the one whose registration raised the flag.</summary>
    public Guid HouseholdId { get; private set; }

    /// <summary>The older file it resembles.</summary>
    public Guid OtherHouseholdId { get; private set; }

    public DuplicateCriteria Criteria { get; private set; }
    public DuplicateFlagStatus Status { get; private set; }
    public DateTimeOffset FlaggedAt { get; private set; }
    public string? ResolvedById { get; private set; }
    public string? ResolvedByName { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>With a merge: the file that was kept.</summary>
    public Guid? SurvivorId { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Concurrency token (xmin): two supervisors resolving the same flag, the second is told.</summary>
    public uint Version { get; private set; }

    public static DuplicateFlag Raise(Guid householdId, Guid otherHouseholdId, DuplicateCriteria criteria, DateTimeOffset at)
    {
        if (criteria == DuplicateCriteria.None || householdId == otherHouseholdId)
        {
            throw new ArgumentException("A duplicate flag needs two different files and at least one criterion.", nameof(criteria));
        }

        return new DuplicateFlag
        {
            Id = Guid.CreateVersion7(at),
            HouseholdId = householdId,
            OtherHouseholdId = otherHouseholdId,
            Criteria = criteria,
            Status = DuplicateFlagStatus.Open,
            FlaggedAt = at.ToUniversalTime(),
        };
    }

    /// <summary>Not the same household: the flag is closed, both files stay as they are.</summary>
    public void Dismiss(string? note, ActionContext context) => Resolve(DuplicateFlagStatus.Dismissed, null, note, context);

    /// <summary>The two files were merged into <paramref name="survivorId"/>.</summary>
    public void MarkMerged(Guid survivorId, ActionContext context)
    {
        if (survivorId != HouseholdId && survivorId != OtherHouseholdId)
        {
            throw new DomainRuleException("Duplicate.SurvivorNotInPair");
        }

        Resolve(DuplicateFlagStatus.Merged, survivorId, null, context);
    }

    private void Resolve(DuplicateFlagStatus status, Guid? survivorId, string? note, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Status != DuplicateFlagStatus.Open)
        {
            throw new DomainRuleException("Duplicate.AlreadyResolved");
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > 1000 })
        {
            throw new DomainRuleException("Duplicate.NoteTooLong", 1000);
        }

        Status = status;
        SurvivorId = survivorId;
        Note = trimmed;
        ResolvedAt = context.Now;
        ResolvedById = context.Actor.Id;
        ResolvedByName = context.Actor.Name;
    }
}
