using CaseManager.Domain.Common;

namespace CaseManager.Domain.Households;

/// <summary>
/// What the rules of a file need to know about it, without loading the whole aggregate: who follows
/// it, where it stands and how many people it counts. <see cref="Household"/> answers the same
/// questions from the same rules (<see cref="FileRules"/>), so a page, a service and a job that read
/// only these columns decide like the aggregate does.
/// </summary>
public sealed record FileHead(Guid Id, string FileNumber, string? AssignedCounsellorId, Stage Stage, CaseStatus Status, int Size)
{
    /// <summary>A closed file (closed by hand, merged into another, or anonymized) is read-only.</summary>
    public bool IsReadOnly => FileRules.IsReadOnly(Status);

    /// <summary>Only an active file takes part in the program's activities: sessions, stays, a subsidy.</summary>
    public bool TakesPart => FileRules.TakesPart(Status);

    /// <summary>Throws the file's refusal when it is read-only.</summary>
    public void EnsureWritable() => FileRules.EnsureWritable(Status);

    /// <summary>Throws <paramref name="refusalCode"/> unless the file is active.</summary>
    public void EnsureTakesPart(string refusalCode) => FileRules.EnsureTakesPart(Status, refusalCode);

    /// <summary>A note only adds a line to the file's journal: it changes nothing anyone else edits.</summary>
    public JournalEntry AddNote(string text, ActionContext context)
    {
        EnsureWritable();
        return JournalEntry.Create(Id, JournalEntryKind.Note, null, context.Now, text, context);
    }
}

/// <summary>The rules of a file's state, written once for the aggregate and for <see cref="FileHead"/>.</summary>
public static class FileRules
{
    public const string ClosedRefusal = "Workflow.NotAllowedWhileClosed";

    public static bool IsReadOnly(CaseStatus status) => status == CaseStatus.Closed;

    public static bool TakesPart(CaseStatus status) => status == CaseStatus.Active;

    /// <summary>How many people a household counts: the primary applicant, the spouse if any, the children.</summary>
    public static int SizeOf(bool hasSpouse, int children) => 1 + (hasSpouse ? 1 : 0) + children;

    public static void EnsureWritable(CaseStatus status)
    {
        if (IsReadOnly(status))
        {
            throw new DomainRuleException(ClosedRefusal, status);
        }
    }

    public static void EnsureTakesPart(CaseStatus status, string refusalCode)
    {
        if (!TakesPart(status))
        {
            throw new DomainRuleException(refusalCode);
        }
    }
}
