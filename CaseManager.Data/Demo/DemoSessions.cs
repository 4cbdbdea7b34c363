using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>
/// Information sessions for the demonstration, built through the domain: one held three weeks ago
/// in Bas-Saint-Laurent with its households recorded present (files that have since moved on), and
/// upcoming sessions in six host regions with households at the session stage registered. Each
/// session is co-run by its region's demo partners, so partenaire@demo.local has sessions to see.
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

    private static SessionDetails Details(string title, string region, Guid[] partners, DateTimeOffset startsAt, SessionFormat format) => new(
        title, [region], partners, startsAt, 120, format,
        format == SessionFormat.InPerson ? Address : null,
        format == SessionFormat.Online ? $"https://rencontres.example.org/seance-{region}" : null,
        "fr", 12);
}
