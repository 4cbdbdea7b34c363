using CaseManager.Web.Files;

namespace CaseManager.Web.Features.Subsidies;

/// <summary>
/// The download of a supporting document: only through this address, which checks the same
/// access as the application (and logs it); the files are in PostgreSQL, never under wwwroot.
/// </summary>
public static class SubsidyEndpoints
{
    public static void MapSubsidyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/subsidies/documents/{id:guid}", async (Guid id, HttpContext http, SubsidyService subsidies, CancellationToken cancellationToken) =>
        {
            var file = await subsidies.OpenDocumentAsync(id, http.Request.Path, cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Content-Type-Options"] = "nosniff";
            return Results.File(file.Data, file.ContentType, file.FileName);
        }).RequireAuthorization().WithOutcomes();
    }
}
