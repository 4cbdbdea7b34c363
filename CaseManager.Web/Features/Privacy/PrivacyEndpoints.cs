using CaseManager.Domain.Common;
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
            Guid id, [FromQuery(Name = "internal")] bool? includeInternal, [FromQuery] string? lang, RightsRequestService requests, HttpContext http) =>
        {
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
        group.MapGet("/incidents/export.csv", async ([FromQuery] DateOnly? from, [FromQuery] DateOnly? to, IncidentService incidents, HttpContext http) =>
        {
            try
            {
                var csv = await incidents.ExportCsvAsync(from, to, http.RequestAborted);
                return Results.File(csv, "text/csv; charset=utf-8", "registre-incidents.csv");
            }
            catch (AccessDeniedException)
            {
                return Results.Forbid();
            }
        });
        return app;
    }
}
