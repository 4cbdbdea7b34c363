using CaseManager.Domain.Common;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Resources;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Resources;

public sealed class ResourceServiceTests(DatabaseFixture database) : ResourceTestBase(database)
{
    [Fact]
    public async Task CreateAsync_AsCounsellor_IsRefusedAndSavesNothing()
    {
        Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Resources.CreateAsync(new Resource { Name = "A", RegionCode = "01", CategoryCode = "health" }));

        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.Resources.ToListAsync());
    }

    [Fact]
    public async Task CreateAsync_UnknownRegionBadEmailAndWebsite_IsRefusedWithEveryReason()
    {
        Current.User = Admin;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Resources.CreateAsync(new Resource
        {
            Name = "CLSC", RegionCode = "06", CategoryCode = "health", Email = "clsc@", Website = "clsc",
        }));

        Assert.Equal(["Resource.EmailInvalid", "Resource.UnknownRegion", "Resource.WebsiteInvalid"], refused.Refusals.Select(r => r.Code).Order());
    }

    [Fact]
    public async Task UpdateAsync_FromAnOlderVersion_IsRefusedAndKeepsTheFirstSave()
    {
        var id = await AddAsync("CLSC de Rimouski", category: "health");
        Current.User = Admin;
        var seen = await Resources.GetAsync(id);
        await Resources.UpdateAsync(id, seen.Version, new Resource { Name = "CLSC Rimouski-Neigette", RegionCode = "01", CategoryCode = "health" });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Resources.UpdateAsync(id, seen.Version, new Resource { Name = "Autre", RegionCode = "01", CategoryCode = "health" }));

        Assert.Equal("CLSC Rimouski-Neigette", (await Resources.GetAsync(id)).Name);
    }

    [Fact]
    public async Task MarkVerifiedAsync_SetsTodayAndCounsellorsMayNot()
    {
        var id = await AddAsync("CLSC", category: "health", verifiedOn: FixedContext.Today.AddYears(-2));
        var version = (await Resources.GetAsync(id)).Version;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Resources.MarkVerifiedAsync(id, version));
        Current.User = Admin;
        await Resources.MarkVerifiedAsync(id, version);

        Assert.Equal(FixedContext.Today, (await Resources.GetAsync(id)).LastVerifiedOn);
    }

    [Fact]
    public async Task SuggestAsync_MatchesNeedsAndRegions_BestFirst()
    {
        var household = await SaveAsync(Marie, b => b.WithProfile(p => p.WithNeeds("employment", "credentials").WithPreferredRegions("05")));
        await Plans.SetTargetsAsync(household.Id, 0, ["01"], null);
        await Plans.AddGoalAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, "housing", null);
        await AddAsync("Emploi Estrie", region: "05", verifiedOn: FixedContext.Today.AddDays(-10));
        await AddAsync("Emploi Rimouski", region: "01", verifiedOn: FixedContext.Today.AddDays(-300));
        await AddAsync("Logement Rimouski", region: "01", category: "housing");
        await AddAsync("Reconnaissance des diplômes Estrie", region: "05", category: "credentials");
        await AddAsync("CLSC Rimouski", region: "01", category: "health");
        await AddAsync("Emploi Gaspé", region: "11");
        await AddAsync("Emploi Rimouski fermé", region: "01", active: false);

        var page = await Resources.SuggestAsync(household.Id, 0, 10);

        // Credentials serves two of the needs (credentials, employment); then target region 01 before preferred 05.
        Assert.Equal(
            ["Reconnaissance des diplômes Estrie", "Emploi Rimouski", "Logement Rimouski", "Emploi Estrie"],
            page.Rows.Select(r => r.Resource.Name));
        Assert.Equal(4, page.Total);
        Assert.Equal((2, false), (page.Rows[0].NeedsMatched, page.Rows[0].InTargetRegion));
    }

    [Fact]
    public async Task SuggestAsync_AnotherCounsellorsFile_IsRefused()
    {
        var household = await SaveAsync(Paul, b => b.WithProfile(p => p.WithPreferredRegions("01")));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Resources.SuggestAsync(household.Id));
    }

    [Fact]
    public async Task AttachResourceAsync_TaskShowsTheResourceAndTheChangeIsAudited()
    {
        var resource = await AddAsync("Carrefour jeunesse-emploi", municipality: "Rimouski");
        var household = await SaveAsync(Marie);
        var goal = await Plans.AddGoalAsync(household.Id, 0, "employment", null);
        var task = await Plans.AddTaskAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, goal, "Rencontrer une conseillère", TaskOwner.Household, null);

        await Plans.AttachResourceAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, task, resource);

        var details = await Plans.GetAsync(household.Id);
        var saved = Assert.Single(details.Plan!.Tasks);
        Assert.Equal(resource, saved.ResourceId);
        Assert.Equal(("Carrefour jeunesse-emploi", "Rimouski"), (details.Resources[resource].Name, details.Resources[resource].Municipality));
        Assert.Contains(AuditOf(household.Id), a => a.Field == "PlanTask[Rencontrer une conseillère].ResourceId" && a.NewValue == resource.ToString());
    }

    [Fact]
    public async Task AttachResourceAsync_InactiveResource_IsRefused()
    {
        var resource = await AddAsync("Fermé", active: false);
        var household = await SaveAsync(Marie);
        var goal = await Plans.AddGoalAsync(household.Id, 0, "employment", null);
        var task = await Plans.AddTaskAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, goal, "T", TaskOwner.Household, null);

        var version = (await Plans.GetAsync(household.Id)).Version;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Plans.AttachResourceAsync(household.Id, version, task, resource));

        Assert.Equal("Plan.ResourceNotFound", Assert.Single(refused.Refusals).Code);
    }
}
