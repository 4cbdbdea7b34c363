using System.Globalization;
using System.Text;
using CaseManager.Domain.Households;
using CaseManager.Domain.Resources;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>
/// About 4,300 plausible regional resources for the demonstration, spread evenly over the 15 host
/// regions: real municipality names per region, French name and description templates per
/// category, fictitious contacts (555 numbers, exemple.ca addresses). Verification dates spread
/// over the last 20 months, so some are due. Written with COPY: a second or less.
/// </summary>
public static class DemoResources
{
    public const int Count = 4_300;

    private static readonly (string Code, string Area, string[] Municipalities)[] Regions =
    [
        ("01", "418", ["Rimouski", "Rivière-du-Loup", "Matane", "Amqui", "Trois-Pistoles", "Mont-Joli", "Témiscouata-sur-le-Lac", "Causapscal"]),
        ("02", "418", ["Saguenay", "Alma", "Roberval", "Dolbeau-Mistassini", "Saint-Félicien", "Chicoutimi", "Jonquière", "Métabetchouan–Lac-à-la-Croix"]),
        ("03", "418", ["Québec", "Lévis-Lauzon", "Baie-Saint-Paul", "La Malbaie", "Donnacona", "Saint-Raymond", "Sainte-Anne-de-Beaupré", "L'Ancienne-Lorette"]),
        ("04", "819", ["Trois-Rivières", "Shawinigan", "La Tuque", "Louiseville", "Nicolet", "Saint-Tite", "Sainte-Geneviève-de-Batiscan", "Yamachiche"]),
        ("05", "819", ["Sherbrooke", "Magog", "Coaticook", "Lac-Mégantic", "Asbestos", "Windsor", "East Angus", "Cookshire-Eaton"]),
        ("07", "819", ["Gatineau", "Maniwaki", "Buckingham", "Shawville", "Chelsea", "Papineauville", "Cantley", "Val-des-Monts"]),
        ("08", "819", ["Rouyn-Noranda", "Val-d'Or", "Amos", "La Sarre", "Ville-Marie", "Malartic", "Senneterre", "Témiscaming"]),
        ("09", "418", ["Baie-Comeau", "Sept-Îles", "Port-Cartier", "Forestville", "Havre-Saint-Pierre", "Fermont", "Les Escoumins", "Tadoussac"]),
        ("10", "418", ["Chibougamau", "Chapais", "Matagami", "Lebel-sur-Quévillon", "Radisson", "Chisasibi", "Mistissini", "Waswanipi"]),
        ("11", "418", ["Gaspé", "Sainte-Anne-des-Monts", "Chandler", "Carleton-sur-Mer", "New Richmond", "Bonaventure", "Percé", "Cap-aux-Meules"]),
        ("12", "418", ["Lévis", "Saint-Georges", "Thetford Mines", "Montmagny", "Sainte-Marie", "Beauceville", "Saint-Jean-Port-Joli", "Lac-Etchemin"]),
        ("14", "450", ["Joliette", "Terrebonne", "Repentigny", "Mascouche", "Rawdon", "Berthierville", "Saint-Donat", "L'Assomption"]),
        ("15", "450", ["Saint-Jérôme", "Mont-Laurier", "Sainte-Agathe-des-Monts", "Mont-Tremblant", "Mirabel", "Blainville", "Lachute", "Saint-Sauveur"]),
        ("16", "450", ["Granby", "Saint-Hyacinthe", "Saint-Jean-sur-Richelieu", "Cowansville", "Sorel-Tracy", "Valleyfield", "Bromont", "Chambly"]),
        ("17", "819", ["Drummondville", "Victoriaville", "Bécancour", "Plessisville", "Nicolet-Yamaska", "Princeville", "Warwick", "Daveluyville"]),
    ];

