using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Reports;

/// <summary>
/// The administrators' settlement targets: one fiscal year at a time, a number of households per
/// organization, the program's target being their sum. The year's targets are saved together or
/// not at all.
/// </summary>
public sealed partial class TargetsPage
{
    private readonly Dictionary<int, int?> _values = [];
    private TargetsView? _view;
    private int _year;
    private bool _denied;
    private bool _busy;
    private bool _triedToSave;
    private string? _error;

    private bool Busy => _busy || !RendererInfo.IsInteractive;

    /// <summary>The current fiscal year, the three before it and the next one.</summary>
    private IEnumerable<int> Years => Enumerable.Range(FiscalYear.Of(Clock.Today).StartYear - 3, 5);

    /// <summary>The program's target as typed so far (an empty field counts as nothing).</summary>
    private int Total => _values.Values.Sum(v => v ?? 0);

    protected override Task OnInitializedAsync()
    {
        _year = FiscalYear.Of(Clock.Today).StartYear;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _view = await Reports.GetTargetsAsync(_year);
            _values.Clear();
            foreach (var organization in _view.Organizations)
            {
                _values[organization.OrganizationId] = organization.Households;
            }

            _triedToSave = false;
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }
    }

    private async Task ChangeYearAsync(int year)
    {
        _year = year;
        _error = null;
        _view = null;
        await LoadAsync();
    }

    /// <summary>What is wrong with a field: out of range as soon as typed, empty once a save was tried.</summary>
    private string? FieldError(int organizationId) => _values.GetValueOrDefault(organizationId) switch
    {
        null when _triedToSave => Texts["Targets.Required"].Value,
        < 0 or > SettlementTarget.MaxHouseholds => Texts["Reports.TargetOutOfRange", SettlementTarget.MaxHouseholds].Value,
        _ => null,
    };

    private async Task SaveAsync()
    {
        if (_view is not { } view)
        {
            return;
        }

        _error = null;
        _triedToSave = true;
        var missing = view.Organizations.Where(o => _values.GetValueOrDefault(o.OrganizationId) is null).Select(o => o.Name).ToList();
        if (missing.Count > 0)
        {
            _error = Texts["Targets.Missing", string.Join(", ", missing)];
            return;
        }

        var changes = view.Organizations.Select(o => new TargetChange(o.OrganizationId, _values[o.OrganizationId]!.Value, o.Version)).ToList();
        _busy = true;
        try
        {
            await Reports.SaveTargetsAsync(view.FiscalYearStart, changes);
            Snackbar.Add(Texts["Targets.Saved", new FiscalYear(view.FiscalYearStart).ToString()], Severity.Success);
            await LoadAsync();
        }
        catch (DomainRuleException refused)
        {
            _error = $"{Texts.Describe(refused.Refusals)} {Texts["Targets.NothingSaved"]}";
        }
        catch (Exception e) when (e is ConcurrencyConflictException or NotFoundException)
        {
            // Someone else changed the targets (or an organization) since they were read: theirs are shown.
            Snackbar.Add(Texts["Targets.Conflict"], Severity.Error, options => options.RequireInteraction = true);
            await LoadAsync();
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }
        finally
        {
            _busy = false;
        }
    }
}
