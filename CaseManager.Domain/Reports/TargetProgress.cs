using CaseManager.Domain.Common;

namespace CaseManager.Domain.Reports;

/// <summary>Where a fiscal year stands against its settlement target.</summary>
public enum TargetStanding
{
    /// <summary>No target was set for the year.</summary>
    NoTarget,

    /// <summary>The year has not begun.</summary>
    NotStarted,

    /// <summary>The target is already reached.</summary>
    Reached,

    /// <summary>At the pace so far, the year ends at or above the target.</summary>
    OnTrack,

    /// <summary>At the pace so far, the year ends below the target.</summary>
    Behind,
}

/// <summary>
/// Settlements against a fiscal year's target on a given day: the pace so far, the pace still
/// needed and a straight-line projection to March 31 (the months already past say how fast the
/// program settles households; seasons are not modelled).
/// </summary>
public sealed record TargetProgress(
    int? Target,
    int Settled,
    int DaysElapsed,
    int DaysInYear,
    int ExpectedByNow,
    int Projection,
    decimal PerMonthSoFar,
    decimal? PerMonthNeeded,
    TargetStanding Standing)
{
    /// <summary>An average month: 365.25 / 12 days.</summary>
    public const decimal DaysPerMonth = 30.4375m;

    public int? Remaining => Target is { } target ? Math.Max(target - Settled, 0) : null;

    /// <summary>Settled as a share of the target (1 = reached), or null without a target.</summary>
    public decimal? Share => Target is > 0 ? (decimal)Settled / Target.Value : null;

    public static TargetProgress Compute(int? target, int settled, FiscalYear year, DateOnly today)
    {
        var daysInYear = year.LastDay.DayNumber - year.FirstDay.DayNumber + 1;
        var elapsed = Math.Clamp(today.DayNumber - year.FirstDay.DayNumber + 1, 0, daysInYear);
        var remainingDays = daysInYear - elapsed;
        var perMonthSoFar = elapsed == 0 ? 0m : Math.Round(settled / (elapsed / DaysPerMonth), 1, MidpointRounding.AwayFromZero);
        var projection = elapsed == 0
            ? settled
            : (int)Math.Round((decimal)settled * daysInYear / elapsed, MidpointRounding.AwayFromZero);
        if (target is not { } goal)
        {
            return new TargetProgress(null, settled, elapsed, daysInYear, 0, projection, perMonthSoFar, null, TargetStanding.NoTarget);
        }

        var expected = (int)Math.Round((decimal)goal * elapsed / daysInYear, MidpointRounding.AwayFromZero);
        var missing = Math.Max(goal - settled, 0);
        decimal? perMonthNeeded = missing == 0
            ? 0m
            : remainingDays == 0 ? null : Math.Round(missing / (remainingDays / DaysPerMonth), 1, MidpointRounding.AwayFromZero);
        var standing = settled >= goal ? TargetStanding.Reached
            : elapsed == 0 ? TargetStanding.NotStarted
            : projection >= goal ? TargetStanding.OnTrack
            : TargetStanding.Behind;
        return new TargetProgress(goal, settled, elapsed, daysInYear, expected, projection, perMonthSoFar, perMonthNeeded, standing);
    }
}
