namespace CaseManager.Domain.Common;

/// <summary>
/// Working days as the reminders count them: Monday to Friday (public holidays count as working
/// days, as in the reminder sweep's SQL).
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The working days after <paramref name="since"/>, up to and including <paramref name="through"/>.</summary>
    public static int Between(DateOnly since, DateOnly through)
    {
        if (through <= since)
        {
            return 0;
        }

        var days = through.DayNumber - since.DayNumber;
        var weeks = days / 7;
        var count = weeks * 5;
        for (var day = since.AddDays(weeks * 7 + 1); day <= through; day = day.AddDays(1))
        {
            count += IsWorkingDay(day) ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// The latest day something may have started waiting and, on <paramref name="today"/>, have waited
    /// more than <paramref name="delay"/> working days (at least <paramref name="delay"/> + 1 of them since).
    /// </summary>
    public static DateOnly LatestStartWaitingMoreThan(int delay, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        var counted = 0;
        var day = today;
        while (true)
        {
            if (IsWorkingDay(day) && ++counted == delay + 1)
            {
                return day.AddDays(-1);
            }

            day = day.AddDays(-1);
        }
    }
}
