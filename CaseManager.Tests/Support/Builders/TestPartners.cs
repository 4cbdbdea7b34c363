using CaseManager.Data;
using CaseManager.Domain.Partners;

namespace CaseManager.Tests.Support.Builders;

/// <summary>Regional partners written straight to the test database.</summary>
public static class TestPartners
{
    public static async Task<RegionalPartner> CreateAsync(
        CaseManagerDbContext db, string name = "Accueil Bas-Saint-Laurent", string region = "01", string municipality = "Rimouski")
    {
        var partner = new RegionalPartner
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            RegionCodes = [region],
            Municipality = municipality,
            Contacts = [new PartnerContact { Name = "Josée Bélanger", Role = "Agente d'accueil", Email = "josee@accueil.test", Phone = "418 555-0101" }],
        };
        db.RegionalPartners.Add(partner);
        await db.SaveChangesAsync();
        return partner;
    }
}
