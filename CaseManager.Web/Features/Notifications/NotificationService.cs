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
    /// Returns whether a notification of theirs was snoozed.
    /// </summary>
    public async Task<bool> SnoozeAsync(Guid id, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        if (until <= clock.Now)
        {
            throw new DomainRuleException("Notifications.SnoozeInPast");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Notifications.Where(n => n.Id == id && n.UserId == user.Id && n.DismissedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.SnoozedUntil, until), cancellationToken);
        return changed > 0;
    }

    /// <summary>"Reporter à demain": until 8 h tomorrow, Montréal time.</summary>
    public Task<bool> SnoozeUntilTomorrowAsync(Guid id, CancellationToken cancellationToken = default) =>
        SnoozeAsync(id, TomorrowMorning, cancellationToken);

    public DateTimeOffset TomorrowMorning => AppClock.FromLocal(clock.Today.AddDays(1), new TimeOnly(8, 0));

    /// <summary>
    /// The person dealt with it, or chose to ignore it: hidden for good, recorded with the moment
    /// (and read, if it was not). Returns whether a notification of theirs was dismissed.
    /// </summary>
    public async Task<bool> DismissAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Notifications.Where(n => n.Id == id && n.UserId == user.Id && n.DismissedAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(n => n.DismissedAt, now)
                .SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), cancellationToken);
        return changed > 0;
    }

    /// <summary>The person's notifications that are neither dismissed nor snoozed right now.</summary>
    private IQueryable<Notification> Live(CaseManagerDbContext db, string userId)
    {
        var now = clock.Now;
        return db.Notifications.Where(n => n.UserId == userId && n.DismissedAt == null && (n.SnoozedUntil == null || n.SnoozedUntil <= now));
    }
}
