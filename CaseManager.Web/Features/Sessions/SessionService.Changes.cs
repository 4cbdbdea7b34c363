using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using CaseManager.Web.Access;

using CaseManager.Web.Files;

namespace CaseManager.Web.Features.Sessions;

public sealed partial class SessionService
{
    /// <summary>Plans a session (counsellors and supervisors); a refusal (<see cref="DomainRuleException"/>) plans nothing.</summary>
    public async Task<Guid> CreateAsync(SessionDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CheckReferencesAsync(db, details, cancellationToken);
        var session = InfoSession.Plan(details, context);
        db.InfoSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Session {SessionId} planned by {UserId}.", session.Id, user.Id);
        return session.Id;
    }

    /// <summary>
    /// Changes a scheduled session from the version the person read; someone else's save since is
    /// refused (<see cref="ConcurrencyConflictException"/>). A larger capacity moves the waiting list up,
    /// and the households moved up are told (<see cref="TellPromotedAsync"/>).
    /// </summary>
    public async Task UpdateAsync(Guid id, uint version, SessionDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(db, id, version, cancellationToken);
        await CheckReferencesAsync(db, details, cancellationToken);
        var promoted = session.Change(details, context);
        await SaveAsync(db.ActingAs(context), cancellationToken);
        var told = await TellPromotedAsync(db, session, promoted, context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        AfterTold(told);
    }

    /// <summary>
    /// Cancels a scheduled session. Every household registered (seat or waiting list) gets an email
    /// in its language, in the same transaction (the outbox); their counsellors (or whoever the
    /// "session cancelled" rule names) are told in the app through the reminders' delivery.
    /// </summary>
    public async Task CancelAsync(Guid id, uint version, string reason, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(db, id, version, cancellationToken);
        var told = session.Cancel(reason, context);
        await SaveAsync(db, cancellationToken);

        var householdIds = told.Select(r => r.HouseholdId).ToList();
        var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.PrimaryApplicant.FirstName, h.PrimaryApplicant.LastName, h.Contact.Email, h.Languages })
            .ToDictionaryAsync(h => h.Id, cancellationToken);
        var emails = told
            .Where(r => households.TryGetValue(r.HouseholdId, out var h) && !string.IsNullOrWhiteSpace(h.Email))
            .Select(r =>
            {
                var h = households[r.HouseholdId];
                var content = SessionEmails.Cancelled(new SessionEmailSubject(
                    $"{h.FirstName} {h.LastName}", h.Languages, session.Title, session.StartsAt, session.DurationMinutes,
                    session.Format, session.Address, session.OnlineLink, session.CancellationReason));
                return new OutboxEmail(null, h.Email!, content, $"session-cancelled:{r.Id}");
            })
            .ToList();
        var queued = emails.Count == 0 ? 0 : await OutboxEmail.InsertAsync(db, emails, context.Now, cancellationToken);

