using CaseManager.Domain.Common;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Intake;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using CaseManager.Web.Access;

namespace CaseManager.Tests.Web.Intake;

public sealed class ConsentServiceTests(DatabaseFixture database) : IntakeTestBase(database)
{
    private readonly TestCurrentUser _current = new(UserIdentity.Anonymous);

    private ConsentService Consents
    {
        get
        {
            var clock = new AppClock(Time);
            return new ConsentService(Database.ContextFactory,
                new AccessPolicy(Database.ContextFactory, _current, clock, NullLogger<AccessPolicy>.Instance), clock, NullLogger<ConsentService>.Instance);
        }
    }

    [Fact]
    public async Task Withdraw_AsTheFilesCounsellor_RecordsItAuditedAndTheConsentIsNoLongerInForce()
    {
        var (householdId, counsellor, _) = await RegisteredAsync();
        _current.User = counsellor;
        var newsletter = (await Consents.ListAsync(householdId)).Single(c => c.PurposeCode == "newsletter");
        Time.Advance(TimeSpan.FromDays(10));

        await Consents.WithdrawAsync(newsletter.Id, "Demandé par courriel");

        var after = (await Consents.ListAsync(householdId)).Single(c => c.PurposeCode == "newsletter");
        Assert.False(after.Record.IsInForce);
        Assert.Equal(counsellor.DisplayName, after.Record.WithdrawnByName);
        Assert.Equal(Time.GetUtcNow(), after.Record.WithdrawnAt);
        await using var db = Database.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.HouseholdId == householdId && a.EntityType == "ConsentRecord" && a.Field == "Consent[newsletter].WithdrawnByName" && a.UserId == counsellor.Id));
        Assert.Equal("Consent.NotInForce", (await Assert.ThrowsAsync<DomainRuleException>(() => Consents.WithdrawAsync(newsletter.Id, null))).Refusals.Single().Code);
    }

    [Fact]
    public async Task ListAndWithdraw_AsAnotherCounsellor_AreRefused()
    {
        var (householdId, _, other) = await RegisteredAsync();
        _current.User = other;
        await using (var db = Database.CreateDbContext())
        {
            var consentId = await db.ConsentRecords.Where(c => c.HouseholdId == householdId).Select(c => c.Id).FirstAsync();
            await Assert.ThrowsAsync<AccessDeniedException>(() => Consents.WithdrawAsync(consentId, null));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Consents.ListAsync(householdId));
        await using var check = Database.CreateDbContext();
        Assert.Equal(0, await check.ConsentRecords.CountAsync(c => c.WithdrawnAt != null));
    }

    private async Task<(Guid HouseholdId, UserIdentity Counsellor, UserIdentity Other)> RegisteredAsync()
    {
        var outcome = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));
        await using var db = Database.CreateDbContext();
        var counsellorId = await db.Households.Where(h => h.Id == outcome.HouseholdId).Select(h => h.AssignedCounsellorId).SingleAsync();
        return counsellorId == Marie.Id ? (outcome.HouseholdId, Marie, Paul) : (outcome.HouseholdId, Paul, Marie);
    }
}
