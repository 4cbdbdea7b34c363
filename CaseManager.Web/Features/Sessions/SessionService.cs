using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using CaseManager.Web.Access;

using CaseManager.Web.Files;

namespace CaseManager.Web.Features.Sessions;

/// <summary>
/// Information sessions: plan, change and cancel them; register households (a seat or the waiting
/// list, which moves up by itself); record attendance. Who may do what is decided here, whatever
/// the page: counsellors and supervisors see every session, counsellors register and manage only
/// their own files, supervisors all of them; a partner user sees only the sessions of their own
/// partner organization, with each participant's name and household size and nothing else, and
/// records attendance there. Registrations belong to the household's file: every change is audited.
/// </summary>
public sealed partial class SessionService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    AppClock clock,
    IBackgroundJobClient jobs,
    ILogger<SessionService> logger)
{
    private readonly FileRunner _files = new(contexts, access, clock);

    public const int MaxPageSize = 100;

    /// <summary>The longest stretch the calendar reads at once (a month grid shows six weeks).</summary>
    public const int MaxCalendarDays = 42;

    /// <summary>Who is asking: a file worker, or a partner user with their partner organization.</summary>
    private sealed record Viewer(UserIdentity User, Guid? PartnerId)
    {
        public bool IsPartner => PartnerId is not null;
    }

    public async Task<SessionListPage> SearchAsync(SessionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var viewer = await ViewerAsync(cancellationToken);
        var now = clock.Now;
        var sessions = Visible(db, viewer);
        sessions = query.When switch
        {
            SessionStatusFilter.Upcoming => sessions.Where(s => s.StartsAt >= now.AddHours(-12) && s.Status == SessionStatus.Scheduled),
            SessionStatusFilter.Past => sessions.Where(s => s.StartsAt < now || s.Status != SessionStatus.Scheduled),
            SessionStatusFilter.All => sessions,
        };
        if (!string.IsNullOrWhiteSpace(query.RegionCode))
        {
            sessions = sessions.Where(s => s.RegionCodes.Contains(query.RegionCode));
        }

        foreach (var pattern in LikeSearch.WordPatterns(query.Search))
        {
            sessions = sessions.Where(s => EF.Functions.Like(CaseManagerDbContext.Unaccent(s.Title), CaseManagerDbContext.Unaccent(pattern)));
        }

        var total = await sessions.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var descending = query.Descending || (query.When == SessionStatusFilter.Past && !query.Descending);
        var ordered = descending ? sessions.OrderByDescending(s => s.StartsAt).ThenBy(s => s.Id) : sessions.OrderBy(s => s.StartsAt).ThenBy(s => s.Id);
        var rows = await Rows(db, ordered.Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return new SessionListPage(rows, total);
    }

    /// <summary>The sessions of a stretch of days (Montréal), for the month and week views; at most <see cref="MaxCalendarDays"/> days.</summary>
    public async Task<IReadOnlyList<SessionRow>> CalendarAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        if (to < from || to.DayNumber - from.DayNumber + 1 > MaxCalendarDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"The calendar reads 1 to {MaxCalendarDays} days.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var viewer = await ViewerAsync(cancellationToken);
        var start = AppClock.FromLocal(from, TimeOnly.MinValue);
        var end = AppClock.FromLocal(to.AddDays(1), TimeOnly.MinValue);
        return await Rows(db, Visible(db, viewer).Where(s => s.StartsAt >= start && s.StartsAt < end).OrderBy(s => s.StartsAt).ThenBy(s => s.Id))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A session with its participants as the person may see them; a partner outside its partners is refused.</summary>
    public async Task<SessionView> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var viewer = await ViewerAsync(cancellationToken);
        var session = await db.InfoSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Session {id} does not exist.");
        EnsureVisible(viewer, session);
        var partners = await db.RegionalPartners.AsNoTracking().Where(p => session.PartnerIds.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new PartnerName(p.Id, p.Name)).ToListAsync(cancellationToken);
        var now = clock.Now;
        var started = session.StartsAt <= now && session.Status != SessionStatus.Cancelled;
        var people = await (
                from r in db.SessionRegistrations.AsNoTracking()
                where r.SessionId == id && r.Status != RegistrationStatus.Cancelled
                join h in db.Households on r.HouseholdId equals h.Id
                orderby r.Status, r.RegisteredAt, r.Id
                select new
                {
                    r.Id,
                    r.HouseholdId,
                    r.Status,
                    r.Attendance,
                    r.RegisteredAt,
                    h.FileNumber,
                    h.PrimaryApplicant.LastName,
                    h.PrimaryApplicant.FirstName,
                    Size = FileRules.SizeOf(h.Spouse != null, h.Children.Count),
                    h.AssignedCounsellorId,
                })
            .ToListAsync(cancellationToken);
        // Need to know (Law 25): a counsellor sees their own households by name and the others as a
        // count; supervisors and the session's partner see every participant. Every name shown is
        // logged in the access log.
        var shown = people.Where(p => viewer.IsPartner || AccessRules.MayOpenFile(viewer.User, p.AssignedCounsellorId)).ToList();
        var hidden = people.Except(shown).ToList();
        if (shown.Count > 0)
        {
            await access.LogFilesAsync(shown.Select(p => p.HouseholdId), viewer.User, AccessAction.ParticipantListed, $"/sessions/{id}", cancellationToken);
        }

        var participants = shown.Select(p =>
        {
            var ownsFile = !viewer.IsPartner && AccessRules.MayOpenFile(viewer.User, p.AssignedCounsellorId);
            return new Participant(
                p.Id,
                viewer.IsPartner ? null : p.HouseholdId,
                viewer.IsPartner ? null : p.FileNumber,
                $"{p.LastName}, {p.FirstName}",
                p.Size,
                p.Status,
                p.Attendance,
                p.RegisteredAt,
                CanManage: ownsFile && session.Status == SessionStatus.Scheduled,
                CanRecordAttendance: started && p.Status == RegistrationStatus.Registered && (viewer.IsPartner || ownsFile));
        }).ToList();
        return new SessionView(
            session.Id, session.Title, session.RegionCodes, partners, session.StartsAt, session.DurationMinutes, session.Format,
            session.Address, session.OnlineLink, session.Language, session.Capacity, session.Status, session.CancellationReason, session.Version,
            participants,
            OthersRegistered: hidden.Count(p => p.Status == RegistrationStatus.Registered),
            OthersWaitListed: hidden.Count(p => p.Status == RegistrationStatus.WaitListed),
            CanEdit: !viewer.IsPartner && session.Status == SessionStatus.Scheduled,
            IsPartnerView: viewer.IsPartner);
    }

    /// <summary>The sessions of one household's file (its registrations, newest first), for those who may open the file.</summary>
    public async Task<IReadOnlyList<HouseholdSessionRow>> ForHouseholdAsync(Guid householdId, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await access.DemandFileAsync(db, householdId, user, "sessions", cancellationToken);
        return await (
                from r in db.SessionRegistrations.AsNoTracking()
                where r.HouseholdId == householdId
                join s in db.InfoSessions on r.SessionId equals s.Id
                orderby s.StartsAt descending, r.RegisteredAt descending
                select new HouseholdSessionRow(
                    r.Id, s.Id, s.Title, s.StartsAt, s.DurationMinutes, s.Format, s.Status, r.Status, r.Attendance,
                    r.Status == RegistrationStatus.WaitListed
                        ? db.SessionRegistrations.Count(o => o.SessionId == s.Id && o.Status == RegistrationStatus.WaitListed &&
                                                             (o.RegisteredAt < r.RegisteredAt || (o.RegisteredAt == r.RegisteredAt && o.Id < r.Id))) + 1
                        : 0,
                    r.RecordedAfterwards,
                    r.AttendanceRecordedBy,
                    r.AttendanceRecordedAt))
            .Take(200)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Scheduled sessions still ahead that the household is not registered for, soonest first, optionally in one region.</summary>
    public async Task<IReadOnlyList<OpenSession>> OpenForAsync(Guid householdId, string? regionCode = null, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await access.DemandFileAsync(db, householdId, user, "sessions", cancellationToken);
        var now = clock.Now;
        var sessions = db.InfoSessions.AsNoTracking().Where(s =>
            s.Status == SessionStatus.Scheduled && s.StartsAt > now &&
            !db.SessionRegistrations.Any(r => r.SessionId == s.Id && r.HouseholdId == householdId && r.Status != RegistrationStatus.Cancelled));
        if (!string.IsNullOrWhiteSpace(regionCode))
        {
            sessions = sessions.Where(s => s.RegionCodes.Contains(regionCode));
        }

        return await sessions.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(50)
            .Select(s => new OpenSession(s.Id, s.Title, s.StartsAt, s.RegionCodes, s.Language,
                s.Capacity - db.SessionRegistrations.Count(r => r.SessionId == s.Id && r.Status == RegistrationStatus.Registered)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The active regional partners, for the session form.</summary>
    public async Task<IReadOnlyList<PartnerName>> PartnersAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RegionalPartners.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Name)
            .Select(p => new PartnerName(p.Id, p.Name)).ToListAsync(cancellationToken);
    }

    private static IQueryable<InfoSession> Visible(CaseManagerDbContext db, Viewer viewer) =>
        db.InfoSessions.AsNoTracking().Where(AccessRules.SessionsOf(viewer.User));

    private static IQueryable<SessionRow> Rows(CaseManagerDbContext db, IQueryable<InfoSession> sessions) =>
        sessions.Select(s => new SessionRow(
            s.Id, s.Title, s.StartsAt, s.DurationMinutes, s.Format, s.Language, s.RegionCodes, s.Capacity,
            db.SessionRegistrations.Count(r => r.SessionId == s.Id && r.Status == RegistrationStatus.Registered),
            db.SessionRegistrations.Count(r => r.SessionId == s.Id && r.Status == RegistrationStatus.WaitListed),
            s.Status));

    private void EnsureVisible(Viewer viewer, InfoSession session) =>
        access.Demand(viewer.User, AccessRules.MaySeeSession(viewer.User, session.PartnerIds), $"see session {session.Id}");

    /// <summary>A counsellor or supervisor; or a partner user of an active partner organization (the policy reads both from the database).</summary>
    private async Task<Viewer> ViewerAsync(CancellationToken cancellationToken)
    {
        var user = await access.DemandAsync(Operation.ReadSessions, cancellationToken);
        return new Viewer(user, AccessRules.ActingPartnerOf(user));
    }
}
