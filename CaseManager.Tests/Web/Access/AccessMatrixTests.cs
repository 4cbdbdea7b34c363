using CaseManager.Data.Entities;
using CaseManager.Domain.Reports;
using CaseManager.Tests.Support;
using CaseManager.Tests.Web.Admin;
using CaseManager.Tests.Web.Subsidies;
using CaseManager.Web.Access;
using CaseManager.Web.Features.Account;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Intake;
using CaseManager.Web.Features.Partners;
using CaseManager.Web.Features.Privacy;
using CaseManager.Web.Features.Reports;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Features.Stays;
using CaseManager.Web.Features.Subsidies;
using CaseManager.Web.Features.Supervision;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaseManager.Tests.Web.Access;

/// <summary>
/// The access matrix: every kind of person × every operation of the policy, answered by the
/// policy (resolving each person from the database) and by the services, against what the
/// program says, written here independently of <see cref="AccessRules"/>. An operation added to
/// the policy without a row here fails <see cref="Matrix_HasARowForEveryOperationOfThePolicy"/>.
/// </summary>
public sealed class AccessMatrixTests(DatabaseFixture database) : SubsidyTestBase(database)
{
    public enum Who
    {
        Anonymous,
        OwningCounsellor,
        OtherCounsellor,
        Supervisor,
        PartnerOfTheRegion,
        PartnerOfAnotherRegion,
        Administrator,
        PrivacyOfficer,

        /// <summary>A counsellor deactivated after signing in: the cookie still names them.</summary>
        Deactivated,

        /// <summary>A household signed in by its personal link (a device session of its own file).</summary>
        Household,
    }

    private static readonly Who[] Counsellors = [Who.OwningCounsellor, Who.OtherCounsellor];
    private static readonly Who[] FileWorkers = [.. Counsellors, Who.Supervisor];
    private static readonly Who[] Partners = [Who.PartnerOfTheRegion, Who.PartnerOfAnotherRegion];
    private static readonly Who[] Administrator = [Who.Administrator];

    /// <summary>Who may do each operation at all (a file, a session or an application may narrow it further).</summary>
    private static readonly Dictionary<Operation, Who[]> Expected = new()
    {
        [Operation.WorkOnFiles] = FileWorkers,
        [Operation.SeeEveryFile] = [Who.Supervisor],
        [Operation.AssignFiles] = [Who.Supervisor],
        [Operation.ReviewDuplicates] = [Who.Supervisor],
        [Operation.ReadSupervision] = [Who.Supervisor, Who.Administrator],
        [Operation.ReadResults] = [.. FileWorkers, Who.Administrator],
        [Operation.ReadProgramResults] = [Who.Supervisor, Who.Administrator],
        [Operation.SetTargets] = Administrator,
        [Operation.ReadSessions] = [.. FileWorkers, .. Partners],
        [Operation.ReadStays] = [.. FileWorkers, .. Partners],
        [Operation.ReviewSubsidies] = [Who.Supervisor, .. Partners],
        [Operation.ReadSubsidyAdministration] = [Who.Supervisor, Who.Administrator],
        [Operation.ManageSubsidyAdministration] = Administrator,
        [Operation.ReadPartners] = [.. FileWorkers, Who.Administrator],
        [Operation.ManagePartners] = Administrator,
        [Operation.ReadResources] = [.. FileWorkers, Who.Administrator],
        [Operation.ManageResources] = Administrator,
        [Operation.ManageUsers] = Administrator,
        [Operation.ManageReminderSettings] = Administrator,
        [Operation.ManagePlanTemplates] = Administrator,
        [Operation.ManageApiKeys] = Administrator,
        [Operation.ReadSystemHealth] = Administrator,
        [Operation.UsePrivacyTools] = [Who.PrivacyOfficer],
        [Operation.ReadRetentionSchedule] = [Who.PrivacyOfficer, Who.Administrator],
        [Operation.SetRetentionSchedule] = Administrator,
        [Operation.UseCalendarFeed] = FileWorkers,
        [Operation.EditOwnPreferences] = [.. FileWorkers, .. Partners, Who.Administrator, Who.PrivacyOfficer],
        [Operation.UseHouseholdSpace] = [Who.Household],
    };

