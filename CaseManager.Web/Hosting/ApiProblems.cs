using System.Globalization;
using System.Resources;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.WebUtilities;

namespace CaseManager.Web.Hosting;

/// <summary>
/// Every error under <c>/api</c> is RFC 7807 problem details, never an HTML page or an empty body:
/// an unknown route (404), a wrong method (405), a wrong content type (415), a body too large
/// (413), a malformed body (400) and an unexpected exception (500, without its text). Titles the
/// framework leaves as the bare status phrase are told in the person's language.
/// </summary>
public static class ApiProblems
{
    private static readonly ResourceManager Texts = new(typeof(IntakeText));

    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (problem.Title is null || problem.Title == ReasonPhrases.GetReasonPhrase(status))
            {
                problem.Title = Texts.GetString($"Api.Problem.{status}", CultureInfo.CurrentUICulture)
                    ?? Texts.GetString("Api.Problem.Other", CultureInfo.CurrentUICulture);
            }
        });

    /// <summary>Inside the site's own error pages: an API request gets problem details first.</summary>
    public static WebApplication UseApiProblemDetails(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            api =>
            {
                api.UseExceptionHandler();
                api.UseStatusCodePages();
            });
        return app;
    }
}
