using CaseManager.Web.Access;
using CaseManager.Data.Entities;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace CaseManager.Web.Features.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Signing out ends the session on the server (every copy of the cookie dies with it) and
        // needs the form's antiforgery token: another site cannot sign a person out.
        endpoints.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<ApplicationUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        // The FR|EN switch: remembered in a cookie, and in the person's profile when signed in.
        endpoints.MapGet("/culture/{culture}", async (
            string culture,
            [FromQuery] string? returnUrl,
            HttpContext context,
            UserManager<ApplicationUser> users) =>
        {
            var chosen = AppCultures.Normalize(culture);
            WriteCultureCookie(context, chosen);
            if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user)
            {
                user.PreferredCulture = chosen;
                await users.UpdateAsync(user);
            }

            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();
    }

    public static void WriteCultureCookie(HttpContext context, string culture) =>
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });

    /// <summary>
    /// Where a person lands after signing in without a return address, and where the home page
    /// sends them: the caseload for those who work on files, the users page for an administrator;
    /// the home page itself (a welcome) for a role with no page of its own yet.
    /// </summary>
    public static string LandingFor(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        bool Opens(Operation operation) => AccessRules.RolesOf[operation].Overlaps(set);
        return Opens(Operation.WorkOnFiles) ? "/households"
            : Opens(Operation.ManageUsers) ? "/admin/users"
            : Opens(Operation.ReadSessions) ? "/sessions"
            : Opens(Operation.UsePrivacyTools) ? "/privacy/requests"
            : "/";
    }

    /// <summary>
    /// A path of this site to return to: starts with one "/", not "//" or "/\\" (another host),
    /// and holds no control character (a tab or a line break would be refused by the redirect).
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl);
}
