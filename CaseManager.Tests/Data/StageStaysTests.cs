using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Data;

/// <summary>
/// The <c>stage_stays</c> summary table is the database's: its trigger must agree with the stage
/// history however the moves arrive (one save, several saves, a bulk insert in any order).
/// </summary>
public sealed class StageStaysTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static readonly WorkflowFacts Facts = new(PlanAgreed: true, SessionAttended: true, StayCompleted: true);

    [Fact]
    public async Task MovesSavedOneByOne_EachStayEndsAtTheNextChangeOfStage_HoldsAndWithdrawalsDoNot()
    {
        var household = new HouseholdBuilder().AssignedTo(null).OpenedOn(new DateOnly(2025, 5, 1)).WithContact(new DateOnly(2025, 5, 2)).WithNeeds("employment").Build();
        await AddAsync(household);

        await StepAsync(household.Id, new DateOnly(2025, 5, 11), (h, c) => h.AdvanceTo(Stage.PersonalizedPlan, c, Facts));
        await StepAsync(household.Id, new DateOnly(2025, 5, 15), (h, c) => h.PutOnHold(new DateOnly(2025, 6, 1), "Attente du permis", c));
        await StepAsync(household.Id, new DateOnly(2025, 5, 18), (h, c) => h.Reactivate(null, c));
        await StepAsync(household.Id, new DateOnly(2025, 5, 21), (h, c) => h.GoBackTo(Stage.Outreach, "Besoin à revoir", c));
        await StepAsync(household.Id, new DateOnly(2025, 6, 5), (h, c) => h.AdvanceTo(Stage.PersonalizedPlan, c, Facts));

        Assert.Equal(
            [
                (Stage.Outreach, TransitionKind.Opened, new DateOnly(2025, 5, 1), (TransitionKind?)TransitionKind.Advance, (DateOnly?)new DateOnly(2025, 5, 11)),
                (Stage.PersonalizedPlan, TransitionKind.Advance, new DateOnly(2025, 5, 11), TransitionKind.GoBack, new DateOnly(2025, 5, 21)),
                (Stage.Outreach, TransitionKind.GoBack, new DateOnly(2025, 5, 21), TransitionKind.Advance, new DateOnly(2025, 6, 5)),
                (Stage.PersonalizedPlan, TransitionKind.Advance, new DateOnly(2025, 6, 5), null, null),
            ],
            await StaysAsync(household.Id));
    }

    [Fact]
    public async Task HistoryCopiedInReverseOrder_GivesTheSameStaysAsTheHistorySavedAtOnce()
    {
        var household = new HouseholdBuilder().AssignedTo(null).OpenedOn(new DateOnly(2025, 4, 1)).AtStage(Stage.MovingSubsidy)
            .SettledIn("02", "Saguenay", new DateOnly(2025, 9, 1)).Build();
        await AddAsync(household);
        var saved = await StaysAsync(household.Id);

        // Copy the history again, newest move first, in one statement (as a bulk load would).
        await using (var db = Database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TEMP TABLE moves AS SELECT * FROM stage_transitions;
                DELETE FROM stage_transitions;
                INSERT INTO stage_transitions SELECT * FROM moves ORDER BY occurred_at DESC;
                """);
        }

        Assert.Equal(5, saved.Count);
        Assert.Equal(TransitionKind.Settle, saved[^1].LeftBy);
        Assert.Equal(saved, await StaysAsync(household.Id));
    }

    private async Task AddAsync(Household household)
    {
        await using var db = Database.CreateDbContext();
        db.ActingAs(FixedContext.Default).Households.Add(household);
        await db.SaveChangesAsync();
    }

    /// <summary>One move, in its own save, as the application makes it.</summary>
    private async Task StepAsync(Guid householdId, DateOnly day, Action<Household, CaseManager.Domain.Common.ActionContext> move)
    {
        var context = FixedContext.On(day);
        await using var db = Database.CreateDbContext();
        var household = await db.ActingAs(context).Households.Include(h => h.History).SingleAsync(h => h.Id == householdId);
        move(household, context);
        await db.SaveChangesAsync();
    }

    private async Task<List<(Stage Stage, TransitionKind EnteredBy, DateOnly EnteredOn, TransitionKind? LeftBy, DateOnly? LeftOn)>> StaysAsync(Guid householdId)
    {
        await using var db = Database.CreateDbContext();
        var stays = await db.StageStays.AsNoTracking().Where(s => s.HouseholdId == householdId).OrderBy(s => s.EnteredAt).ToListAsync();
        return stays.Select(s => (s.Stage, s.EnteredBy, DateOnly.FromDateTime(s.EnteredAt.ToOffset(FixedContext.MontrealOffset).DateTime),
            s.LeftBy, s.LeftAt is { } left ? DateOnly.FromDateTime(left.ToOffset(FixedContext.MontrealOffset).DateTime) : (DateOnly?)null)).ToList();
    }
}
