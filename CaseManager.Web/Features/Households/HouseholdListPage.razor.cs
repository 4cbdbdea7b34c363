using CaseManager.Web.Access;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Web.Features.Supervision;
using Microsoft.AspNetCore.Components;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Households;

/// <summary>"Mes dossiers": the caseload, paged, sorted and filtered in PostgreSQL.</summary>
public sealed partial class HouseholdListPage
{
    private MudDataGrid<CaseloadRow>? _grid;
    private CaseloadQuery _query = new();
    private IReadOnlyDictionary<Stage, int> _stageCounts = new Dictionary<Stage, int>();
    private IReadOnlyList<CounsellorOption> _counsellors = [];
    private ReferenceLists? _lists;
    private Permissions _permissions = Permissions.None;

    /// <summary>Files chosen for a reassignment (supervisors), with the version each row showed.</summary>
    private readonly Dictionary<Guid, CaseloadRow> _selected = [];
    private bool _canReassign;
    private bool _busy;

    [Inject]
    private SupervisionService Supervision { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private string Title => _permissions.SeesEveryFile ? L["Nav.AllFiles"] : L["Nav.Caseload"];

    protected override async Task OnInitializedAsync()
    {
        _permissions = await Access.PermissionsAsync();
        _lists = await Reference.GetAsync();
        if (_permissions.SeesEveryFile)
        {
            _counsellors = await Reference.GetCounsellorsAsync();
        }

        _canReassign = _permissions.AssignsFiles;
    }

    private void ToggleSelected(CaseloadRow row, bool on)
    {
        if (on)
        {
            _selected[row.Id] = row;
        }
        else
        {
            _selected.Remove(row.Id);
        }
    }

    /// <summary>Moves the chosen files to the counsellor the supervisor picks, with the reason; files changed meanwhile are named.</summary>
    private async Task ReassignSelectedAsync()
    {
        var files = _selected.Values.OrderBy(r => r.FileNumber, StringComparer.Ordinal).ToList();
        var parameters = new DialogParameters<ReassignDialog>
        {
            { d => d.FileNumbers, files.Select(f => f.FileNumber).ToList() },
            { d => d.Counsellors, _counsellors },
        };
        var dialog = await Dialogs.ShowAsync<ReassignDialog>(D["Reassign.Title"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is not { Canceled: false, Data: ReassignForm form })
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Supervision.ReassignAsync(files.Select(f => new FileVersion(f.Id, f.Version)).ToList(), form.CounsellorId, form.Reason);
            foreach (var message in ReassignMessages.Of(D, result))
            {
                Snackbar.Add(message.Text, message.Severity, options => options.RequireInteraction = message.Severity != Severity.Success);
            }

            _selected.Clear();
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(D.Describe(refused.Refusals), Severity.Warning);
        }
        catch (AccessDeniedException)
        {
            Snackbar.Add(L["Error.AccessDenied"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }

        await ReloadAsync();
    }

    private async Task<GridData<CaseloadRow>> LoadAsync(GridState<CaseloadRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        _query = _query with
        {
            Page = state.Page,
            PageSize = state.PageSize,
            SortBy = sort?.SortBy switch
            {
                nameof(CaseloadRow.FileNumber) => CaseloadSort.FileNumber,
                nameof(CaseloadRow.Stage) => CaseloadSort.Stage,
                nameof(CaseloadRow.LastContactOn) => CaseloadSort.LastContact,
                nameof(CaseloadRow.OpenedAt) => CaseloadSort.Opened,
                _ => CaseloadSort.Name,
            },
            Descending = sort?.Descending ?? false,
        };
        var page = await Households.GetCaseloadAsync(_query, cancellationToken);
        _stageCounts = page.StageCounts;
        StateHasChanged();
        return new GridData<CaseloadRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private Task ToggleStageAsync(Stage stage)
    {
        _query = _query with { Stage = _query.Stage == stage ? null : stage };
        return ReloadAsync();
    }

    private Task SearchChangedAsync(string? text)
    {
        _query = _query with { Search = text };
        return ReloadAsync();
    }

    private Task StatusChangedAsync(StatusFilter status)
    {
        _query = _query with { Status = status };
        return ReloadAsync();
    }

    private Task RegionChangedAsync(string? region)
    {
        _query = _query with { RegionCode = region };
        return ReloadAsync();
    }

    private Task CounsellorChangedAsync(string? counsellor)
    {
        _query = _query with { CounsellorId = counsellor };
        return ReloadAsync();
    }

    private Task AttentionChangedAsync(bool only)
    {
        _query = _query with { NeedsAttentionOnly = only };
        return ReloadAsync();
    }

    private void Open(CaseloadRow row) => Navigation.NavigateTo($"/households/{row.Id}");

    private string StatusLabel(StatusFilter status) => status switch
    {
        StatusFilter.Open => L["StatusFilter.Open"],
        StatusFilter.All => L["StatusFilter.All"],
        StatusFilter.Active => L.Enum(CaseStatus.Active),
        StatusFilter.OnHold => L.Enum(CaseStatus.OnHold),
        StatusFilter.Withdrawn => L.Enum(CaseStatus.Withdrawn),
        StatusFilter.Settled => L.Enum(CaseStatus.Settled),
        StatusFilter.Closed => L.Enum(CaseStatus.Closed),
    };

    private string SinceLastContact(CaseloadRow row)
    {
        if (row.LastContactOn is not { } last)
        {
            return L["Common.Never"];
        }

        var days = Clock.Today.DayNumber - last.DayNumber;
        return days <= 0 ? L["Common.Today"] : L["Common.DaysAgo", days];
    }
}
