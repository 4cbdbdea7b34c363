using Microsoft.Extensions.DependencyInjection.Extensions;
using CaseManager.Web.Features.Privacy.Anonymization;
using CaseManager.Web.Features.Privacy.Export;
using CaseManager.Web.Jobs;

namespace CaseManager.Web.Features.Privacy;

/// <summary>The privacy officer's services, the anonymization steps and the export sections, in one place.</summary>
public static class PrivacyRegistration
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddScoped<PrivacyAccess>();
        services.AddScoped<AccessLogService>();
        services.AddScoped<RightsRequestService>();
        services.AddScoped<IncidentService>();
        services.AddScoped<RetentionScheduleService>();
        services.AddScoped<PrivacyFileService>();
        // The application registers the configured delay (Hangfire:StaleRunSeconds) first.
        services.TryAddSingleton(AnonymizationRunSettings.Default);
        services.AddScoped<HouseholdAnonymizer>();
        services.AddTransient<AnonymizationJob>();
        services.AddTransient<RightsRequestOverdueJob>();
        services.AddSingleton<HouseholdExporter>();

        // One step per area of a file; a new area registers its own here.
        services.AddSingleton<IAnonymizationStep, RemindersStep>();
        services.AddSingleton<IAnonymizationStep, OutboxStep>();
        services.AddSingleton<IAnonymizationStep, JournalStep>();
        services.AddSingleton<IAnonymizationStep, PlanStep>();
        services.AddSingleton<IAnonymizationStep, StayStep>();
        services.AddSingleton<IAnonymizationStep, SubsidyStep>();
        services.AddSingleton<IAnonymizationStep, IntakeStep>();
        services.AddSingleton<IAnonymizationStep, RightsRequestStep>();
        services.AddSingleton<IAnonymizationStep, AuditStep>();
        services.AddSingleton<IAnonymizationStep, HouseholdStep>();

        // One section per area of the export, likewise.
        services.AddSingleton<IHouseholdExportSection, ProfileSection>();
        services.AddSingleton<IHouseholdExportSection, MembersSection>();
        services.AddSingleton<IHouseholdExportSection, ConsentsSection>();
        services.AddSingleton<IHouseholdExportSection, RegistrationSection>();
        services.AddSingleton<IHouseholdExportSection, SessionsSection>();
        services.AddSingleton<IHouseholdExportSection, ExternalSessionsSection>();
        services.AddSingleton<IHouseholdExportSection, StaysSection>();
        services.AddSingleton<IHouseholdExportSection, PlanSection>();
        services.AddSingleton<IHouseholdExportSection, PlanGoalsSection>();
        services.AddSingleton<IHouseholdExportSection, PlanTasksSection>();
        services.AddSingleton<IHouseholdExportSection, PlanMilestonesSection>();
        services.AddSingleton<IHouseholdExportSection, FollowUpsSection>();
        services.AddSingleton<IHouseholdExportSection, JournalSection>();
        services.AddSingleton<IHouseholdExportSection, DebriefsSection>();
        services.AddSingleton<IHouseholdExportSection, StageHistorySection>();
        services.AddSingleton<IHouseholdExportSection, SubsidyApplicationsSection>();
        services.AddSingleton<IHouseholdExportSection, SubsidyDocumentsSection>();
        services.AddSingleton<IHouseholdExportSection, SubsidyHistorySection>();
        return services;
    }
}
