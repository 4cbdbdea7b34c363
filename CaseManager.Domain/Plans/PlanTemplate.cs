namespace CaseManager.Domain.Plans;

/// <summary>
/// A plan an administrator prepares for a typical situation ("single adult, job in hand"); applying
/// it adds its goals and tasks to a household's plan, each task due its offset from that day.
/// Its texts are data, written in the program's working language.
/// </summary>
public sealed class PlanTemplate
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;
    public List<TemplateGoal> Goals { get; set; } = [];

    /// <summary>Concurrency token (PostgreSQL xmin): two administrators editing the same template.</summary>
    public uint Version { get; set; }

    public IReadOnlyList<Common.Refusal> Validate()
    {
        var refusals = new List<Common.Refusal>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            refusals.Add(new("Template.NameRequired"));
        }

        if (Goals.Count == 0)
        {
            refusals.Add(new("Template.GoalRequired"));
        }

        foreach (var goal in Goals)
        {
            if (string.IsNullOrWhiteSpace(goal.NeedCode))
            {
                refusals.Add(new("Plan.NeedRequired"));
            }

            foreach (var task in goal.Tasks)
            {
                if (string.IsNullOrWhiteSpace(task.Title))
                {
                    refusals.Add(new("Plan.TaskTitleRequired"));
                }

                if (task.OffsetDays is < 0 or > 730)
                {
                    refusals.Add(new("Template.OffsetOutOfRange", 0, 730));
                }
            }
        }

        return refusals.DistinctBy(r => r.Code).ToList();
    }
}

public sealed class TemplateGoal
{
    public string NeedCode { get; set; } = "";
    public string? Description { get; set; }
    public List<TemplateTask> Tasks { get; set; } = [];
}

public sealed class TemplateTask
{
    public string Title { get; set; } = "";
    public TaskOwner Owner { get; set; }

    /// <summary>Days from the day the template is applied to the task's due date.</summary>
    public int OffsetDays { get; set; }
}
