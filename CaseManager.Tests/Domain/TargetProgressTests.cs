using System.Globalization;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;

namespace CaseManager.Tests.Domain;

/// <summary>
/// Fiscal year 2025 (2025-04-01 to 2026-03-31, 365 days). Expected values worked by hand:
/// per month = settled / (elapsed / 30.4375), projection = settled × 365 / elapsed, expected by
/// now = target × elapsed / 365, needed = missing / (remaining / 30.4375), rounded half away from zero.
/// </summary>
public sealed class TargetProgressTests
{
    private static readonly FiscalYear Year = new(2025);

    private static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    private static decimal? Amount(string? value) => value is null ? null : decimal.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    // Day 0 (the day before the year): nothing elapsed, the whole target still to do over 365 days.
    [InlineData(100, 0, "2025-03-31", 0, 0, 0, "0", "8.3", TargetStanding.NotStarted)]
    [InlineData(100, 5, "2025-01-15", 0, 0, 5, "0", "7.9", TargetStanding.NotStarted)]
    // First day: one day elapsed.
    [InlineData(12, 3, "2025-04-01", 1, 0, 1095, "91.3", "0.8", TargetStanding.OnTrack)]
    // Mid-year (2025-09-30: 183 days elapsed, 182 left): 50 settled projects to 100.
    [InlineData(120, 50, "2025-09-30", 183, 60, 100, "8.3", "11.7", TargetStanding.Behind)]
    [InlineData(90, 50, "2025-09-30", 183, 45, 100, "8.3", "6.7", TargetStanding.OnTrack)]
    [InlineData(100, 50, "2025-09-30", 183, 50, 100, "8.3", "8.4", TargetStanding.OnTrack)]
    // Reached: nothing more needed, whatever the day.
    [InlineData(40, 45, "2025-09-30", 183, 20, 90, "7.5", "0", TargetStanding.Reached)]
    [InlineData(40, 40, "2026-03-31", 365, 40, 40, "3.3", "0", TargetStanding.Reached)]
    [InlineData(0, 0, "2025-09-30", 183, 0, 0, "0", "0", TargetStanding.Reached)]
    // Last day and after the year: no day left, so no pace can close the gap.
    [InlineData(100, 80, "2026-03-31", 365, 100, 80, "6.7", null, TargetStanding.Behind)]
    [InlineData(100, 80, "2026-05-01", 365, 100, 80, "6.7", null, TargetStanding.Behind)]
    [InlineData(16, 4, "2026-04-15", 365, 16, 4, "0.3", null, TargetStanding.Behind)]
    public void Compute_WithTarget_PaceProjectionAndStanding(
        int target, int settled, string today, int elapsed, int expectedByNow, int projection, string perMonthSoFar, string? perMonthNeeded, TargetStanding standing)
    {
        var progress = TargetProgress.Compute(target, settled, Year, Day(today));

        Assert.Equal(
            new TargetProgress(target, settled, elapsed, 365, expectedByNow, projection, Amount(perMonthSoFar)!.Value, Amount(perMonthNeeded), standing),
            progress);
        Assert.Equal(Math.Max(target - settled, 0), progress.Remaining);
    }

    [Theory]
    [InlineData(50, "2025-09-30", 183, 100, "8.3")]
    [InlineData(0, "2025-03-31", 0, 0, "0")]
    [InlineData(2, "2026-04-15", 365, 2, "0.2")]
    public void Compute_NoTarget_ProjectionOnlyAndNoStanding(int settled, string today, int elapsed, int projection, string perMonthSoFar)
    {
        var progress = TargetProgress.Compute(null, settled, Year, Day(today));

        Assert.Equal(
            new TargetProgress(null, settled, elapsed, 365, 0, projection, Amount(perMonthSoFar)!.Value, null, TargetStanding.NoTarget),
            progress);
        Assert.Null(progress.Remaining);
        Assert.Null(progress.Share);
    }

    [Fact]
    public void Compute_LeapYear_CountsItsDays()
    {
        // Fiscal year 2023 ends on 2024-03-31, after February 29: 366 days.
        var progress = TargetProgress.Compute(366, 183, new FiscalYear(2023), new DateOnly(2023, 9, 30));

        Assert.Equal((183, 366, 183, 366, TargetStanding.OnTrack), (progress.DaysElapsed, progress.DaysInYear, progress.ExpectedByNow, progress.Projection, progress.Standing));
    }

    [Theory]
    [InlineData(40, 45, "1.125")]
    [InlineData(120, 60, "0.5")]
    [InlineData(100, 0, "0")]
    [InlineData(0, 3, null)]
    public void Share_SettledOverTarget_NoneForATargetOfZero(int target, int settled, string? share)
    {
        var progress = TargetProgress.Compute(target, settled, Year, new DateOnly(2025, 9, 30));

        Assert.Equal(Amount(share), progress.Share);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(SettlementTarget.MaxHouseholds + 1)]
    [InlineData(int.MinValue)]
    public void SettlementTarget_OutOfRange_IsRefused(int households)
    {
        var context = new ActionContext(new Actor("admin-1", "Alice Admin"), new DateTimeOffset(2025, 4, 2, 14, 0, 0, TimeSpan.FromHours(-4)), new DateOnly(2025, 4, 2));

        var created = Assert.Throws<DomainRuleException>(() => SettlementTarget.Create(Year, 1, households, context));
        var target = SettlementTarget.Create(Year, 1, 10, context);
        var changed = Assert.Throws<DomainRuleException>(() => target.Change(households, context));

        Assert.Equal(new Refusal("Reports.TargetOutOfRange", SettlementTarget.MaxHouseholds).ToString(), Assert.Single(created.Refusals).ToString());
        Assert.Equal("Reports.TargetOutOfRange", Assert.Single(changed.Refusals).Code);
        Assert.Equal(10, target.Households);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(250)]
    [InlineData(SettlementTarget.MaxHouseholds)]
    public void SettlementTarget_InRange_IsKeptWithWhoAndWhen(int households)
    {
        var now = new DateTimeOffset(2025, 4, 2, 14, 0, 0, TimeSpan.FromHours(-4));
        var target = SettlementTarget.Create(Year, 3, households, new ActionContext(new Actor("admin-1", "Alice Admin"), now, new DateOnly(2025, 4, 2)));

        Assert.Equal((2025, 3, households, now, "Alice Admin"), (target.FiscalYearStart, target.OrganizationId, target.Households, target.UpdatedAt, target.UpdatedByName));
    }
}
