using Microsoft.AspNetCore.Components.Authorization;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// The services learn who is asking from <see cref="ICurrentUser"/>, which reads Blazor's
/// authentication state. Razor components set that state themselves; plain HTTP endpoints
/// (downloads, exports, calendar files) run outside any component, where it is never set and
/// reading it throws. This middleware gives every request's scope the request's own user, once
/// authentication has run, so an endpoint calls the same services, with the same checks, as a page.
/// A circuit has its own scope and state: nothing here reaches it.
/// </summary>
public static class RequestUser
{
    public static IApplicationBuilder UseRequestUserForServices(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.RequestServices.GetService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
            {
                host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
            }

            await next(context);
        });
}