    /// <summary>One service method per operation, called as the person: refused exactly when the matrix says.</summary>
    private static readonly Dictionary<Operation, Func<IServiceProvider, Task>> ServiceCalls = new()
    {
        [Operation.WorkOnFiles] = s => s.GetRequiredService<HouseholdService>().GetCaseloadAsync(new CaseloadQuery()),
        [Operation.AssignFiles] = s => s.GetRequiredService<SupervisionService>().RequireSupervisorAsync(),
        [Operation.ReviewDuplicates] = s => s.GetRequiredService<DuplicateService>().ListOpenAsync(0, 10),
        [Operation.ReadSupervision] = s => s.GetRequiredService<SupervisionService>().GetDashboardAsync(),
        [Operation.ReadResults] = s => s.GetRequiredService<ReportService>().AuthorizeAsync(new ResultsQuery(ReportPeriod.Of(new CaseManager.Domain.Common.FiscalYear(2025)))),
        [Operation.ReadProgramResults] = s => s.GetRequiredService<ReportService>().AuthorizeAsync(new ResultsQuery(ReportPeriod.Of(new CaseManager.Domain.Common.FiscalYear(2025)), OrganizationId: 1)),
        [Operation.SetTargets] = s => s.GetRequiredService<ReportService>().GetTargetsAsync(2025),
        [Operation.ReadSessions] = s => s.GetRequiredService<SessionService>().SearchAsync(new SessionQuery()),
        [Operation.ReadStays] = s => s.GetRequiredService<StayService>().ListAsync(new StayFilter(), 0, 10),
        [Operation.ReviewSubsidies] = s => s.GetRequiredService<SubsidyService>().GetQueueAsync(ReviewQueueScope.Waiting, null, 0, 10),
        [Operation.ReadSubsidyAdministration] = s => s.GetRequiredService<SubsidyService>().GetRuleSetsAsync(),
        [Operation.ReadPartners] = s => s.GetRequiredService<PartnerService>().SearchAsync(new PartnerQuery()),
        [Operation.ReadResources] = s => s.GetRequiredService<ResourceService>().SearchAsync(new ResourceQuery()),
        [Operation.ManageUsers] = s => s.GetRequiredService<UserAdminService>().SearchAsync(new UserQuery()),
        [Operation.ManageReminderSettings] = s => s.GetRequiredService<ReminderSettingsService>().GetAsync(),
        [Operation.ManagePlanTemplates] = s => s.GetRequiredService<PlanTemplateService>().SearchAsync(new PlanTemplateQuery()),
        [Operation.ManageApiKeys] = s => s.GetRequiredService<IntakeApiKeyService>().ListAsync(),
        [Operation.UsePrivacyTools] = s => s.GetRequiredService<AccessLogService>().SearchAsync(new AccessLogQuery()),
        [Operation.ReadRetentionSchedule] = s => s.GetRequiredService<RetentionScheduleService>().RulesAsync(),
        [Operation.UseCalendarFeed] = s => s.GetRequiredService<SessionCalendar>().FeedStatusAsync(),
        [Operation.EditOwnPreferences] = s => s.GetRequiredService<AccountPreferencesService>().GetAsync(),
        [Operation.UseHouseholdSpace] = s => s.GetRequiredService<CaseManager.Web.Features.HouseholdSpace.HouseholdSpaceService>().GetAsync(),
    };

