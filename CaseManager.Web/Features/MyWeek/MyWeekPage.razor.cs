using CaseManager.Web.Access;
using CaseManager.Domain.Common;
using CaseManager.Domain.Plans;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.MyWeek;

/// <summary>
/// "Ma semaine": tasks and follow-ups due within seven days or overdue across the person's files,
/// completed in one click (with an undo) or answered in a dialog.
/// </summary>
public sealed partial class MyWeekPage
{
    private readonly HashSet<Guid> _busy = [];
    private readonly HashSet<Guid> _selected = [];
    private IReadOnlyList<MyWeekGroup> _groups = [];
    private IReadOnlyList<MyWeekRow> _rows = [];
    private MyWeekItemKind? _kind;
    private string? _reason;
    private bool _bulkBusy;
    private MudDataGrid<MyWeekRow>? _grid;
    private MyWeekPageData? _page;
    private UserIdentity _user = UserIdentity.Anonymous;
    private Permissions _permissions = Permissions.None;
    private IReadOnlyList<CounsellorOption> _counsellors = [];
    private ReferenceLists? _lists;
    private string? _counsellorId;
    private string? _error;
    private DateOnly _today;

    protected override async Task OnInitializedAsync()
    {
        _permissions = await Access.PermissionsAsync();
        _user = _permissions.Person;
        _counsellorId = _user.Id;
        _lists = await Reference.GetAsync();
        if (_permissions.SeesEveryFile)
        {
            _counsellors = await Reference.GetCounsellorsAsync();
        }
    }

    private async Task<GridData<MyWeekRow>> LoadAsync(GridState<MyWeekRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var query = new MyWeekQuery
        {
            CounsellorId = _counsellorId,
            Kind = _kind,
            Page = state.Page,
            PageSize = state.PageSize,
            SortBy = sort?.SortBy switch
            {
                nameof(MyWeekRow.FileNumber) => MyWeekSort.FileNumber,
                nameof(MyWeekRow.LastName) => MyWeekSort.Household,
                _ => MyWeekSort.DueOn,
            },
            Descending = sort?.Descending ?? false,
        };
        try
        {
            var page = await MyWeek.GetAsync(query, cancellationToken);
            _page = new MyWeekPageData(page.Total, page.Overdue, page.Until);
            _groups = page.Groups;
            _rows = page.Rows;
            // Only what is still on the page stays selected.
            _selected.IntersectWith(page.Rows.Select(r => r.Id));
            _today = page.Today;
            _error = null;
            StateHasChanged();
            return new GridData<MyWeekRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
            StateHasChanged();
            return new GridData<MyWeekRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private Task CounsellorChangedAsync(string? counsellorId)
    {
        _counsellorId = string.IsNullOrEmpty(counsellorId) ? _user.Id : counsellorId;
        _selected.Clear();
        return ReloadAsync();
    }

    /// <summary>One group of the week (tasks, follow-ups), or both.</summary>
    private Task ShowAsync(MyWeekItemKind? kind)
    {
        _kind = kind;
        _selected.Clear();
        return ReloadAsync();
    }

    private void Select(MyWeekRow row, bool selected)
    {
        if (selected)
        {
            _selected.Add(row.Id);
        }
        else
        {
            _selected.Remove(row.Id);
        }
    }

    private void SelectPage(bool selected)
    {
        foreach (var row in _rows)
        {
            Select(row, selected);
        }
    }

    private Task AnswerSelectedAsync(bool? stillInRegion, string? comment) =>
        BulkAsync(ids => FollowUps.AnswerAsync(ids, stillInRegion, comment), "MyWeek.Bulk.Answered");

    /// <summary>"Aucune réponse": the household could not be reached; recorded with that comment.</summary>
    private Task AnswerNoAnswerAsync() => AnswerSelectedAsync(null, T["MyWeek.Bulk.NoAnswerComment"]);

    private Task DismissSelectedAsync() => BulkAsync(ids => FollowUps.DismissAsync(ids, _reason), "MyWeek.Bulk.Dismissed");

    /// <summary>Acts on the selected follow-ups, says how many were recorded and which were not, then reloads.</summary>
    private async Task BulkAsync(Func<IReadOnlyCollection<Guid>, Task<FollowUpBulkResult>> act, string done)
    {
        _bulkBusy = true;
        try
        {
            var result = await act([.. _selected]);
            Snackbar.Add(T[done, result.Done], Severity.Success);
            foreach (var failure in result.Failed)
            {
                Snackbar.Add($"{failure.FileNumber} : {L.Describe(failure.Refusals)}", Severity.Warning);
            }

            _selected.Clear();
            _reason = null;
            await ReloadAsync();
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(L.Describe(refused.Refusals), Severity.Warning);
        }
        catch (AccessDeniedException)
        {
            Snackbar.Add(L["Error.AccessDenied"], Severity.Error);
        }
        catch (NotFoundException)
        {
            Snackbar.Add(L["Error.NotFound"], Severity.Error);
            _selected.Clear();
            await ReloadAsync();
        }
        finally
        {
            _bulkBusy = false;
        }
    }

    /// <summary>Completes the task (no version: completing overwrites nothing), then offers to undo it.</summary>
    private async Task CompleteAsync(MyWeekRow row)
    {
        var previous = row.Status ?? PlanTaskStatus.ToDo;
        if (!await ChangeAsync(row, PlanTaskStatus.Done))
        {
            return;
        }

        Snackbar.Add(T["MyWeek.Completed", row.Title ?? ""], Severity.Success, options =>
        {
            options.Action = T["MyWeek.Undo"];
            options.ActionColor = Color.Inherit;
            options.VisibleStateDuration = 8000;
            options.OnClick = _ => InvokeAsync(() => UndoAsync(row, previous));
        }, key: $"my-week-done-{row.Id}");
        await ReloadAsync();
    }

    private async Task UndoAsync(MyWeekRow row, PlanTaskStatus previous)
    {
        if (await ChangeAsync(row, previous))
        {
            Snackbar.Add(T["MyWeek.Reopened", row.Title ?? ""], Severity.Info);
            await ReloadAsync();
        }
    }

    private async Task<bool> ChangeAsync(MyWeekRow row, PlanTaskStatus status)
    {
        _busy.Add(row.Id);
        try
        {
            if (await Snackbar.RunAsync(L, () => Plans.SetTaskStatusAsync(row.HouseholdId, version: null, row.Id, status)))
            {
                return true;
            }

            // Refused, changed or gone meanwhile: the week shows what is true now.
            await ReloadAsync();
            return false;
        }
        finally
        {
            _busy.Remove(row.Id);
        }
    }

    private async Task AnswerAsync(MyWeekRow row)
    {
        var check = new RetentionCheckSummary(row.Id, row.HouseholdId, row.FileNumber, $"{row.LastName}, {row.FirstName}",
            row.MonthsAfter ?? 0, row.DueOn, AnsweredOn: null);
        var parameters = new DialogParameters<RetentionAnswerDialog>
        {
            { d => d.Check, check },
            { d => d.Today, _today },
        };
        var dialog = await Dialogs.ShowAsync<RetentionAnswerDialog>(T["Retention.Title", check.MonthsAfter], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(T["Retention.Saved"], Severity.Success);
            await ReloadAsync();
        }
    }

    /// <summary>What the page says above the list about the current page's query.</summary>
    private sealed record MyWeekPageData(int Total, int Overdue, DateOnly Until);
}
