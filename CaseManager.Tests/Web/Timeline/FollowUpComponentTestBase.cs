using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.MyWeek;
using CaseManager.Web.Features.Plans;
using CaseManager.Web.Features.Stays;
using CaseManager.Web.Features.Timeline;
using CaseManager.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using CaseManager.Web.Access;

namespace CaseManager.Tests.Web.Timeline;

/// <summary>
/// bUnit, in French, over the real services and the test database: the pages and tabs of a file's
/// follow-up as a counsellor (<see cref="Current"/>) sees them at <see cref="FixedContext.Now"/>.
/// </summary>
public abstract class FollowUpComponentTestBase(DatabaseFixture database) : ComponentTestBase
{
    private int _fileNumbers;

    protected DatabaseFixture Database { get; } = database;
    protected FakeTimeProvider Time { get; } = new(FixedContext.Now);
    protected TestCurrentUser Current { get; } = new(UserIdentity.Anonymous);
    protected UserIdentity Marie { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity Paul { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity Supervisor { get; private set; } = UserIdentity.Anonymous;

    protected PlanService Plans => Services.GetRequiredService<PlanService>();

    /// <summary>Resets the database, creates the users and registers the services; call before rendering.</summary>
    protected async Task SetUpAsync()
    {
        await Database.ResetAsync();
        await using (var db = Database.CreateDbContext())
        {
            Marie = await TestUsers.CounsellorAsync(db, "Marie Tremblay", organizationId: 1);
            Paul = await TestUsers.CounsellorAsync(db, "Paul Nguyen", organizationId: 2);
            Supervisor = await TestUsers.SupervisorAsync(db, "Louise Gagnon");
        }

        Current.User = Marie;
        Services.AddSingleton(Database.ContextFactory);
        Services.AddSingleton<ICurrentUser>(Current);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<AppClock>();
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddScoped<AccessPolicy>();
        Services.AddScoped<HouseholdService>();
        Services.AddScoped<PlanService>();
        Services.AddScoped<ReferenceDataService>();
        Services.AddScoped<RetentionService>();
        Services.AddScoped<TimelineService>();
        Services.AddScoped<MyWeekService>();
        Services.AddScoped<FollowUpBulkService>();
        Services.AddScoped<StayService>();
    }

    protected async Task<Household> SaveAsync(UserIdentity counsellor, Func<HouseholdBuilder, HouseholdBuilder>? shape = null)
    {
        var builder = new HouseholdBuilder()
            .WithFileNumber($"2025-{++_fileNumbers:D5}")
            .AssignedTo(counsellor.Id)
            .WithOrganization(counsellor.OrganizationId ?? 1);
        var household = (shape?.Invoke(builder) ?? builder).Build();
        await using var db = Database.CreateDbContext();
        db.ActingAs(FixedContext.Default).Households.Add(household);
        await db.SaveChangesAsync();
        return household;
    }

    protected async Task<Guid> AddGoalAsync(Guid householdId, string needCode = "employment") =>
        await Plans.AddGoalAsync(householdId, (await Plans.GetAsync(householdId)).Version, needCode, null);

    protected async Task<Guid> AddTaskAsync(Guid householdId, Guid goalId, string title, int dueInDays, TaskOwner owner = TaskOwner.Counsellor) =>
        await Plans.AddTaskAsync(householdId, (await Plans.GetAsync(householdId)).Version, goalId, title, owner, FixedContext.Today.AddDays(dueInDays));

    /// <summary>A follow-up after the move, as the reminders engine would create it.</summary>
    protected Task<RetentionCheck> AddRetentionCheckAsync(Guid householdId, int monthsAfter, DateOnly settledOn) =>
        FollowUpData.AddRetentionCheckAsync(Database, householdId, monthsAfter, settledOn);

    protected Task<Household> SaveSettledAsync(UserIdentity counsellor, DateOnly settledOn) =>
        SaveAsync(counsellor, b => b.SettledOn(settledOn));
}
