using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Partners;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Partners;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Partners;

public sealed class PartnerServiceTests(DatabaseFixture database) : DatabaseTest(database)
{
    private readonly TestCurrentUser _current = new(UserIdentity.Anonymous);
    private UserIdentity _admin = UserIdentity.Anonymous;
    private UserIdentity _counsellor = UserIdentity.Anonymous;

    private PartnerService Service => new(Database.ContextFactory, TestAccess.Policy(Database.ContextFactory, _current), NullLogger<PartnerService>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        _admin = await TestUsers.CreateAsync(db, "alice.admin@test.local", "Alice Admin", null, Roles.Admin);
        _counsellor = await TestUsers.CounsellorAsync(db);
        _current.User = _admin;
    }

    private static RegionalPartner Draft(string name = " Accueil Gaspésie ", params string[] regions) => new()
    {
        Name = name,
        RegionCodes = regions.Length == 0 ? ["11"] : [.. regions],
        Municipality = "Gaspé",
        Offer = "Séances et séjours exploratoires",
        Contacts = [new PartnerContact { Name = "Josée Bélanger", Role = "Agente", Email = " Josee@Accueil.test ", Phone = "4185550101" }],
    };

    [Fact]
    public async Task CreateAsync_AsAdministrator_SavesTheNormalizedPartner()
    {
        var id = await Service.CreateAsync(Draft());

        var saved = await Service.GetAsync(id);
        Assert.Equal(("Accueil Gaspésie", "josee@accueil.test", "418 555-0101"), (saved.Name, saved.Contacts[0].Email, saved.Contacts[0].Phone));
        Assert.True(saved.IsActive);
    }

    [Fact]
    public async Task CreateAsync_NotAHostRegionOrBadEmail_IsRefusedAndSavesNothing()
    {
        var draft = Draft(regions: "06");
        draft.Contacts[0].Email = "josee@";

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Service.CreateAsync(draft));

        Assert.Equal(["Partner.EmailInvalid", "Partner.UnknownRegion"], refused.Refusals.Select(r => r.Code).Order());
        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.RegionalPartners.ToListAsync());
    }

    [Fact]
    public async Task CreateAsync_AsCounsellor_IsRefused()
    {
        _current.User = _counsellor;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateAsync(Draft()));
    }

    [Fact]
    public async Task UpdateAsync_FromAnOlderVersion_IsRefusedAndKeepsTheFirstSave()
    {
        var id = await Service.CreateAsync(Draft());
        var seen = (await Service.GetAsync(id)).Version;
        await Service.UpdateAsync(id, seen, Draft("Accueil Gaspésie–Îles"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.UpdateAsync(id, seen, Draft("Autre nom")));

        Assert.Equal("Accueil Gaspésie–Îles", (await Service.GetAsync(id)).Name);
    }

    [Fact]
    public async Task SearchAsync_AsCounsellor_FiltersByRegionAndNameInTheDatabase()
    {
        await Service.CreateAsync(Draft("Accueil Gaspésie", "11"));
        await Service.CreateAsync(Draft("Carrefour Estrie", "05"));
        var inactive = Draft("Ancien organisme", "05");
        inactive.IsActive = false;
        await Service.CreateAsync(inactive);
        _current.User = _counsellor;

        var estrie = await Service.SearchAsync(new PartnerQuery { RegionCode = "05", ActiveOnly = true });
        var byName = await Service.SearchAsync(new PartnerQuery { Search = "gaspesie" });
        var page = await Service.SearchAsync(new PartnerQuery { PageSize = 2 });

        Assert.Equal(["Carrefour Estrie"], estrie.Rows.Select(r => r.Name));
        Assert.Equal(["Accueil Gaspésie"], byName.Rows.Select(r => r.Name));
        Assert.Equal((3, 2), (page.Total, page.Rows.Count));
        Assert.False(await Service.CanManageAsync());
    }

    [Fact]
    public async Task SearchAsync_AsPartnerUser_IsRefused()
    {
        await using (var db = Database.CreateDbContext())
        {
            _current.User = await TestUsers.CreateAsync(db, "annie@partenaire.test", "Annie", null, Roles.Partner);
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SearchAsync(new PartnerQuery()));
    }
}
