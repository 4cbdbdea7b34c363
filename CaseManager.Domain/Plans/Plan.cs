using CaseManager.Domain.Common;

namespace CaseManager.Domain.Plans;

/// <summary>
/// A household's personalized plan (plan d'accompagnement): goals by needs domain, tasks under
/// them, target regions and move date, key milestones, and the household's agreement, which the
/// PersonalizedPlan stage requires before the file moves on. One plan per household, changed only
/// through these methods.
/// </summary>
public sealed class Plan : IHouseholdPart
{
    public const int MaxTextLength = 2000;

    /// <summary>Milestone titles and the names of who agreed: a line, not a paragraph.</summary>
    public const int MaxShortTextLength = 300;

    private readonly List<PlanGoal> _goals = [];
    private readonly List<Milestone> _milestones = [];

    private Plan()
    {
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public IReadOnlyList<PlanGoal> Goals => _goals;
    public IReadOnlyList<Milestone> Milestones => _milestones;
    public List<string> TargetRegionCodes { get; private set; } = [];
    public DateOnly? TargetMoveDate { get; private set; }

    /// <summary>The day the household agreed to the plan; null while it is a draft.</summary>
    public DateOnly? AgreedOn { get; private set; }

    /// <summary>Who, in the household, agreed to it (for example "Aminata et Karim Diallo").</summary>
    public string? AgreedWith { get; private set; }

    /// <summary>The counsellor who recorded the agreement.</summary>
    public string? AgreementRecordedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public bool IsAgreed => AgreedOn is not null;

    public IEnumerable<PlanTask> Tasks => _goals.SelectMany(g => g.Tasks);

    public static Plan Start(Guid householdId, ActionContext context) => new()
    {
        Id = Guid.CreateVersion7(context.Now),
        HouseholdId = householdId,
        CreatedAt = context.Now,
        UpdatedAt = context.Now,
    };

    public PlanGoal AddGoal(string needCode, string? description, ActionContext context)
    {
        Require(!string.IsNullOrWhiteSpace(needCode), "Plan.NeedRequired");
        var goal = new PlanGoal(this, needCode.Trim(), Text(description), _goals.Count == 0 ? 1 : _goals.Max(g => g.SortOrder) + 1, context);
        _goals.Add(goal);
        Touch(context);
        return goal;
    }

    public void UpdateGoal(Guid goalId, string? description, GoalStatus status, ActionContext context)
    {
        var goal = Goal(goalId);
        goal.Description = Text(description);
        goal.Status = status;
        Touch(context);
    }

    /// <summary>Removes a goal and its tasks; a goal with a completed task is kept (abandon it instead).</summary>
    public void RemoveGoal(Guid goalId, ActionContext context)
    {
        var goal = Goal(goalId);
        Require(goal.Tasks.All(t => t.Status != PlanTaskStatus.Done), "Plan.GoalHasCompletedTasks");
        _goals.Remove(goal);
        Touch(context);
    }

    public PlanTask AddTask(Guid goalId, string title, TaskOwner owner, DateOnly? dueOn, ActionContext context)
    {
        var goal = Goal(goalId);
        var task = new PlanTask(goal, RequiredText(title, "Plan.TaskTitleRequired"), owner, dueOn, context);
        goal.AddTask(task);
        Touch(context);
        return task;
    }

    public void UpdateTask(Guid taskId, string title, TaskOwner owner, DateOnly? dueOn, string? comment, ActionContext context)
    {
        var task = Task(taskId);
        // Every text is checked before anything changes: a refusal leaves the task as it was.
        var checkedTitle = RequiredText(title, "Plan.TaskTitleRequired");
        var checkedComment = Text(comment);
        task.Title = checkedTitle;
        task.Owner = owner;
        task.DueOn = dueOn;
        task.Comment = checkedComment;
        Touch(context);
    }

    /// <summary>To do, in progress, done (completed today unless a day is given), cancelled.</summary>
    public void SetTaskStatus(Guid taskId, PlanTaskStatus status, string? comment, ActionContext context, DateOnly? completedOn = null)
    {
        var task = Task(taskId);
        DateOnly? day = null;
        if (status == PlanTaskStatus.Done)
        {
            day = completedOn ?? context.Today;
            Require(day <= context.Today, "Plan.CompletionInFuture");
        }

        var checkedComment = comment is null ? task.Comment : Text(comment);
        task.CompletedOn = day;
        task.Status = status;
        task.Comment = checkedComment;
        Touch(context);
    }

    /// <summary>Attaches a resource of the regional directory to a task (or removes it with null); the service checks the resource exists.</summary>
    public void AttachResource(Guid taskId, Guid? resourceId, ActionContext context)
    {
        var task = Task(taskId);
        task.ResourceId = resourceId;
        Touch(context);
    }

    public void RemoveTask(Guid taskId, ActionContext context)
    {
        var task = Task(taskId);
        Goal(task.GoalId).RemoveTask(task);
        Touch(context);
    }

    public void SetTargets(IEnumerable<string> regionCodes, DateOnly? moveDate, ActionContext context)
    {
        if (moveDate != TargetMoveDate)
        {
            Require(moveDate is null || moveDate >= context.Today, "Plan.TargetMoveDateInPast");
        }

        var codes = regionCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
        if (!TargetRegionCodes.SequenceEqual(codes))
        {
            TargetRegionCodes.Clear();
            TargetRegionCodes.AddRange(codes);
        }

        TargetMoveDate = moveDate;
        Touch(context);
    }

    public Milestone AddMilestone(string title, DateOnly on, ActionContext context)
    {
        var milestone = new Milestone(this, RequiredText(title, "Plan.MilestoneTitleRequired", MaxShortTextLength), on, context);
        _milestones.Add(milestone);
        Touch(context);
        return milestone;
    }

    public void UpdateMilestone(Guid milestoneId, string title, DateOnly on, bool reached, ActionContext context)
    {
        var milestone = Milestone(milestoneId);
        milestone.Title = RequiredText(title, "Plan.MilestoneTitleRequired", MaxShortTextLength);
        milestone.On = on;
        milestone.Reached = reached;
        Touch(context);
    }

    public void RemoveMilestone(Guid milestoneId, ActionContext context)
    {
        _milestones.Remove(Milestone(milestoneId));
        Touch(context);
    }

    /// <summary>Records that the household agreed to the plan: the day, and who agreed.</summary>
    public void Agree(DateOnly on, string agreedWith, ActionContext context)
    {
        var refusals = new List<Refusal>();
        if (_goals.Count == 0)
        {
            refusals.Add(new Refusal("Plan.AgreementNeedsGoal"));
        }

        if (on > context.Today)
        {
            refusals.Add(new Refusal("Plan.AgreementInFuture"));
        }

        if (string.IsNullOrWhiteSpace(agreedWith))
        {
            refusals.Add(new Refusal("Plan.AgreedWithRequired"));
        }
        else if (agreedWith.Trim().Length > MaxShortTextLength)
        {
            refusals.Add(new Refusal("Plan.TextTooLong", MaxShortTextLength));
        }

        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }

        AgreedOn = on;
        AgreedWith = agreedWith.Trim();
        AgreementRecordedBy = context.Actor.Name;
        Touch(context);
    }