        // The staff hear of it as a reminder of its own kind, delivered like the others (notification,
        // email by preference), when its rule is on. Same key scheme as the sweep: kind, subject, date.
        var rule = await db.ReminderRules.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == ReminderKind.SessionCancelled, cancellationToken);
        var sessionDay = AppClock.DateOf(session.StartsAt);
        if (rule is { Enabled: true } && told.Count > 0)
        {
            db.Reminders.AddRange(told.Select(r => new Reminder
            {
                Id = Guid.CreateVersion7(context.Now),
                Kind = ReminderKind.SessionCancelled,
                HouseholdId = r.HouseholdId,
                SubjectId = r.Id,
                DueOn = context.Today,
                SubjectOn = sessionDay,
                DedupKey = $"{ReminderKind.SessionCancelled}:{r.Id}:{sessionDay:yyyy-MM-dd}",
                CreatedAt = context.Now,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (rule is { Enabled: true } && told.Count > 0)
        {
            jobs.Enqueue<ReminderDeliveryJob>(job => job.RunAsync(CancellationToken.None));
        }

        if (queued > 0)
        {
            jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
        }

        logger.LogInformation("Session {SessionId} cancelled by {UserId}: {Households} households told, {Emails} emails.", id, user.Id, told.Count, queued);
    }

    /// <summary>
    /// Registers a household the person works on: a seat if one is left, else the waiting list. The
    /// session's row is locked for the decision, so two registrations racing for the last seat get
    /// one seat and one place on the waiting list.
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(Guid sessionId, Guid householdId, CancellationToken cancellationToken = default)
    {
        var command = new FileCommand(householdId, "session-register")
        {
            Needs = FileNeed.TakingPart, NotTakingPartRefusal = "Session.HouseholdNotActive", InTransaction = true,
        };
        var registration = await _files.RunAsync(command, async work =>
        {
            var session = await LockAsync(work.Db, sessionId, version: null, cancellationToken);
            var registration = session.Register(householdId, work.Context);
            work.Db.SessionRegistrations.Add(registration);
            try
            {
                await work.Db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException saved) when (saved.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                throw new DomainRuleException("Session.AlreadyRegistered");
            }

            return registration;
        }, cancellationToken);
        logger.LogInformation("Household {HouseholdId} registered to session {SessionId} ({Status}).", householdId, sessionId, registration.Status);
        return new RegistrationResult(registration.Id, registration.Status);
    }

    /// <summary>Withdraws a registration of a file the person works on; the first on the waiting list takes the freed seat.</summary>
    public async Task CancelRegistrationAsync(Guid sessionId, Guid registrationId, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureHouseholdOfRegistrationAsync(db, sessionId, registrationId, user, "session-unregister", cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(db, sessionId, version: null, cancellationToken);
        var promoted = session.CancelRegistration(registrationId, context);
        await SaveAsync(db.ActingAs(context), cancellationToken);
        var told = await TellPromotedAsync(db, session, promoted is null ? [] : [promoted], context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        AfterTold(told);
        if (promoted is not null)
        {
            logger.LogInformation("Registration {RegistrationId} moved up from the waiting list of session {SessionId}.", promoted.Id, sessionId);
        }
    }

    /// <summary>
    /// Tells of the households moved up from the waiting list to a seat, in the transaction that
    /// moved them: each household an email in its language (the outbox, once per registration),
    /// their counsellors (or whoever the "seat granted" rule names) a reminder of its own kind,
    /// delivered like the others when the rule is on. Same key scheme as the sweep: kind, subject, date.
    /// </summary>
    private static async Task<PromotionNotice> TellPromotedAsync(
        CaseManagerDbContext db, InfoSession session, IReadOnlyList<SessionRegistration> promoted, ActionContext context, CancellationToken cancellationToken)
    {
        if (promoted.Count == 0)
        {
            return new PromotionNotice(false, 0);
        }

        var householdIds = promoted.Select(r => r.HouseholdId).ToList();
        var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.PrimaryApplicant.FirstName, h.PrimaryApplicant.LastName, h.Contact.Email, h.Languages })
            .ToDictionaryAsync(h => h.Id, cancellationToken);
        var emails = promoted
            .Where(r => households.TryGetValue(r.HouseholdId, out var h) && !string.IsNullOrWhiteSpace(h.Email))
            .Select(r =>
            {
                var h = households[r.HouseholdId];
                var content = SessionEmails.SeatGranted(new SessionEmailSubject(
                    $"{h.FirstName} {h.LastName}", h.Languages, session.Title, session.StartsAt, session.DurationMinutes,
                    session.Format, session.Address, session.OnlineLink, null));
                return new OutboxEmail(null, h.Email!, content, $"session-seat-granted:{r.Id}");
            })
            .ToList();
        var queued = emails.Count == 0 ? 0 : await OutboxEmail.InsertAsync(db, emails, context.Now, cancellationToken);

        var rule = await db.ReminderRules.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == ReminderKind.SessionSeatGranted, cancellationToken);
        var remind = rule is { Enabled: true };
        if (remind)
        {
            var sessionDay = AppClock.DateOf(session.StartsAt);
            db.Reminders.AddRange(promoted.Select(r => new Reminder
            {
                Id = Guid.CreateVersion7(context.Now),
                Kind = ReminderKind.SessionSeatGranted,
                HouseholdId = r.HouseholdId,
                SubjectId = r.Id,
                DueOn = context.Today,
                SubjectOn = sessionDay,
                DedupKey = $"{ReminderKind.SessionSeatGranted}:{r.Id}:{sessionDay:yyyy-MM-dd}",
                CreatedAt = context.Now,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new PromotionNotice(remind, queued);
    }

    /// <summary>Once the transaction is committed: the delivery of the reminders and the emails.</summary>
    private void AfterTold(PromotionNotice told)
    {
        if (told.Reminded)
        {
            jobs.Enqueue<ReminderDeliveryJob>(job => job.RunAsync(CancellationToken.None));
        }

        if (told.EmailsQueued > 0)
        {
            jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
        }
    }

    private sealed record PromotionNotice(bool Reminded, int EmailsQueued);

    /// <summary>
    /// Records a household's attendance: a partner user at their organization's sessions, a
    /// counsellor for their own files, a supervisor for any.
    /// </summary>
    public async Task RecordAttendanceAsync(Guid sessionId, Guid registrationId, Attendance attendance, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var viewer = await ViewerAsync(cancellationToken);
        if (!viewer.IsPartner)
        {
            await EnsureHouseholdOfRegistrationAsync(db, sessionId, registrationId, viewer.User, "session-attendance", cancellationToken);
        }

        var context = clock.ContextFor(viewer.User.Actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await LockAsync(db, sessionId, version: null, cancellationToken);
        EnsureVisible(viewer, session);
        session.RecordAttendance(registrationId, attendance, context);
        await SaveAsync(db.ActingAs(context), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Locks the session's row for this transaction and loads it with its registrations.</summary>
    private static async Task<InfoSession> LockAsync(CaseManagerDbContext db, Guid id, uint? version, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM info_sessions WHERE id = {id} FOR UPDATE", cancellationToken);
        var session = await db.InfoSessions.Include(s => s.Registrations).SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Session {id} does not exist.");
        if (version is { } seen && session.Version != seen)
        {
            throw new ConcurrencyConflictException();
        }

        return session;
    }

    private async Task EnsureHouseholdOfRegistrationAsync(
        CaseManagerDbContext db, Guid sessionId, Guid registrationId, UserIdentity user, string source, CancellationToken cancellationToken)
    {
        var registration = await db.SessionRegistrations.AsNoTracking()
            .Where(r => r.Id == registrationId && r.SessionId == sessionId)
            .Select(r => new { r.HouseholdId, AssignedCounsellorId = db.Households.Where(h => h.Id == r.HouseholdId).Select(h => h.AssignedCounsellorId).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainRuleException("Session.RegistrationNotFound");
        await access.DemandFileAsync(registration.HouseholdId, registration.AssignedCounsellorId, user, source, cancellationToken);
    }

    /// <summary>Regions must be host regions, partners active ones.</summary>
    private static async Task CheckReferencesAsync(CaseManagerDbContext db, SessionDetails details, CancellationToken cancellationToken)
    {
        var refusals = new List<Refusal>();
        var codes = details.RegionCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
        var hosts = await db.Regions.Where(r => codes.Contains(r.Code) && r.IsHostRegion).CountAsync(cancellationToken);
        if (hosts != codes.Count)
        {
            refusals.Add(new Refusal("Session.UnknownRegion"));
        }

        var partners = details.PartnerIds.Distinct().ToList();
        if (await db.RegionalPartners.CountAsync(p => partners.Contains(p.Id) && p.IsActive, cancellationToken) != partners.Count)
        {
            refusals.Add(new Refusal("Session.UnknownPartner"));
        }

        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }
    }

    private static async Task SaveAsync(CaseManagerDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }
}
