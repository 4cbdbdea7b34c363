using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using CaseManager.Domain.Reports;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Reports;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CaseManager.Tests.Web.Reports;

/// <summary>
/// The results page in bUnit, over the real service and the data set of
/// <see cref="ReportServiceTestBase"/> (targets PROMIS 10 + CFIQ 6), read on 2026-04-15:
/// heading, headline figures, every table in Québec format, export links, who sees what, and the printable page.
/// </summary>
public sealed class ResultsPageTests(DatabaseFixture database) : ComponentTestBase
{
    private static readonly string[] SupervisorTables =
    [
        ResultsTables.Summary, ResultsTables.Settlements, ResultsTables.Registrations, ResultsTables.Funnel, ResultsTables.Withdrawals,
        ResultsTables.Regions, ResultsTables.Retention, ResultsTables.Sessions, ResultsTables.Stays, ResultsTables.Subsidies,
        ResultsTables.Organizations, ResultsTables.Counsellors,
    ];

    private readonly KnownData _data = new(database);
    private readonly TestCurrentUser _current = new(UserIdentity.Anonymous);

    private ReportService Reports => Services.GetRequiredService<ReportService>();

    [Fact]
    public async Task Supervisor_FiscalYear2025_ShowsTheHeadingTheHeadlineAndEveryTableInQuebecFormat()
    {
        await SetUpAsync(() => _data.Supervisor);
        var report = await Reports.GetAsync(new ResultsQuery(ReportPeriod.Of(ReportServiceTestBase.Year)));
        var target = report.Target!;

        var page = RenderAt("year=2025");

        page.WaitForAssertion(() => Assert.Equal(
            "Année financière 2025-2026 (du 2025-04-01 au 2026-03-31) · Tout le programme",
            page.Find("[data-testid=report-heading]").TextContent.Trim()));
        var settled = Text(page.Find("[data-testid=kpi-settled]"));
        Assert.Contains($"{ReportCells.Format(CellKind.Count, report.Settled)} / {ReportCells.Format(CellKind.Count, 16)}", settled, StringComparison.Ordinal);
        Assert.Contains($"{ReportCells.Format(CellKind.Percent, target.Share)} de la cible", settled, StringComparison.Ordinal);
        var projection = Text(page.Find("[data-testid=kpi-projection]"));
        Assert.Contains(ReportCells.Format(CellKind.Count, target.Projection), projection, StringComparison.Ordinal);
        Assert.Equal("En retard sur la cible", page.Find("[data-testid=kpi-standing]").TextContent.Trim());
        // The year is over on 2026-04-15: nothing is "needed" any more, the pace is the year's average.
        Assert.Null(target.PerMonthNeeded);
        var pace = Text(page.Find("[data-testid=kpi-pace]"));
        Assert.Contains(ReportCells.Format(CellKind.Days, target.PerMonthSoFar), pace, StringComparison.Ordinal);
        Assert.Contains("en moyenne depuis le 1er avril", pace, StringComparison.Ordinal);

        Assert.Equal(
            [
                "Sommaire", "Établissements et cible", "Inscriptions par mois", "Entonnoir des étapes", "Désistements par motif et étape",
                "Établissements par région", "Rétention après l'établissement", "Séances d'information", "Séjours exploratoires",
                "Soutien financier", "Par organisme", "Par intervenant(e)",
            ],
            SupervisorTables.Select(key => page.Find($"[data-testid=report-{key}] h2").TextContent.Trim()));

        // Amounts, counts and percentages as the Québec culture writes them (its own group separator, comma, "$" after).
        var budget = ReportCells.Format(CellKind.Amount, 50_000m);
        Assert.Equal("50 000,00 $", Spaces(budget));
        Assert.Equal(CultureInfo.GetCultureInfo("fr-CA").NumberFormat.CurrencyGroupSeparator, budget.Substring(2, 1));
        Assert.Contains(budget, Text(page.Find("[data-testid=report-subsidies]")), StringComparison.Ordinal);
        var funnel = Rows(page.Find("[data-testid=report-funnel]"));
        Assert.Equal(
            ["Sensibilisation et recrutement", "12", ReportCells.Format(CellKind.Percent, 0.25m), ReportCells.Format(CellKind.Days, 10m), "9"],
            funnel[0]);
        Assert.Equal("25,0 %", Spaces(funnel[0][2]));
        Assert.Equal(
            ["Soutien au déménagement", "5", ReportCells.Format(CellKind.Percent, 0.8m), ReportCells.Format(CellKind.Days, 118m), "4"],
            funnel[4]);
        var settlements = page.Find("[data-testid=report-settlements] tfoot").TextContent;
        Assert.Contains("16", settlements, StringComparison.Ordinal);

        Assert.Equal("/results/export/funnel.csv?year=2025", page.Find("[data-testid=export-funnel-csv]").GetAttribute("href"));
        Assert.Equal("CSV : colonnes séparées par « ; », décimales avec « , »", page.Find("[data-testid=report-funnel] [data-testid=csv-format]").TextContent.Trim());
        Assert.Equal("/results/export/counsellors.xlsx?year=2025", page.Find("[data-testid=export-counsellors-xlsx]").GetAttribute("href"));
        Assert.Equal("/results/export/all.xlsx?year=2025", page.Find("[data-testid=export-all]").GetAttribute("href"));
    }

