using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Admin;

/// <summary>
/// The administrator check of the admin services. The sign-in cookie says who the person is;
/// the database says whether they are still an active administrator right now (a role removed
/// or an account deactivated a minute ago counts, even before the session is revalidated).
/// </summary>
internal static class AdminAccess
{
    public static async Task<UserIdentity> RequireAdminAsync(
        ICurrentUser currentUser, IDbContextFactory<CaseManagerDbContext> contexts, ILogger logger, CancellationToken cancellationToken)
    {
        var user = await currentUser.GetAsync();
        if (user.IsInRole(Roles.Admin))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var stillAdmin = await db.Users.AnyAsync(
                u => u.Id == user.Id && u.IsActive &&
                     db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)),
                cancellationToken);
            if (stillAdmin)
            {
                return user;
            }
        }

        logger.LogWarning("Administration refused to user {UserId}.", user.Id);
        throw new AccessDeniedException($"User '{user.Id}' is not an administrator.");
    }
}
