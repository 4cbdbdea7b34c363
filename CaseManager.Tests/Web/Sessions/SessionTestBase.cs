using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Partners;
using CaseManager.Domain.Sessions;
using CaseManager.Tests.Jobs;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Sessions;

/// <summary>
/// The sessions service on the test database at the test's fake clock (2025-11-12 14 h 30,
/// Montréal), with the reminder jobs of <see cref="ReminderTestBase"/>, two regional partners and
/// helpers to plan sessions and make partner users.
/// </summary>
public abstract class SessionTestBase(DatabaseFixture database) : ReminderTestBase(database)
{
    /// <summary>A week from the test's today, 18 h in Montréal.</summary>
    protected static readonly DateTimeOffset NextWeek = AppClock.FromLocal(FixedContext.Today.AddDays(7), new TimeOnly(18, 0));

    protected RegionalPartner Rimouski { get; private set; } = null!;
    protected RegionalPartner Sherbrooke { get; private set; } = null!;

    protected SessionService Sessions => new(Database.ContextFactory, Access, Clock, Jobs, NullLogger<SessionService>.Instance);

    protected SessionCalendar Calendar => new(Database.ContextFactory, Access, Sessions, Clock, Links, NullLogger<SessionCalendar>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        Rimouski = await TestPartners.CreateAsync(db, "Accueil Bas-Saint-Laurent", "01", "Rimouski");
        Sherbrooke = await TestPartners.CreateAsync(db, "Accueil Estrie", "05", "Sherbrooke");
    }

    protected static SessionDetails Details(int capacity = 10, DateTimeOffset? startsAt = null, params Guid[] partners) => new(
        "Vivre au Bas-Saint-Laurent", ["01"], partners, startsAt ?? NextWeek, 120, SessionFormat.InPerson,
        "1100, rue Sainte-Catherine Ouest, Montréal", null, "fr", capacity);

    /// <summary>Plans a session as the supervisor, then acts as whoever acted before.</summary>
    protected async Task<Guid> PlanAsync(int capacity = 10, DateTimeOffset? startsAt = null, params Guid[] partners)
    {
        var before = Current.User;
        Current.User = Supervisor;
        try
        {
            return await Sessions.CreateAsync(Details(capacity, startsAt, partners));
        }
        finally
        {
            Current.User = before;
        }
    }

    /// <summary>An active household of <paramref name="counsellor"/> with an email, speaking the given languages.</summary>
    protected Task<Household> HouseholdAsync(UserIdentity counsellor, string lastName, string? email = null, Stage stage = Stage.InfoSession, params string[] languages) =>
        SaveAsync(counsellor, b => b.AtStage(stage).WithProfile(p => p
            .WithPrimaryApplicant("Aminata", lastName)
            .WithEmail(email)
            .With(profile => profile.Languages = languages.Length == 0 ? ["fr"] : [.. languages])));

    protected async Task<UserIdentity> PartnerUserAsync(RegionalPartner partner, string name)
    {
        await using var db = Database.CreateDbContext();
        var user = await TestUsers.CreateAsync(db, $"{name.ToLowerInvariant().Replace(' ', '.')}@partenaire.test", name, null, Roles.Partner);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.PartnerOrganizationId, partner.Id));
        return user;
    }

    /// <summary>Moves the fake clock to <paramref name="instant"/> (forward only).</summary>
    protected void MoveTo(DateTimeOffset instant) => Time.SetUtcNow(instant);
}
