using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;

namespace CaseManager.Data.Demo;

/// <summary>
/// What counsellors write in a personalized plan, by needs domain: goals, and tasks with who does
/// them and about how many days after the plan starts they fall due. "{region}" and "{municipalite}"
/// are filled with the household's target region and a municipality in it.
/// </summary>
internal static class DemoPlanVocabulary
{
    public sealed record TaskIdea(string Title, TaskOwner Owner, int Days);

    public sealed record NeedIdeas(string[] Goals, TaskIdea[] Tasks);

    public static readonly IReadOnlyDictionary<string, NeedIdeas> ByNeed = new Dictionary<string, NeedIdeas>
    {
        ["employment"] = new(
            ["Trouver un emploi dans son domaine en {region}", "Obtenir une offre d'emploi en région avant le déménagement", "Décrocher un premier emploi à {municipalite}"],
            [
                new("Mettre à jour le CV au format québécois", TaskOwner.Household, 7),
                new("Inscrire le ménage au service d'aide à l'emploi de la région", TaskOwner.Counsellor, 14),
                new("Postuler sur Québec emploi pour des postes en {region}", TaskOwner.Household, 21),
                new("Présenter le CV à des employeurs de {municipalite}", TaskOwner.RegionalPartner, 30),
                new("Préparer l'entrevue d'embauche (simulation)", TaskOwner.Counsellor, 45),
                new("Participer au salon de l'emploi régional", TaskOwner.Household, 60),
            ]),
        ["spouse-employment"] = new(
            ["Trouver un emploi pour le conjoint ou la conjointe dans la même région"],
            [
                new("Faire le bilan des compétences du conjoint ou de la conjointe", TaskOwner.Counsellor, 14),
                new("Chercher des offres pour le conjoint ou la conjointe en {region}", TaskOwner.Household, 30),
                new("Mettre le conjoint ou la conjointe en contact avec l'organisme d'employabilité régional", TaskOwner.RegionalPartner, 45),
            ]),
        ["credentials"] = new(
            ["Faire reconnaître les diplômes et l'expérience acquis à l'étranger"],
            [
                new("Rassembler et faire traduire les diplômes et relevés de notes", TaskOwner.Household, 14),
                new("Demander l'évaluation comparative des études effectuées hors du Québec", TaskOwner.Household, 21),
                new("Communiquer avec l'ordre professionnel", TaskOwner.Household, 45),
            ]),
        ["francisation"] = new(
            ["Améliorer le français pour le travail et la vie quotidienne", "Atteindre un niveau de français suffisant pour l'emploi visé"],
            [
                new("Inscrire le ménage à Francisation Québec", TaskOwner.Counsellor, 10),
                new("Participer à un atelier de conversation en français", TaskOwner.Household, 21),
                new("Trouver un cours de francisation offert à {municipalite}", TaskOwner.RegionalPartner, 40),
            ]),
        ["housing"] = new(
            ["Trouver un logement abordable près du travail et des écoles", "Louer un logement à {municipalite}"],
            [
                new("Établir le budget de logement", TaskOwner.Counsellor, 10),
                new("Repérer des logements à louer à {municipalite}", TaskOwner.Household, 30),
                new("Présenter l'office d'habitation et des propriétaires de la région", TaskOwner.RegionalPartner, 45),
                new("Visiter des logements pendant le séjour exploratoire", TaskOwner.Household, 75),
            ]),
        ["daycare-school"] = new(
            ["Inscrire les enfants à l'école ou à la garderie dans la région"],
            [
                new("Inscrire l'enfant sur La Place 0-5", TaskOwner.Household, 14),
                new("Rassembler les bulletins et le carnet de vaccination", TaskOwner.Household, 21),
                new("Communiquer avec le centre de services scolaire de la région", TaskOwner.Household, 30),
            ]),
        ["transportation"] = new(
            ["Se déplacer entre le logement et le travail"],
            [
                new("Échanger le permis de conduire à la SAAQ", TaskOwner.Household, 30),
                new("Vérifier le transport collectif entre le logement et l'emploi", TaskOwner.RegionalPartner, 45),
            ]),
        ["health"] = new(
            ["Avoir accès à un médecin de famille dans la région"],
            [
                new("S'inscrire au Guichet d'accès à un médecin de famille", TaskOwner.Household, 30),
                new("Transférer le dossier médical et les ordonnances", TaskOwner.Household, 60),
            ]),
        ["immigration-status"] = new(
            ["Stabiliser le statut d'immigration avant le déménagement"],
            [
                new("Vérifier que le permis de travail permet un emploi en région", TaskOwner.Counsellor, 7),
                new("Préparer la demande de résidence permanente", TaskOwner.Household, 60),
            ]),
        ["finances"] = new(
            ["Préparer le budget du déménagement et de l'installation"],
            [
                new("Préparer le budget du déménagement", TaskOwner.Counsellor, 21),
                new("Vérifier l'admissibilité au soutien financier au déménagement", TaskOwner.Counsellor, 30),
                new("Ouvrir un compte dans une caisse de la région", TaskOwner.Household, 90),
            ]),
        ["social-network"] = new(
            ["Se bâtir un réseau dans la région d'accueil"],
            [
                new("Présenter l'organisme d'accueil et ses activités d'intégration", TaskOwner.RegionalPartner, 30),
                new("Participer à une activité de jumelage interculturel", TaskOwner.Household, 60),
            ]),
        ["business"] = new(
            ["Démarrer son entreprise en région", "Reprendre une entreprise à {municipalite}"],
            [
                new("Rencontrer le service de développement économique de la région", TaskOwner.RegionalPartner, 30),
                new("Explorer les programmes d'aide au démarrage d'entreprise", TaskOwner.Counsellor, 45),
                new("Rédiger un premier plan d'affaires", TaskOwner.Household, 60),
            ]),
    };

    /// <summary>For a domain the demo does not know (the list is configurable).</summary>
    public static readonly NeedIdeas Other = new(
        ["Répondre à ce besoin avant le déménagement"],
        [new("Faire le point sur ce besoin avec le ménage", TaskOwner.Counsellor, 14)]);

    /// <summary>A follow-up that falls due in the coming days (the counsellor's week).</summary>
    public static readonly TaskIdea[] FollowUps =
    [
        new("Faire le point avec le ménage sur l'avancement du plan", TaskOwner.Counsellor, 0),
        new("Relancer le ménage au sujet des documents demandés", TaskOwner.Counsellor, 0),
        new("Confirmer les disponibilités du ménage pour la séance d'information", TaskOwner.Counsellor, 0),
        new("Transmettre au partenaire régional le profil du ménage", TaskOwner.Counsellor, 0),
    ];

    public static readonly string[] TaskComments =
    [
        "Fait avec le ménage lors de la rencontre.",
        "Le partenaire régional a confirmé par courriel.",
        "Documents reçus et versés au dossier.",
        "Reporté à la demande du ménage.",
    ];

    /// <summary>Milestones: a title, about how many days after the plan starts, and the stage a file reaches with it.</summary>
    public static readonly (string Title, int MinDays, int MaxDays, Stage ReachedWith)[] Milestones =
    [
        ("Séance d'information sur la région {region}", 20, 60, Stage.InfoSession),
        ("Séjour exploratoire à {municipalite}", 60, 150, Stage.ExploratoryStay),
        ("Entrevue d'embauche à {municipalite}", 40, 140, Stage.PersonalizedPlan),
        ("Signature du bail à {municipalite}", 120, 300, Stage.MovingSubsidy),
    ];
}
