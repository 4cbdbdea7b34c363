using CaseManager.Web.Access;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Subsidies;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Subsidies;

public sealed partial class SubsidyAdminPage
{
    private IReadOnlyList<FiscalYearTotals> _totals = [];
    private IReadOnlyList<RuleSetItem> _ruleSets = [];
    private IReadOnlyList<CodeLabel> _statuses = [];
    private readonly Dictionary<int, decimal?> _budgets = [];
    private EligibilityRuleSet? _draft;
    private bool _isAdmin;
    private bool _busy;

    private bool Busy => _busy || !RendererInfo.IsInteractive;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await Access.PermissionsAsync()).Can(Operation.ManageSubsidyAdministration);
        _statuses = (await Reference.GetAsync()).ImmigrationStatuses;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var current = FiscalYear.Of(AppClock.DateOf(DateTimeOffset.UtcNow)).StartYear;
        _totals = await Subsidies.GetTotalsAsync(current - 2, current + 1);
        _ruleSets = await Subsidies.GetRuleSetsAsync();
    }

    private decimal? Budget(FiscalYearTotals year) => _budgets.TryGetValue(year.StartYear, out var value) ? value : year.Budget;

    private Task SaveBudgetAsync(FiscalYearTotals year) =>
        RunAsync(() => Subsidies.SetBudgetAsync(year.StartYear, Budget(year) ?? 0m, year.BudgetVersion));

    /// <summary>A new version starts as a copy of the latest one, in force from tomorrow.</summary>
    private void NewVersion()
    {
        var latest = _ruleSets.Count > 0 ? _ruleSets[0].RuleSet : null;
        _draft = new EligibilityRuleSet
        {
            EffectiveFrom = AppClock.DateOf(DateTimeOffset.UtcNow).AddDays(1),
            Notes = latest?.Notes,
            RequireAcceptedStatus = latest?.RequireAcceptedStatus ?? true,
            AcceptedStatusCodes = [.. latest?.AcceptedStatusCodes ?? []],
            RequireHostRegion = latest?.RequireHostRegion ?? true,
            ExcludedRegionCodes = [.. latest?.ExcludedRegionCodes ?? ["06", "13"]],
            RequireEmployment = latest?.RequireEmployment ?? true,
            EmploymentProofTypes = [.. latest?.EmploymentProofTypes ?? []],
            RequireHousing = latest?.RequireHousing ?? true,
            HousingProofTypes = [.. latest?.HousingProofTypes ?? []],
            RequireProgramParticipation = latest?.RequireProgramParticipation ?? true,
            RequireNoEarlierSubsidy = latest?.RequireNoEarlierSubsidy ?? true,
            MoveWithinDays = latest?.MoveWithinDays,
            BaseAmount = latest?.BaseAmount ?? 0m,
            PerAdditionalPerson = latest?.PerAdditionalPerson ?? 0m,
            Ceiling = latest?.Ceiling ?? 0m,
            RegionAmounts = latest?.RegionAmounts.Select(r => new RegionAmount
            {
                RegionCode = r.RegionCode, BaseAmount = r.BaseAmount, PerAdditionalPerson = r.PerAdditionalPerson, Ceiling = r.Ceiling,
            }).ToList() ?? [],
        };
    }

    private Task SaveVersionAsync(EligibilityRuleSet draft) => RunAsync(async () =>
    {
        await Subsidies.CreateRuleSetAsync(draft);
        _draft = null;
    });

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await Snackbar.RunAsync(L, action, T["Saved"], new CommandTexts(refusals => T.Describe(refusals), T["Conflict"], T["Denied"]));
        }
        finally
        {
            _busy = false;
            _budgets.Clear();
            await LoadAsync();
        }
    }
}
