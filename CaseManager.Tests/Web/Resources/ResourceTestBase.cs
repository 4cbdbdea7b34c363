using CaseManager.Data.Entities;
using CaseManager.Domain.Resources;
using CaseManager.Tests.Support;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Features.Plans;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Resources;

/// <summary>The resource directory on the test database, with an administrator beside the counsellors of the base.</summary>
public abstract class ResourceTestBase(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    protected UserIdentity Admin { get; private set; } = UserIdentity.Anonymous;

    protected ResourceService Resources => new(Database.ContextFactory, Access, new AppClock(Time), NullLogger<ResourceService>.Instance);

    protected PlanService Plans => new(Database.ContextFactory, Access, new AppClock(Time), NullLogger<PlanService>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        Admin = await TestUsers.CreateAsync(db, "alice.admin@test.local", "Alice Admin", null, Roles.Admin);
    }

    /// <summary>Adds resources as the administrator, then acts as whoever acted before.</summary>
    protected async Task<Guid> AddAsync(
        string name, string region = "01", string category = "employment", string? description = null, string? municipality = null,
        DateOnly? verifiedOn = null, bool active = true)
    {
        var before = Current.User;
        Current.User = Admin;
        try
        {
            return await Resources.CreateAsync(new Resource
            {
                Name = name, RegionCode = region, CategoryCode = category, Description = description, Municipality = municipality,
                LastVerifiedOn = verifiedOn, IsActive = active, LanguageCodes = ["fr"],
            });
        }
        finally
        {
            Current.User = before;
        }
    }

    protected static MemoryStream CsvFile(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}
