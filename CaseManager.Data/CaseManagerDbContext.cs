using CaseManager.Data.Entities;
using CaseManager.Domain.Assignment;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Partners;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Privacy;
using CaseManager.Domain.Reference;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Reports;
using CaseManager.Domain.Resources;
using CaseManager.Domain.Stays;
using CaseManager.Domain.Sessions;
using CaseManager.Domain.Subsidies;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data;

public sealed class CaseManagerDbContext(DbContextOptions<CaseManagerDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    private ActionContext? _actionContext;

    public DbSet<Household> Households => Set<Household>();
    public DbSet<StageTransition> StageTransitions => Set<StageTransition>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<FileNumberCounter> FileNumberCounters => Set<FileNumberCounter>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<NeedsDomain> NeedsDomains => Set<NeedsDomain>();
    public DbSet<WithdrawalReason> WithdrawalReasons => Set<WithdrawalReason>();
    public DbSet<ImmigrationStatus> ImmigrationStatuses => Set<ImmigrationStatus>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ReminderRule> ReminderRules => Set<ReminderRule>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<OutgoingEmail> OutgoingEmails => Set<OutgoingEmail>();
    public DbSet<Domain.HouseholdReminders.HouseholdReminderRule> HouseholdReminderRules => Set<Domain.HouseholdReminders.HouseholdReminderRule>();
    public DbSet<Domain.HouseholdReminders.HouseholdReminder> HouseholdReminders => Set<Domain.HouseholdReminders.HouseholdReminder>();
    public DbSet<OutgoingTextMessage> OutgoingTextMessages => Set<OutgoingTextMessage>();
    public DbSet<TextMessageOptOut> TextMessageOptOuts => Set<TextMessageOptOut>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<PlanTemplate> PlanTemplates => Set<PlanTemplate>();
    public DbSet<RetentionCheck> RetentionChecks => Set<RetentionCheck>();
    public DbSet<RegionalPartner> RegionalPartners => Set<RegionalPartner>();
    public DbSet<ExploratoryStay> Stays => Set<ExploratoryStay>();
    public DbSet<StayParticipant> StayParticipants => Set<StayParticipant>();
    public DbSet<StayDebrief> StayDebriefs => Set<StayDebrief>();
    public DbSet<DebriefNextStep> DebriefNextSteps => Set<DebriefNextStep>();
    public DbSet<StayWaiver> StayWaivers => Set<StayWaiver>();
    public DbSet<AssignmentRecord> Assignments => Set<AssignmentRecord>();
    public DbSet<CounsellorAbsence> CounsellorAbsences => Set<CounsellorAbsence>();
    public DbSet<InfoSession> InfoSessions => Set<InfoSession>();
    public DbSet<SessionRegistration> SessionRegistrations => Set<SessionRegistration>();
    public DbSet<ExternalSessionAttendance> ExternalSessionAttendances => Set<ExternalSessionAttendance>();
    public DbSet<CalendarFeedToken> CalendarFeedTokens => Set<CalendarFeedToken>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<ActiveRole> ActiveRoles => Set<ActiveRole>();
    public DbSet<PartnerUser> PartnerUsers => Set<PartnerUser>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<PrivacyNotice> PrivacyNotices => Set<PrivacyNotice>();
    public DbSet<ConsentPurpose> ConsentPurposes => Set<ConsentPurpose>();
    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();
    public DbSet<DuplicateFlag> DuplicateFlags => Set<DuplicateFlag>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<RepeatKey> RepeatKeys => Set<RepeatKey>();
    public DbSet<IntakeApiKey> IntakeApiKeys => Set<IntakeApiKey>();
    public DbSet<RightsRequest> RightsRequests => Set<RightsRequest>();
    public DbSet<ConfidentialityIncident> ConfidentialityIncidents => Set<ConfidentialityIncident>();
    public DbSet<RetentionRule> RetentionRules => Set<RetentionRule>();
    public DbSet<AnonymizationRun> AnonymizationRuns => Set<AnonymizationRun>();
    public DbSet<AnonymizationRunItem> AnonymizationRunItems => Set<AnonymizationRunItem>();
    public DbSet<PrivacyJournalEntry> PrivacyJournal => Set<PrivacyJournalEntry>();
    public DbSet<EligibilityRuleSet> SubsidyRuleSets => Set<EligibilityRuleSet>();
    public DbSet<SubsidyApplication> SubsidyApplications => Set<SubsidyApplication>();
    public DbSet<SubsidyStatusChange> SubsidyStatusChanges => Set<SubsidyStatusChange>();
    public DbSet<SubsidyDocument> SubsidyDocuments => Set<SubsidyDocument>();
    public DbSet<SubsidyDocumentContent> SubsidyDocumentContents => Set<SubsidyDocumentContent>();
    public DbSet<SubsidyBudget> SubsidyBudgets => Set<SubsidyBudget>();
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<ResourceCategory> ResourceCategories => Set<ResourceCategory>();
    public DbSet<SettlementTarget> SettlementTargets => Set<SettlementTarget>();
    public DbSet<StageStay> StageStays => Set<StageStay>();
    public DbSet<DatabaseMarker> DatabaseMarkers => Set<DatabaseMarker>();
    public DbSet<HouseholdLink> HouseholdLinks => Set<HouseholdLink>();
    public DbSet<HouseholdDeviceSession> HouseholdSessions => Set<HouseholdDeviceSession>();

    /// <summary>
    /// The ASP.NET Core data-protection key ring (sign-in and antiforgery cookies), shared by every
    /// instance of the application: a cookie one instance issues is read by the others.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The counters of the rate limits that hold across instances (one row per limit, partition and window).</summary>
    public DbSet<RateLimitWindow> RateLimitWindows => Set<RateLimitWindow>();

    /// <summary>
    /// Says who is changing files in this unit of work. A save that changes a household's file
    /// without it is refused, so no change escapes the audit.
    /// </summary>
    public CaseManagerDbContext ActingAs(ActionContext context)
    {
        _actionContext = context;
        return this;
    }

    /// <summary>Matches <c>cm_unaccent</c> in the database: lower case, accents removed.</summary>
    [DbFunction("cm_unaccent", IsBuiltIn = false)]
    public static string Unaccent(string value) => throw new InvalidOperationException("Only for queries.");

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AuditTrail.Record(this, _actionContext);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AuditTrail.Record(this, _actionContext);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("unaccent");
        builder.HasPostgresExtension("pg_trgm");
        builder.HasDbFunction(typeof(CaseManagerDbContext).GetMethod(nameof(Unaccent))!).HasName("cm_unaccent");
        builder.ApplyConfigurationsFromAssembly(typeof(CaseManagerDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in SQL, safe when a value is added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
