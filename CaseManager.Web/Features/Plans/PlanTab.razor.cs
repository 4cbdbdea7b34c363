using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Plans;

/// <summary>
/// The plan tab of a household's file. It shows the plan as saved and changes it only through
/// <see cref="PlanService"/>, each change based on the version shown: a change someone else saved in
/// between is refused, and the tab then shows the current plan and says so.
/// </summary>
public sealed partial class PlanTab
{
    private static readonly DialogOptions SmallDialog = new() { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false };

    private PlanDetails? _details;
    private IReadOnlyList<PlanTemplate>? _templates;
    private List<string> _regions = [];
    private DateTime? _moveDate;
    private string? _error;
    private EditConflict? _conflict;
    private bool _busy;
    private Guid _loadedFor;
    private uint _householdVersion;

    /// <summary>The file the plan belongs to (its adults, needs and preferred regions help fill the plan).</summary>
    [Parameter, EditorRequired]
    public Household Household { get; set; } = default!;

    [Parameter, EditorRequired]
    public ReferenceLists Lists { get; set; } = default!;

    /// <summary>Raised after a change that affects the file itself (the agreement decides whether it may advance).</summary>
    [Parameter]
    public EventCallback OnFileChanged { get; set; }

    private bool ReadOnly => _details?.ReadOnly ?? true;

    private DateOnly Today => Clock.Today;