    private Dictionary<Who, UserIdentity> _people = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        var deactivated = await TestUsers.CounsellorAsync(db, "Ancien Collègue");
        await db.Users.Where(u => u.Id == deactivated.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false));
        _people = new Dictionary<Who, UserIdentity>
        {
            [Who.Anonymous] = UserIdentity.Anonymous,
            [Who.OwningCounsellor] = Marie,
            [Who.OtherCounsellor] = Paul,
            [Who.Supervisor] = Supervisor,
            [Who.PartnerOfTheRegion] = SaguenayUser,
            [Who.PartnerOfAnotherRegion] = BasSaintLaurentUser,
            [Who.Administrator] = await TestUsers.CreateAsync(db, "admin@test.local", "Admin Istrateur", null, Roles.Admin),
            [Who.PrivacyOfficer] = await TestUsers.CreateAsync(db, "prp@test.local", "Nadia Roy", null, Roles.PrivacyOfficer),
            [Who.Deactivated] = deactivated,
            [Who.Household] = await HouseholdPersonAsync(db),
        };
    }

    [Fact]
    public void Matrix_HasARowForEveryOperationOfThePolicy()
    {
        Assert.Equal(Enum.GetValues<Operation>().Order(), Expected.Keys.Order());
        Assert.Equal(Enum.GetValues<Operation>().Order(), AccessRules.RolesOf.Keys.Order());
    }

    [Fact]
    public async Task EveryOperation_ForEveryKindOfPerson_IsAllowedOrRefusedAsTheProgramSaysAndEachRefusalIsLogged()
    {
        var mismatches = new List<string>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            foreach (var (who, person) in _people)
            {
                var logger = new RecordingLogger();
                var policy = new AccessPolicy(Database.ContextFactory, new TestCurrentUser(person), new AppClock(Time), logger);
                var allowed = true;
                try
                {
                    await policy.DemandAsync(operation, TestContext.Current.CancellationToken);
                }
                catch (AccessDeniedException)
                {
                    allowed = false;
                }

                var expected = Expected[operation].Contains(who);
                if (allowed != expected)
                {
                    mismatches.Add($"{operation} × {who}: expected {(expected ? "allowed" : "refused")}");
                }

                if (!allowed && !logger.Warnings.Any(w => w.Contains(operation.ToString(), StringComparison.Ordinal)))
                {
                    mismatches.Add($"{operation} × {who}: refused without a log line");
                }

                Assert.Equal(expected, (await policy.PermissionsAsync(TestContext.Current.CancellationToken)).Can(operation));
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task TheServices_ForEveryKindOfPerson_RefuseExactlyWhatTheMatrixRefuses()
    {
        await using var host = new AdminTestHost(Database.ConnectionString, UserIdentity.Anonymous);
        var mismatches = new List<string>();
        foreach (var (operation, call) in ServiceCalls)
        {
            foreach (var (who, person) in _people)
            {
                host.Current.User = person;
                var refused = false;
                try
                {
                    await call(host.Services);
                }
                catch (AccessDeniedException)
                {
                    refused = true;
                }
                catch (Exception exception) when (exception is NotFoundException or CaseManager.Domain.Common.DomainRuleException)
                {
                    // Past the gate: the request itself was the problem, not the person.
                }

                if (refused == Expected[operation].Contains(who))
                {
                    mismatches.Add($"{operation} × {who}: the service {(refused ? "refused" : "allowed")} it");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task AFile_ForEveryKindOfPerson_OpensForItsCounsellorAndTheSupervisorsOnlyAndEachRefusalIsInTheAccessLog()
    {
        var household = await SaveAsync(Marie);
        var opened = new List<Who>();
        foreach (var (who, person) in _people)
        {
            var policy = new AccessPolicy(Database.ContextFactory, new TestCurrentUser(person), new AppClock(Time), new RecordingLogger());
            var resolved = await policy.PersonAsync(TestContext.Current.CancellationToken);
            await using var db = Database.CreateDbContext();
            try
            {
                await policy.DemandFileAsync(db, household.Id, resolved, "/households/x", TestContext.Current.CancellationToken);
                opened.Add(who);
            }
            catch (AccessDeniedException)
            {
            }

            // The list filter says the same as the yes/no.
            var listed = await AccessRules.FilesOf(resolved).Apply(db.Households).AnyAsync(h => h.Id == household.Id, TestContext.Current.CancellationToken);
            Assert.Equal(opened.Contains(who), listed);
        }

        Assert.Equal([Who.OwningCounsellor, Who.Supervisor], opened);
        await using var check = Database.CreateDbContext();
        var denied = await check.AccessLog.Where(e => e.HouseholdId == household.Id && e.Action == AccessAction.Denied).CountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(_people.Count - 2, denied);
    }

    [Fact]
    public async Task AnApplication_ForEveryKindOfPerson_IsReviewedBySupervisorsAndThePartnerOfItsDestinationOnly()
    {
        var household = await SubsidyHouseholdAsync();
        await SubmittedAsync(household.Id, region: "02");
        await using var db = Database.CreateDbContext();
        var application = await db.SubsidyApplications.AsNoTracking().SingleAsync(a => a.HouseholdId == household.Id, TestContext.Current.CancellationToken);
        var reviewers = new List<Who>();
        foreach (var (who, person) in _people)
        {
            var resolved = await new AccessPolicy(Database.ContextFactory, new TestCurrentUser(person), new AppClock(Time), new RecordingLogger())
                .PersonAsync(TestContext.Current.CancellationToken);
            var queued = await db.SubsidyApplications.Where(AccessRules.ApplicationsReviewedBy(resolved))
                .AnyAsync(a => a.Id == application.Id, TestContext.Current.CancellationToken);
            Assert.Equal(AccessRules.MayReview(resolved, application), queued);
            if (queued)
            {
                reviewers.Add(who);
            }
        }

        Assert.Equal([Who.Supervisor, Who.PartnerOfTheRegion], reviewers);
    }

    /// <summary>A household of its own (not the file the tests open) with a device session, as its cookie names it.</summary>
    private async Task<UserIdentity> HouseholdPersonAsync(CaseManager.Data.CaseManagerDbContext db)
    {
        var household = await SaveAsync(Paul);
        var now = Time.GetUtcNow().ToUniversalTime();
        var link = new HouseholdLink
        {
            Id = Guid.CreateVersion7(), HouseholdId = household.Id, TokenHash = new string('a', 64), IssuedAt = now,
            IssuedBy = Paul.Id, ExpiresAt = now.AddDays(3), UsedAt = now,
        };
        var session = new HouseholdDeviceSession
        {
            Id = Guid.CreateVersion7(), HouseholdId = household.Id, LinkId = link.Id, StartedAt = now, ExpiresAt = now.AddYears(5),
        };
        db.HouseholdLinks.Add(link);
        db.HouseholdSessions.Add(session);
        await db.SaveChangesAsync();
        return new UserIdentity(HouseholdSessions.IdOf(household.Id), "", new HashSet<string>(), null) { HouseholdSessionId = session.Id };
    }

    private sealed class RecordingLogger : ILogger<AccessPolicy>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
