using System.Text.Encodings.Web;
using System.Text.Unicode;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Features.Account;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Features.Assignment;
using CaseManager.Web.Features.HouseholdReminders;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Intake;
using CaseManager.Web.Features.MyWeek;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Features.Partners;
using CaseManager.Web.Features.Plans;
using CaseManager.Web.Features.Privacy;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Features.Stays;
using CaseManager.Web.Features.Supervision;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Features.Timeline;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using CaseManager.Web.Localization;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;
using CaseManager.Web.Access;

namespace CaseManager.Web.Hosting;

public static class ServiceRegistration
{
    public static WebApplicationBuilder AddCaseManager(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Validated settings (Hosting/CaseManagerOptions.cs): no developer default outside Development and demo mode.
        builder.AddCaseManagerOptions();

        // Static web assets (MudBlazor's CSS and JS) are served from the packages even when the
        // app is started with `dotnet run` outside the Development environment.
        builder.WebHost.UseStaticWebAssets();

        services.AddDbContextFactory<CaseManagerDbContext>((sp, options) => options.UseCaseManagerDatabase(sp.GetRequiredService<CaseManagerSettings>().ConnectionString));

        services.AddCaseManagerDataProtection(builder.Configuration);
        services.AddCaseManagerReverseProxy(builder.Configuration);
        AddIdentity(services);
        AddLocalization(services);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            config.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddHttpContextAccessor();
        // French pages: accented letters are written as themselves, not as &#xE9; entities.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.TryAddSingletonTimeProvider();
        services.AddSingleton<AppClock>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<HouseholdService>();
        services.AddScoped<PlanService>();
        services.AddScoped<StayService>();
        services.AddScoped<ReferenceDataService>();
        services.AddScoped<NotificationService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<ReminderSettingsService>();
        services.AddScoped<RetentionService>();
        services.AddScoped<TimelineService>();
        services.AddScoped<MyWeekService>();
        services.AddScoped<FollowUpBulkService>();
        services.AddScoped<PlanTemplateService>();
        services.AddScoped<AccountPreferencesService>();
        services.AddSingleton<FileDistributor>();
        services.AddScoped<SupervisionService>();
        services.AddScoped<AssignmentHistoryService>();
        services.AddScoped<SessionService>();
        services.AddScoped<SessionCalendar>();
        services.AddScoped<PartnerService>();
        services.AddScoped<ResourceService>();
        services.AddOptions<IntakeOptions>()
            .BindConfiguration(IntakeOptions.Section)
            .Validate(o => o.IsValid, IntakeOptions.Rules)
            .ValidateOnStart();
        services.AddScoped<IntakeService>();
        services.AddScoped<IntakeApiKeyService>();
        services.AddScoped<DuplicateService>();
        services.AddScoped<ConsentService>();
        CaseManager.Web.Features.HouseholdSpace.HouseholdSpaceRegistration.AddHouseholdSpace(services);
        services.AddPrivacy();
        services.AddScoped<CaseManager.Web.Features.Subsidies.SubsidyService>();
        services.AddScoped<CaseManager.Web.Features.Reports.ReportService>();
        services.AddScoped<CaseManager.Web.Features.Reports.ResultsTables>();
        services.AddIntakeRateLimiting(builder.Configuration);
        services.AddOpenApi();
        services.AddApiProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddSingleton<ReminderEmails>();
        services.AddTransient<ReminderSweepJob>();
        services.AddTransient<ReminderDeliveryJob>();
        services.AddTransient<ReminderDigestJob>();
        services.AddTransient<EmailSenderJob>();

        // Reminders to the household by email and text message (Features/HouseholdReminders).
        builder.AddHouseholdReminders();

        AddHangfire(services, CaseManagerOptions.RunsHangfireServer(builder.Configuration));

        builder.AddCaseManagerOperations();
        return builder;
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                // No account is ever locked by failures: PasswordSignIn slows down the email typed
                // and the client's address instead, and lets the person's known devices through.
                options.Lockout.AllowedForNewUsers = false;
                options.Password.RequiredLength = 8;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CaseManagerDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "casemanager.auth";
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
            // Every request checks that the cookie's session is open (a signed-out copy is refused).
            options.Events.OnValidatePrincipal = UserSessions.ValidatePrincipalAsync;
        });
        services.AddSingleton<UserSessions>();
        services.AddOptions<SignInThrottleOptions>()
            .BindConfiguration(SignInThrottleOptions.Section)
            .Validate(o => o.IsValid, SignInThrottleOptions.Rules)
            .ValidateOnStart();
        services.AddSingleton<SignInThrottler>();
        services.AddSingleton<KnownDevices>();
        services.AddSingleton<StandInPasswordHash>();
        services.AddScoped<PasswordSignIn>();
        // A deactivated account loses its open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = UserSessions.KeepSessionOnRefresh;
        });
        services.AddAccessPolicy();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
    }

    private static void AddLocalization(IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(AppCultures.French)
                .AddSupportedCultures(AppCultures.Supported)
                .AddSupportedUICultures(AppCultures.Supported);
            // French first: the language is the person's choice (a cookie set at sign-in from their
            // profile, or by the FR|EN switch), never guessed from the browser.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        services.AddTransient<MudLocalizer, FrenchMudLocalizer>();
    }

    private static void AddHangfire(IServiceCollection services, bool runServer)
    {
        services.AddHangfire((sp, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(sp.GetRequiredService<CaseManagerSettings>().ConnectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    // A job whose server died (kill -9, a lost machine) is handed again within
                    // minutes, not after the default 30; a live server slides the timeout forward,
                    // so a long job is not handed twice.
                    InvisibilityTimeout = HangfireOptions.InvisibilityTimeout,
                    UseSlidingInvisibilityTimeout = true,
                }));
        if (runServer)
        {
            services.AddHangfireServer((sp, options) =>
            {
                options.WorkerCount = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HangfireOptions>>().Value.WorkerCount;
                options.Queues = ["default"];
            });
        }
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}

/// <summary>The settings the application reads at start-up, in one place (built from the validated options, CaseManagerOptions.cs).</summary>
public sealed record CaseManagerSettings(
    string ConnectionString,
    bool DemoMode,
    int DemoHouseholds,
    bool MigrateOnStartup,
    bool RunBackgroundJobs);
