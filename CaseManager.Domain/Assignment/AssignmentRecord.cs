using CaseManager.Domain.Common;

namespace CaseManager.Domain.Assignment;

/// <summary>
/// One assignment of a household's file: to whom, from whom, in which organization, why, by whom
/// and when. The file's history lists every one; a file has at least its first.
/// </summary>
public sealed class AssignmentRecord : IHouseholdPart
{
    public const int MaxNoteLength = 1000;

    private AssignmentRecord()
    {
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string? FromCounsellorId { get; private set; }
    public string ToCounsellorId { get; private set; } = "";
    public int OrganizationId { get; private set; }
    public AssignmentReason Reason { get; private set; }

    /// <summary>What the person who moved the file wrote.</summary>
    public string? Note { get; private set; }

    /// <summary>The absence that sent the file away, or brought it back.</summary>
    public Guid? AbsenceId { get; private set; }

    /// <summary>For the distribution's choices: the counsellor's open files before, their capacity, how many were available.</summary>
    public int? LoadBefore { get; private set; }

    public decimal? Capacity { get; private set; }
    public int? Candidates { get; private set; }

    /// <summary>The language the household and the counsellor share, when it decided.</summary>
    public string? MatchedLanguage { get; private set; }

    public string ByUserId { get; private set; } = "";
    public string ByUserName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    /// <summary>The distribution's choice, recorded with its reasons.</summary>
    public static AssignmentRecord Distributed(Guid householdId, string? fromCounsellorId, DistributionChoice choice, Guid? absenceId, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var record = Create(householdId, fromCounsellorId, choice.CounsellorId, choice.OrganizationId, choice.Reason, null, absenceId, context);
        record.LoadBefore = choice.LoadBefore;
        record.Capacity = choice.Capacity;
        record.Candidates = choice.Candidates;
        record.MatchedLanguage = choice.MatchedLanguage;
        return record;
    }

    /// <summary>A person's choice (or the file's opener keeping it), with what they wrote.</summary>
    public static AssignmentRecord Manual(
        Guid householdId, string? fromCounsellorId, string toCounsellorId, int organizationId, AssignmentReason reason, string? note, Guid? absenceId, ActionContext context)
    {
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > MaxNoteLength })
        {
            throw new DomainRuleException("Assignment.NoteTooLong", MaxNoteLength);
        }

        if (reason == AssignmentReason.Reassigned && trimmed is null)
        {
            throw new DomainRuleException("Assignment.ReasonRequired");
        }

        return Create(householdId, fromCounsellorId, toCounsellorId, organizationId, reason, trimmed, absenceId, context);
    }

    private static AssignmentRecord Create(
        Guid householdId, string? fromCounsellorId, string toCounsellorId, int organizationId, AssignmentReason reason, string? note, Guid? absenceId, ActionContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toCounsellorId);
        ArgumentNullException.ThrowIfNull(context);
        return new AssignmentRecord
        {
            Id = Guid.CreateVersion7(context.Now),
            HouseholdId = householdId,
            FromCounsellorId = fromCounsellorId,
            ToCounsellorId = toCounsellorId,
            OrganizationId = organizationId,
            Reason = reason,
            Note = note,
            AbsenceId = absenceId,
            ByUserId = context.Actor.Id,
            ByUserName = context.Actor.Name,
            At = context.Now,
        };
    }
}
