using System.Globalization;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;
using CaseManager.Web.Features.Reports;

namespace CaseManager.Tests.Web.Reports;

/// <summary>How a report cell reads on the page in each language, and what a file receives whatever the language.</summary>
public sealed class ReportCellsTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public static TheoryData<CellKind, object?, string> French => new()
    {
        { CellKind.Count, 1160, "1 160" },
        { CellKind.Count, 7L, "7" },
        { CellKind.Amount, 1160m, "1 160,00 $" },
        { CellKind.Amount, 1500.5m, "1 500,50 $" },
        { CellKind.Percent, 0.425m, "42,5 %" },
        { CellKind.Percent, 1m, "100,0 %" },
        { CellKind.Days, 12.5m, "12,5" },
        { CellKind.Days, 118m, "118,0" },
        { CellKind.Days, 1234.56m, "1 234,6" },
        { CellKind.Month, new DateOnly(2026, 4, 1), "2026-04" },
        { CellKind.Text, "Sensibilisation", "Sensibilisation" },
        { CellKind.Count, null, "" },
        { CellKind.Text, new ReportValue(CellKind.Percent, 0.3m), "30,0 %" },
        { CellKind.Text, new ReportValue(CellKind.Count, 1160), "1 160" },
        { CellKind.Count, "Total", "Total" },
    };

    public static TheoryData<CellKind, object?, string> English => new()
    {
        { CellKind.Count, 1160, "1,160" },
        { CellKind.Amount, 1160m, "$1,160.00" },
        { CellKind.Percent, 0.425m, "42.5%" },
        { CellKind.Days, 12.5m, "12.5" },
        { CellKind.Month, new DateOnly(2026, 4, 1), "2026-04" },
        { CellKind.Text, new ReportValue(CellKind.Amount, 50_000m), "$50,000.00" },
        { CellKind.Count, null, "" },
    };

    public static TheoryData<CellKind, object?, object?> Exported => new()
    {
        { CellKind.Count, 1160, 1160L },
        { CellKind.Amount, 1500.456m, 1500.46m },
        { CellKind.Percent, 0.425m, 42.5m },
        { CellKind.Percent, 2m / 3, 66.7m },
        { CellKind.Days, 12.46m, 12.5m },
        { CellKind.Month, new DateOnly(2026, 4, 1), "2026-04" },
        { CellKind.Text, 5, "5" },
        { CellKind.Text, new ReportValue(CellKind.Percent, 0.3m), 30m },
        { CellKind.Amount, null, null },
        { CellKind.Count, "Total", "Total" },
    };

    [Theory]
    [MemberData(nameof(French))]
    public void Format_InFrench_WritesTheQuebecFormat(CellKind kind, object? value, string expected)
    {
        UseCulture("fr-CA");

        var text = ReportCells.Format(kind, value);

        // The culture's own separators (no-break spaces) read as plain spaces here.
        Assert.Equal(expected, text.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Fact]
    public void Format_InFrench_GroupsThousandsWithTheCulturesNoBreakSpace()
    {
        UseCulture("fr-CA");
        var separator = CultureInfo.GetCultureInfo("fr-CA").NumberFormat.NumberGroupSeparator;

        Assert.Equal($"1{separator}160", ReportCells.Format(CellKind.Count, 1160));
        Assert.Equal($"50{separator}000,00", ReportCells.Format(CellKind.Amount, 50_000m)[..9]);
        Assert.NotEqual(" ", separator);
    }

    [Theory]
    [MemberData(nameof(English))]
    public void Format_InEnglish_WritesTheCanadianEnglishFormat(CellKind kind, object? value, string expected)
    {
        UseCulture("en-CA");

        Assert.Equal(expected, ReportCells.Format(kind, value));
    }

    [Theory]
    [MemberData(nameof(Exported))]
    public void Export_IsTheSameValueInEitherLanguage(CellKind kind, object? value, object? expected)
    {
        UseCulture("fr-CA");
        var french = ReportCells.Export(kind, value);
        UseCulture("en-CA");
        var english = ReportCells.Export(kind, value);

        Assert.Equal(expected, french);
        Assert.Equal(expected, english);
        Assert.Equal(expected?.GetType(), french?.GetType());
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    private static void UseCulture(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
}

/// <summary>The page's address as a period and scope, and back.</summary>
public sealed class ResultsAddressTests
{
    private static readonly DateOnly Today = new(2026, 4, 15);

    [Fact]
    public void TryRead_NoYear_IsTheCurrentFiscalYear()
    {
        Assert.True(new ResultsAddress(null, null, null, null, null).TryRead(Today, out var query));

        Assert.Equal(ReportPeriod.Of(new FiscalYear(2026)), query.Period);
        Assert.Null(query.OrganizationId);
        Assert.Null(query.CounsellorId);
    }

    [Fact]
    public void TryRead_YearAndScope_IsThatFiscalYearNarrowed()
    {
        Assert.True(new ResultsAddress(2025, null, null, 2, "user-7").TryRead(Today, out var query));

        Assert.Equal(new DateOnly(2025, 4, 1), query.Period.From);
        Assert.Equal(new DateOnly(2026, 3, 31), query.Period.To);
        Assert.Equal(2, query.OrganizationId);
        Assert.Equal("user-7", query.CounsellorId);
    }

    [Fact]
    public void TryRead_CustomPeriod_WinsOverTheYearAndABlankCounsellorIsNone()
    {
        Assert.True(new ResultsAddress(2020, new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 30), null, " ").TryRead(Today, out var query));

        Assert.Equal(ReportPeriod.Custom(new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 30)), query.Period);
        Assert.Null(query.Period.FiscalYear);
        Assert.Null(query.CounsellorId);
    }

    [Theory]
    [InlineData(null, "2026-03-31", "2025-04-01")]
    [InlineData(null, "2025-04-01", null)]
    [InlineData(null, null, "2025-04-01")]
    [InlineData(null, "2015-01-01", "2025-12-31")]
    [InlineData(1999, null, null)]
    [InlineData(2101, null, null)]
    public void TryRead_NoPeriod_IsRefused(int? year, string? from, string? to)
    {
        var address = new ResultsAddress(year, Day(from), Day(to), null, null);

        Assert.False(address.TryRead(Today, out _));
    }

    [Fact]
    public void ToQueryString_FiscalYear_HasTheYearThenTheScope()
    {
        Assert.Equal("year=2025&org=2", new ResultsAddress(2025, null, null, 2, null).ToQueryString());
        Assert.Equal("", new ResultsAddress(null, null, null, null, "  ").ToQueryString());
    }

    [Fact]
    public void ToQueryString_CustomPeriod_HasItsDaysAndAnEscapedCounsellor()
    {
        var address = new ResultsAddress(2025, new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 30), null, "a b&c");

        var text = address.ToQueryString();

        Assert.Equal("from=2025-05-01&to=2025-06-30&counsellor=a%20b%26c", text);
    }

    [Fact]
    public void ToQueryString_ReadBack_IsTheSameQuery()
    {
        var address = new ResultsAddress(null, new DateOnly(2025, 5, 1), new DateOnly(2025, 6, 30), 3, "user-9");
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(address.ToQueryString());

        var again = new ResultsAddress(
            null, Day(parsed["from"]), Day(parsed["to"]), int.Parse(parsed["org"]!, CultureInfo.InvariantCulture), parsed["counsellor"]);

        Assert.True(address.TryRead(Today, out var first));
        Assert.True(again.TryRead(Today, out var second));
        Assert.Equal(first, second);
    }

    private static DateOnly? Day(string? value) => value is null ? null : DateOnly.Parse(value, CultureInfo.InvariantCulture);
}