    /// <summary>Per category: name templates ({0} municipality) and what the resource does.</summary>
    private static readonly (string Category, string[] Names, string[] Descriptions)[] Templates =
    [
        ("employment",
            ["Carrefour jeunesse-emploi de {0}", "Services Québec – bureau de {0}", "Centre local d'emploi de {0}", "Club de recherche d'emploi de {0}",
             "Service d'aide à l'emploi de {0}", "Salon régional de l'emploi – {0}", "Programme d'intégration en emploi – {0}"],
            ["Accompagnement dans la recherche d'emploi : curriculum vitæ, lettres, préparation aux entrevues.",
             "Offres d'emploi de la région, jumelage avec des employeurs et stages en entreprise.",
             "Aide à l'emploi pour les personnes immigrantes et leur conjoint ou conjointe."]),
        ("housing",
            ["Office municipal d'habitation de {0}", "Coopérative d'habitation de {0}", "Comité logement de {0}", "Service de recherche de logement de {0}",
             "Maison d'hébergement temporaire de {0}"],
            ["Logements à loyer modique et aide à la recherche d'un logement à l'arrivée.",
             "Information sur les baux, les droits des locataires et les logements disponibles.",
             "Hébergement temporaire pour les familles qui s'installent dans la région."]),
        ("francisation",
            ["Francisation Québec – {0}", "Cours de français à temps partiel de {0}", "Centre de services scolaire – francisation {0}",
             "Jumelage linguistique de {0}", "Ateliers de conversation française de {0}"],
            ["Cours de français gratuits à temps plein ou à temps partiel, le jour ou le soir.",
             "Ateliers de conversation et jumelage avec des bénévoles francophones.",
             "Francisation en milieu de travail et soutien à l'apprentissage du français."]),
        ("childcare-school",
            ["CPE Les Petits Pas de {0}", "École primaire de {0}", "École secondaire de {0}", "Bureau coordonnateur de la garde en milieu familial de {0}",
             "Aide aux devoirs de {0}", "Centre de la petite enfance Soleil de {0}"],
            ["Places en garderie subventionnée et inscription au guichet unique.",
             "Inscription scolaire, classes d'accueil et soutien aux élèves nouvellement arrivés.",
             "Aide aux devoirs et activités parascolaires pour les enfants du primaire."]),
        ("health",
            ["CLSC de {0}", "Clinique médicale de {0}", "Groupe de médecine familiale de {0}", "Pharmacie communautaire de {0}",
             "Centre de santé mentale communautaire de {0}"],
            ["Inscription auprès d'un médecin de famille, vaccination et soins courants.",
             "Services de santé et services sociaux de première ligne, sans rendez-vous.",
             "Soutien psychosocial et accompagnement des familles nouvellement arrivées."]),
        ("transportation",
            ["Transport collectif de {0}", "Covoiturage régional de {0}", "École de conduite de {0}", "Transport adapté de {0}", "Navette régionale de {0}"],
            ["Horaires d'autobus, laissez-passer mensuels et tarifs réduits.",
             "Covoiturage et navettes vers les lieux de travail de la région.",
             "Cours de conduite et échange du permis de conduire étranger."]),
        ("community",
            ["Maison de la famille de {0}", "Banque alimentaire de {0}", "Centre communautaire de {0}", "Club des nouveaux arrivants de {0}",
             "Bibliothèque municipale de {0}", "Table de concertation en immigration de {0}"],
            ["Activités pour les familles, rencontres et réseautage avec la communauté d'accueil.",
             "Aide alimentaire, dépannage et cuisines collectives.",
             "Accueil des nouveaux arrivants, jumelage interculturel et sorties découverte de la région."]),
        ("business",
            ["Société d'aide au développement des collectivités de {0}", "Centre d'entrepreneuriat de {0}", "Chambre de commerce de {0}",
             "Service d'accompagnement des PME de {0}", "Incubateur d'entreprises de {0}"],
            ["Financement et accompagnement des personnes qui démarrent ou reprennent une entreprise.",
             "Réseautage d'affaires, mentorat et formation en gestion.",
             "Conseils pour le plan d'affaires, les permis et le financement d'un projet d'entreprise."]),
        ("credentials",
            ["Reconnaissance des acquis – cégep de {0}", "Centre de formation professionnelle de {0}", "Qualification professionnelle – {0}",
             "Point de service – évaluation comparative des études, {0}", "Formation d'appoint en région – {0}"],
            ["Reconnaissance des acquis et des compétences, évaluation comparative des études faites hors Québec.",
             "Formations d'appoint pour obtenir un permis d'exercice d'un ordre professionnel.",
             "Information sur les métiers réglementés et la qualification professionnelle."]),
    ];