    /// <summary>
    /// Adds a template's goals and tasks; each task is due its offset in days from today. Goals of
    /// a needs domain the plan already has receive the template's tasks instead of a second goal.
    /// </summary>
    public void ApplyTemplate(PlanTemplate template, ActionContext context)
    {
        Require(template.Goals.Count > 0, "Plan.TemplateEmpty");
        foreach (var templateGoal in template.Goals)
        {
            var goal = _goals.FirstOrDefault(g => g.NeedCode == templateGoal.NeedCode && g.Status is GoalStatus.Open or GoalStatus.InProgress)
                ?? AddGoal(templateGoal.NeedCode, templateGoal.Description, context);
            foreach (var templateTask in templateGoal.Tasks)
            {
                AddTask(goal.Id, templateTask.Title, templateTask.Owner, context.Today.AddDays(templateTask.OffsetDays), context);
            }
        }
    }

    private PlanGoal Goal(Guid id) =>
        _goals.FirstOrDefault(g => g.Id == id) ?? throw new DomainRuleException("Plan.GoalNotFound");

    private PlanTask Task(Guid id) =>
        Tasks.FirstOrDefault(t => t.Id == id) ?? throw new DomainRuleException("Plan.TaskNotFound");

    private Milestone Milestone(Guid id) =>
        _milestones.FirstOrDefault(m => m.Id == id) ?? throw new DomainRuleException("Plan.MilestoneNotFound");