    [Fact]
    public async Task Supervisor_SeesTheScopeSelectorsAndTheBreakdowns_AndTheLinksCarryTheScope()
    {
        await SetUpAsync(() => _data.Supervisor);

        var page = RenderAt("year=2025&org=1");

        page.WaitForAssertion(() => Assert.EndsWith(" · PROMIS", page.Find("[data-testid=report-heading]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.NotEmpty(page.FindAll("[data-testid=scope-org]"));
        Assert.NotEmpty(page.FindAll("[data-testid=scope-counsellor]"));
        Assert.Single(page.FindAll("[data-testid=report-organizations]"));
        Assert.Single(page.FindAll("[data-testid=report-counsellors]"));
        Assert.Equal("/results/export/stays.xlsx?year=2025&org=1", page.Find("[data-testid=export-stays-xlsx]").GetAttribute("href"));
        Assert.Equal("/results/export/all.xlsx?year=2025&org=1", page.Find("[data-testid=export-all]").GetAttribute("href"));
    }

    [Fact]
    public async Task Counsellor_SeesTheirOwnFilesWithoutSelectorsOrBreakdowns()
    {
        await SetUpAsync(() => _data.Marie);

        var page = RenderAt("year=2025");

        page.WaitForAssertion(() => Assert.EndsWith(" · Mes dossiers", page.Find("[data-testid=report-heading]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=scope-org]"));
        Assert.Empty(page.FindAll("[data-testid=scope-counsellor]"));
        Assert.Empty(page.FindAll("[data-testid=report-organizations]"));
        Assert.Empty(page.FindAll("[data-testid=report-counsellors]"));
        Assert.Equal(10, page.FindAll(".report-section").Count);
        // Marie's files: 6 entered Outreach (the program counts 12).
        Assert.Equal("6", Rows(page.Find("[data-testid=report-funnel]"))[0][1]);
    }

    [Fact]
    public async Task Counsellor_AddressNamingAnOrganization_IsToldAndSeesNoTables()
    {
        await SetUpAsync(() => _data.Marie);

        var page = RenderAt("year=2025&org=2");

        page.WaitForAssertion(() => Assert.Equal(
            "Vous ne pouvez consulter que les résultats de vos propres dossiers.", page.Find("[data-testid=period-error]").TextContent.Trim()));
        Assert.Empty(page.FindAll(".report-section"));
    }

    [Fact]
    public async Task ReversedCustomPeriodInTheAddress_ShowsTheMessageAndNoTables()
    {
        await SetUpAsync(() => _data.Supervisor);

        var page = RenderAt("from=2026-03-31&to=2025-04-01");

        page.WaitForAssertion(() => Assert.Equal(
            "Le dernier jour de la période précède le premier.", page.Find("[data-testid=period-error]").TextContent.Trim()));
        Assert.Empty(page.FindAll(".report-section"));
        Assert.Empty(page.FindAll("[data-testid=report-heading]"));
        Assert.Empty(page.FindAll("[data-testid=export-all]"));
    }

    [Fact]
    public async Task FromAYearToAReversedPeriod_TheLastReportDoesNotStayUnderTheMessage()
    {
        await SetUpAsync(() => _data.Supervisor);
        var page = RenderAt("year=2025");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".report-section")));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/results?from=2026-03-31&to=2025-04-01");

        page.WaitForAssertion(() => Assert.Equal(
            "Le dernier jour de la période précède le premier.", page.Find("[data-testid=period-error]").TextContent.Trim()));
        Assert.Empty(page.FindAll(".report-section"));
        Assert.Empty(page.FindAll("[data-testid=report-heading]"));
        Assert.Empty(page.FindAll("[data-testid=export-all]"));
    }

    [Fact]
    public async Task CustomPeriod_HeadingNamesItsDaysAndTheLinksCarryThem()
    {
        await SetUpAsync(() => _data.Supervisor);

        var page = RenderAt("from=2025-04-01&to=2025-06-30");

        page.WaitForAssertion(() => Assert.Equal(
            "Du 2025-04-01 au 2025-06-30 · Tout le programme", page.Find("[data-testid=report-heading]").TextContent.Trim()));
        Assert.Equal(
            "/results/export/funnel.csv?from=2025-04-01&to=2025-06-30",
            page.Find("[data-testid=export-funnel-csv]").GetAttribute("href"));
        // Targets are per fiscal year: no target in the headline.
        Assert.Empty(page.FindAll("[data-testid=kpi-projection]"));
    }

    [Fact]
    public async Task English_RendersTheHeadingTitlesAndNumbersInEnglish()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-CA");
        await SetUpAsync(() => _data.Supervisor);

        var page = RenderAt("year=2025");

        page.WaitForAssertion(() => Assert.Equal(
            "Fiscal year 2025-2026 (2025-04-01 to 2026-03-31) · Whole program",
            page.Find("[data-testid=report-heading]").TextContent.Trim()));
        Assert.Equal("Stage funnel", page.Find("[data-testid=report-funnel] h2").TextContent.Trim());
        Assert.Equal("Behind the target", page.Find("[data-testid=kpi-standing]").TextContent.Trim());
        Assert.Equal(["Outreach and recruitment", "12", "25.0%", "10.0", "9"], Rows(page.Find("[data-testid=report-funnel]"))[0]);
        Assert.Contains("$50,000.00", Text(page.Find("[data-testid=report-subsidies]")), StringComparison.Ordinal);
        Assert.Equal("CSV: columns separated by “,”, decimal mark “.”", page.Find("[data-testid=report-funnel] [data-testid=csv-format]").TextContent.Trim());
    }

