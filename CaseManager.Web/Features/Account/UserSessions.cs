using System.Security.Claims;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Account;

/// <summary>
/// Sign-in sessions kept in PostgreSQL (<see cref="UserSession"/>): a sign-in opens one and puts
/// its id in the cookie, signing out closes it, and a cookie whose session is not open is refused
/// on every request and every open page, on every server. A copied cookie dies with the sign-out.
/// </summary>
public sealed class UserSessions(IDbContextFactory<CaseManagerDbContext> factory, TimeProvider time)
{
    /// <summary>Opens a session for the person and returns its id.</summary>
    public async Task<Guid> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        var session = new UserSession { Id = Guid.NewGuid(), UserId = userId, StartedAt = time.GetUtcNow() };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Whether the principal carries the id of an open session of its own user.</summary>
    public async Task<bool> IsOpenAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || SessionId(principal) is not { } sessionId)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.UserSessions.AnyAsync(
            s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, cancellationToken);
    }

    /// <summary>Closes the principal's session (nothing happens when it has none or it is closed).</summary>
    public async Task EndAsync(ClaimsPrincipal principal, string reason, CancellationToken cancellationToken = default)
    {
        if (SessionId(principal) is not { } sessionId)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.UserSessions
            .Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    public static Guid? SessionId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(AppClaimTypes.SessionId), out var id) ? id : null;

    /// <summary>
    /// The cookie check of every request: a cookie without an open session is refused (the person
    /// is signed out), then Identity's own check of the security stamp runs.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal)
        {
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        if (!await sessions.IsOpenAsync(principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Identity rebuilds the principal when it re-reads the security stamp: keep the session's id.</summary>
    public static Task KeepSessionOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(AppClaimTypes.SessionId) is { } claim
            && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == AppClaimTypes.SessionId))
        {
            identity.AddClaim(new Claim(AppClaimTypes.SessionId, claim.Value));
        }

        return Task.CompletedTask;
    }
}
