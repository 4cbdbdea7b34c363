using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Web.Access;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Access;

/// <summary>The access policy resolves the person from the database, once per action, and the circuit reads them again at each action.</summary>
public sealed class AccessPolicyTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task Person_IsReadFromTheDatabaseNotTheCookie_RolesOrganizationAndThePartnersRegions()
    {
        await using var db = Database.CreateDbContext();
        var partner = await CaseManager.Tests.Support.Builders.TestPartners.CreateAsync(db, "Accueil Saguenay", "02", "Jonquière");
        var user = await TestUsers.CreateAsync(db, "partenaire@test.local", "Josée Bélanger", null, Roles.Partner);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.PartnerOrganizationId, partner.Id), TestContext.Current.CancellationToken);
        // The cookie claims more than the database holds.
        var claimed = user with { Roles = new HashSet<string> { Roles.Partner, Roles.Admin } };

        var person = await TestAccess.Policy(Database.ContextFactory, new TestCurrentUser(claimed)).PersonAsync(TestContext.Current.CancellationToken);

        Assert.Equal([Roles.Partner], person.Roles);
        Assert.Equal(partner.Id, person.PartnerId);
        Assert.Equal(["02"], person.PartnerRegions);
        Assert.False(AccessRules.Allows(person, Operation.ManageUsers));
    }

    [Fact]
    public async Task Person_DeactivatedDuringACircuit_IsRefusedAtTheNextAction()
    {
        await using var db = Database.CreateDbContext();
        var admin = await TestUsers.CreateAsync(db, "admin@test.local", "Admin", null, Roles.Admin);
        var policy = TestAccess.Policy(Database.ContextFactory, new TestCurrentUser(admin));
        var nextAction = new AccessCircuitHandler(policy).CreateInboundActivityHandler(_ => Task.CompletedTask);
        await policy.DemandAsync(Operation.ManageUsers, TestContext.Current.CancellationToken);

        await db.Users.Where(u => u.Id == admin.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false), TestContext.Current.CancellationToken);
        // Within the same action the person is read once…
        await policy.DemandAsync(Operation.ManageUsers, TestContext.Current.CancellationToken);
        // …and again at the next one (a click in the page).
        await nextAction(null!);

        await Assert.ThrowsAsync<AccessDeniedException>(() => policy.DemandAsync(Operation.ManageUsers, TestContext.Current.CancellationToken));
        Assert.False((await policy.PermissionsAsync(TestContext.Current.CancellationToken)).Can(Operation.EditOwnPreferences));
    }

    [Fact]
    public async Task Partner_OfADeactivatedOrganization_SeesNothingOfThePartnersPart()
    {
        await using var db = Database.CreateDbContext();
        var partner = await CaseManager.Tests.Support.Builders.TestPartners.CreateAsync(db, "Accueil Saguenay", "02", "Jonquière");
        var user = await TestUsers.CreateAsync(db, "partenaire@test.local", "Josée Bélanger", null, Roles.Partner);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.PartnerOrganizationId, partner.Id), TestContext.Current.CancellationToken);
        await db.RegionalPartners.Where(p => p.Id == partner.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.IsActive, false), TestContext.Current.CancellationToken);

        var permissions = await TestAccess.Policy(Database.ContextFactory, new TestCurrentUser(user)).PermissionsAsync(TestContext.Current.CancellationToken);

        Assert.False(permissions.Can(Operation.ReadSessions));
        Assert.False(permissions.Can(Operation.ReviewSubsidies));
        Assert.True(permissions.Can(Operation.EditOwnPreferences));
    }
}
