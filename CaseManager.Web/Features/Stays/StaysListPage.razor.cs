using CaseManager.Web.Access;
using CaseManager.Domain.Common;
using CaseManager.Domain.Stays;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Stays;

public sealed partial class StaysListPage
{
    private MudDataGrid<StayListItem>? _grid;
    private StayFilter _filter = new();
    private ReferenceLists? _lists;
    private Permissions _permissions = Permissions.None;

    protected override async Task OnInitializedAsync()
    {
        _permissions = await Access.PermissionsAsync();
        _lists = await Reference.GetAsync();
    }

    private async Task<GridData<StayListItem>> LoadAsync(GridState<StayListItem> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var (by, descending) = sort?.SortBy switch
        {
            nameof(StayListItem.RegionName) => (StaySort.Region, sort.Descending),
            nameof(StayListItem.Status) => (StaySort.Status, sort.Descending),
            nameof(StayListItem.StartOn) => (StaySort.StartOn, sort.Descending),
            _ => (StaySort.StartOn, true),
        };
        var page = await Stays.ListAsync(_filter, state.Page, state.PageSize, by, descending, cancellationToken);
        return new GridData<StayListItem> { Items = page.Items, TotalItems = page.Total };
    }

    private static DateTime? ToDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private Task StatusChangedAsync(StayStatus? status) => FilterAsync(_filter with { Status = status });

    private Task RegionChangedAsync(string? region) => FilterAsync(_filter with { RegionCode = region });

    private Task FromChangedAsync(DateTime? day) => FilterAsync(_filter with { From = day is { } d ? DateOnly.FromDateTime(d) : null });

    private Task ToChangedAsync(DateTime? day) => FilterAsync(_filter with { To = day is { } d ? DateOnly.FromDateTime(d) : null });

    private async Task FilterAsync(StayFilter filter)
    {
        _filter = filter;
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private async Task PlanAsync()
    {
        var parameters = new DialogParameters<StayDialog>
        {
            { d => d.Partners, await Stays.GetPartnersAsync() },
            { d => d.Regions, _lists?.HostRegions.ToList() ?? [] },
        };
        var dialog = await Dialogs.ShowAsync<StayDialog>(S["List.New"], parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is not { Canceled: false, Data: StayDetails details })
        {
            return;
        }

        try
        {
            var id = await Stays.PlanAsync(details);
            Snackbar.Add(S["Stay.Saved"], Severity.Success);
            Navigation.NavigateTo($"/stays/{id}");
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(S.Describe(refused.Refusals), Severity.Warning);
        }
    }
}
