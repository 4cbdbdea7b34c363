using CaseManager.Domain.Partners;

namespace CaseManager.Tests.Domain;

public sealed class RegionalPartnerTests
{
    private static RegionalPartner Valid() => new()
    {
        Name = "  Accueil Gaspésie ",
        RegionCodes = ["11", " ", "11"],
        Municipality = " Gaspé ",
        Contacts = [new PartnerContact { Name = " Josée Bélanger ", Role = " ", Email = " Josee@Accueil.QC.ca ", Phone = "1 (418) 555-0101" }],
    };

    [Fact]
    public void Validate_CompletePartner_HasNoRefusal()
    {
        Assert.Empty(Valid().Validate());
    }

    [Fact]
    public void Normalized_TrimsTextsDeduplicatesRegionsAndStoresEmailAndPhoneInTheirForm()
    {
        var partner = Valid().Normalized();

        Assert.Equal(("Accueil Gaspésie", "Gaspé"), (partner.Name, partner.Municipality));
        Assert.Equal(["11"], partner.RegionCodes);
        var contact = Assert.Single(partner.Contacts);
        Assert.Equal(("Josée Bélanger", null, "josee@accueil.qc.ca", "418 555-0101"), (contact.Name, contact.Role, contact.Email, contact.Phone));
    }

    public static TheoryData<string, Action<RegionalPartner>> Broken() => new()
    {
        { "Partner.NameRequired", p => p.Name = " " },
        { "Partner.TextTooLong(200)", p => p.Name = new string('a', 201) },
        { "Partner.RegionRequired", p => p.RegionCodes = [] },
        { "Partner.RegionRequired", p => p.RegionCodes = ["  "] },
        { "Partner.ContactNameRequired", p => p.Contacts[0].Name = "" },
        { "Partner.EmailInvalid(josee@)", p => p.Contacts[0].Email = "josee@" },
        { "Partner.PhoneInvalid(555-01)", p => p.Contacts[0].Phone = "555-01" },
        { "Partner.TextTooLong(2000)", p => p.Offer = new string('a', 2001) },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenRule_IsRefusedWithItsCode(string expected, Action<RegionalPartner> breakIt)
    {
        var partner = Valid();
        breakIt(partner);

        Assert.Contains(expected, partner.Validate().Select(r => r.ToString()));
    }
}
