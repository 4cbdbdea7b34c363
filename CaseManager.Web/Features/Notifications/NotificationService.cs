using CaseManager.Data;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Notifications;

public sealed record NotificationItem(
    Guid Id, ReminderKind Kind, Guid? HouseholdId, string? FileNumber, string? HouseholdName,
    DateOnly DueOn, DateTimeOffset CreatedAt, bool IsRead);

/// <summary>The signed-in person's in-app notifications: the bell's count and list.</summary>
public sealed class NotificationService(IDbContextFactory<CaseManagerDbContext> contexts, ICurrentUser currentUser, AppClock clock)
{
    public async Task<int> CountUnreadAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == user.Id && n.ReadAt == null, cancellationToken);
    }

    /// <summary>The latest notifications, unread first.</summary>
    public async Task<IReadOnlyList<NotificationItem>> GetRecentAsync(int take, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == user.Id)
            .OrderBy(n => n.ReadAt != null).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.DueOn)
            .Take(take)
            .Select(n => new NotificationItem(
                n.Id, n.Kind, n.HouseholdId,
                db.Households.Where(h => h.Id == n.HouseholdId).Select(h => h.FileNumber).FirstOrDefault(),
                db.Households.Where(h => h.Id == n.HouseholdId).Select(h => h.PrimaryApplicant.LastName + ", " + h.PrimaryApplicant.FirstName).FirstOrDefault(),
                n.DueOn, n.CreatedAt, n.ReadAt != null))
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
        await db.Notifications.Where(n => n.UserId == user.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
