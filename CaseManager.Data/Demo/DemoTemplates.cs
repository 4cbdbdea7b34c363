using CaseManager.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>
/// Three plan templates for the demonstration. Templates are the program's to write (an
/// administrator edits them), so a real installation starts with none: these exist only in demo data.
/// </summary>
internal static class DemoTemplates
{
    public static async Task EnsureAsync(CaseManagerDbContext db, DemoReferences references, CancellationToken cancellationToken)
    {
        if (await db.PlanTemplates.AnyAsync(cancellationToken))
        {
            return;
        }

        var needs = references.NeedCodes.ToHashSet();
        foreach (var template in All())
        {
            // A needs domain the program removed from its list is left out of the demo template.
            template.Goals.RemoveAll(goal => !needs.Contains(goal.NeedCode));
            if (template.Goals.Count > 0 && template.Validate().Count == 0)
            {
                db.PlanTemplates.Add(template);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static TemplateTask Task(string title, TaskOwner owner, int days) => new() { Title = title, Owner = owner, OffsetDays = days };

    private static IEnumerable<PlanTemplate> All() =>
    [
        new PlanTemplate
        {
            Id = Guid.Parse("0196a1f0-0000-7000-8000-00000000a001"),
            Name = "Adulte seul, emploi en main",
            Description = "Une personne seule qui a déjà une offre d'emploi en région : l'essentiel est de confirmer l'emploi, de trouver un logement et de s'installer.",
            Goals =
            [
                new TemplateGoal
                {
                    NeedCode = "employment",
                    Description = "Confirmer l'emploi et la date d'entrée en poste",
                    Tasks =
                    [
                        Task("Obtenir la confirmation écrite de l'offre d'emploi", TaskOwner.Household, 7),
                        Task("Vérifier que le statut d'immigration permet cet emploi", TaskOwner.Counsellor, 7),
                    ],
                },
                new TemplateGoal
                {
                    NeedCode = "housing",
                    Description = "Trouver un logement près du travail",
                    Tasks =
                    [
                        Task("Établir le budget de logement", TaskOwner.Counsellor, 7),
                        Task("Présenter les ressources en logement de la région", TaskOwner.RegionalPartner, 14),
                        Task("Repérer et visiter des logements", TaskOwner.Household, 30),
                    ],
                },
                new TemplateGoal
                {
                    NeedCode = "finances",
                    Description = "Préparer le déménagement",
                    Tasks =
                    [
                        Task("Vérifier l'admissibilité au soutien financier au déménagement", TaskOwner.Counsellor, 14),
                        Task("Préparer le budget du déménagement", TaskOwner.Household, 21),
                    ],
                },
                new TemplateGoal
                {
                    NeedCode = "social-network",
                    Description = "Se bâtir un réseau dans la région",
                    Tasks = [Task("Présenter l'organisme d'accueil et ses activités d'intégration", TaskOwner.RegionalPartner, 45)],
                },
            ],
        },
        new PlanTemplate
        {
            Id = Guid.Parse("0196a1f0-0000-7000-8000-00000000a002"),
            Name = "Famille avec enfants d'âge scolaire",
            Description = "Deux adultes et des enfants d'âge scolaire : l'emploi des deux adultes, le logement, l'école et la santé se préparent ensemble, idéalement pour un déménagement l'été.",
            Goals =
            [
                new TemplateGoal
                {
                    NeedCode = "employment",
                    Description = "Trouver un emploi dans la région visée",
                    Tasks =
                    [
                        Task("Mettre à jour le CV au format québécois", TaskOwner.Household, 14),
                        Task("Présenter le CV à des employeurs de la région", TaskOwner.RegionalPartner, 45),
                    ],
                },
                new TemplateGoal
                {
                    NeedCode = "spouse-employment",
                    Description = "Trouver un emploi pour le conjoint ou la conjointe dans la même région",
                    Tasks = [Task("Mettre le conjoint ou la conjointe en contact avec l'organisme d'employabilité régional", TaskOwner.RegionalPartner, 45)],
                },
                new TemplateGoal
                {
                    NeedCode = "daycare-school",
                    Description = "Inscrire les enfants à l'école pour la rentrée",
                    Tasks =
                    [
                        Task("Rassembler les bulletins et le carnet de vaccination", TaskOwner.Household, 21),
                        Task("Communiquer avec le centre de services scolaire de la région", TaskOwner.Household, 45),
                    ],
                },
                new TemplateGoal
                {
                    NeedCode = "housing",
                    Description = "Trouver un logement familial près des écoles",
                    Tasks =
                    [
                        Task("Établir le budget de logement", TaskOwner.Counsellor, 14),
                        Task("Visiter des logements pendant le séjour exploratoire", TaskOwner.Household, 90),
                    ],
                },
                new TemplateGoal
                {
                    NeedCode = "health",
                    Description = "Avoir accès à un médecin de famille dans la région",
                    Tasks = [Task("S'inscrire au Guichet d'accès à un médecin de famille", TaskOwner.Household, 120)],
                },
            ],
        },
        new PlanTemplate
        {
            Id = Guid.Parse("0196a1f0-0000-7000-8000-00000000a003"),
            Name = "Projet d'entreprise",
            Description = "Une personne qui veut démarrer ou reprendre une entreprise en région, avec le service de développement économique local.",
            Goals =
            [
                new TemplateGoal
                {
                    NeedCode = "business",
                    Description = "Démarrer ou reprendre une entreprise en région",
                    Tasks =
                    [
                        Task("Rencontrer le service de développement économique de la région", TaskOwner.RegionalPartner, 21),
                        Task("Explorer les programmes d'aide au démarrage d'entreprise", TaskOwner.Counsellor, 30),
                        Task("Rédiger un premier plan d'affaires", TaskOwner.Household, 90),
                    ],
                },
                new TemplateGoal
                {
                    NeedCode = "finances",
                    Description = "Financer le projet et l'installation",
                    Tasks = [Task("Préparer le budget personnel des premiers mois", TaskOwner.Household, 45)],
                },
                new TemplateGoal
                {
                    NeedCode = "social-network",
                    Description = "Se faire connaître du milieu des affaires local",
                    Tasks = [Task("Participer à une activité de la chambre de commerce", TaskOwner.Household, 60)],
                },
            ],
        },
    ];
}