    private bool TargetsChanged
    {
        get
        {
            var plan = _details?.Plan;
            var savedRegions = plan?.TargetRegionCodes ?? [];
            var savedDate = plan?.TargetMoveDate;
            return !_regions.SequenceEqual(savedRegions) || ToDay(_moveDate) != savedDate;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // The file changed (a move, a closing): what may be done to its plan may have changed too.
        if (Household.Id != _loadedFor || Household.Version != _householdVersion)
        {
            _loadedFor = Household.Id;
            _householdVersion = Household.Version;
            await LoadAsync();
        }
    }

    private async Task LoadAsync(bool showSavedTargets = false)
    {
        // Targets being edited and not saved yet survive a save elsewhere in the plan (not someone else's change).
        var editingTargets = !showSavedTargets && _details is not null && TargetsChanged;
        try
        {
            _details = await Plans.GetAsync(Household.Id);
            _error = null;
            if (!editingTargets)
            {
                _regions = [.. _details.Plan?.TargetRegionCodes ?? []];
                _moveDate = _details.Plan?.TargetMoveDate?.ToDateTime(TimeOnly.MinValue);
            }
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
        catch (NotFoundException)
        {
            _error = L["Error.NotFound"];
        }
    }

    /// <summary>
    /// Saves one change with the version shown, then shows the outcome: the plan as saved now, a
    /// refusal in the person's language, or someone else's change — the current plan, reloaded,
    /// with what the person typed kept beside it (<see cref="ConflictNotice"/>): a dialog's values
    /// (<paramref name="typed"/>, read after the reload), reapplied by saving the change again on the
    /// current version, or the targets being edited, reapplied into the form.
    /// </summary>
    private async Task SaveAsync(Func<uint, Task> save, string confirmation, bool affectsFile = false, Func<IReadOnlyList<ConflictValue>>? typed = null)
    {
        if (_details is null)
        {
            return;
        }

        var loadedTargets = new TypedTargets(_details.Plan?.TargetRegionCodes ?? [], _details.Plan?.TargetMoveDate);
        var typedTargets = new TypedTargets([.. _regions], ToDay(_moveDate));
        _conflict = null;
        _busy = true;
        try
        {
            await save(_details.Version);
            Snackbar.Add(confirmation, Severity.Success);
            await LoadAsync();
            if (affectsFile)
            {
                await OnFileChanged.InvokeAsync();
            }
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(L.Describe(refused.Refusals), Severity.Warning);
            if (refused.Refusals.Any(r => r.Code.EndsWith("NotFound", StringComparison.Ordinal)))
            {
                await LoadAsync();
            }
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add(L["Error.Concurrency"], Severity.Error, options => options.RequireInteraction = true);
            await LoadAsync(showSavedTargets: true);
            if (_details is not null)
            {
                _conflict = typed is not null
                    ? new EditConflict(this, typed(), () => SaveAsync(save, confirmation, affectsFile, typed))
                    : EditConflict.Compare(this, loadedTargets, typedTargets, new TypedTargets([.. _regions], ToDay(_moveDate)), TargetFields());
            }
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
        catch (NotFoundException)
        {
            _error = L["Error.NotFound"];
        }
        finally
        {
            _busy = false;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Goals.
    // ---------------------------------------------------------------------------------------------

    private async Task AddGoalAsync()
    {
        var parameters = new DialogParameters<GoalDialog>
        {
            { d => d.Needs, Lists.Needs },
            { d => d.HouseholdNeeds, Household.NeedCodes },
            { d => d.CoveredNeeds, _details?.Plan?.Goals.Select(g => g.NeedCode).ToList() ?? [] },
        };
        if (await ShowAsync<GoalDialog, GoalForm>(P["Goal.AddTitle"], parameters) is { } form)
        {
            await SaveAsync(version => Plans.AddGoalAsync(Household.Id, version, form.NeedCode, form.Description), P["Goal.Added"],
                typed: () => [new(L["Field.PlanGoal"], NeedName(form.NeedCode), null), new(L["Field.Description"], form.Description, null)]);
        }
    }

    private async Task EditGoalAsync(PlanGoal goal)
    {
        var parameters = new DialogParameters<GoalDialog>
        {
            { d => d.Needs, Lists.Needs },
            { d => d.HouseholdNeeds, Household.NeedCodes },
            { d => d.Goal, goal },
        };
        if (await ShowAsync<GoalDialog, GoalForm>(P["Goal.EditTitle", NeedName(goal.NeedCode)], parameters) is { } form)
        {
            await SaveAsync(version => Plans.UpdateGoalAsync(Household.Id, version, goal.Id, form.Description, form.Status), L["Common.Saved"],
                typed: () =>
                {
                    var current = _details?.Plan?.Goals.FirstOrDefault(g => g.Id == goal.Id);
                    return [new(L["Field.Description"], form.Description, current?.Description), new(L["Field.Status"], L.Enum(form.Status), current is null ? null : L.Enum(current.Status))];
                });
        }
    }

    private async Task RemoveGoalAsync(PlanGoal goal)
    {
        if (goal.Tasks.Any(t => t.Status == PlanTaskStatus.Done))
        {
            // Said before asking: the domain would refuse it anyway.
            Snackbar.Add(L["Plan.GoalHasCompletedTasks"], Severity.Warning);
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            P["Goal.RemoveTitle"], P["Goal.RemoveText", NeedName(goal.NeedCode), goal.Tasks.Count], L["Common.Remove"], cancelText: L["Common.Cancel"]);
        if (confirmed == true)
        {
            await SaveAsync(version => Plans.RemoveGoalAsync(Household.Id, version, goal.Id), P["Goal.Removed"]);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Tasks.
    // ---------------------------------------------------------------------------------------------

    private async Task AddTaskAsync(PlanGoal goal)
    {
        var parameters = new DialogParameters<TaskDialog> { { d => d.Today, Today } };
        if (await ShowAsync<TaskDialog, TaskChanges>(P["Task.AddTitle", NeedName(goal.NeedCode)], parameters) is { } form)
        {
            await SaveAsync(version => Plans.AddTaskAsync(Household.Id, version, goal.Id, form.Title, form.Owner, form.DueOn), P["Task.Added"],
                typed: () => TaskValues(form, null));
        }
    }

    private async Task EditTaskAsync(PlanTask task)
    {
        var parameters = new DialogParameters<TaskDialog>
        {
            { d => d.Today, Today },
            { d => d.Editing, task },
        };
        if (await ShowAsync<TaskDialog, TaskChanges>(P["Task.EditTitle"], parameters) is { } form)
        {
            await SaveAsync(version => Plans.UpdateTaskAsync(Household.Id, version, task.Id, form), L["Common.Saved"],
                typed: () => TaskValues(form, _details?.Plan?.Tasks.FirstOrDefault(t => t.Id == task.Id)));
        }
    }

    private async Task AttachResourceAsync(PlanTask task)
    {
        var current = task.ResourceId is { } id && _details is not null && _details.Resources.TryGetValue(id, out var attached) ? attached : null;
        var parameters = new DialogParameters<AttachResourceDialog>
        {
            { d => d.Current, current },
            { d => d.Lists, Lists },
        };
        if (await ShowAsync<AttachResourceDialog, AttachChoice>(ResourcesTexts["Attach.Title", task.Title], parameters, MaxWidth.Medium) is { } choice)
        {
            await SaveAsync(
                version => Plans.AttachResourceAsync(Household.Id, version, task.Id, choice.ResourceId),
                choice.ResourceId is null ? ResourcesTexts["Attach.Removed"] : ResourcesTexts["Attach.Saved"]);
        }
    }

    private Task SetStatusAsync(PlanTask task, PlanTaskStatus status) =>
        SaveAsync(
            version => Plans.SetTaskStatusAsync(Household.Id, version, task.Id, status),
            P["Task.StatusSet", task.Title, L.Enum(status)]);

    private async Task RemoveTaskAsync(PlanTask task)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            P["Task.RemoveTitle"], P["Task.RemoveText", task.Title], L["Common.Remove"], cancelText: L["Common.Cancel"]);
        if (confirmed == true)
        {
            await SaveAsync(version => Plans.RemoveTaskAsync(Household.Id, version, task.Id), P["Task.Removed"]);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Targets, milestones.
    // ---------------------------------------------------------------------------------------------

    /// <summary>A task typed in its dialog, beside the task as saved now (null: being added, or removed meanwhile).</summary>
    private List<ConflictValue> TaskValues(TaskChanges form, PlanTask? current) =>
    [
        new(L["Field.Title"], form.Title, current?.Title),
        new(L["Field.Owner"], L.Enum(form.Owner), current is null ? null : L.Enum(current.Owner)),
        new(L["Field.DueOn"], LocalizerExtensions.Day(form.DueOn), current is null ? null : LocalizerExtensions.Day(current.DueOn)),
        new(L["Field.Comment"], form.Comment, current?.Comment),
    ];

    /// <summary>The targets as the person typed them, as they had loaded them, and as saved now.</summary>
    private sealed record TypedTargets(IReadOnlyList<string> Regions, DateOnly? MoveDate);

    /// <summary>Reapplying a target puts the typed value back into the form (saved with the button, on the current version).</summary>
    private ConflictField<TypedTargets>[] TargetFields() =>
    [
        new(L["Field.TargetRegionCodes"], t => t.Regions.Count == 0 ? null : string.Join(", ", t.Regions.Select(Lists.RegionName)),
            (typed, _) => _regions = [.. typed.Regions]),
        new(L["Field.TargetMoveDate"], t => LocalizerExtensions.Day(t.MoveDate), (typed, _) => _moveDate = typed.MoveDate?.ToDateTime(TimeOnly.MinValue)),
    ];

    private void UsePreferredRegions() => _regions = [.. Household.PreferredRegionCodes];

    private Task SaveTargetsAsync() =>
        SaveAsync(version => Plans.SetTargetsAsync(Household.Id, version, _regions, ToDay(_moveDate)), P["Targets.Saved"]);

    private async Task AddMilestoneAsync()
    {
        var parameters = new DialogParameters<MilestoneDialog> { { d => d.Today, Today } };
        if (await ShowAsync<MilestoneDialog, MilestoneForm>(P["Milestone.AddTitle"], parameters) is { } form)
        {
            await SaveAsync(version => Plans.AddMilestoneAsync(Household.Id, version, form.Title, form.On), P["Milestone.Added"]);
        }
    }

    private async Task EditMilestoneAsync(Milestone milestone)
    {
        var parameters = new DialogParameters<MilestoneDialog>
        {
            { d => d.Today, Today },
            { d => d.Milestone, milestone },
        };
        if (await ShowAsync<MilestoneDialog, MilestoneForm>(P["Milestone.EditTitle"], parameters) is { } form)
        {
            await SaveAsync(version => Plans.UpdateMilestoneAsync(Household.Id, version, milestone.Id, form.Title, form.On, form.Reached), L["Common.Saved"]);
        }
    }

    private async Task RemoveMilestoneAsync(Milestone milestone)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            P["Milestone.RemoveTitle"], P["Milestone.RemoveText", milestone.Title], L["Common.Remove"], cancelText: L["Common.Cancel"]);
        if (confirmed == true)
        {
            await SaveAsync(version => Plans.RemoveMilestoneAsync(Household.Id, version, milestone.Id), P["Milestone.Removed"]);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Agreement and templates.
    // ---------------------------------------------------------------------------------------------

    private async Task AgreeAsync()
    {
        var parameters = new DialogParameters<AgreementDialog>
        {
            { d => d.Today, Today },
            { d => d.AgreedWith, Adults() },
            { d => d.HasGoals, _details?.Plan?.Goals.Count > 0 },
        };
        if (await ShowAsync<AgreementDialog, AgreementForm>(P["Agreement.Title"], parameters) is { } form)
        {
            await SaveAsync(version => Plans.AgreeAsync(Household.Id, version, form.On, form.AgreedWith), P["Agreement.Saved"], affectsFile: true);
        }
    }

    private async Task ApplyTemplateAsync()
    {
        try
        {
            _templates = await Plans.GetActiveTemplatesAsync();
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
            return;
        }

        var parameters = new DialogParameters<ApplyTemplateDialog>
        {
            { d => d.Templates, _templates },
            { d => d.Lists, Lists },
            { d => d.Today, Today },
        };
        if (await ShowAsync<ApplyTemplateDialog, PlanTemplate>(P["Template.ApplyTitle"], parameters, MaxWidth.Medium) is { } template)
        {
            await SaveAsync(version => Plans.ApplyTemplateAsync(Household.Id, version, template.Id), P["Template.Applied", template.Name]);
        }
    }

    private async Task<TResult?> ShowAsync<TDialog, TResult>(string title, DialogParameters<TDialog> parameters, MaxWidth width = MaxWidth.Small)
        where TDialog : IComponent
        where TResult : class
    {
        var options = width == MaxWidth.Small ? SmallDialog : new DialogOptions { MaxWidth = width, FullWidth = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, options);
        return await dialog.Result is { Canceled: false, Data: TResult result } ? result : null;
    }

    // ---------------------------------------------------------------------------------------------
    // What the page shows.
    // ---------------------------------------------------------------------------------------------

    /// <summary>"Aminata et Karim Diallo", "Aminata Diallo et Karim Benali", or one adult's name.</summary>
    private string Adults()
    {
        var primary = Household.PrimaryApplicant;
        if (Household.Spouse is not { } spouse)
        {
            return primary.FullName;
        }

        return string.Equals(primary.LastName, spouse.LastName, StringComparison.OrdinalIgnoreCase)
            ? P["Agreement.CoupleSameName", primary.FirstName, spouse.FirstName, primary.LastName]
            : P["Agreement.Couple", primary.FullName, spouse.FullName];
    }

    /// <summary>Goals by needs domain, in the order of the needs list (a domain no longer listed comes last).</summary>
    private IEnumerable<IGrouping<string, PlanGoal>> GoalGroups(Plan plan)
    {
        var order = Lists.Needs.Select((need, index) => (need.Code, index)).ToDictionary(n => n.Code, n => n.index);
        return plan.Goals
            .OrderBy(g => g.SortOrder)
            .GroupBy(g => g.NeedCode)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue))
            .ThenBy(g => g.Min(goal => goal.SortOrder));
    }

    /// <summary>Open tasks first by due date (none last), then the finished ones.</summary>
    private static IEnumerable<PlanTask> SortedTasks(PlanGoal goal) =>
        goal.Tasks
            .OrderBy(t => t.IsOpen ? 0 : 1)
            .ThenBy(t => t.DueOn ?? DateOnly.MaxValue)
            .ThenBy(t => t.CreatedAt);

    private bool IsOverdue(PlanTask task) => task.IsOpen && task.DueOn < Today;

    private string Summary(Plan? plan)
    {
        if (plan is null)
        {
            return "";
        }

        var tasks = plan.Tasks.ToList();
        var overdue = tasks.Count(IsOverdue);
        var summary = P["Plan.Summary", plan.Goals.Count, tasks.Count, tasks.Count(t => t.Status == PlanTaskStatus.Done)].Value;
        return overdue == 0 ? summary : $"{summary} · {P["Plan.SummaryOverdue", overdue]}";
    }

    private string NeedName(string code) => ReferenceLists.Label(Lists.Needs, code);

    private static DateOnly? ToDay(DateTime? date) => date is { } value ? DateOnly.FromDateTime(value) : null;

    private static Color GoalColor(GoalStatus status) => status switch
    {
        GoalStatus.Open => Color.Default,
        GoalStatus.InProgress => Color.Info,
        GoalStatus.Achieved => Color.Success,
        GoalStatus.Abandoned => Color.Dark,
    };

    private static string GoalIcon(GoalStatus status) => status switch
    {
        GoalStatus.Open => Icons.Material.Outlined.Flag,
        GoalStatus.InProgress => Icons.Material.Outlined.Autorenew,
        GoalStatus.Achieved => Icons.Material.Filled.CheckCircle,
        GoalStatus.Abandoned => Icons.Material.Outlined.Block,
    };

    private static string TaskIcon(PlanTaskStatus status) => status switch
    {
        PlanTaskStatus.ToDo => Icons.Material.Outlined.RadioButtonUnchecked,
        PlanTaskStatus.InProgress => Icons.Material.Outlined.Autorenew,
        PlanTaskStatus.Done => Icons.Material.Filled.CheckCircle,
        PlanTaskStatus.Cancelled => Icons.Material.Outlined.Block,
    };
}

/// <summary>What the goal dialog hands back.</summary>
public sealed record GoalForm(string NeedCode, string? Description, GoalStatus Status);

/// <summary>What the milestone dialog hands back.</summary>
public sealed record MilestoneForm(string Title, DateOnly On, bool Reached);

/// <summary>What the agreement dialog hands back.</summary>
public sealed record AgreementForm(DateOnly On, string AgreedWith);
