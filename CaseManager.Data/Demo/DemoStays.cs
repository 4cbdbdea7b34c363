using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Stays;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>
/// Exploratory stays for the demonstration, built through the domain and spread over the host
/// regions round the year, each hosted by one of its region's demo partners: completed stays (past)
/// with their households present (now and then one absent), the budget's actual amounts and a
/// debrief for every household that came (interest, job and housing leads, next steps); and stays
/// to come, planned or confirmed, with households at the session or stay stage. Every stay has an
/// agenda and a budget. A household takes part in one demo stay at most; the completed stays go to
/// files at the stay stage or beyond, preferably those that named the stay's region. A file that
/// left the stay stage without one of them records why it did no stay (a waiver, the stage's other
/// way through), so no demo file passed the stage the rules would have stopped. Written with
/// one batched SaveChanges (a few hundred rows, audited as the files' parts).
/// </summary>
internal static class DemoStays
{
    private const int CompletedStays = 24;
    private const int UpcomingStays = 16;

    private static readonly string[] Employers =
    [
        "Groupe Bombardier Récréatif", "Coopérative agricole régionale", "CISSS de la région", "Usine de transformation du bois",
        "Centre de services scolaire", "Quincaillerie Desjardins et fils", "Transport Lévesque", "Municipalité régionale de comté",
    ];

    private static readonly string[] LocalActors =
    [
        "Hôtel de ville de {0}", "Chambre de commerce de {0}", "Carrefour jeunesse-emploi de {0}", "Bibliothèque municipale de {0}",
    ];

    private static readonly string[] Visits =
    [
        "Visite de logements au centre-ville de {0}", "Tour guidé de {0} et de ses quartiers", "Visite d'une école primaire de {0}",
        "Visite du cégep et des services de garde de {0}",
    ];

    private static readonly string[] Lodgings =
    [
        "Auberge du centre-ville", "Gîte touristique des Érables", "Hôtel-motel du Parc", "Résidence étudiante du cégep",
    ];

    private static readonly string[] JobLeads =
    [
        "Entrevue prévue avec un employeur rencontré pendant le séjour.",
        "Deux offres en soins infirmiers auxiliaires à suivre auprès du CISSS.",
        "Poste de mécanicien à pourvoir : envoyer le CV cette semaine.",
        "Intérêt pour l'entrepreneuriat : rencontre avec la SADC à planifier.",
        "Peu de pistes dans le domaine du ménage; élargir la recherche.",
    ];

    private static readonly string[] HousingLeads =
    [
        "Un 5 ½ visité près de l'école, libre le 1er juillet.",
        "Liste de propriétaires remise par l'organisme hôte.",
        "Logement subventionné possible : inscription à l'office municipal d'habitation.",
        "Aucun logement visité ne convient; le partenaire relancera deux propriétaires.",
    ];

    private static readonly string[] NextSteps =
    [
        "Envoyer le CV aux employeurs rencontrés", "Faire une demande de logement", "Inscrire les enfants à l'école",
        "Préparer le budget du déménagement", "Faire reconnaître les diplômes", "Rappeler l'organisme hôte dans deux semaines",
        "Demander la subvention au déménagement",
    ];

