using CaseManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data;

/// <summary>
/// Hands out file numbers "2026-00412": a counter per fiscal year, safe under concurrent
/// registrations. Five digits: the program registers about 9,700 households a year, and numbers
/// must still sort as text past 9,999.
/// </summary>
public static class FileNumbers
{
    /// <summary>
    /// Takes the next number of the fiscal year of <paramref name="day"/>. Call it inside the
    /// transaction that saves the file, so a failed save gives the number back.
    /// </summary>
    public static async Task<string> NextAsync(CaseManagerDbContext db, DateOnly day, CancellationToken cancellationToken = default)
    {
        var fiscalYear = FiscalYear.Of(day);
        var next = await db.Database.SqlQuery<int>($"""
            INSERT INTO file_number_counters (fiscal_year, last_number) VALUES ({fiscalYear.StartYear}, 1)
            ON CONFLICT (fiscal_year) DO UPDATE SET last_number = file_number_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(cancellationToken);
        return Format(fiscalYear, next.Single());
    }

    public static string Format(FiscalYear fiscalYear, int number) =>
        $"{fiscalYear.StartYear}-{number.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)}";
}
