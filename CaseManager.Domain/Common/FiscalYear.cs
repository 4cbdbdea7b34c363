namespace CaseManager.Domain.Common;

/// <summary>The program's fiscal year runs from April 1 to March 31 and is named by its first year.</summary>
public readonly record struct FiscalYear(int StartYear)
{
    public DateOnly FirstDay => new(StartYear, 4, 1);
    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    public static FiscalYear Of(DateOnly day) => new(day.Month >= 4 ? day.Year : day.Year - 1);

    /// <summary>"2025-2026".</summary>
    public override string ToString() => $"{StartYear}-{StartYear + 1}";
}
