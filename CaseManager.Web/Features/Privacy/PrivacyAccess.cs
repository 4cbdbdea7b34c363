using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Privacy;

/// <summary>
/// The privacy officer's check, in every privacy service method: the cookie says who the person
/// is, the database says whether they are still an active privacy officer right now. A refusal
/// is logged. Writes the privacy journal (the audit of the officer's records).
/// </summary>
public sealed class PrivacyAccess(
    IDbContextFactory<CaseManagerDbContext> contexts, ICurrentUser currentUser, AppClock clock, ILogger<PrivacyAccess> logger)
{
    public async Task<UserIdentity> RequireOfficerAsync(CancellationToken cancellationToken = default) =>
        await RequireRoleAsync(Roles.PrivacyOfficer, cancellationToken);

    /// <summary>The retention schedule is the administrators' (the officer approves runs, not the schedule).</summary>
    public async Task<UserIdentity> RequireAdminAsync(CancellationToken cancellationToken = default) =>
        await RequireRoleAsync(Roles.Admin, cancellationToken);

    /// <summary>Reading the retention schedule: the officer and the administrators.</summary>
    public async Task<UserIdentity> RequireOfficerOrAdminAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync();
        return user.IsInRole(Roles.Admin) ? await RequireAdminAsync(cancellationToken) : await RequireOfficerAsync(cancellationToken);
    }

    public async Task<bool> IsOfficerAsync() => (await currentUser.GetAsync()).IsInRole(Roles.PrivacyOfficer);

    /// <summary>Adds a privacy-journal row to the unit of work (saved with the change it describes).</summary>
    public void Journal(CaseManagerDbContext db, UserIdentity user, string subjectType, object subjectId, string action, string? detail = null)
    {
        db.PrivacyJournal.Add(new PrivacyJournalEntry
        {
            OccurredAt = clock.Now,
            UserId = user.Id,
            UserName = user.DisplayName,
            SubjectType = subjectType,
            SubjectId = subjectId.ToString() ?? "",
            Action = action,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
        });
    }

    private async Task<UserIdentity> RequireRoleAsync(string role, CancellationToken cancellationToken)
    {
        var user = await currentUser.GetAsync();
        if (user.IsInRole(role))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var still = await db.Users.AnyAsync(
                u => u.Id == user.Id && u.IsActive &&
                     db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)),
                cancellationToken);
            if (still)
            {
                return user;
            }
        }

        logger.LogWarning("Privacy tools ({Role}) refused to user {UserId}.", role, user.Id);
        throw new AccessDeniedException($"User '{user.Id}' is not in role {role}.");
    }
}
