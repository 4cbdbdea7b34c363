using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using CaseManager.Web.Access;

namespace CaseManager.Tests.Web.Households;

/// <summary>
/// A counsellor (Marie), a colleague (Paul) and a supervisor, real users in the test database;
/// the service acts as <see cref="Current"/> at <see cref="FixedContext.Now"/>.
/// </summary>
public abstract class HouseholdServiceTestBase(DatabaseFixture database) : DatabaseTest(database)
{
    private int _fileNumbers;

    protected FakeTimeProvider Time { get; } = new(FixedContext.Now);
    protected UserIdentity Marie { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity Paul { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity Supervisor { get; private set; } = UserIdentity.Anonymous;
    protected TestCurrentUser Current { get; } = new(UserIdentity.Anonymous);
    protected AccessPolicy Access { get; private set; } = null!;
    protected HouseholdService Service { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        Marie = await TestUsers.CounsellorAsync(db, "Marie Tremblay", organizationId: 1);
        Paul = await TestUsers.CounsellorAsync(db, "Paul Nguyen", organizationId: 2);
        Supervisor = await TestUsers.SupervisorAsync(db, "Louise Gagnon");
        Current.User = Marie;
        Access = new AccessPolicy(Database.ContextFactory, Current, new AppClock(Time), NullLogger<AccessPolicy>.Instance);
        Service = new HouseholdService(Database.ContextFactory, Access, new AppClock(Time), NullLogger<HouseholdService>.Instance);
    }

    /// <summary>Saves a household built by the domain's builder, assigned to <paramref name="counsellor"/>.</summary>
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

    protected async Task<uint> VersionOfAsync(Guid id)
    {
        await using var db = Database.CreateDbContext();
        return db.Households.Where(h => h.Id == id).Select(h => h.Version).Single();
    }

    protected List<AuditEntry> AuditOf(Guid id)
    {
        using var db = Database.CreateDbContext();
        return db.AuditEntries.Where(a => a.HouseholdId == id).OrderBy(a => a.Id).ToList();
    }
}
