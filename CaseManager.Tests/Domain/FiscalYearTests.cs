using CaseManager.Domain.Common;

namespace CaseManager.Tests.Domain;

public sealed class FiscalYearTests
{
    [Theory]
    [InlineData("2026-03-31", 2025)]
    [InlineData("2026-04-01", 2026)]
    [InlineData("2025-03-31", 2024)]
    [InlineData("2025-04-01", 2025)]
    [InlineData("2025-12-31", 2025)]
    [InlineData("2026-01-01", 2025)]
    [InlineData("2024-02-29", 2023)]
    [InlineData("2025-06-24", 2025)]
    public void Of_Day_FiscalYearStartingTheAprilBefore(string day, int startYear)
    {
        Assert.Equal(new FiscalYear(startYear), FiscalYear.Of(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(2025, "2025-2026")]
    [InlineData(2026, "2026-2027")]
    [InlineData(1999, "1999-2000")]
    public void ToString_StartYear_BothYearsJoinedByAHyphen(int startYear, string expected)
    {
        Assert.Equal(expected, new FiscalYear(startYear).ToString());
    }

    [Theory]
    [InlineData(2023)]
    [InlineData(2025)]
    public void FirstDayAndLastDay_FiscalYear_AprilFirstToMarchThirtyFirst(int startYear)
    {
        var year = new FiscalYear(startYear);

        Assert.Equal(new DateOnly(startYear, 4, 1), year.FirstDay);
        Assert.Equal(new DateOnly(startYear + 1, 3, 31), year.LastDay);
        Assert.Equal(year, FiscalYear.Of(year.FirstDay));
        Assert.Equal(year, FiscalYear.Of(year.LastDay));
        Assert.Equal(new FiscalYear(startYear - 1), FiscalYear.Of(year.FirstDay.AddDays(-1)));
        Assert.Equal(new FiscalYear(startYear + 1), FiscalYear.Of(year.LastDay.AddDays(1)));
    }
}
