using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>
/// The follow-ups after a move (3, 6 and 12 months) that a real program would have answered long
/// ago: each one due more than <see cref="LeftToTheSweep"/> days before the demo's day is recorded
/// as answered around its due date (most households still in their region). Those due more
/// recently are left to the reminders sweep, so "Ma semaine" shows follow-ups at most that late,
/// not a year of them.
/// </summary>
internal static class DemoRetention
{
    public const int LeftToTheSweep = 60;

    public static async Task EnsureAsync(CaseManagerDbContext db, DateTimeOffset now, DateOnly today, int seed, CancellationToken cancellationToken)
    {
        var settled = await db.Households.AsNoTracking()
            .Where(h => h.Settlement != null && (h.Status == CaseStatus.Settled || h.Status == CaseStatus.Closed)
                        && !db.RetentionChecks.Any(c => c.HouseholdId == h.Id))
            .OrderBy(h => h.FileNumber)
            .Select(h => new { h.Id, h.Settlement!.SettledOn })
            .ToListAsync(cancellationToken);
        var random = new Random(seed + 11);
        var context = new ActionContext(DemoData.Generator, now, today);
        var checks = new List<RetentionCheck>();
        foreach (var household in settled)
        {
            foreach (var months in RetentionCheck.Horizons)
            {
                var check = RetentionCheck.Due(household.Id, months, household.SettledOn, now);
                if (check.DueOn > today.AddDays(-LeftToTheSweep))
                {
                    continue;
                }

                var answeredOn = check.DueOn.AddDays(random.Between(0, 21));
                var stillThere = random.Chance(0.85);
                check.Answer(answeredOn > today ? today : answeredOn, stillThere, stillThere ? random.Chance(0.8) : null, stillThere ? true : null, null, context);
                checks.Add(check);
            }
        }

        await BulkCopy.WriteAsync(db, checks, cancellationToken);
    }
}
