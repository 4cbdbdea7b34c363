using CaseManager.Domain.Common;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Admin;

/// <summary>The plan templates: list, create, edit, deactivate and reactivate.</summary>
public sealed partial class PlanTemplatesPage
{
    private MudDataGrid<PlanTemplateRow>? _grid;
    private PlanTemplateQuery _query = new();
    private ReferenceLists? _lists;
    private bool _denied;

    private static DialogOptions DialogOptions => new() { MaxWidth = MaxWidth.Large, FullWidth = true, BackdropClick = false };

    protected override async Task OnInitializedAsync() => _lists = await Reference.GetAsync();

    private async Task<GridData<PlanTemplateRow>> LoadAsync(GridState<PlanTemplateRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        _query = _query with
        {
            Page = state.Page,
            PageSize = state.PageSize,
            SortBy = sort?.SortBy == nameof(PlanTemplateRow.IsActive) ? PlanTemplateSort.Active : PlanTemplateSort.Name,
            Descending = sort?.Descending ?? false,
        };
        try
        {
            var page = await Templates.SearchAsync(_query, cancellationToken);
            return new GridData<PlanTemplateRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (AccessDeniedException)
        {
            _denied = true;
            StateHasChanged();
            return new GridData<PlanTemplateRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private Task SearchChangedAsync(string? text)
    {
        _query = _query with { Search = text };
        return ReloadAsync();
    }

    private Task ActiveOnlyChangedAsync(bool activeOnly)
    {
        _query = _query with { ActiveOnly = activeOnly };
        return ReloadAsync();
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<PlanTemplateDialog>(P["TemplateDialog.NewTitle"], Parameters(null), DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            Snackbar.Add(P["Templates.Created", name], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task EditAsync(PlanTemplateRow row)
    {
        var dialog = await Dialogs.ShowAsync<PlanTemplateDialog>(P["TemplateDialog.EditTitle", row.Name], Parameters(row.Id), DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            Snackbar.Add(P["Templates.Saved", name], Severity.Success);
        }

        // Someone else may have changed it too: the list shows what is saved.
        await ReloadAsync();
    }

    private async Task DeactivateAsync(PlanTemplateRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            P["Templates.Deactivate.Title"], P["Templates.Deactivate.Text", row.Name], P["Templates.Deactivate.Confirm"], cancelText: L["Common.Cancel"]);
        if (confirmed == true)
        {
            await SetActiveAsync(row, active: false);
        }
    }

    private async Task SetActiveAsync(PlanTemplateRow row, bool active)
    {
        try
        {
            await Templates.SetActiveAsync(row.Id, row.Version, active);
            Snackbar.Add(P[active ? "Templates.Reactivated" : "Templates.Deactivated", row.Name], Severity.Success);
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(L.Describe(refused.Refusals), Severity.Warning);
        }
        catch (NotFoundException)
        {
            Snackbar.Add(P["Templates.NotFound"], Severity.Warning);
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add(P["Templates.Concurrency"], Severity.Error);
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }

        await ReloadAsync();
    }

    private DialogParameters<PlanTemplateDialog> Parameters(Guid? templateId) => new()
    {
        { d => d.TemplateId, templateId },
        { d => d.Lists, _lists! },
    };
}
