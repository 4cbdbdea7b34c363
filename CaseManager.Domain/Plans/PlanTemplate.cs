namespace CaseManager.Domain.Plans;

/// <summary>
/// A plan an administrator prepares for a typical situation ("single adult, job in hand"); applying
/// it adds its goals and tasks to a household's plan, each task due its offset from that day.
/// Its texts are data, written in the program's working language.
/// </summary>
public sealed class PlanTemplate
{
    public const int MaxNameLength = 200;

    /// <summary>The latest a task may fall after the day the template is applied: two years.</summary>
    public const int MaxOffsetDays = 730;

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
        else if (Name.Trim().Length > MaxNameLength)
        {
            refusals.Add(new("Plan.TextTooLong", MaxNameLength));
        }

        // Applying the template gives a plan its texts: they must fit a plan's rules.
        if (TooLong(Description) || Goals.Any(g => TooLong(g.Description) || g.Tasks.Any(t => TooLong(t.Title))))
        {
            refusals.Add(new("Plan.TextTooLong", Plan.MaxTextLength));
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

                if (task.OffsetDays is < 0 or > MaxOffsetDays)
                {
                    refusals.Add(new("Template.OffsetOutOfRange", 0, MaxOffsetDays));
                }
            }
        }

        return refusals.DistinctBy(r => r.ToString()).ToList();
    }

    private static bool TooLong(string? text) => text is not null && text.Trim().Length > Plan.MaxTextLength;
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
