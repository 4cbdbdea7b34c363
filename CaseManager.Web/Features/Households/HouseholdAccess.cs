using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Households;

/// <summary>
/// Who may open which household's file, in one place for every feature that touches a file: a
/// counsellor their own files, a supervisor all of them. A refusal is logged in the access log.
/// </summary>
public sealed class HouseholdAccess(
    IDbContextFactory<CaseManagerDbContext> contexts, ICurrentUser currentUser, AppClock clock, ILogger<HouseholdAccess> logger)
{
    /// <summary>The signed-in person, if they work on household files (counsellor or supervisor).</summary>
    public async Task<UserIdentity> RequireFileWorkerAsync()
    {
        var user = await currentUser.GetAsync();
        if (!user.WorksOnFiles)
        {
            throw new AccessDeniedException($"User '{user.Id}' does not work on household files.");
        }

        return user;
    }

    public static bool CanAccess(UserIdentity user, string? assignedCounsellorId) =>
        user.SeesAllFiles || (user.IsInRole(Roles.Counsellor) && assignedCounsellorId == user.Id);

    /// <summary>Throws <see cref="NotFoundException"/> or, logged, <see cref="AccessDeniedException"/>.</summary>
    public async Task EnsureAsync(CaseManagerDbContext db, Guid householdId, UserIdentity user, string source, CancellationToken cancellationToken)
    {
        var assigned = await db.Households.Where(h => h.Id == householdId).Select(h => new { h.AssignedCounsellorId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Household {householdId} does not exist.");
        await EnsureAsync(householdId, assigned.AssignedCounsellorId, user, source, cancellationToken);
    }

    /// <summary>The same check when the file's counsellor is already known.</summary>
    public async Task EnsureAsync(Guid householdId, string? assignedCounsellorId, UserIdentity user, string source, CancellationToken cancellationToken)
    {
        if (!CanAccess(user, assignedCounsellorId))
        {
            await LogAsync(householdId, user, AccessAction.Denied, source, cancellationToken);
            logger.LogWarning("Access to household {HouseholdId} refused to {UserId} ({Source}).", householdId, user.Id, source);
            throw new AccessDeniedException($"User {user.Id} may not open household {householdId}.");
        }
    }

    /// <summary>One access-log row per file, in one statement of its own unit of work (a list that shows several files).</summary>
    public async Task LogManyAsync(IEnumerable<Guid> householdIds, UserIdentity user, AccessAction action, string source, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var shortSource = source.Length > 300 ? source[..300] : source;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AccessLog.AddRange(householdIds.Distinct().Select(id => new AccessLogEntry
        {
            HouseholdId = id, UserId = user.Id, UserName = user.DisplayName, OccurredAt = now, Action = action, Source = shortSource,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes an access-log row in its own unit of work, so it stays whatever happens next.</summary>
    public async Task LogAsync(Guid householdId, UserIdentity user, AccessAction action, string source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AccessLog.Add(new AccessLogEntry
        {
            HouseholdId = householdId,
            UserId = user.Id,
            UserName = user.DisplayName,
            OccurredAt = clock.Now,
            Action = action,
            Source = source.Length > 300 ? source[..300] : source,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
