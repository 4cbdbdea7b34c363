using CaseManager.Domain.Common;

namespace CaseManager.Domain.Stays;

/// <summary>A debrief's form: how interested the household is, what it found, what comes next.</summary>
public sealed record DebriefDetails(int Interest, string? JobLeads, string? HousingLeads, IReadOnlyList<string> NextSteps, string? Comment = null);

/// <summary>
/// What one household took away from a stay it attended (bilan de séjour): interest in the region
/// on a scale of 1 (none) to 5 (ready to move), job and housing leads, and next steps, each of which
/// may become a task of the household's plan. Part of the household's file.
/// </summary>
public sealed class StayDebrief : IHouseholdPart
{
    public const int MinInterest = 1;
    public const int MaxInterest = 5;
    public const int MaxNextSteps = 20;

    private readonly List<DebriefNextStep> _nextSteps = [];

    private StayDebrief()
    {
    }

    public Guid Id { get; private set; }
    public Guid StayId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public int Interest { get; private set; }
    public string? JobLeads { get; private set; }
    public string? HousingLeads { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedById { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<DebriefNextStep> NextSteps => _nextSteps;

    /// <summary>Only a completed stay, and only for a household that came, gets a debrief.</summary>
    public static StayDebrief Record(ExploratoryStay stay, Guid householdId, DebriefDetails details, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(stay);
        if (stay.Status != StayStatus.Completed)
        {
            throw new DomainRuleException("Stay.DebriefBeforeCompletion");
        }

        if (stay.Participant(householdId).Attendance != Attendance.Present)
        {
            throw new DomainRuleException("Stay.DebriefForAbsentHousehold");
        }

        var debrief = new StayDebrief
        {
            Id = Guid.CreateVersion7(context.Now),
            StayId = stay.Id,
            HouseholdId = householdId,
            RecordedAt = context.Now,
            RecordedById = context.Actor.Id,
            RecordedByName = context.Actor.Name,
        };
        debrief.Apply(details, context);
        return debrief;
    }

    /// <summary>
    /// Changes the debrief. Next steps are matched by text: a step kept keeps its plan task; a
    /// step already turned into a plan task cannot be removed (the task lives on in the plan).
    /// </summary>
    public void Update(DebriefDetails details, ActionContext context) => Apply(details, context);

    /// <summary>Links a next step to the plan task made from it; a step becomes a task once.</summary>
    public void LinkToPlanTask(Guid nextStepId, Guid planTaskId)
    {
        var step = _nextSteps.FirstOrDefault(s => s.Id == nextStepId) ?? throw new DomainRuleException("Stay.NextStepNotFound");
        if (step.PlanTaskId is not null)
        {
            throw new DomainRuleException("Stay.NextStepAlreadyInPlan");
        }

        step.PlanTaskId = planTaskId;
    }

    private void Apply(DebriefDetails details, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(details);
        var refusals = new List<Refusal>();
        if (details.Interest is < MinInterest or > MaxInterest)
        {
            refusals.Add(new Refusal("Stay.InterestOutOfScale", MinInterest, MaxInterest));
        }

        var steps = details.NextSteps.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        if (steps.Count > MaxNextSteps)
        {
            refusals.Add(new Refusal("Stay.TooManyNextSteps", MaxNextSteps));
        }

        if (steps.Any(s => s.Length > ExploratoryStay.MaxShortTextLength) ||
            new[] { details.JobLeads, details.HousingLeads, details.Comment }.Any(t => t?.Trim().Length > ExploratoryStay.MaxTextLength))
        {
            refusals.Add(new Refusal("Stay.TextTooLong"));
        }

        if (_nextSteps.Any(s => s.PlanTaskId is not null && !steps.Contains(s.Text)))
        {
            refusals.Add(new Refusal("Stay.NextStepInPlanCannotBeRemoved"));
        }

        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }

        Interest = details.Interest;
        JobLeads = ExploratoryStay.Clean(details.JobLeads);
        HousingLeads = ExploratoryStay.Clean(details.HousingLeads);
        Comment = ExploratoryStay.Clean(details.Comment);
        _nextSteps.RemoveAll(s => !steps.Contains(s.Text));
        for (var i = 0; i < steps.Count; i++)
        {
            var step = _nextSteps.FirstOrDefault(s => s.Text == steps[i]);
            if (step is null)
            {
                _nextSteps.Add(new DebriefNextStep(this, steps[i], i, context));
            }
            else
            {
                step.SortOrder = i;
            }
        }

        UpdatedAt = context.Now;
    }
}

/// <summary>A next step agreed at the debrief; <see cref="PlanTaskId"/> once it became a plan task.</summary>
public sealed class DebriefNextStep : IHouseholdPart
{
    private DebriefNextStep()
    {
    }

    internal DebriefNextStep(StayDebrief debrief, string text, int sortOrder, ActionContext context)
    {
        Id = Guid.CreateVersion7(context.Now);
        DebriefId = debrief.Id;
        HouseholdId = debrief.HouseholdId;
        Text = text;
        SortOrder = sortOrder;
    }

    public Guid Id { get; private set; }
    public Guid DebriefId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Text { get; private set; } = "";
    public int SortOrder { get; internal set; }
    public Guid? PlanTaskId { get; internal set; }
}

/// <summary>
/// The household will not do an exploratory stay, and why (it already knows the region, a job
/// offer came without a visit…): recorded on the file, it meets the stay stage's requirement in
/// place of a completed stay. One per household; withdrawn when the household does want a stay.
/// </summary>
public sealed class StayWaiver : IHouseholdPart
{
    private StayWaiver()
    {
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly RecordedOn { get; private set; }
    public string RecordedByName { get; private set; } = "";

    public static StayWaiver Record(Guid householdId, string reason, ActionContext context) => new()
    {
        Id = Guid.CreateVersion7(context.Now),
        HouseholdId = householdId,
        Reason = ExploratoryStay.RequiredText(reason, "Stay.WaiverReasonRequired"),
        RecordedOn = context.Today,
        RecordedByName = context.Actor.Name,
    };
}
