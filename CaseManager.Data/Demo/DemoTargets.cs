using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>
/// The settlement targets of the fiscal years the demo files cover, from the year of the first file
/// to the current one: <see cref="ProgramHouseholds"/> households a year for the program, split as
/// evenly as possible across the organizations (387, 387 and 386 for three). Each is set by the demo
/// administrator on the first day of its year.
/// </summary>
internal static class DemoTargets
{
    /// <summary>The program's yearly target.</summary>
    public const int ProgramHouseholds = 1160;

    public static async Task EnsureAsync(CaseManagerDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        if (await db.SettlementTargets.AnyAsync(cancellationToken))
        {
            return;
        }

        var firstFile = await db.Households.MinAsync(h => (DateTimeOffset?)h.CreatedAt, cancellationToken);
        var organizationIds = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken);
        if (firstFile is null || organizationIds.Count == 0)
        {
            return;
        }

        var admin = await db.Users.AsNoTracking().Where(u => u.Email == DemoUsers.AdminEmail)
            .Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        var actor = admin is null ? DemoData.Generator : new Actor(admin.Id, admin.DisplayName);
        var share = ProgramHouseholds / organizationIds.Count;
        var remainder = ProgramHouseholds % organizationIds.Count;
        for (var year = FiscalYear.Of(ProgramCalendar.DayOf(firstFile.Value)).StartYear; year <= FiscalYear.Of(today).StartYear; year++)
        {
            var fiscalYear = new FiscalYear(year);
            var context = new ActionContext(actor, ProgramCalendar.At(fiscalYear.FirstDay, new TimeOnly(9, 0)), fiscalYear.FirstDay);
            for (var i = 0; i < organizationIds.Count; i++)
            {
                db.SettlementTargets.Add(SettlementTarget.Create(fiscalYear, organizationIds[i], share + (i < remainder ? 1 : 0), context));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
