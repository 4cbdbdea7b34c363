using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.MyWeek;
using CaseManager.Web.Features.Plans;
using CaseManager.Web.Features.Timeline;
using CaseManager.Web.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Timeline;

/// <summary>
/// The services of a file's follow-up (plan, timeline, "my week", retention answers) acting as
/// <see cref="HouseholdServiceTestBase.Current"/> at <see cref="FixedContext.Now"/>, with helpers
/// that build plans through <see cref="PlanService"/> as a counsellor would.
/// </summary>
public abstract class FollowUpTestBase(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    protected AppClock Clock => new(Time);

    protected PlanService Plans => new(Database.ContextFactory, Access, Clock, NullLogger<PlanService>.Instance);

    protected TimelineService Timeline => new(Database.ContextFactory, Access, Clock);

    protected MyWeekService MyWeek => new(Database.ContextFactory, Access, Clock);

    protected RetentionService Retention => new(Database.ContextFactory, Access, Clock, NullLogger<RetentionService>.Instance);

    protected async Task<uint> PlanVersionAsync(Guid householdId) => (await Plans.GetAsync(householdId)).Version;

    /// <summary>Adds a goal in <paramref name="needCode"/> to the file's plan (starting it if needed), as whoever acts now.</summary>
    protected async Task<Guid> AddGoalAsync(Guid householdId, string needCode = "employment") =>
        await Plans.AddGoalAsync(householdId, await PlanVersionAsync(householdId), needCode, null);

    /// <summary>Adds a task due <paramref name="dueInDays"/> days from today (negative: overdue), as whoever acts now.</summary>
    protected async Task<Guid> AddTaskAsync(
        Guid householdId, Guid goalId, string title, int? dueInDays, TaskOwner owner = TaskOwner.Counsellor) =>
        await Plans.AddTaskAsync(householdId, await PlanVersionAsync(householdId), goalId, title, owner,
            dueInDays is { } days ? FixedContext.Today.AddDays(days) : null);

    /// <summary>A follow-up after the move, as the reminders engine would create it.</summary>
    protected Task<RetentionCheck> AddRetentionCheckAsync(Guid householdId, int monthsAfter, DateOnly settledOn) =>
        FollowUpData.AddRetentionCheckAsync(Database, householdId, monthsAfter, settledOn);

    /// <summary>A file settled in Saguenay on <paramref name="settledOn"/>, opened long enough before.</summary>
    protected Task<Household> SaveSettledAsync(UserIdentity counsellor, DateOnly settledOn) =>
        SaveAsync(counsellor, b => b.SettledOn(settledOn));

    /// <summary>Moves the clock <paramref name="minutes"/> minutes on, so the next saves get their own instant.</summary>
    protected void Later(int minutes = 1) => Time.Advance(TimeSpan.FromMinutes(minutes));
}
