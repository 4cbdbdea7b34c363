using CaseManager.Domain.Common;
using CaseManager.Domain.Resources;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Resources;

public sealed partial class ResourcesPage
{
    private MudDataGrid<ResourceRow>? _grid;
    private ResourceQuery _query = new();
    private ReferenceLists? _lists;
    private IReadOnlyList<ResourceCategory> _categories = [];
    private bool _denied;
    private bool _canManage;

    protected override async Task OnInitializedAsync()
    {
        _lists = await Reference.GetAsync();
        _categories = await Resources.GetCategoriesAsync();
        _canManage = await Resources.CanManageAsync();
    }

    private string CategoryName(string? code) =>
        _categories.FirstOrDefault(c => c.Code == code)?.Name(AppCultures.IsFrench) ?? code ?? "";

    private async Task<GridData<ResourceRow>> LoadAsync(GridState<ResourceRow> state, CancellationToken cancellationToken)
    {
        _query = _query with { Page = state.Page, PageSize = state.PageSize };
        try
        {
            var page = await Resources.SearchAsync(_query, cancellationToken);
            return new GridData<ResourceRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (AccessDeniedException)
        {
            _denied = true;
            StateHasChanged();
            return new GridData<ResourceRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private Task ChangeAsync(ResourceQuery query)
    {
        _query = query with { Page = 0 };
        return ReloadAsync();
    }

    private Task SearchChangedAsync(string? text) => ChangeAsync(_query with { Search = text });

    private Task RegionChangedAsync(string? region) => ChangeAsync(_query with { RegionCode = region });

    private Task CategoryChangedAsync(string? category) => ChangeAsync(_query with { CategoryCode = category });

    private Task SortChangedAsync(ResourceSort sort) => ChangeAsync(_query with { Sort = sort });

    private Task InactiveChangedAsync(bool include) => ChangeAsync(_query with { IncludeInactive = include });

    private Task DueChangedAsync(bool due) => ChangeAsync(_query with { VerificationDueOnly = due });

    private async Task OpenAsync(ResourceRow? row)
    {
        var parameters = new DialogParameters<ResourceDialog>
        {
            { d => d.ResourceId, row?.Id },
            { d => d.Lists, _lists! },
            { d => d.Categories, _categories },
            { d => d.CanManage, _canManage },
        };
        var title = row is null ? R["Dialog.NewTitle"] : _canManage ? R["Resources.EditOf", row.Name] : row.Name;
        var dialog = await Dialogs.ShowAsync<ResourceDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = !_canManage });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(R["Resources.Saved"], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task MarkVerifiedAsync(ResourceRow row)
    {
        try
        {
            await Resources.MarkVerifiedAsync(row.Id, row.Version);
            Snackbar.Add(R["Resources.Verified"], Severity.Success);
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add(R["Resources.Conflict"], Severity.Error);
        }
        catch (AccessDeniedException)
        {
            Snackbar.Add(L["Error.AccessDenied"], Severity.Error);
        }

        await ReloadAsync();
    }
}
