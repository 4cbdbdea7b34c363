namespace CaseManager.Domain.Common;

/// <summary>
/// Something that belongs to one household's file (its plan, a goal, a task, a journal entry…):
/// every change to it is audited under that file.
/// </summary>
public interface IHouseholdPart
{
    Guid HouseholdId { get; }
}
