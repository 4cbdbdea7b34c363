using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Notifications;

public sealed record NotificationItem(
    Guid Id, ReminderKind Kind, Guid? HouseholdId, string? FileNumber, string? HouseholdName,
    DateOnly DueOn, DateTimeOffset CreatedAt, bool IsRead, string? TaskTitle = null, DateOnly? SubjectOn = null)
{
    /// <summary>What the reminder is about, for its sentence.</summary>
    public ReminderSubject Subject => new(Kind, HouseholdId ?? Guid.Empty, FileNumber ?? "", HouseholdName ?? "", TaskTitle, SubjectOn ?? DueOn, DueOn);
}

/// <summary>What the bell counts, in one statement: the unread, and every live notification (read or not).</summary>
public sealed record NotificationCounts(int Unread, int Live);

public enum NotificationChangeKind
{
    Snoozed,
    Dismissed,
}

/// <summary>
/// What a snooze or a dismissal changed on one notification: the state it had before, so that
/// <see cref="NotificationService.UndoAsync"/> puts it back exactly. Held by the person's circuit only.
/// </summary>
public sealed record NotificationChange(
    Guid Id, NotificationChangeKind Kind, DateTimeOffset? ReadAt, DateTimeOffset? SnoozedUntil, DateTimeOffset? DismissedAt, DateTimeOffset Until);

