using CaseManager.Domain.Common;

namespace CaseManager.Domain.Sessions;

public enum SessionStatus
{
    Scheduled,
    Held,
    Cancelled,
}

public enum SessionFormat
{
    InPerson,
    Online,
}

public enum RegistrationStatus
{
    /// <summary>Has a seat.</summary>
    Registered,

    /// <summary>The session was full: waits for a seat, in the order of registration.</summary>
    WaitListed,

    /// <summary>The registration was withdrawn (or the session cancelled).</summary>
    Cancelled,
}

public enum Attendance
{
    Present,
    Absent,
    Excused,
}

/// <summary>What a person fills in to plan or change a session.</summary>
public sealed record SessionDetails(
    string Title,
    IReadOnlyList<string> RegionCodes,
    IReadOnlyList<Guid> PartnerIds,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    SessionFormat Format,
    string? Address,
    string? OnlineLink,
    string Language,
    int Capacity);

/// <summary>
/// An information session on the host regions (séance d'information), co-run with regional
/// partners: households register, up to its capacity, then on a waiting list that moves up by
/// itself when a seat frees; attendance is recorded per household. A session is scheduled, held
/// (once attendance is recorded) or cancelled. Times are instants (UTC); people read them in Montréal.
/// </summary>
public sealed class InfoSession
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 500;
    public const int MinDuration = 15;
    public const int MaxDuration = 600;
    public const int MaxCapacity = 500;

    private readonly List<SessionRegistration> _registrations = [];

    private InfoSession()
    {
    }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public List<string> RegionCodes { get; private set; } = [];
    public List<Guid> PartnerIds { get; private set; } = [];
    public DateTimeOffset StartsAt { get; private set; }
    public int DurationMinutes { get; private set; }
    public SessionFormat Format { get; private set; }
    public string? Address { get; private set; }
    public string? OnlineLink { get; private set; }

    /// <summary>The language the session is given in: "fr", "en"…</summary>
    public string Language { get; private set; } = "fr";

    public int Capacity { get; private set; }
    public SessionStatus Status { get; private set; }
    public string? CancellationReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): two people editing the same session.</summary>
    public uint Version { get; private set; }

    /// <summary>Every registration, cancelled ones included (the services load them with the session).</summary>
    public IReadOnlyList<SessionRegistration> Registrations => _registrations;

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);

    public int SeatsTaken => _registrations.Count(r => r.Status == RegistrationStatus.Registered);

    public int SeatsLeft => Math.Max(0, Capacity - SeatsTaken);

    public static IReadOnlyList<Refusal> Validate(SessionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(details.Title))
        {
            refusals.Add(new("Session.TitleRequired"));
        }
        else if (details.Title.Trim().Length > MaxTitleLength)
        {
            refusals.Add(new("Session.TextTooLong", MaxTitleLength));
        }

        if (!details.RegionCodes.Any(c => !string.IsNullOrWhiteSpace(c)))
        {
            refusals.Add(new("Session.RegionRequired"));
        }

        if (details.DurationMinutes is < MinDuration or > MaxDuration)
        {
            refusals.Add(new("Session.DurationOutOfRange", MinDuration, MaxDuration));
        }

        if (details.Capacity is < 1 or > MaxCapacity)
        {
            refusals.Add(new("Session.CapacityOutOfRange", 1, MaxCapacity));
        }

        if (string.IsNullOrWhiteSpace(details.Language))
        {
            refusals.Add(new("Session.LanguageRequired"));
        }

        switch (details.Format)
        {
            case SessionFormat.InPerson:
                if (string.IsNullOrWhiteSpace(details.Address))
                {
                    refusals.Add(new("Session.AddressRequired"));
                }

                break;
            case SessionFormat.Online:
                if (string.IsNullOrWhiteSpace(details.OnlineLink))
                {
                    refusals.Add(new("Session.LinkRequired"));
                }
                else if (!Uri.TryCreate(details.OnlineLink.Trim(), UriKind.Absolute, out var link) || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
                {
                    refusals.Add(new("Session.LinkInvalid"));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(details), details.Format, null);
        }

        if ((details.Address?.Trim().Length ?? 0) > MaxTextLength || (details.OnlineLink?.Trim().Length ?? 0) > MaxTextLength)
        {
            refusals.Add(new("Session.TextTooLong", MaxTextLength));
        }

        return refusals;
    }

    public static InfoSession Plan(SessionDetails details, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refusals = Validate(details).ToList();
        if (details.StartsAt <= context.Now)
        {
            refusals.Add(new("Session.StartInPast"));
        }

        Throw(refusals);
        var session = new InfoSession
        {
            Id = Guid.CreateVersion7(context.Now),
            Status = SessionStatus.Scheduled,
            CreatedAt = context.Now,
            CreatedBy = context.Actor.Name,
        };
        session.Copy(details, context);
        return session;
    }

    /// <summary>
    /// Changes a scheduled session. Its capacity cannot fall below the seats already taken; a
    /// larger capacity moves the waiting list up. Returns the registrations promoted.
    /// </summary>
    public IReadOnlyList<SessionRegistration> Change(SessionDetails details, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequireScheduled();
        var refusals = Validate(details).ToList();
        if (details.Capacity < SeatsTaken)
        {
            refusals.Add(new("Session.CapacityBelowRegistered", SeatsTaken));
        }

        if (details.StartsAt != StartsAt && details.StartsAt <= context.Now)
        {
            refusals.Add(new("Session.StartInPast"));
        }

        Throw(refusals);
        Copy(details, context);
        return PromoteWaitingList(context);
    }

    /// <summary>
    /// Registers a household: a seat if one is left, else the waiting list. A household has one
    /// live registration per session; a started, held or cancelled session takes none.
    /// </summary>
    public SessionRegistration Register(Guid householdId, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequireScheduled();
        if (StartsAt <= context.Now)
        {
            throw new DomainRuleException("Session.AlreadyStarted");
        }

        if (_registrations.Any(r => r.HouseholdId == householdId && r.Status != RegistrationStatus.Cancelled))
        {
            throw new DomainRuleException("Session.AlreadyRegistered");
        }

        var registration = new SessionRegistration
        {
            Id = Guid.CreateVersion7(context.Now),
            SessionId = Id,
            HouseholdId = householdId,
            Status = SeatsLeft > 0 ? RegistrationStatus.Registered : RegistrationStatus.WaitListed,
            RegisteredAt = context.Now,
            RegisteredBy = context.Actor.Name,
        };
        _registrations.Add(registration);
        return registration;
    }

    /// <summary>
    /// Withdraws a registration. A seat freed goes to the first on the waiting list, who is
    /// returned (null when nobody waited or no seat was freed).
    /// </summary>
    public SessionRegistration? CancelRegistration(Guid registrationId, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequireScheduled();
        var registration = Find(registrationId);
        if (registration.Status == RegistrationStatus.Cancelled)
        {
            throw new DomainRuleException("Session.RegistrationAlreadyCancelled");
        }

        var freedSeat = registration.Status == RegistrationStatus.Registered;
        registration.Status = RegistrationStatus.Cancelled;
        registration.CancelledAt = context.Now;
        return freedSeat ? PromoteWaitingList(context).FirstOrDefault() : null;
    }

    /// <summary>
    /// Records whether a registered household came. Only once the session has started, never for a
    /// cancelled session or a household without a seat; the first record makes the session held.
    /// </summary>
    public void RecordAttendance(Guid registrationId, Attendance attendance, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Status == SessionStatus.Cancelled)
        {
            throw new DomainRuleException("Session.Cancelled");
        }

        if (StartsAt > context.Now)
        {
            throw new DomainRuleException("Session.AttendanceBeforeStart");
        }

        var registration = Find(registrationId);
        if (registration.Status != RegistrationStatus.Registered)
        {
            throw new DomainRuleException("Session.AttendanceNeedsSeat");
        }

        registration.Attendance = attendance;
        registration.AttendanceRecordedAt = context.Now;
        registration.AttendanceRecordedBy = context.Actor.Name;
        if (Status == SessionStatus.Scheduled)
        {
            Status = SessionStatus.Held;
        }

        UpdatedAt = context.Now;
    }

    /// <summary>
    /// Records, after the fact, that a household was present at a session that has started (held,
    /// or whose attendance nobody took): its registration, if it had one, is marked present (a place
    /// on the waiting list becomes a seat: the household came); a household that was not registered
    /// (it came without registering) gets a seat marked present beyond the capacity if need be, flagged
    /// as recorded afterwards. Who recorded it and when is kept; the session becomes held. Returns the
    /// registration.
    /// </summary>
    public SessionRegistration RecordPastAttendance(Guid householdId, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Status == SessionStatus.Cancelled)
        {
            throw new DomainRuleException("Session.Cancelled");
        }

        if (StartsAt > context.Now)
        {
            throw new DomainRuleException("Session.AttendanceBeforeStart");
        }

        var registration = _registrations.FirstOrDefault(r => r.HouseholdId == householdId && r.Status != RegistrationStatus.Cancelled);
        if (registration is { Status: RegistrationStatus.Registered, Attendance: Attendance.Present })
        {
            throw new DomainRuleException("Session.AlreadyPresent");
        }

        if (registration is null)
        {
            registration = new SessionRegistration
            {
                Id = Guid.CreateVersion7(context.Now),
                SessionId = Id,
                HouseholdId = householdId,
                RegisteredAt = context.Now,
                RegisteredBy = context.Actor.Name,
                RecordedAfterwards = true,
            };
            _registrations.Add(registration);
        }
        else if (registration.Status == RegistrationStatus.WaitListed)
        {
            registration.PromotedAt = context.Now;
        }

        registration.Status = RegistrationStatus.Registered;
        registration.Attendance = Attendance.Present;
        registration.AttendanceRecordedAt = context.Now;
        registration.AttendanceRecordedBy = context.Actor.Name;
        if (Status == SessionStatus.Scheduled)
        {
            Status = SessionStatus.Held;
        }

        UpdatedAt = context.Now;
        return registration;
    }

    /// <summary>Cancels a scheduled session; returns the registrations to tell (seats and waiting list), which stay as they were.</summary>
    public IReadOnlyList<SessionRegistration> Cancel(string reason, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequireScheduled();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Session.CancellationReasonRequired");
        }

        Status = SessionStatus.Cancelled;
        CancellationReason = reason.Trim().Length > MaxTextLength ? reason.Trim()[..MaxTextLength] : reason.Trim();
        UpdatedAt = context.Now;
        return _registrations.Where(r => r.Status != RegistrationStatus.Cancelled).ToList();
    }

    /// <summary>The waiting list, in the order households registered.</summary>
    public IEnumerable<SessionRegistration> WaitingList =>
        _registrations.Where(r => r.Status == RegistrationStatus.WaitListed).OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id);

    private List<SessionRegistration> PromoteWaitingList(ActionContext context)
    {
        var promoted = new List<SessionRegistration>();
        foreach (var waiting in WaitingList.Take(SeatsLeft).ToList())
        {
            waiting.Status = RegistrationStatus.Registered;
            waiting.PromotedAt = context.Now;
            promoted.Add(waiting);
        }

        return promoted;
    }

    private SessionRegistration Find(Guid registrationId) =>
        _registrations.FirstOrDefault(r => r.Id == registrationId) ?? throw new DomainRuleException("Session.RegistrationNotFound");

    private void RequireScheduled()
    {
        switch (Status)
        {
            case SessionStatus.Scheduled:
                return;
            case SessionStatus.Held:
                throw new DomainRuleException("Session.AlreadyHeld");
            case SessionStatus.Cancelled:
                throw new DomainRuleException("Session.Cancelled");
            default:
                throw new ArgumentOutOfRangeException(nameof(Status), Status, null);
        }
    }

    private void Copy(SessionDetails details, ActionContext context)
    {
        Title = details.Title.Trim();
        RegionCodes = details.RegionCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().Order(StringComparer.Ordinal).ToList();
        PartnerIds = details.PartnerIds.Distinct().ToList();
        StartsAt = details.StartsAt.ToUniversalTime();
        DurationMinutes = details.DurationMinutes;
        Format = details.Format;
        Address = details.Format == SessionFormat.InPerson ? details.Address?.Trim() : null;
        OnlineLink = details.Format == SessionFormat.Online ? details.OnlineLink?.Trim() : null;
        Language = details.Language.Trim();
        Capacity = details.Capacity;
        UpdatedAt = context.Now;
    }

    private static void Throw(List<Refusal> refusals)
    {
        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }
    }
}

/// <summary>A household's place at a session: a seat or the waiting list, then its attendance. Part of the household's file.</summary>
public sealed class SessionRegistration : IHouseholdPart
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid HouseholdId { get; set; }
    public RegistrationStatus Status { get; set; }
    public Attendance? Attendance { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public string RegisteredBy { get; set; } = "";

    /// <summary>When a seat freed moved this household up from the waiting list.</summary>
    public DateTimeOffset? PromotedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? AttendanceRecordedAt { get; set; }
    public string? AttendanceRecordedBy { get; set; }

    /// <summary>The household was not registered beforehand: its presence was recorded after the session (<see cref="InfoSession.RecordPastAttendance"/>).</summary>
    public bool RecordedAfterwards { get; set; }
}
