using CaseManager.Domain.Common;
using CaseManager.Domain.Intake;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Intake;

/// <summary>The supervisors' queue of possible duplicates: dismiss a flag, or merge the two files keeping one.</summary>
public partial class DuplicatesPage
{
    private MudDataGrid<DuplicateRow>? _grid;
    private bool _busy;

    [Inject]
    private DuplicateService Duplicates { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task<GridData<DuplicateRow>> LoadAsync(GridState<DuplicateRow> state, CancellationToken cancellationToken)
    {
        var page = await Duplicates.ListOpenAsync(state.Page, state.PageSize, cancellationToken);
        return new GridData<DuplicateRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private string Criteria(DuplicateCriteria criteria) =>
        string.Join(", ", Enum.GetValues<DuplicateCriteria>()
            .Where(c => c != DuplicateCriteria.None && criteria.HasFlag(c))
            .Select(c => T[$"Duplicates.Criteria.{c}"].Value));

    private async Task DismissAsync(DuplicateRow row) =>
        await ActAsync(() => Duplicates.DismissAsync(row.FlagId, row.Version, null), T["Duplicates.Dismissed"]);

    private async Task MergeAsync(DuplicateRow row)
    {
        // Yes keeps the existing (older) file, No the new one; Cancel does nothing.
        var choice = await Dialogs.ShowMessageBoxAsync(
            T["Duplicates.MergeTitle"], T["Duplicates.MergeExplain"],
            yesText: $"{T["Duplicates.Keep"]} {row.Older.FileNumber}",
            noText: $"{T["Duplicates.Keep"]} {row.Newer.FileNumber}",
            cancelText: T["ApiKeys.Cancel"]);
        if (choice is not { } keepOlder)
        {
            return;
        }

        var survivor = keepOlder ? row.Older : row.Newer;
        await ActAsync(() => Duplicates.MergeAsync(row.FlagId, row.Version, survivor.Id), T["Duplicates.Merged", survivor.FileNumber]);
    }

    private async Task ActAsync(Func<Task> action, string done)
    {
        _busy = true;
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(string.Join(" ", refused.Refusals.Select(r => IntakeMessages.Describe(r.Code, System.Globalization.CultureInfo.CurrentUICulture, r.Arguments))), Severity.Warning);
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add(T["Duplicates.Stale"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }

        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }
}