    private static readonly string[] Eligibility =
    [
        "Toute personne résidant dans la région.", "Personnes immigrantes et leur famille.", "Résidents permanents, personnes protégées et citoyens.",
        "Familles avec enfants de 0 à 5 ans.", "Personnes de 16 à 35 ans.", "Toute personne de 18 ans et plus.", "Personnes sans emploi ou en recherche d'emploi.",
    ];

    private static readonly string[] Contacts =
    [
        "Accueil", "Service à la clientèle", "Annie Gauthier", "Stéphane Morin", "Josée Bélanger", "François Ouellet", "Nathalie Caron", "Éric Simard",
        "Karine Poulin", "Martin Lévesque", "Sylvie Dufour", "Pierre-Luc Girard", "Valérie Boucher", "Alexandre Paquette",
    ];

    private static readonly string[] OtherLanguages = ["en", "es", "ar", "pt", "fa", "zh", "uk", "ru"];

    internal static async Task EnsureAsync(CaseManagerDbContext db, Random random, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        if (await db.Resources.AnyAsync(cancellationToken))
        {
            return;
        }

        await BulkCopy.WriteAsync(db, Generate(random, Count, now, today), cancellationToken);
    }

    /// <summary>Writes resources with COPY in the context's current transaction (the demo and the benchmark).</summary>
    public static Task InsertAsync(CaseManagerDbContext db, IReadOnlyCollection<Resource> resources, CancellationToken cancellationToken) =>
        BulkCopy.WriteAsync(db, resources, cancellationToken);

    /// <summary><paramref name="count"/> resources, evenly over the host regions (the benchmark asks for more).</summary>
    public static List<Resource> Generate(Random random, int count, DateTimeOffset now, DateOnly today)
    {
        var resources = new List<Resource>(count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var (region, area, municipalities) = Regions[i % Regions.Length];
            var (category, templates, descriptions) = random.Pick(Templates);
            var municipality = random.Pick(municipalities);
            var name = string.Format(CultureInfo.InvariantCulture, random.Pick(templates), municipality);
            // Past the distinct combinations, a site number keeps names apart ("… – point de service 2").
            for (var site = 2; !names.Add(name); site++)
            {
                name = string.Format(CultureInfo.InvariantCulture, "{0} – point de service {1}", name.Split(" – point de service ")[0], site);
            }

            var slug = Slug(name);
            slug = slug[..Math.Min(slug.Length, 40)].TrimEnd('-');
            resources.Add(new Resource
            {
                Id = Guid.CreateVersion7(now),
                Name = name,
                Description = $"{random.Pick(descriptions)} {Sentence(random, municipality)}",
                CategoryCode = category,
                RegionCode = region,
                Municipality = municipality,
                ContactName = random.Pick(Contacts),
                Email = random.Chance(0.85) ? $"info@{slug}.exemple.ca" : null,
                Phone = ContactRules.NormalizePhone($"{area} 555-{random.Between(100, 9999):D4}"),
                Website = random.Chance(0.7) ? $"https://www.{slug}.exemple.ca" : null,
                LanguageCodes = random.Chance(0.6) ? ["fr", random.Pick(OtherLanguages)] : random.Chance(0.5) ? ["fr", "en"] : ["fr"],
                Eligibility = random.Chance(0.6) ? random.Pick(Eligibility) : null,
                IsActive = random.Chance(0.97),
                LastVerifiedOn = random.Chance(0.92) ? today.AddDays(-random.Between(0, 600)) : null,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        return resources;
    }

    private static string Sentence(Random random, string municipality) => random.Between(0, 2) switch
    {
        0 => $"Bureau principal à {municipality}.",
        1 => $"Sur rendez-vous, à {municipality} et dans les environs.",
        _ => $"Service offert à {municipality} et à distance.",
    };

    private static string Slug(string name)
    {
        var folded = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && folded.Length > 0 && folded[^1] != '-')
            {
                folded.Append('-');
            }
        }

        return folded.ToString().Trim('-');
    }
}
