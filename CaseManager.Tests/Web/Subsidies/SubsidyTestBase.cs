using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Partners;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Features.Subsidies;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Subsidies;

/// <summary>
/// A partner of Saguenay–Lac-Saint-Jean (02) and one of Bas-Saint-Laurent (01), a user of each,
/// and the counsellors (Marie, Paul) and supervisor of <see cref="HouseholdServiceTestBase"/>.
/// Documents are limited to 64 KiB here.
/// </summary>
public abstract class SubsidyTestBase(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    public const long MaxDocumentBytes = 64 * 1024;

    /// <summary>The first bytes of a PDF, enough for the format check.</summary>
    public static readonly byte[] PdfBytes = [.. "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"u8];

    protected RegionalPartner Saguenay { get; private set; } = null!;
    protected RegionalPartner BasSaintLaurent { get; private set; } = null!;
    protected UserIdentity SaguenayUser { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity BasSaintLaurentUser { get; private set; } = UserIdentity.Anonymous;

    protected SubsidyService Subsidies => new(
        Database.ContextFactory, Access, new AppClock(Time), new SubsidySettings(MaxDocumentBytes), NullLogger<SubsidyService>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        Saguenay = await TestPartners.CreateAsync(db, "Accueil Saguenay", "02", "Jonquière");
        BasSaintLaurent = await TestPartners.CreateAsync(db, "Accueil Bas-Saint-Laurent", "01", "Rimouski");
        SaguenayUser = await PartnerUserAsync(db, "Josée Bélanger", Saguenay.Id);
        BasSaintLaurentUser = await PartnerUserAsync(db, "Luc Tremblay", BasSaintLaurent.Id);
    }

    protected static SubsidyApplicationDetails Details(string region = "02") =>
        new(region, "Saguenay", FixedContext.Today.AddDays(30), 2400m, "Offre d'emploi à Chicoutimi");

    /// <summary>A household of Marie's in the MovingSubsidy stage: four people, permanent residents.</summary>
    protected Task<Household> SubsidyHouseholdAsync(UserIdentity? counsellor = null) =>
        SaveAsync(counsellor ?? Marie, b => b.AtStage(Stage.MovingSubsidy).WithProfile(p => p
            .WithSpouse()
            .WithChild("Léa", new DateOnly(2015, 3, 2))
            .WithChild("Adam", new DateOnly(2018, 7, 9))
            .With(profile => profile.ImmigrationStatusCode = "permanent-resident")));

    /// <summary>A draft with a job offer and a lease, submitted by whoever <see cref="HouseholdServiceTestBase.Current"/> is (Marie by default).</summary>
    protected async Task<Guid> SubmittedAsync(Guid householdId, string region = "02")
    {
        var id = await Subsidies.StartAsync(householdId, Details(region));
        await Subsidies.AddDocumentAsync(id, SubsidyDocumentType.JobOffer, "offre.pdf", PdfBytes);
        await Subsidies.AddDocumentAsync(id, SubsidyDocumentType.Lease, "bail.pdf", PdfBytes);
        await Subsidies.SubmitAsync(id, await VersionAsync(id));
        return id;
    }

    protected async Task<uint> VersionAsync(Guid applicationId)
    {
        await using var db = Database.CreateDbContext();
        return await db.SubsidyApplications.Where(a => a.Id == applicationId).Select(a => a.Version).SingleAsync();
    }

    protected async Task<SubsidyApplication> ApplicationAsync(Guid applicationId)
    {
        await using var db = Database.CreateDbContext();
        return await db.SubsidyApplications.AsNoTracking().Include(a => a.History).SingleAsync(a => a.Id == applicationId);
    }

    protected async Task<List<AccessLogEntry>> AccessLogAsync(Guid householdId)
    {
        await using var db = Database.CreateDbContext();
        return await db.AccessLog.Where(a => a.HouseholdId == householdId).OrderBy(a => a.Id).ToListAsync();
    }

    protected async Task<List<CaseManager.Domain.Reminders.Reminder>> RemindersAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Reminders.OrderBy(r => r.CreatedAt).ThenBy(r => r.Kind).ToListAsync();
    }

    private static async Task<UserIdentity> PartnerUserAsync(CaseManager.Data.CaseManagerDbContext db, string name, Guid partnerId)
    {
        var user = await TestUsers.CreateAsync(db, $"{name.ToLowerInvariant().Replace(' ', '.')}@partner.test", name, null, Roles.Partner);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PartnerOrganizationId, partnerId));
        return user;
    }
}
