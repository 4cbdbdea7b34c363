using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Access;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Access;

/// <summary>
/// The jobs' SQL addresses people through the views <c>access_active_roles</c> and
/// <c>access_partner_users</c>; on a generated set of users (active or not, partner organization
/// active or not, with or without the partner role, several roles) the views say exactly what the
/// C# rules say for the same people.
/// </summary>
public sealed class AccessViewTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static readonly string[] Regions = ["01", "02", "03", "04"];

    [Fact]
    public async Task PartnersOfARegion_InTheJobsView_AreThoseTheCSharpRuleLetsReviewIt()
    {
        var random = new Random(20261207);
        await using var db = Database.CreateDbContext();
        var partners = new List<Guid>();
        foreach (var (name, codes, active) in new[] { ("Accueil Saguenay", new[] { "02" }, true), ("Accueil Est", new[] { "01", "02" }, true), ("Accueil fermé", new[] { "03" }, false) })
        {
            var partner = await TestPartners.CreateAsync(db, name, codes[0]);
            await db.RegionalPartners.Where(p => p.Id == partner.Id).ExecuteUpdateAsync(
                set => set.SetProperty(p => p.RegionCodes, codes.ToList()).SetProperty(p => p.IsActive, active), TestContext.Current.CancellationToken);
            partners.Add(partner.Id);
        }

        var people = new List<UserIdentity>();
        for (var i = 0; i < 24; i++)
        {
            var roles = Roles.All.Where(_ => random.Next(3) == 0).ToArray();
            var user = await TestUsers.CreateAsync(db, $"u{i}@test.local", $"Personne {i}", null, roles);
            Guid? partnerId = random.Next(4) == 0 ? null : partners[random.Next(partners.Count)];
            var active = random.Next(5) != 0;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
                set => set.SetProperty(u => u.PartnerOrganizationId, partnerId).SetProperty(u => u.IsActive, active), TestContext.Current.CancellationToken);
            people.Add(user);
        }

        var resolved = new List<UserIdentity>();
        foreach (var person in people)
        {
            resolved.Add(await TestAccess.Policy(Database.ContextFactory, new TestCurrentUser(person)).PersonAsync(TestContext.Current.CancellationToken));
        }

        foreach (var region in Regions)
        {
            // The jobs' question: which partner users review an application for this region?
            var bySql = await db.Database
                .SqlQuery<string>($"SELECT user_id AS \"Value\" FROM access_partner_users WHERE {region} = ANY(region_codes)")
                .ToListAsync(TestContext.Current.CancellationToken);
            var byRule = resolved.Where(p => p.IsInRole(Roles.Partner) && p.PartnerId is not null && AccessRules.MayReviewRegion(p with { Roles = new HashSet<string> { Roles.Partner } }, region))
                .Select(p => p.Id);
            // …and from the tables themselves, without the views.
            var byTables = await db.Users.Where(u => u.IsActive &&
                    db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Partner)) &&
                    db.RegionalPartners.Any(p => p.Id == u.PartnerOrganizationId && p.IsActive && p.RegionCodes.Contains(region)))
                .Select(u => u.Id).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(byRule.Order(), bySql.Order());
            Assert.Equal(byTables.Order(), bySql.Order());
        }

        foreach (var role in Roles.All)
        {
            var bySql = await db.Database
                .SqlQuery<string>($"SELECT user_id AS \"Value\" FROM access_active_roles WHERE role = {role}")
                .ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(resolved.Where(p => p.IsInRole(role)).Select(p => p.Id).Order(), bySql.Order());
        }

        // The set is varied enough to mean something: inactive people, closed partners, several kinds of partner.
        Assert.Contains(resolved, p => !p.IsAuthenticated);
        Assert.Contains(resolved, p => p.PartnerId is not null);
        Assert.Contains(resolved, p => p.IsInRole(Roles.Partner) && p.PartnerId is null);
    }
}
