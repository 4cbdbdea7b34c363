using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Features.Reports;

/// <summary>
/// The results dashboard: a fiscal year (or a custom period), narrowed by supervisors and
/// administrators to one organization or counsellor; each table with its chart and its files.
/// The period and scope live in the address, so a view can be shared, printed and exported as is.
/// </summary>
public sealed partial class ResultsPage
{
    private ResultsReport? _report;
    private IReadOnlyList<ReportTable> _tables = [];
    private ScopeChoices _choices = new([], []);
    private bool _readsProgram;
    private bool _loading;
    private string? _error;
    private string _queryString = "";

    private bool _custom;
    private int _year;
    private DateTime? _from;
    private DateTime? _to;
    private int? _org;
    private string? _counsellor;

    [Inject]
    private ReportService Reports { get; set; } = null!;

    [Inject]
    private ResultsTables TableBuilder { get; set; } = null!;

    [Inject]
    private AppClock Clock { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private IStringLocalizer<ReportsText> Text { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "year")]
    public int? Year { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "org")]
    public int? Org { get; set; }

    [SupplyParameterFromQuery(Name = "counsellor")]
    public string? Counsellor { get; set; }

    /// <summary>Five fiscal years back, and the next one.</summary>
    private IEnumerable<int> Years
    {
        get
        {
            var current = FiscalYear.Of(Clock.Today).StartYear;
            return Enumerable.Range(current - 5, 7).Reverse();
        }
    }

    /// <summary>The counsellors of the organization chosen, or all.</summary>
    private IEnumerable<ScopeOption> Counsellors =>
        _choices.Counsellors.Where(c => _org is null || c.OrganizationId == _org);

    private string Heading => TableBuilder.Heading(_report!, _choices);

    protected override async Task OnInitializedAsync()
    {
        _readsProgram = await Reports.ReadsProgramAsync();
        _choices = await Reports.GetScopeChoicesAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        var address = ResultsAddress.Read(Year, From, To, Org, Counsellor);
        _custom = address.IsCustom;
        _year = Year ?? FiscalYear.Of(Clock.Today).StartYear;
        _from = address.From?.ToDateTime(TimeOnly.MinValue);
        _to = address.To?.ToDateTime(TimeOnly.MinValue);
        _org = Org;
        _counsellor = Counsellor;
        _error = null;

        // Whatever follows, the tables on screen are those of this address or none: never the last one's.
        _report = null;
        _tables = [];
        if (address.IsCustom && ReportPeriod.Validate(address.From, address.To) is { Count: > 0 } refusals)
        {
            _error = Text.Describe(refusals);
            return;
        }

        if (!address.TryRead(Clock.Today, out var query))
        {
            _error = Text["Period.Invalid"];
            return;
        }

        _loading = true;
        try
        {
            _report = await Reports.GetAsync(query);
            _tables = TableBuilder.Build(_report);
            _queryString = (address with { Year = address.IsCustom ? null : _year }).ToQueryString();
        }
        catch (AccessDeniedException)
        {
            _error = Text["Scope.Denied"];
        }
        finally
        {
            _loading = false;
        }
    }

    private Task ModeChangedAsync(bool custom)
    {
        _custom = custom;
        if (custom)
        {
            // Start from the year on screen: its days are a sensible first custom period.
            var year = new FiscalYear(_year);
            _from ??= year.FirstDay.ToDateTime(TimeOnly.MinValue);
            _to ??= year.LastDay.ToDateTime(TimeOnly.MinValue);
            return Task.CompletedTask;
        }

        Go(new ResultsAddress(_year, null, null, _org, _counsellor));
        return Task.CompletedTask;
    }

    private Task YearChangedAsync(int year)
    {
        Go(new ResultsAddress(year, null, null, _org, _counsellor));
        return Task.CompletedTask;
    }

    private Task ApplyCustomAsync()
    {
        var from = _from is { } f ? DateOnly.FromDateTime(f) : (DateOnly?)null;
        var to = _to is { } t ? DateOnly.FromDateTime(t) : (DateOnly?)null;
        var refusals = ReportPeriod.Validate(from, to);
        if (refusals.Count > 0)
        {
            // Nothing changes: the report on screen stays the one of the last valid period.
            _error = Text.Describe(refusals);
            return Task.CompletedTask;
        }

        Go(new ResultsAddress(null, from, to, _org, _counsellor));
        return Task.CompletedTask;
    }

    private Task OrganizationChangedAsync(int? org)
    {
        // A counsellor of another organization no longer fits the choice.
        var counsellor = _choices.Counsellors.Any(c => c.Key == _counsellor && (org is null || c.OrganizationId == org)) ? _counsellor : null;
        Go(Current() with { Org = org, Counsellor = counsellor });
        return Task.CompletedTask;
    }

    private Task CounsellorChangedAsync(string? counsellor)
    {
        Go(Current() with { Counsellor = counsellor });
        return Task.CompletedTask;
    }

    private ResultsAddress Current() => _custom && _from is not null && _to is not null
        ? new ResultsAddress(null, DateOnly.FromDateTime(_from.Value), DateOnly.FromDateTime(_to.Value), _org, _counsellor)
        : new ResultsAddress(_year, null, null, _org, _counsellor);

    private void Go(ResultsAddress address) => Navigation.NavigateTo($"/results?{address.ToQueryString()}");
}
