using CaseManager.Web.Components;
using CaseManager.Web.Features.Account;
using CaseManager.Web.Features.Intake;
using CaseManager.Web.Features.Privacy;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;

namespace CaseManager.Web.Hosting;

public static class Pipeline
{
    public static WebApplication UseCaseManager(this WebApplication app)
    {
        app.UseCaseManagerForwardedHeaders();
        app.UseCaseManagerSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseRequestLocalization();
        app.UseIntakeRateLimits();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseApiProblemDetails();
        app.UseAuthentication();
        CaseManager.Web.Features.HouseholdSpace.HouseholdSpaceRegistration.UseHouseholdSpacePrincipal(app);
        // Before authorization: the access policy reads the person from the request.
        app.UseRequestUserForServices();
        app.UseAuthorization();
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
        CaseManager.Web.Features.HouseholdReminders.TextMessageWebhooks.MapTextMessageWebhooks(app);
        CaseManager.Web.Features.HouseholdSpace.HouseholdSpaceRegistration.MapHouseholdSpaceEndpoints(app);
        app.MapOpenApi().AllowAnonymous();

        // Administrators only: anonymous visitors are sent to sign in, other roles are refused.
        app.MapHangfireDashboardWithAuthorizationPolicy(nameof(CaseManager.Web.Access.Operation.ReadSystemHealth), "/hangfire", new DashboardOptions
        {
            DisplayStorageConnectionString = false,
            DashboardTitle = "CaseManager · Hangfire",
            AppPath = "/",
        });

        app.MapCaseManagerHealth();

        RecurringJobs.Register(app.Services);
        return app;
    }
}
