using System.Security.Claims;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CaseManager.Web.Features.Account;

/// <summary>Puts the display name and organization in the sign-in cookie, beside the roles.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaimTypes.DisplayName, user.DisplayName));
        if (user.OrganizationId is { } organization)
        {
            identity.AddClaim(new Claim(AppClaimTypes.OrganizationId, organization.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}

/// <summary>
/// A deactivated person cannot sign in, and their open sessions end at the next check. Each
/// sign-in opens a session (<see cref="UserSessions"/>) whose id the cookie carries; signing out
/// closes it, which ends every copy of the cookie.
/// </summary>
public sealed class AppSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    UserSessions sessions)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Where the cookie's ticket keeps its session's id, so a refreshed cookie stays in the same session.</summary>
    private const string SessionItem = "cm.session";

    public override async Task SignInWithClaimsAsync(
        ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var properties = authenticationProperties ?? new AuthenticationProperties();
        if (!(properties.Items.TryGetValue(SessionItem, out var kept) && Guid.TryParse(kept, out var sessionId)))
        {
            sessionId = await sessions.StartAsync(user.Id);
            properties.Items[SessionItem] = sessionId.ToString();
        }

        Claim[] claims = [.. additionalClaims, new Claim(AppClaimTypes.SessionId, sessionId.ToString())];
        await base.SignInWithClaimsAsync(user, properties, claims);
    }

    public override async Task SignOutAsync()
    {
        await sessions.EndAsync(Context.User, UserSessionEndReasons.SignedOut);
        await base.SignOutAsync();
    }

    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        user.IsActive && await base.CanSignInAsync(user);

    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsActive: true } ? user : null;
    }
}
