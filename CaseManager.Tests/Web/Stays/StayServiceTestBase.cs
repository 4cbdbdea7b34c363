using CaseManager.Data.Entities;
using CaseManager.Domain.Partners;
using CaseManager.Domain.Stays;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Features.Plans;
using CaseManager.Web.Features.Stays;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Stays;

/// <summary>
/// Two regional partners of Saguenay–Lac-Saint-Jean (02), a user of each, and the counsellors and
/// supervisor of <see cref="HouseholdServiceTestBase"/>.
/// </summary>
public abstract class StayServiceTestBase(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    protected RegionalPartner Host { get; private set; } = null!;
    protected RegionalPartner Other { get; private set; } = null!;
    protected UserIdentity HostUser { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity OtherPartnerUser { get; private set; } = UserIdentity.Anonymous;

    protected StayService Stays => new(Database.ContextFactory, Access, new AppClock(Time), NullLogger<StayService>.Instance);

    protected PlanService Plans => new(Database.ContextFactory, Access, new AppClock(Time), NullLogger<PlanService>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        Host = await TestPartners.CreateAsync(db, "Accueil Saguenay", "02", "Jonquière");
        Other = await TestPartners.CreateAsync(db, "Portes ouvertes Lac-Saint-Jean", "02", "Alma");
        HostUser = await PartnerUserAsync(db, "Josée Bélanger", Host.Id);
        OtherPartnerUser = await PartnerUserAsync(db, "Luc Tremblay", Other.Id);
    }

    protected static StayDetails Details(Guid partner, int startInDays = 10, int nights = 2) =>
        new("02", partner, FixedContext.Today.AddDays(startInDays), FixedContext.Today.AddDays(startInDays + nights),
            TransportMode.Bus, "Autocar", "Auberge de Jonquière", null, "Notes internes");

    /// <summary>A stay hosted by <see cref="Host"/>, planned by whoever <see cref="HouseholdServiceTestBase.Current"/> is.</summary>
    protected Task<Guid> PlanAsync(int startInDays = 10, int nights = 2) => Stays.PlanAsync(Details(Host.Id, startInDays, nights));

    protected async Task<uint> StayVersionAsync(Guid stayId) => (await Stays.GetAsync(stayId)).Version;

    private static async Task<UserIdentity> PartnerUserAsync(CaseManager.Data.CaseManagerDbContext db, string name, Guid partnerId)
    {
        var user = await TestUsers.CreateAsync(db, $"{name.ToLowerInvariant().Replace(' ', '.')}@partner.test", name, null, Roles.Partner);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PartnerOrganizationId, partnerId));
        return user;
    }
}
