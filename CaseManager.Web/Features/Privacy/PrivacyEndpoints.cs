using CaseManager.Web.Access;
using CaseManager.Web.Files;
using Microsoft.AspNetCore.Mvc;

namespace CaseManager.Web.Features.Privacy;

/// <summary>The privacy officer's downloads: a request's archive, the incidents register as CSV.</summary>
public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/privacy").RequireAuthorization(nameof(Operation.UsePrivacyTools)).WithOutcomes();
        group.MapGet("/requests/{id:guid}/export", async (
            Guid id, [FromQuery(Name = "internal")] bool? includeInternal, [FromQuery] string? lang, RightsRequestService requests, HttpContext http) =>
        {
            var archive = await requests.ExportAsync(id, includeInternal ?? false, lang, http.Request.Path, http.RequestAborted);
            return Results.File(archive.Content, "application/zip", archive.FileName);
        });
        group.MapGet("/incidents/export.csv", async ([FromQuery] DateOnly? from, [FromQuery] DateOnly? to, IncidentService incidents, HttpContext http) =>
        {
            var csv = await incidents.ExportCsvAsync(from, to, http.RequestAborted);
            return Results.File(csv, "text/csv; charset=utf-8", "registre-incidents.csv");
        });
        return app;
    }
}
