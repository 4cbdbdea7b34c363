using System.Text.Json;
using CaseManager.Web.Components;
using CaseManager.Web.Features.Account;
using CaseManager.Web.Features.Intake;
using CaseManager.Web.Features.Privacy;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CaseManager.Web.Hosting;

public static class Pipeline
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static WebApplication UseCaseManager(this WebApplication app)
    {
        app.UseCaseManagerForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseRequestLocalization();
        app.UseIntakeRateLimits();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseApiProblemDetails();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestUserForServices();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapSessionEndpoints();
        app.MapPrivacyEndpoints();
        CaseManager.Web.Features.Subsidies.SubsidyEndpoints.MapSubsidyEndpoints(app);
        app.MapResourceEndpoints();
        CaseManager.Web.Features.Reports.ReportEndpoints.MapReportEndpoints(app);
        app.MapIntakeApi();
        app.MapOpenApi().AllowAnonymous();

        // Administrators only: anonymous visitors are sent to sign in, other roles are refused.
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire", new DashboardOptions
        {
            DisplayStorageConnectionString = false,
            DashboardTitle = "CaseManager · Hangfire",
            AppPath = "/",
        });

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();

        RecurringJobs.Register(app.Services);
        return app;
    }

    /// <summary>Each check's state and figures, never its exception text or connection details.</summary>
    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = (int)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }
}