/// <summary>
/// The signed-in person's in-app notifications: the bell's count and list, reading, snoozing and
/// dismissing. A person only ever touches their own. Snoozed (until the time) and dismissed
/// notifications are hidden; both are recorded on the notification, never deleted.
/// </summary>
public sealed class NotificationService(IDbContextFactory<CaseManagerDbContext> contexts, ICurrentUser currentUser, AppClock clock)
{
    /// <summary>Unread notifications that are neither snoozed nor dismissed: what the bell counts.</summary>
    public async Task<int> CountUnreadAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Live(db, user.Id).CountAsync(n => n.ReadAt == null, cancellationToken);
    }

    /// <summary>The unread count and the live count, in one COUNT statement (the bell's list shows only the latest few).</summary>
    public async Task<NotificationCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await Live(db, user.Id).GroupBy(_ => 1)
            .Select(g => new NotificationCounts(g.Count(n => n.ReadAt == null), g.Count()))
            .SingleOrDefaultAsync(cancellationToken);
        return counts ?? new NotificationCounts(0, 0);
    }

    /// <summary>The latest live notifications, unread first.</summary>
    public async Task<IReadOnlyList<NotificationItem>> GetRecentAsync(int take, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Live(db, user.Id).AsNoTracking()
            .OrderBy(n => n.ReadAt != null).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.DueOn).ThenBy(n => n.Id)
            .Take(take)
            .Select(n => new NotificationItem(
                n.Id, n.Kind, n.HouseholdId,
                db.Households.Where(h => h.Id == n.HouseholdId).Select(h => h.FileNumber).FirstOrDefault(),
                db.Households.Where(h => h.Id == n.HouseholdId).Select(h => h.PrimaryApplicant.LastName + ", " + h.PrimaryApplicant.FirstName).FirstOrDefault(),
                n.DueOn, n.CreatedAt, n.ReadAt != null,
                db.Reminders.Where(r => r.Id == n.ReminderId)
                    .SelectMany(r => db.PlanTasks.Where(t => t.Id == r.SubjectId).Select(t => t.Title)
                        .Concat(db.SessionRegistrations.Where(x => x.Id == r.SubjectId)
                            .Join(db.InfoSessions, x => x.SessionId, s => s.Id, (x, s) => s.Title))
                        .Concat(db.Resources.Where(x => x.Id == r.SubjectId).Select(x => x.Name))).FirstOrDefault(),
                db.Reminders.Where(r => r.Id == n.ReminderId).Select(r => (DateOnly?)r.SubjectOn).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    public async Task MarkReadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Notifications.Where(n => n.Id == id && n.UserId == user.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    public async Task MarkAllReadAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await Live(db, user.Id).Where(n => n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    /// <summary>
    /// Hides one of the person's notifications until <paramref name="until"/>; it comes back then,
    /// as read or unread as it was. A moment already past is refused ("Notifications.SnoozeInPast").
    /// Returns what was changed (to undo it), or null when no live notification of theirs has this id.
    /// </summary>
    public async Task<NotificationChange?> SnoozeAsync(Guid id, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        until = ToMicroseconds(until);
        if (until <= clock.Now)
        {
            throw new DomainRuleException("Notifications.SnoozeInPast");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var before = await BeforeAsync(db, id, user.Id, NotificationChangeKind.Snoozed, until, cancellationToken);
        if (before is null)
        {
            return null;
        }

        var changed = await Unchanged(db, before, user.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.SnoozedUntil, until), cancellationToken);
        return changed > 0 ? before : null;
    }

    /// <summary>"Reporter à demain": until 8 h tomorrow, Montréal time.</summary>
    public Task<NotificationChange?> SnoozeUntilTomorrowAsync(Guid id, CancellationToken cancellationToken = default) =>
        SnoozeAsync(id, TomorrowMorning, cancellationToken);

    public DateTimeOffset TomorrowMorning => AppClock.FromLocal(clock.Today.AddDays(1), new TimeOnly(8, 0));

    /// <summary>
    /// The person dealt with it, or chose to ignore it: hidden for good, recorded with the moment
    /// (and read, if it was not). Returns what was changed (to undo it), or null when no notification
    /// of theirs with this id is still undismissed.
    /// </summary>
    public async Task<NotificationChange?> DismissAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        var now = ToMicroseconds(clock.Now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var before = await BeforeAsync(db, id, user.Id, NotificationChangeKind.Dismissed, now, cancellationToken);
        if (before is null)
        {
            return null;
        }

        var changed = await Unchanged(db, before, user.Id)
            .ExecuteUpdateAsync(set => set
                .SetProperty(n => n.DismissedAt, now)
                .SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), cancellationToken);
        return changed > 0 ? before : null;
    }

    /// <summary>
    /// "Annuler" after a snooze or a dismissal: the notification gets back exactly the read, snoozed
    /// and dismissed state it had. Only the person it belongs to may, and only while the change is
    /// still the last one (a dismissal after the snooze is not undone by the snooze's undo).
    /// Returns whether it was put back.
    /// </summary>
    public async Task<bool> UndoAsync(NotificationChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var user = await currentUser.GetAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.Notifications.Where(n => n.Id == change.Id && n.UserId == user.Id);
        var current = change.Kind switch
        {
            NotificationChangeKind.Snoozed => mine.Where(n => n.DismissedAt == null && n.SnoozedUntil == change.Until),
            NotificationChangeKind.Dismissed => mine.Where(n => n.DismissedAt == change.Until),
        };
        var restored = await current.ExecuteUpdateAsync(set => set
            .SetProperty(n => n.ReadAt, change.ReadAt)
            .SetProperty(n => n.SnoozedUntil, change.SnoozedUntil)
            .SetProperty(n => n.DismissedAt, change.DismissedAt), cancellationToken);
        return restored > 0;
    }

    /// <summary>PostgreSQL keeps microseconds: the moment as it is stored, so that the undo finds it again.</summary>
    private static DateTimeOffset ToMicroseconds(DateTimeOffset moment) => moment.ToUniversalTime().AddTicks(-(moment.Ticks % 10));

    /// <summary>The notification's state before a change, if it is the person's and not yet dismissed.</summary>
    private static Task<NotificationChange?> BeforeAsync(
        CaseManagerDbContext db, Guid id, string userId, NotificationChangeKind kind, DateTimeOffset until, CancellationToken cancellationToken) =>
        db.Notifications.AsNoTracking().Where(n => n.Id == id && n.UserId == userId && n.DismissedAt == null)
            .Select(n => new NotificationChange(n.Id, kind, n.ReadAt, n.SnoozedUntil, n.DismissedAt, until))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The notification, only if nobody changed it since <paramref name="before"/> was read.</summary>
    private static IQueryable<Notification> Unchanged(CaseManagerDbContext db, NotificationChange before, string userId) =>
        db.Notifications.Where(n => n.Id == before.Id && n.UserId == userId && n.DismissedAt == null
                                    && n.ReadAt == before.ReadAt && n.SnoozedUntil == before.SnoozedUntil);

    /// <summary>The person's notifications that are neither dismissed nor snoozed right now.</summary>
    private IQueryable<Notification> Live(CaseManagerDbContext db, string userId)
    {
        var now = clock.Now;
        return db.Notifications.Where(n => n.UserId == userId && n.DismissedAt == null && (n.SnoozedUntil == null || n.SnoozedUntil <= now));
    }
}
