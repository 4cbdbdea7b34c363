using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>
/// Information sessions for the demonstration, built through the domain: one held three weeks ago
/// in Bas-Saint-Laurent with its households recorded present (files that have since moved on);
/// for every file that left the session stage, a past session in its region before it left, with
/// the household recorded present (the stage's gate: the demo makes no file the rules call
/// impossible); and upcoming sessions in six host regions with households at the session stage
/// registered. Each session is co-run by its region's demo partners, so partenaire@demo.local has
/// sessions to see.
/// </summary>
internal static class DemoSessions
{
    private static readonly (string Region, string Title, int InDays, int Hour, SessionFormat Format)[] Upcoming =
    [
        ("01", "Vivre et travailler au Bas-Saint-Laurent", 9, 18, SessionFormat.InPerson),
        ("02", "Découvrir le Saguenay–Lac-Saint-Jean", 13, 18, SessionFormat.Online),
        ("03", "S'établir dans la Capitale-Nationale", 16, 13, SessionFormat.InPerson),
        ("05", "L'Estrie, une région accueillante", 20, 18, SessionFormat.InPerson),
        ("04", "Emplois et logement en Mauricie", 27, 18, SessionFormat.Online),
        ("16", "La Montérégie pour les familles", 34, 10, SessionFormat.InPerson),
    ];

    private const string Address = "Salle communautaire, 1100, rue Sainte-Catherine Ouest, Montréal";

    public static async Task EnsureAsync(CaseManagerDbContext db, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        if (await db.InfoSessions.AnyAsync(cancellationToken))
        {
            return;
        }

        var partners = await db.RegionalPartners.AsNoTracking().Where(p => p.IsActive)
            .Select(p => new { p.Id, p.RegionCodes }).ToListAsync(cancellationToken);
        Guid[] PartnersOf(string region) => partners.Where(p => p.RegionCodes.Contains(region)).Select(p => p.Id).ToArray();

        var waiting = await db.Households.AsNoTracking()
            .Where(h => h.Stage == Stage.InfoSession && h.Status == CaseStatus.Active)
            .OrderBy(h => h.FileNumber).Select(h => h.Id).Take(40).ToListAsync(cancellationToken);
        var movedOn = await db.Households.AsNoTracking()
            // Stages are stored as their names: a list, not an order ("ExploratoryStay" sorts before "InfoSession").
            .Where(h => (h.Stage == Stage.ExploratoryStay || h.Stage == Stage.MovingSubsidy) && h.Status == CaseStatus.Active)
            .OrderBy(h => h.FileNumber).Select(h => h.Id).Take(6).ToListAsync(cancellationToken);

        ActionContext At(DateTimeOffset instant) => new(DemoData.Generator, instant, ProgramCalendar.DayOf(instant));

        // Held three weeks ago: the households that have since moved on came.
        var heldAt = ProgramCalendar.At(today.AddDays(-21), new TimeOnly(18, 0));
        var held = InfoSession.Plan(Details("Vivre et travailler au Bas-Saint-Laurent", "01", PartnersOf("01"), heldAt, SessionFormat.InPerson), At(heldAt.AddDays(-20)));
        var seats = movedOn.Select(household => held.Register(household, At(heldAt.AddDays(-10)))).ToList();
        foreach (var seat in seats)
        {
            held.RecordAttendance(seat.Id, Attendance.Present, At(heldAt.AddHours(2)));
        }

        var sessions = new List<InfoSession> { held };
        sessions.AddRange(await AttendedBeforeLeavingAsync(db, partners.SelectMany(p => p.RegionCodes).ToHashSet(), PartnersOf, cancellationToken));
        var next = 0;
        foreach (var (region, title, inDays, hour, format) in Upcoming)
        {
            var startsAt = ProgramCalendar.At(today.AddDays(inDays), new TimeOnly(hour, 0));
            var session = InfoSession.Plan(Details(title, region, PartnersOf(region), startsAt, format), At(now.AddDays(-3)));
            foreach (var household in waiting.Skip(next).Take(5))
            {
                session.Register(household, At(now.AddDays(-2)));
            }

            next += 5;
            sessions.Add(session);
        }

        db.ActingAs(At(now));
        db.InfoSessions.AddRange(sessions);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The sessions the files that left the session stage attended: each file in its first preferred
    /// region that has partners, a few days before it moved on; a region's files of one month share
    /// a session (twelve seats), held on the earliest of their days.
    /// </summary>
    private static async Task<List<InfoSession>> AttendedBeforeLeavingAsync(
        CaseManagerDbContext db, IReadOnlySet<string> regionsWithPartners, Func<string, Guid[]> partnersOf, CancellationToken cancellationToken)
    {
        var exits = await (
                from t in db.StageTransitions.AsNoTracking()
                where t.FromStage == Stage.InfoSession && t.Kind == TransitionKind.Advance
                join h in db.Households.AsNoTracking() on t.HouseholdId equals h.Id
                select new { t.HouseholdId, t.OccurredAt, h.PreferredRegionCodes, h.FileNumber })
            .ToListAsync(cancellationToken);
        var names = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.NameFr, cancellationToken);
        var fallback = regionsWithPartners.Order(StringComparer.Ordinal).FirstOrDefault();
        if (fallback is null)
        {
            return [];
        }

        var random = new Random(0x5E55);
        var attendees = exits
            .GroupBy(e => e.HouseholdId)
            .Select(g => g.OrderBy(e => e.OccurredAt).First())
            .OrderBy(e => e.FileNumber, StringComparer.Ordinal)
            .Select(e => (
                e.HouseholdId,
                Region: e.PreferredRegionCodes.FirstOrDefault(regionsWithPartners.Contains) ?? fallback,
                Day: ProgramCalendar.DayOf(e.OccurredAt).AddDays(-random.Next(2, 12))))
            .ToList();

        ActionContext At(DateTimeOffset instant) => new(DemoData.Generator, instant, ProgramCalendar.DayOf(instant));
        var sessions = new List<InfoSession>();
        foreach (var month in attendees.GroupBy(a => (a.Region, a.Day.Year, a.Day.Month)).OrderBy(g => g.Key))
        {
            foreach (var group in month.OrderBy(a => a.Day).Chunk(12))
            {
                var heldAt = ProgramCalendar.At(group[0].Day, new TimeOnly(18, 0));
                var title = $"Vivre et travailler en région : {names.GetValueOrDefault(month.Key.Region, month.Key.Region)}";
                var session = InfoSession.Plan(Details(title, month.Key.Region, partnersOf(month.Key.Region), heldAt, SessionFormat.InPerson), At(heldAt.AddDays(-20)));
                var seats = group.Select(a => session.Register(a.HouseholdId, At(heldAt.AddDays(-10)))).ToList();
                foreach (var seat in seats)
                {
                    session.RecordAttendance(seat.Id, Attendance.Present, At(heldAt.AddHours(2)));
                }

                sessions.Add(session);
            }
        }

        return sessions;
    }

    private static SessionDetails Details(string title, string region, Guid[] partners, DateTimeOffset startsAt, SessionFormat format) => new(
        title, [region], partners, startsAt, 120, format,
        format == SessionFormat.InPerson ? Address : null,
        format == SessionFormat.Online ? $"https://rencontres.example.org/seance-{region}" : null,
        "fr", 12);
}
