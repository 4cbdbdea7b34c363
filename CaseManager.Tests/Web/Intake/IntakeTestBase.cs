using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Admin;
using CaseManager.Web.Features.Assignment;
using CaseManager.Web.Features.Intake;
using CaseManager.Web.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CaseManager.Tests.Web.Intake;

/// <summary>Two available counsellors and the intake service at <see cref="FixedContext.Now"/>.</summary>
public abstract class IntakeTestBase(DatabaseFixture database) : DatabaseTest(database)
{
    protected FakeTimeProvider Time { get; } = new(FixedContext.Now);
    protected RecordingJobClient Jobs { get; } = new();
    protected UserIdentity Marie { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity Paul { get; private set; } = UserIdentity.Anonymous;
    protected IntakeService Intake { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        Marie = await TestUsers.CounsellorAsync(db, "Marie Tremblay", organizationId: 1);
        Paul = await TestUsers.CounsellorAsync(db, "Paul Nguyen", organizationId: 2);
        Intake = new IntakeService(Database.ContextFactory, new FileDistributor(), new AppClock(Time), Jobs, Microsoft.Extensions.Options.Options.Create(new IntakeOptions()), NullLogger<IntakeService>.Instance);
    }

    /// <summary>A complete, valid registration: Amina Diallo, her spouse and a child, every consent but research.</summary>
    protected static RegistrationRequest ValidRequest(string email = "amina.diallo@example.com", string? phone = "514 555-0101") => new()
    {
        Profile = new HouseholdProfile
        {
            PrimaryApplicant = new Person
            {
                FirstName = "Amina", LastName = "Diallo", BirthDate = new DateOnly(1990, 4, 2),
                Occupation = "Infirmière", FrenchLevel = FrenchLevel.Advanced,
            },
            Spouse = new Person { FirstName = "Moussa", LastName = "Diallo" },
            Children = [new Child { FirstName = "Awa", BirthDate = new DateOnly(2019, 6, 1) }],
            Contact = new ContactInfo { Email = email, Phone = phone },
            ImmigrationStatusCode = "permanent-resident",
            ArrivalDate = new DateOnly(2023, 9, 1),
            PreferredRegionCodes = ["02", "01"],
        },
        Language = "fr",
        HeardFrom = CaseManager.Domain.Intake.HeardFrom.SocialMedia,
        InterestCodes = ["employment", "housing"],
        NoticeVersion = 1,
        Consents = new(StringComparer.Ordinal) { ["case-management"] = true, ["regional-partners"] = true, ["newsletter"] = true, ["research"] = false },
    };
}