    private static void Require(bool condition, string code)
    {
        if (!condition)
        {
            throw new DomainRuleException(code);
        }
    }

    private static string RequiredText(string? text, string code, int maxLength = MaxTextLength)
    {
        Require(!string.IsNullOrWhiteSpace(text), code);
        return Text(text, maxLength)!;
    }

    private static string? Text(string? text, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException("Plan.TextTooLong", maxLength);
        }

        return trimmed;
    }

    private void Touch(ActionContext context) => UpdatedAt = context.Now;
}

/// <summary>A goal of the plan, in one needs domain.</summary>
public sealed class PlanGoal : IHouseholdPart
{
    private readonly List<PlanTask> _tasks = [];

    private PlanGoal()
    {
    }

    internal PlanGoal(Plan plan, string needCode, string? description, int sortOrder, ActionContext context)
    {
        Id = Guid.CreateVersion7(context.Now);
        PlanId = plan.Id;
        HouseholdId = plan.HouseholdId;
        NeedCode = needCode;
        Description = description;
        SortOrder = sortOrder;
        CreatedAt = context.Now;
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string NeedCode { get; private set; } = "";
    public string? Description { get; internal set; }
    public GoalStatus Status { get; internal set; }
    public int SortOrder { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<PlanTask> Tasks => _tasks;

    internal void AddTask(PlanTask task) => _tasks.Add(task);

    internal void RemoveTask(PlanTask task) => _tasks.Remove(task);
}

/// <summary>A task of the plan: who does what, by when.</summary>
public sealed class PlanTask : IHouseholdPart
{
    private PlanTask()
    {
    }

    internal PlanTask(PlanGoal goal, string title, TaskOwner owner, DateOnly? dueOn, ActionContext context)
    {
        Id = Guid.CreateVersion7(context.Now);
        GoalId = goal.Id;
        HouseholdId = goal.HouseholdId;
        Title = title;
        Owner = owner;
        DueOn = dueOn;
        CreatedAt = context.Now;
    }

    public Guid Id { get; private set; }
    public Guid GoalId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Title { get; internal set; } = "";
    public TaskOwner Owner { get; internal set; }
    public DateOnly? DueOn { get; internal set; }
    public PlanTaskStatus Status { get; internal set; }
    public DateOnly? CompletedOn { get; internal set; }
    public string? Comment { get; internal set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A resource of the regional directory the task points the household to, if any.</summary>
    public Guid? ResourceId { get; internal set; }

    public bool IsOpen => Status is PlanTaskStatus.ToDo or PlanTaskStatus.InProgress;
}

/// <summary>A key moment of the plan (job interview, lease signed, school enrolment…).</summary>
public sealed class Milestone : IHouseholdPart
{
    private Milestone()
    {
    }

    internal Milestone(Plan plan, string title, DateOnly on, ActionContext context)
    {
        Id = Guid.CreateVersion7(context.Now);
        PlanId = plan.Id;
        HouseholdId = plan.HouseholdId;
        Title = title;
        On = on;
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Title { get; internal set; } = "";
    public DateOnly On { get; internal set; }
    public bool Reached { get; internal set; }
}
