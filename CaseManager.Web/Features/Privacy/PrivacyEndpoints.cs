using System.Security.Claims;
using CaseManager.Domain.Common;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CaseManager.Web.Features.Privacy;

/// <summary>The privacy officer's downloads: a request's archive, the incidents register as CSV.</summary>
public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/privacy").RequireAuthorization(Policies.Privacy);
        group.MapGet("/requests/{id:guid}/export", async (
            Guid id, [FromQuery(Name = "internal")] bool? includeInternal, [FromQuery] string? lang, HttpContext http) =>
        {
            var requests = ForRequest<RightsRequestService>(http);
            try
            {
                var archive = await requests.ExportAsync(id, includeInternal ?? false, lang, http.Request.Path, http.RequestAborted);
                return Results.File(archive.Content, "application/zip", archive.FileName);
            }
            catch (DomainRuleException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: string.Join("; ", e.Refusals.Select(r => r.Code)));
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
            catch (AccessDeniedException)
            {
                return Results.Forbid();
            }
        });
        group.MapGet("/incidents/export.csv", async ([FromQuery] DateOnly? from, [FromQuery] DateOnly? to, HttpContext http) =>
        {
            try
            {
                var csv = await ForRequest<IncidentService>(http).ExportCsvAsync(from, to, http.RequestAborted);
                return Results.File(csv, "text/csv; charset=utf-8", "registre-incidents.csv");
            }
            catch (AccessDeniedException)
            {
                return Results.Forbid();
            }
        });
        return app;
    }

    /// <summary>
    /// A privacy service acting as the request's signed-in person: outside a Razor component the
    /// circuit's authentication state does not exist, so the services are given the request's user.
    /// </summary>
    private static T ForRequest<T>(HttpContext http)
        where T : class
    {
        var services = http.RequestServices;
        var user = new RequestUser(http.User);
        var privacy = ActivatorUtilities.CreateInstance<PrivacyAccess>(services, (ICurrentUser)user);
        var households = ActivatorUtilities.CreateInstance<HouseholdAccess>(services, (ICurrentUser)user);
        return typeof(T) == typeof(IncidentService)
            ? ActivatorUtilities.CreateInstance<T>(services, privacy)
            : ActivatorUtilities.CreateInstance<T>(services, privacy, households);
    }

    private sealed class RequestUser(ClaimsPrincipal principal) : ICurrentUser
    {
        public Task<UserIdentity> GetAsync() => Task.FromResult(UserIdentity.From(principal));
    }
}