    public static async Task EnsureAsync(CaseManagerDbContext db, DateTimeOffset now, DateOnly today, int seed, CancellationToken cancellationToken)
    {
        if (await db.Stays.AnyAsync(cancellationToken))
        {
            return;
        }

        var partners = await db.RegionalPartners.AsNoTracking().Where(p => p.IsActive)
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.RegionCodes, p.Municipality }).ToListAsync(cancellationToken);
        var hostRegions = await db.Regions.AsNoTracking().Where(r => r.IsHostRegion).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(cancellationToken);
        var regions = hostRegions.Where(code => partners.Any(p => p.RegionCodes.Contains(code))).ToList();
        if (regions.Count == 0)
        {
            return;
        }

        // Stages are stored as their names: compare with a list, not an order.
        var beyond = await CandidatesAsync(db, h => (h.Stage == Stage.ExploratoryStay || h.Stage == Stage.MovingSubsidy) && (h.Status == CaseStatus.Active || h.Status == CaseStatus.Settled), cancellationToken);
        var coming = await CandidatesAsync(db, h => (h.Stage == Stage.InfoSession || h.Stage == Stage.ExploratoryStay) && h.Status == CaseStatus.Active, cancellationToken);
        var random = new Random(seed);
        var taken = new HashSet<Guid>();
        var stays = new List<ExploratoryStay>();
        var debriefs = new List<StayDebrief>();
        ActionContext At(DateOnly day, int hour = 10) =>
            new(DemoData.Generator, ProgramCalendar.At(day, new TimeOnly(hour, 0)), day);

        for (var i = 0; i < CompletedStays + UpcomingStays; i++)
        {
            var completed = i < CompletedStays;
            var region = regions[i % regions.Count];
            var hosts = partners.Where(p => p.RegionCodes.Contains(region)).ToList();
            var host = hosts[i / regions.Count % hosts.Count];
            var households = Pick(completed ? beyond : coming, region, random.Next(2, 5), taken);
            if (households.Count == 0)
            {
                continue;
            }

            var nights = random.Next(2, 4);
            var startOn = completed
                ? today.AddDays(-(12 + (i * 300 / CompletedStays) + random.Next(0, 6)) - nights)
                : today.AddDays(6 + ((i - CompletedStays) * 80 / UpcomingStays) + random.Next(0, 4));
            var endOn = startOn.AddDays(nights);
            var plannedOn = completed ? startOn.AddDays(-35) : Min(startOn.AddDays(-35), today.AddDays(-random.Next(2, 20)));
            var stay = ExploratoryStay.Plan(
                new StayDetails(region, host.Id, startOn, endOn,
                    (TransportMode)(i % 4), i % 4 == 1 ? "Covoiturage organisé par l'organisme hôte" : null,
                    Lodgings[i % Lodgings.Length], "Chambres réservées pour les familles", null),
                At(plannedOn));
            foreach (var household in households)
            {
                stay.AddParticipant(household.Id, random.Next(1, household.Size + 1), household.Size, At(plannedOn.AddDays(1)));
            }

            AddAgenda(stay, host.Municipality, random, At(plannedOn.AddDays(2)));
            AddBudget(stay, completed, random, At(plannedOn.AddDays(2)));
            if (completed || i % 2 == 0)
            {
                stay.Confirm(At(completed ? startOn.AddDays(-14) : today));
            }

            if (completed)
            {
                if (households.Count >= 3 && i % 4 == 0)
                {
                    stay.RecordAttendance(households[^1].Id, Attendance.Absent, At(startOn));
                }

                stay.Complete(At(endOn.AddDays(1), 16));
                foreach (var participant in stay.Participants.Where(p => p.Attendance == Attendance.Present))
                {
                    debriefs.Add(StayDebrief.Record(stay, participant.HouseholdId, Debrief(random), At(endOn.AddDays(random.Next(2, 8)), 14)));
                }
            }

            stays.Add(stay);
        }

        db.ActingAs(new ActionContext(DemoData.Generator, now, today));
        db.Stays.AddRange(stays);
        db.StayDebriefs.AddRange(debriefs);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        db.StayWaivers.AddRange(await WaiversAsync(db, random, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static readonly string[] WaiverReasons =
    [
        "Le ménage a déjà visité la région par ses propres moyens.",
        "Offre d'emploi confirmée et logement trouvé à distance : le séjour n'est plus utile.",
        "Le ménage connaît déjà la région (famille sur place).",
        "Séjour impossible aux dates proposées; visite faite avec l'employeur.",
    ];

    /// <summary>A waiver for each file that left the stay stage without having come to a completed stay, recorded the day before it moved on.</summary>
    private static async Task<List<StayWaiver>> WaiversAsync(CaseManagerDbContext db, Random random, CancellationToken cancellationToken)
    {
        var exits = await db.StageTransitions.AsNoTracking()
            .Where(t => t.FromStage == Stage.ExploratoryStay && t.Kind == TransitionKind.Advance)
            .Where(t => !db.StayParticipants.Any(p => p.HouseholdId == t.HouseholdId && p.Attendance == Attendance.Present &&
                                                      db.Stays.Any(s => s.Id == p.StayId && s.Status == StayStatus.Completed)))
            .Where(t => !db.StayWaivers.Any(w => w.HouseholdId == t.HouseholdId))
            .Select(t => new { t.HouseholdId, t.OccurredAt })
            .ToListAsync(cancellationToken);
        return exits
            .GroupBy(e => e.HouseholdId)
            .Select(g => g.MinBy(e => e.OccurredAt)!)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.HouseholdId)
            .Select(e =>
            {
                var at = e.OccurredAt.AddDays(-1);
                return StayWaiver.Record(e.HouseholdId, WaiverReasons[random.Next(WaiverReasons.Length)], new ActionContext(DemoData.Generator, at, ProgramCalendar.DayOf(at)));
            })
            .ToList();
    }

    private sealed record Candidate(Guid Id, List<string> PreferredRegionCodes, int Size);

    private static async Task<List<Candidate>> CandidatesAsync(
        CaseManagerDbContext db, System.Linq.Expressions.Expression<Func<Household, bool>> where, CancellationToken cancellationToken) =>
        await db.Households.AsNoTracking().Where(where)
            .OrderBy(h => h.FileNumber)
            .Select(h => new Candidate(h.Id, h.PreferredRegionCodes, FileRules.SizeOf(h.Spouse != null, h.Children.Count)))
            .Take(600)
            .ToListAsync(cancellationToken);

    /// <summary>Up to <paramref name="count"/> households not yet taken, those that named the region first.</summary>
    private static List<Candidate> Pick(List<Candidate> pool, string region, int count, HashSet<Guid> taken)
    {
        var picked = pool.Where(c => !taken.Contains(c.Id) && c.PreferredRegionCodes.Contains(region))
            .Concat(pool.Where(c => !taken.Contains(c.Id) && !c.PreferredRegionCodes.Contains(region)))
            .Take(count)
            .ToList();
        taken.UnionWith(picked.Select(c => c.Id));
        return picked;
    }

    private static void AddAgenda(ExploratoryStay stay, string? municipality, Random random, ActionContext context)
    {
        var town = municipality ?? "la région";
        stay.AddAgendaItem(new AgendaItemDetails(stay.StartOn, new TimeOnly(13, 30), AgendaItemKind.LocalActorMeeting,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, LocalActors[random.Next(LocalActors.Length)], town), "Agente d'accueil de l'organisme hôte", null), context);
        stay.AddAgendaItem(new AgendaItemDetails(stay.StartOn.AddDays(1), new TimeOnly(9, 0), AgendaItemKind.EmployerMeeting,
            Employers[random.Next(Employers.Length)], "Responsable des ressources humaines", "Apporter des CV imprimés."), context);
        stay.AddAgendaItem(new AgendaItemDetails(stay.StartOn.AddDays(1), new TimeOnly(14, 0), AgendaItemKind.Visit,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Visits[random.Next(Visits.Length)], town), null, null), context);
        if (random.Next(2) == 0)
        {
            stay.AddAgendaItem(new AgendaItemDetails(stay.EndOn, null, AgendaItemKind.Other,
                "Souper communautaire avec des familles installées", null, null), context);
        }
    }

    private static void AddBudget(ExploratoryStay stay, bool completed, Random random, ActionContext context)
    {
        var people = stay.PeopleCount;
        var transport = 90m * people + random.Next(0, 100);
        var lodging = 115m * stay.Nights * stay.Participants.Count;
        var meals = 35m * people * (stay.Nights + 1);
        decimal? Actual(decimal planned) => completed ? Math.Round(planned * (0.85m + (random.Next(0, 30) / 100m)), 2) : null;
        stay.AddExpense(new ExpenseDetails(ExpenseCategory.Transport, "Essence et location de véhicules", transport, Actual(transport)), context);
        stay.AddExpense(new ExpenseDetails(ExpenseCategory.Lodging, $"{stay.Nights} nuits", lodging, Actual(lodging)), context);
        stay.AddExpense(new ExpenseDetails(ExpenseCategory.Meals, "Repas des participants", meals, Actual(meals)), context);
        if (random.Next(3) == 0)
        {
            stay.AddExpense(new ExpenseDetails(ExpenseCategory.Activities, "Entrées et activités familiales", 60m, completed ? 48.50m : null), context);
        }
    }

    private static DebriefDetails Debrief(Random random)
    {
        var steps = NextSteps.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        return new DebriefDetails(
            random.Next(2, 6), JobLeads[random.Next(JobLeads.Length)], HousingLeads[random.Next(HousingLeads.Length)], steps,
            random.Next(3) == 0 ? "La famille a beaucoup apprécié l'accueil reçu." : null);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
