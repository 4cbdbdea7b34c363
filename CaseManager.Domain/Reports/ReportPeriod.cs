using CaseManager.Domain.Common;

namespace CaseManager.Domain.Reports;

/// <summary>
/// The days a results report covers, both ends included: a fiscal year (April 1 to March 31) or a
/// custom period. Every figure of the report counts what happened on these calendar days in Montréal.
/// </summary>
public sealed record ReportPeriod
{
    /// <summary>The longest custom period a report accepts: five fiscal years, leap days included.</summary>
    public const int MaxDays = 5 * 366;

    private ReportPeriod(DateOnly from, DateOnly to)
    {
        From = from;
        To = to;
    }

    public DateOnly From { get; }
    public DateOnly To { get; }

    /// <summary>How many days the period counts, both ends included.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The fiscal year this period is exactly, or null for any other period.</summary>
    public FiscalYear? FiscalYear
    {
        get
        {
            var year = Common.FiscalYear.Of(From);
            return From == year.FirstDay && To == year.LastDay ? year : null;
        }
    }

    public static ReportPeriod Of(FiscalYear year) => new(year.FirstDay, year.LastDay);

    /// <summary>A custom period, or the reasons it is refused (missing day, end before start, too long).</summary>
    public static ReportPeriod Custom(DateOnly? from, DateOnly? to)
    {
        var refusals = Validate(from, to);
        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }

        return new ReportPeriod(from!.Value, to!.Value);
    }

    public static IReadOnlyList<Refusal> Validate(DateOnly? from, DateOnly? to)
    {
        if (from is null || to is null)
        {
            return [new Refusal("Reports.PeriodIncomplete")];
        }

        if (to < from)
        {
            return [new Refusal("Reports.PeriodReversed")];
        }

        return to.Value.DayNumber - from.Value.DayNumber + 1 > MaxDays
            ? [new Refusal("Reports.PeriodTooLong", MaxDays / 366)]
            : [];
    }

    /// <summary>The first day of each calendar month the period touches, in order.</summary>
    public IReadOnlyList<DateOnly> Months()
    {
        var months = new List<DateOnly>();
        for (var month = new DateOnly(From.Year, From.Month, 1); month <= To; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        return months;
    }

    public override string ToString() => FiscalYear?.ToString() ?? $"{From:yyyy-MM-dd} – {To:yyyy-MM-dd}";
}
