using System.Globalization;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;

namespace CaseManager.Tests.Domain;

public sealed class ReportPeriodTests
{
    private static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    private static DateOnly? OptionalDay(string? day) => day is null ? null : Day(day);

    [Theory]
    [InlineData(2025, "2025-04-01", "2026-03-31", 365)]
    [InlineData(2023, "2023-04-01", "2024-03-31", 366)]
    [InlineData(2027, "2027-04-01", "2028-03-31", 366)]
    public void Of_FiscalYear_AprilFirstToMarchThirtyFirstAndIsThatFiscalYear(int startYear, string from, string to, int days)
    {
        var period = ReportPeriod.Of(new FiscalYear(startYear));

        Assert.Equal((Day(from), Day(to), days), (period.From, period.To, period.Days));
        Assert.Equal(new FiscalYear(startYear), period.FiscalYear);
        Assert.Equal($"{startYear}-{startYear + 1}", period.ToString());
    }

    [Theory]
    [InlineData("2025-04-01", "2026-03-31", 2025)]
    [InlineData("2026-04-01", "2027-03-31", 2026)]
    [InlineData("2025-04-01", "2026-03-30", null)]
    [InlineData("2025-04-02", "2026-03-31", null)]
    [InlineData("2025-04-01", "2026-04-01", null)]
    [InlineData("2025-03-31", "2026-03-31", null)]
    [InlineData("2025-01-01", "2025-12-31", null)]
    [InlineData("2025-10-01", "2026-01-31", null)]
    public void Custom_ExactlyAFiscalYear_IsThatFiscalYear_AnyOtherPeriodIsNone(string from, string to, int? startYear)
    {
        var period = ReportPeriod.Custom(Day(from), Day(to));

        Assert.Equal(startYear is { } year ? new FiscalYear(year) : null, period.FiscalYear);
        Assert.Equal(ReportPeriod.Of(new FiscalYear(2025)) == period, startYear == 2025);
    }

    [Theory]
    [InlineData("2025-10-01", "2025-10-01", 1)]
    [InlineData("2025-10-01", "2026-01-31", 123)]
    [InlineData("2024-02-01", "2024-03-01", 30)]
    [InlineData("2025-02-01", "2025-03-01", 29)]
    public void Days_BothEndsIncluded(string from, string to, int days)
    {
        Assert.Equal(days, ReportPeriod.Custom(Day(from), Day(to)).Days);
    }

    [Theory]
    [InlineData("2025-10-01", "2026-01-31", "2025-10-01,2025-11-01,2025-12-01,2026-01-01")]
    [InlineData("2025-11-15", "2026-02-03", "2025-11-01,2025-12-01,2026-01-01,2026-02-01")]
    [InlineData("2025-12-31", "2026-01-01", "2025-12-01,2026-01-01")]
    [InlineData("2026-03-31", "2026-03-31", "2026-03-01")]
    [InlineData("2025-04-01", "2026-03-31",
        "2025-04-01,2025-05-01,2025-06-01,2025-07-01,2025-08-01,2025-09-01,2025-10-01,2025-11-01,2025-12-01,2026-01-01,2026-02-01,2026-03-01")]
    public void Months_FirstDayOfEachMonthTouched_InOrderAcrossTheYearEnd(string from, string to, string expected)
    {
        var months = ReportPeriod.Custom(Day(from), Day(to)).Months();

        Assert.Equal(expected.Split(',').Select(Day), months);
    }

    [Theory]
    [InlineData(null, "2026-01-31", "Reports.PeriodIncomplete")]
    [InlineData("2025-10-01", null, "Reports.PeriodIncomplete")]
    [InlineData(null, null, "Reports.PeriodIncomplete")]
    [InlineData("2026-01-31", "2025-10-01", "Reports.PeriodReversed")]
    [InlineData("2025-10-02", "2025-10-01", "Reports.PeriodReversed")]
    [InlineData("2020-04-01", "2025-04-05", "Reports.PeriodTooLong")]
    public void Custom_IncompleteReversedOrTooLong_IsRefusedWithItsReason(string? from, string? to, string code)
    {
        var refusal = Assert.Single(ReportPeriod.Validate(OptionalDay(from), OptionalDay(to)));
        var exception = Assert.Throws<DomainRuleException>(() => ReportPeriod.Custom(OptionalDay(from), OptionalDay(to)));

        Assert.Equal(code, refusal.Code);
        Assert.Equal(code, Assert.Single(exception.Refusals).Code);
    }

    [Fact]
    public void Custom_TooLong_SaysHowManyYearsAreAllowed()
    {
        var refusal = Assert.Single(ReportPeriod.Validate(Day("2020-01-01"), Day("2030-01-01")));

        Assert.Equal(5, Assert.Single(refusal.Arguments));
    }

    [Theory]
    [InlineData("2020-04-01", "2025-03-31")]
    [InlineData("2020-04-01", "2025-04-04")]
    public void Custom_FiveYearsLeapDaysIncluded_IsAccepted(string from, string to)
    {
        // 2020-04-01 to 2025-04-04 is 1830 days (5 × 366, MaxDays): the longest period accepted.
        Assert.Empty(ReportPeriod.Validate(Day(from), Day(to)));
        Assert.True(ReportPeriod.Custom(Day(from), Day(to)).Days <= ReportPeriod.MaxDays);
    }

    [Fact]
    public void Custom_OneDayMoreThanMaxDays_IsRefused_MaxDaysItselfIsNot()
    {
        var from = Day("2020-04-01");

        Assert.Empty(ReportPeriod.Validate(from, from.AddDays(ReportPeriod.MaxDays - 1)));
        Assert.Equal("Reports.PeriodTooLong", Assert.Single(ReportPeriod.Validate(from, from.AddDays(ReportPeriod.MaxDays))).Code);
    }

    [Fact]
    public void ToString_CustomPeriod_BothDays()
    {
        Assert.Equal("2025-10-01 – 2026-01-31", ReportPeriod.Custom(Day("2025-10-01"), Day("2026-01-31")).ToString());
    }
}
