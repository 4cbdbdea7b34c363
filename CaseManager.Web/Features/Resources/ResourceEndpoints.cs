using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Resources;

/// <summary>The directory's CSV export: the list as filtered on the page, streamed (signed in, counsellors, supervisors, administrators).</summary>
public static class ResourceEndpoints
{
    public static void MapResourceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/resources/export.csv", (
                string? q, string? region, string? category, bool? inactive, bool? due, ResourceSort? sort,
                ResourceService resources) =>
            {
                var query = new ResourceQuery
                {
                    Search = q, RegionCode = region, CategoryCode = category, IncludeInactive = inactive ?? false,
                    VerificationDueOnly = due ?? false, Sort = sort ?? ResourceSort.Name,
                };
                return Results.Stream(
                    stream => resources.ExportAsync(query, stream),
                    "text/csv; charset=utf-8",
                    $"ressources-{DateTime.UtcNow:yyyy-MM-dd}.csv");
            })
            .RequireAuthorization(nameof(Operation.ReadResources));
    }

    /// <summary>The export address of a query, for the page's button.</summary>
    public static string ExportUrl(ResourceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parameters.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("q", query.Search);
        Add("region", query.RegionCode);
        Add("category", query.CategoryCode);
        Add("inactive", query.IncludeInactive ? "true" : null);
        Add("due", query.VerificationDueOnly ? "true" : null);
        Add("sort", query.Sort.ToString());
        return "/resources/export.csv?" + string.Join('&', parameters);
    }
}
