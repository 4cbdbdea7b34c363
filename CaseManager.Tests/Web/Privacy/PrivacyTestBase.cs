using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Admin;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Privacy;
using CaseManager.Web.Features.Privacy.Anonymization;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CaseManager.Web.Access;

namespace CaseManager.Tests.Web.Privacy;

/// <summary>
/// The privacy services wired as the application wires them (<see cref="PrivacyRegistration.AddPrivacy"/>),
/// acting as <see cref="HouseholdServiceTestBase.Current"/>; a privacy officer (Claire), an
/// administrator and a partner user beside the counsellors and the supervisor.
/// </summary>
public abstract class PrivacyTestBase(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    private ServiceProvider? _services;

    protected UserIdentity Officer { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity Admin { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity PartnerUser { get; private set; } = UserIdentity.Anonymous;
    protected RecordingJobClient Jobs { get; } = new();

    /// <summary>Every role but the privacy officer, for the refusal tests.</summary>
    protected IEnumerable<UserIdentity> OtherRoles => [Marie, Supervisor, PartnerUser, Admin];

    protected T Get<T>()
        where T : notnull => _services!.GetRequiredService<T>();

    protected virtual IBackgroundJobClient JobClient => Jobs;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            Officer = await TestUsers.CreateAsync(db, "claire.rprp@test.local", "Claire Bouchard", 1, Roles.PrivacyOfficer);
            Admin = await TestUsers.CreateAsync(db, "admin@test.local", "Alain Admin", 1, Roles.Admin);
            PartnerUser = await TestUsers.CreateAsync(db, "partner@test.local", "Pia Partenaire", null, Roles.Partner);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Database.ContextFactory);
        services.AddSingleton<ICurrentUser>(Current);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new AppClock(Time));
        services.AddSingleton(JobClient);
        services.AddScoped<AccessPolicy>();
        services.AddPrivacy();
        _services = services.BuildServiceProvider();
        Current.User = Officer;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected async Task<int> AccessLogCountAsync(Guid? householdId = null)
    {
        await using var db = Database.CreateDbContext();
        return await db.AccessLog.CountAsync(a => householdId == null || a.HouseholdId == householdId);
    }

    /// <summary>Runs an anonymization run to its end (in batches of <paramref name="batchSize"/>).</summary>
    protected Task<bool> ProcessAsync(Guid runId, int batchSize = HouseholdAnonymizer.DefaultBatchSize, int? maxBatches = null) =>
        Get<HouseholdAnonymizer>().ProcessAsync(runId, batchSize, maxBatches);

    /// <summary>Moves the instant a file's last transition of <paramref name="kind"/> happened (the retention basis).</summary>
    protected async Task SetTransitionDayAsync(Guid householdId, TransitionKind kind, DateOnly day)
    {
        var at = AppClock.FromLocal(day, new TimeOnly(12, 0));
        await using var db = Database.CreateDbContext();
        await db.Database.ExecuteSqlAsync($"UPDATE stage_transitions SET occurred_at = {at} WHERE household_id = {householdId} AND kind = {kind.ToString()}");
    }
}
