using CaseManager.Data;
using CaseManager.Domain.Assignment;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Jobs;
using CaseManager.Tests.Support;
using CaseManager.Tests.Web.Admin;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Features.Supervision;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Supervision;

/// <summary>
/// Marie (organization 1), Paul (2) and Sofia (3, 0.5 FTE, speaks Spanish), and the supervisor;
/// the supervision service acts as <see cref="HouseholdServiceTestBase.Current"/>.
/// </summary>
public abstract class SupervisionTestBase(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    protected UserIdentity Sofia { get; private set; } = UserIdentity.Anonymous;

    protected RecordingJobClient Jobs { get; } = new();

    /// <summary>
    /// Over fresh contexts, as the application's factory gives them: a pooled context would keep
    /// the actor of an earlier unit of work and hide a save that forgot to say who acts.
    /// </summary>
    protected SupervisionService Supervision =>
        new(new FreshContexts(Database.ConnectionString), TestAccess.Policy(new FreshContexts(Database.ConnectionString), Current, Time), new AppClock(Time), new ReminderEmails(ReminderTestBase.Links), Jobs, NullLogger<SupervisionService>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        Sofia = await TestUsers.CounsellorAsync(db, "Sofia Ramirez", organizationId: 3);
        await SetCounsellorAsync(Sofia, 0.5m, "es", "fr");
        await SetCounsellorAsync(Marie, 1.0m, "fr", "en");
        await SetCounsellorAsync(Paul, 1.0m, "fr", "vi");
    }

    private sealed class FreshContexts(string connectionString) : IDbContextFactory<CaseManagerDbContext>
    {
        private readonly DbContextOptions<CaseManagerDbContext> _options =
            (DbContextOptions<CaseManagerDbContext>)new DbContextOptionsBuilder<CaseManagerDbContext>().UseCaseManagerDatabase(connectionString).Options;

        public CaseManagerDbContext CreateDbContext() => new(_options);
    }

    protected async Task SetCounsellorAsync(UserIdentity counsellor, decimal capacity, params string[] languages)
    {
        await using var db = Database.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Id == counsellor.Id);
        user.Capacity = capacity;
        user.Languages = [.. languages];
        await db.SaveChangesAsync();
    }

    protected async Task<List<AssignmentRecord>> AssignmentsOfAsync(Guid householdId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Assignments.AsNoTracking().Where(a => a.HouseholdId == householdId).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync();
    }

    protected async Task<List<Notification>> NotificationsOfAsync(UserIdentity user)
    {
        await using var db = Database.CreateDbContext();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync();
    }

    protected async Task<string?> CounsellorOfAsync(Guid householdId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Households.Where(h => h.Id == householdId).Select(h => h.AssignedCounsellorId).SingleAsync();
    }

    protected async Task<List<ReminderKind>> KindsOfAsync(UserIdentity user) => (await NotificationsOfAsync(user)).Select(n => n.Kind).ToList();
}
