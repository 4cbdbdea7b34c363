using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Web.Timeline;

/// <summary>Test data of a file's follow-up that the services under test do not create themselves.</summary>
public static class FollowUpData
{
    /// <summary>A follow-up after the move, as the reminders engine would create it.</summary>
    public static async Task<RetentionCheck> AddRetentionCheckAsync(DatabaseFixture database, Guid householdId, int monthsAfter, DateOnly settledOn)
    {
        var check = RetentionCheck.Due(householdId, monthsAfter, settledOn, FixedContext.Now);
        await using var db = database.CreateDbContext();
        db.RetentionChecks.Add(check);
        await db.ActingAs(FixedContext.Default).SaveChangesAsync();
        return check;
    }

    /// <summary>A file settled in Saguenay on <paramref name="settledOn"/>, opened long enough before to get there.</summary>
    public static HouseholdBuilder SettledOn(this HouseholdBuilder builder, DateOnly settledOn) =>
        builder.OpenedOn(settledOn.AddDays(-30)).AtStage(Stage.MovingSubsidy).SettledIn("02", "Saguenay", settledOn);
}
