using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Sessions;

/// <summary>
/// Attendance recorded after the fact, from the household's file: at a past session of the program
/// the household came to without being registered (or whose attendance nobody took), and at a session
/// outside the system (a partner's, another organization's). Both count for the information-session
/// stage as the workflow and the subsidy's participation criterion read it (<see cref="WorkflowFactsQuery.SessionAttendedAsync"/>).
/// Each runs through the file runner (the person allowed on the file, a closed file read-only), and
/// each change is audited on the file with who recorded it and when.
/// </summary>
public sealed partial class SessionService
{
    /// <summary>How far back a past session of the program is offered (a year: the sessions a counsellor still hears of).</summary>
    public const int PastSessionDays = 365;

    /// <summary>Sessions of the program started in the last <see cref="PastSessionDays"/> days, not cancelled, at which the household is not yet recorded present; newest first.</summary>
    public Task<IReadOnlyList<PastSession>> PastForAsync(Guid householdId, CancellationToken cancellationToken = default) =>
        _files.ReadAsync<IReadOnlyList<PastSession>>(new FileCommand(householdId, "sessions-past") { LogAs = null }, async work =>
        {
            var now = work.Context.Now;
            var since = now.AddDays(-PastSessionDays);
            return await work.Db.InfoSessions.AsNoTracking()
                .Where(s => s.Status != SessionStatus.Cancelled && s.StartsAt <= now && s.StartsAt >= since &&
                            !work.Db.SessionRegistrations.Any(r => r.SessionId == s.Id && r.HouseholdId == householdId &&
                                                                   r.Status == RegistrationStatus.Registered && r.Attendance == Attendance.Present))
                .OrderByDescending(s => s.StartsAt).ThenBy(s => s.Id).Take(50)
                .Select(s => new PastSession(s.Id, s.Title, s.StartsAt, s.RegionCodes))
                .ToListAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Records that the household was present at a session that has started: its registration is
    /// marked present, or, if it was not registered, a seat recorded afterwards (beyond the capacity if
    /// need be). The session's row is locked, as for a registration.
    /// </summary>
    public async Task<Guid> RecordPastAttendanceAsync(Guid sessionId, Guid householdId, CancellationToken cancellationToken = default)
    {
        var command = new FileCommand(householdId, "session-past-attendance") { InTransaction = true };
        var registration = await _files.RunAsync(command, async work =>
        {
            var session = await LockAsync(work.Db, sessionId, version: null, cancellationToken);
            var registration = session.RecordPastAttendance(householdId, work.Context);
            return registration;
        }, cancellationToken);
        logger.LogInformation("Household {HouseholdId} recorded present afterwards at session {SessionId}.", householdId, sessionId);
        return registration.Id;
    }

    /// <summary>The sessions outside the system recorded on the household's file, newest first.</summary>
    public Task<IReadOnlyList<ExternalSessionRow>> ExternalForAsync(Guid householdId, CancellationToken cancellationToken = default) =>
        _files.ReadAsync<IReadOnlyList<ExternalSessionRow>>(new FileCommand(householdId, "sessions-external") { LogAs = null }, async work =>
        {
            var french = AppCultures.IsFrench;
            return await (
                    from a in work.Db.ExternalSessionAttendances.AsNoTracking()
                    where a.HouseholdId == householdId
                    join r in work.Db.Regions on a.RegionCode equals r.Code
                    orderby a.AttendedOn descending, a.RecordedAt descending
                    select new ExternalSessionRow(a.Id, a.OrganizerName, a.AttendedOn, a.RegionCode, french ? r.NameFr : r.NameEn, a.RecordedByName, a.RecordedAt))
                .Take(50)
                .ToListAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Records a session the household attended outside the system: a partner of the directory (its
    /// name is kept) or another organization, the day (not in the future), a host region. A refusal
    /// (<see cref="DomainRuleException"/>) records nothing.
    /// </summary>
    public async Task<Guid> RecordExternalAsync(Guid householdId, ExternalSessionDetails details, CancellationToken cancellationToken = default)
    {
        var id = await _files.RunAsync(new FileCommand(householdId, "session-external"), async work =>
        {
            ArgumentNullException.ThrowIfNull(details);
            var refusals = ExternalSessionAttendance.Validate(details, work.Context.Today).ToList();
            var organizer = details.OrganizerName?.Trim() ?? "";
            if (details.PartnerId is { } partnerId)
            {
                organizer = await work.Db.RegionalPartners.Where(p => p.Id == partnerId && p.IsActive).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
                if (organizer.Length == 0)
                {
                    refusals.Add(new Refusal("Session.UnknownPartner"));
                }
            }

            if (!string.IsNullOrWhiteSpace(details.RegionCode) &&
                !await work.Db.Regions.AnyAsync(r => r.Code == details.RegionCode.Trim() && r.IsHostRegion, cancellationToken))
            {
                refusals.Add(new Refusal("Session.UnknownRegion"));
            }

            if (refusals.Count > 0)
            {
                throw new DomainRuleException(refusals);
            }

            var attendance = ExternalSessionAttendance.Record(householdId, details, organizer, work.Context);
            work.Db.ExternalSessionAttendances.Add(attendance);
            return attendance.Id;
        }, cancellationToken);
        logger.LogInformation("Session outside the system recorded on household {HouseholdId}.", householdId);
        return id;
    }

    /// <summary>Removes a session outside the system recorded by mistake (audited); already removed: a conflict.</summary>
    public Task RemoveExternalAsync(Guid householdId, Guid attendanceId, CancellationToken cancellationToken = default) =>
        _files.RunAsync(new FileCommand(householdId, "session-external-remove"), async work =>
        {
            var attendance = await work.Db.ExternalSessionAttendances
                                 .SingleOrDefaultAsync(a => a.Id == attendanceId && a.HouseholdId == householdId, cancellationToken)
                             ?? throw new ConcurrencyConflictException();
            work.Db.ExternalSessionAttendances.Remove(attendance);
        }, cancellationToken);
}
