using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Admin;

/// <summary>
/// An administrator (Alice) and a counsellor (Marie), real users in the test database; the admin
/// services of <see cref="Host"/> act as <see cref="Admin"/> unless a test changes <c>Host.Current.User</c>.
/// </summary>
public abstract class AdminServiceTestBase(DatabaseFixture database) : DatabaseTest(database)
{
    protected UserIdentity Admin { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity Marie { get; private set; } = UserIdentity.Anonymous;
    protected AdminTestHost Host { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            Admin = await TestUsers.CreateAsync(db, "alice.admin@test.local", "Alice Admin", null, Roles.Admin);
            Marie = await TestUsers.CounsellorAsync(db, "Marie Tremblay", organizationId: 1);
        }

        Host = new AdminTestHost(Database.ConnectionString, Admin);
    }

    public override async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await base.DisposeAsync();
    }

    protected async Task<ApplicationUser> UserAsync(string id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    protected async Task<ApplicationUser?> UserByEmailAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        await using var db = Database.CreateDbContext();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized);
    }

    protected async Task<List<string>> RolesOfAsync(string id)
    {
        await using var db = Database.CreateDbContext();
        return await db.UserRoles.Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .OrderBy(name => name)
            .ToListAsync();
    }

    protected async Task<int> UserCountAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Users.CountAsync();
    }
}
