using CaseManager.Data;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Account;

/// <summary>The signed-in person's own preferences, as their preferences page shows them.</summary>
public sealed record AccountPreferences(ReminderEmailMode ReminderEmails, string? Email);

/// <summary>What each person chooses for themselves: how reminders reach them by email.</summary>
public sealed class AccountPreferencesService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    ILogger<AccountPreferencesService> logger)
{
    public async Task<AccountPreferences> GetAsync(CancellationToken cancellationToken = default)
    {
        var user = await RequireSignedInAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == user.Id)
                   .Select(u => new AccountPreferences(u.ReminderEmails, u.Email))
                   .SingleOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException($"User {user.Id} does not exist.");
    }

    /// <summary>Immediate (one email per reminder), a daily digest at 7 h, or none (in-app only).</summary>
    public async Task SaveReminderEmailsAsync(ReminderEmailMode mode, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }

        var user = await RequireSignedInAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var written = await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.ReminderEmails, mode), cancellationToken);
        if (written == 0)
        {
            throw new NotFoundException($"User {user.Id} does not exist.");
        }

        logger.LogInformation("User {UserId} chose reminder emails: {Mode}.", user.Id, mode);
    }

    private Task<UserIdentity> RequireSignedInAsync() => access.DemandAsync(Operation.EditOwnPreferences);
}
