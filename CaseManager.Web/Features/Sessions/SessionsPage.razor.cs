using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using MudBlazor;

namespace CaseManager.Web.Features.Sessions;

/// <summary>The information sessions: a list filtered and paged in PostgreSQL, a month grid and a week.</summary>
public sealed partial class SessionsPage
{
    private MudDataGrid<SessionRow>? _grid;
    private SessionQuery _query = new();
    private ReferenceLists? _lists;
    private int _view;
    private bool _denied;

    protected override async Task OnInitializedAsync() => _lists = await Reference.GetAsync();

    private async Task<GridData<SessionRow>> LoadAsync(GridState<SessionRow> state, CancellationToken cancellationToken)
    {
        _query = _query with { Page = state.Page, PageSize = state.PageSize };
        try
        {
            var page = await Sessions.SearchAsync(_query, cancellationToken);
            return new GridData<SessionRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (AccessDeniedException)
        {
            _denied = true;
            StateHasChanged();
            return new GridData<SessionRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private Task SearchChangedAsync(string? text)
    {
        _query = _query with { Search = text, Page = 0 };
        return ReloadAsync();
    }

    private Task RegionChangedAsync(string? region)
    {
        _query = _query with { RegionCode = region, Page = 0 };
        return ReloadAsync();
    }

    private Task WhenChangedAsync(SessionStatusFilter when)
    {
        _query = _query with { When = when, Page = 0 };
        return ReloadAsync();
    }

    private void Open(SessionRow row) => Navigation.NavigateTo($"/sessions/{row.Id}");

    private async Task CreateAsync()
    {
        IReadOnlyList<PartnerName> partners;
        try
        {
            partners = await Sessions.PartnersAsync();
        }
        catch (AccessDeniedException)
        {
            _denied = true;
            return;
        }

        var parameters = new DialogParameters<SessionDialog> { { d => d.Lists, _lists! }, { d => d.Partners, partners } };
        var dialog = await Dialogs.ShowAsync<SessionDialog>(S["SessionDialog.NewTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false, Data: Guid id })
        {
            Snackbar.Add(S["Sessions.Created"], Severity.Success);
            Navigation.NavigateTo($"/sessions/{id}");
        }
    }
}