    [Fact]
    public async Task PrintPage_PrintsTheHeadingAndEveryTableWithoutExportLinks()
    {
        await SetUpAsync(() => _data.Supervisor);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/results/print?year=2025&org=2");

        var page = Render<ResultsPrintPage>();

        page.WaitForAssertion(() => Assert.Equal(
            "Année financière 2025-2026 (du 2025-04-01 au 2026-03-31) · Collectif des femmes immigrantes du Québec",
            page.Find("[data-testid=report-heading]").TextContent.Trim()));
        Assert.Equal(12, page.FindAll(".report-section").Count);
        Assert.Empty(page.FindAll("[data-testid^=export-]"));
    }

    /// <summary>Builds the data set and the targets, then registers the real report services acting as <paramref name="user"/>.</summary>
    private async Task SetUpAsync(Func<UserIdentity> user)
    {
        await _data.BuildWithTargetsAsync();
        _current.User = user();
        Services.AddSingleton(database.ContextFactory);
        Services.AddSingleton<ICurrentUser>(_current);
        Services.AddSingleton<TimeProvider>(_data.Clock);
        Services.AddSingleton<AppClock>();
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddScoped<ReportService>();
        Services.AddScoped<ResultsTables>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    /// <summary>The page at <c>/results?{query}</c>, its parameters read from the address as the router does.</summary>
    private IRenderedComponent<ResultsPage> RenderAt(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/results?{query}");
        return Render<ResultsPage>();
    }

    /// <summary>The body rows of a section's table, each cell's text.</summary>
    private static List<List<string>> Rows(IElement section) =>
        section.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();

    private static string Text(IElement element) => element.TextContent;

    /// <summary>Both of the culture's no-break spaces as plain spaces, to compare with the house format.</summary>
    private static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    /// <summary>The report service tests' data set, built in the same database before the page renders.</summary>
    private sealed class KnownData(DatabaseFixture database) : ReportServiceTestBase(database)
    {
        public FakeTimeProvider Clock => Time;

        public new UserIdentity Marie => base.Marie;

        public new UserIdentity Supervisor => base.Supervisor;

        public async Task BuildWithTargetsAsync()
        {
            await InitializeAsync();
            await BuildAsync();
            await SetTargetsAsync();
        }
    }
}
