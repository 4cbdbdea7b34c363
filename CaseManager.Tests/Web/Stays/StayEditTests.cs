using CaseManager.Domain.Common;
using CaseManager.Domain.Stays;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Web.Stays;

/// <summary>Changing an agenda item, a budget line and a household's people count on an existing stay.</summary>
public sealed class StayEditTests(DatabaseFixture database) : StayServiceTestBase(database)
{
    [Fact]
    public async Task UpdateAgendaItem_ChangesItInPlace_AndAnOutOfDatesDayIsRefusedWithNothingChanged()
    {
        var stayId = await PlanAsync(startInDays: 10, nights: 2);
        var itemId = await Stays.AddAgendaItemAsync(stayId, await StayVersionAsync(stayId),
            new AgendaItemDetails(FixedContext.Today.AddDays(10), new TimeOnly(9, 0), AgendaItemKind.Visit, "Centre-ville", null, null));

        await Stays.UpdateAgendaItemAsync(stayId, await StayVersionAsync(stayId), itemId,
            new AgendaItemDetails(FixedContext.Today.AddDays(11), new TimeOnly(14, 30), AgendaItemKind.EmployerMeeting, "Rio Tinto", "Mme Gagné", "Apporter le CV"));
        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () => await Stays.UpdateAgendaItemAsync(stayId, await StayVersionAsync(stayId), itemId,
            new AgendaItemDetails(FixedContext.Today.AddDays(30), null, AgendaItemKind.Other, "Ailleurs", null, null)));

        var item = Assert.Single((await Stays.GetAsync(stayId)).Agenda);
        Assert.Equal((itemId, FixedContext.Today.AddDays(11), new TimeOnly(14, 30), AgendaItemKind.EmployerMeeting, "Rio Tinto", "Mme Gagné", "Apporter le CV"),
            (item.Id, item.Day, item.Time!.Value, item.Kind, item.Place, item.With, item.Notes));
        Assert.Equal("Stay.AgendaOutsideDates", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task UpdateExpense_ChangesTheLineAndTheTotals_AStaleVersionIsTold()
    {
        var stayId = await PlanAsync();
        var expenseId = await Stays.AddExpenseAsync(stayId, await StayVersionAsync(stayId), new ExpenseDetails(ExpenseCategory.Lodging, "Auberge", 300m, null));
        var seen = await StayVersionAsync(stayId);

        await Stays.UpdateExpenseAsync(stayId, seen, expenseId, new ExpenseDetails(ExpenseCategory.Lodging, "Auberge, 2 nuits", 320.50m, 310.25m));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Stays.UpdateExpenseAsync(stayId, seen, expenseId, new ExpenseDetails(ExpenseCategory.Meals, null, 1m, null)));

        var budget = (await Stays.GetAsync(stayId)).Budget!;
        var expense = Assert.Single(budget.Expenses);
        Assert.Equal((ExpenseCategory.Lodging, "Auberge, 2 nuits", 320.50m, (decimal?)310.25m), (expense.Category, expense.Description, expense.Planned, expense.Actual));
        Assert.Equal((320.50m, 310.25m), (budget.PlannedTotal, budget.ActualTotal));
    }

    [Fact]
    public async Task ChangePeopleCount_WithinTheHouseholdsSize_IsSaved_AboveItIsRefused_AnotherCounsellorsFileIsDenied()
    {
        var household = await SaveAsync(Marie, b => b.WithProfile(p => p.WithSpouse("Youssef", "Haddad")));
        var paulsFile = await SaveAsync(Paul);
        var stayId = await PlanAsync();
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), household.Id, 1);
        Current.User = Paul;
        await Stays.AddParticipantAsync(stayId, await StayVersionAsync(stayId), paulsFile.Id, 1);

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Stays.ChangePeopleCountAsync(stayId, await StayVersionAsync(stayId), household.Id, 2));
        Current.User = Marie;
        await Stays.ChangePeopleCountAsync(stayId, await StayVersionAsync(stayId), household.Id, 2);
        var refused = await Assert.ThrowsAsync<DomainRuleException>(async () => await Stays.ChangePeopleCountAsync(stayId, await StayVersionAsync(stayId), household.Id, 3));

        var view = await Stays.GetAsync(stayId);
        Assert.Equal(2, view.Participants.Single(p => p.HouseholdId == household.Id).PeopleCount);
        Assert.Equal(3, view.People);
        Assert.Equal("Stay.PeopleCountAboveHouseholdSize", Assert.Single(refused.Refusals).Code);
        Assert.Contains(AuditOf(household.Id), a => a.EntityType == nameof(StayParticipant) && a.NewValue == "2");
    }
}
