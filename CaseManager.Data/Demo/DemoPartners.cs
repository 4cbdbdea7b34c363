using CaseManager.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>
/// Two regional partners per host region for the demonstration (plausible names, fictitious
/// contacts), and the demo partner accounts attached to one each. A real installation starts
/// with an empty directory that administrators fill.
/// </summary>
internal static class DemoPartners
{
    /// <summary>The partner partenaire@demo.local belongs to: the first of Bas-Saint-Laurent.</summary>
    public static readonly Guid PartnerOfDemoAccount = IdOf("01", 1);

    private static readonly (string Region, string Municipality, string Name, string Municipality2, string Name2)[] Directory =
    [
        ("01", "Rimouski", "Accueil et intégration Bas-Saint-Laurent", "Rivière-du-Loup", "Carrefour d'intégration du KRTB"),
        ("02", "Saguenay", "Portes ouvertes sur le Lac", "Alma", "Service d'accueil des nouveaux arrivants du Saguenay"),
        ("03", "Québec", "Centre multiethnique de la Capitale", "Baie-Saint-Paul", "Accueil Charlevoix"),
        ("04", "Trois-Rivières", "Service d'accueil des nouveaux arrivants de la Mauricie", "Shawinigan", "Carrefour emploi immigration Shawinigan"),
        ("05", "Sherbrooke", "Service d'aide aux néo-Canadiens de l'Estrie", "Magog", "Accueil Memphrémagog"),
        ("07", "Gatineau", "Carrefour d'accueil de l'Outaouais", "Maniwaki", "Accueil Haute-Gatineau"),
        ("08", "Rouyn-Noranda", "Mouvement d'accueil de l'Abitibi-Témiscamingue", "Val-d'Or", "Carrefour des nouveaux arrivants de la Vallée-de-l'Or"),
        ("09", "Baie-Comeau", "Accueil immigration Côte-Nord", "Sept-Îles", "Carrefour d'intégration de Sept-Îles"),
        ("10", "Chibougamau", "Accueil Chibougamau-Chapais", "Matagami", "Services aux nouveaux arrivants de la Baie-James"),
        ("11", "Gaspé", "Accueil Gaspésie", "Cap-aux-Meules", "Intégration Îles-de-la-Madeleine"),
        ("12", "Lévis", "Accueil et intégration Chaudière-Appalaches", "Saint-Georges", "Carrefour immigration Beauce"),
        ("14", "Joliette", "Accueil des nouveaux arrivants de Lanaudière", "Terrebonne", "Carrefour d'intégration Moulins"),
        ("15", "Saint-Jérôme", "Accueil Laurentides", "Mont-Laurier", "Intégration Hautes-Laurentides"),
        ("16", "Granby", "Service d'intégration de la Haute-Yamaska", "Saint-Hyacinthe", "Carrefour d'accueil Maskoutain"),
        ("17", "Drummondville", "Accueil Centre-du-Québec", "Victoriaville", "Carrefour des nouveaux arrivants des Bois-Francs"),
    ];

    private static readonly string[] ContactNames =
    [
        "Annie Gauthier", "Stéphane Morin", "Josée Bélanger", "François Ouellet", "Nathalie Caron", "Éric Simard",
        "Karine Poulin", "Martin Lévesque", "Sylvie Dufour", "Pierre-Luc Girard", "Valérie Boucher", "Alexandre Paquette",
    ];

    public static async Task EnsureAsync(CaseManagerDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.RegionalPartners.AnyAsync(cancellationToken))
        {
            var hostRegions = await db.Regions.Where(r => r.IsHostRegion).Select(r => r.Code).ToListAsync(cancellationToken);
            var index = 0;
            foreach (var (region, municipality, name, municipality2, name2) in Directory.Where(d => hostRegions.Contains(d.Region)))
            {
                db.RegionalPartners.Add(Partner(region, 1, name, municipality, index++));
                db.RegionalPartners.Add(Partner(region, 2, name2, municipality2, index++));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // The demo's partner accounts each belong to a partner of Bas-Saint-Laurent.
        await Attach(db, DemoUsers.PartnerEmail, PartnerOfDemoAccount, cancellationToken);
        await Attach(db, "stephane.morin@demo.local", IdOf("01", 2), cancellationToken);
    }

    private static async Task Attach(CaseManagerDbContext db, string email, Guid partnerId, CancellationToken cancellationToken)
    {
        if (!await db.RegionalPartners.AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            return;
        }

        var normalized = DemoUsers.Normalize(email);
        await db.Users.Where(u => u.NormalizedEmail == normalized && u.PartnerOrganizationId == null)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.PartnerOrganizationId, partnerId), cancellationToken);
    }

    private static RegionalPartner Partner(string region, int rank, string name, string municipality, int index)
    {
        var contact = ContactNames[index % ContactNames.Length];
        var login = contact.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => c is >= 'a' and <= 'z' or '-' or ' ').Aggregate("", (s, c) => s + (c == ' ' ? '.' : c));
        return new RegionalPartner
        {
            Id = IdOf(region, rank),
            Name = name,
            RegionCodes = [region],
            Municipality = municipality,
            Offer = rank == 1
                ? "Séances d'information sur la région, séjours exploratoires, accompagnement à l'installation (logement, écoles, garderies)."
                : "Jumelage avec des employeurs de la région, visites de milieux de vie, réseautage et activités d'accueil.",
            Contacts =
            [
                new PartnerContact
                {
                    Name = contact,
                    Role = rank == 1 ? "Agente d'accueil et d'intégration" : "Conseiller en emploi",
                    Email = $"{login}@partenaire-{region}-{rank}.demo.local",
                    Phone = $"418 555-{(index * 37 % 9000) + 1000:0000}",
                },
            ],
        };
    }

    private static Guid IdOf(string region, int rank) => Guid.Parse($"0196a1f0-0000-7000-8000-0000{region}0000{rank:00}");
}
