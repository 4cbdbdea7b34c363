using CaseManager.Domain.Assignment;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Intake;

public sealed class IntakeServiceTests(DatabaseFixture database) : IntakeTestBase(database)
{
    [Fact]
    public async Task Register_ValidRequest_OpensAFileAssignedByTheDistributionWithItsConsentsAndConfirmation()
    {
        var outcome = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("form-1"));

        Assert.False(outcome.Replayed);
        Assert.Matches("^INS-[2-9A-HJ-NP-Z]{8}$", outcome.Reference);
        await using var db = Database.CreateDbContext();
        var household = await db.Households.SingleAsync();
        Assert.Equal(outcome.HouseholdId, household.Id);
        Assert.Equal(RegistrationSource.Website, household.RegistrationSource);
        Assert.Contains(household.AssignedCounsellorId, new[] { Marie.Id, Paul.Id });
        Assert.Equal("amina.diallo@example.com", household.Contact.Email);
        Assert.Equal(["fr"], household.Languages);
        var assignment = await db.Assignments.SingleAsync();
        Assert.Equal(household.AssignedCounsellorId, assignment.ToCounsellorId);
        Assert.NotEqual(AssignmentReason.ChosenBySupervisor, assignment.Reason);

        var consents = await db.ConsentRecords.OrderBy(c => c.PurposeCode).ToListAsync();
        // A purpose the form did not answer (the reminders' channels here) is recorded as refused.
        Assert.Equal(["case-management", "newsletter", "regional-partners", "reminders-email", "reminders-sms", "research"], consents.Select(c => c.PurposeCode));
        Assert.Equal([true, true, true, false, false, false], consents.Select(c => c.Granted));
        Assert.All(consents, c =>
        {
            Assert.Equal(1, c.NoticeVersion);
            Assert.Equal(FixedContext.Now, c.AnsweredAt);
            Assert.Equal(ConsentSource.RegistrationForm, c.Source);
            Assert.Equal(household.Id, c.HouseholdId);
        });

        var registration = await db.Registrations.SingleAsync();
        Assert.Equal(["employment", "housing"], registration.InterestCodes);
        Assert.Equal(HeardFrom.SocialMedia, registration.HeardFrom);

        var email = await db.OutgoingEmails.SingleAsync();
        Assert.Equal("amina.diallo@example.com", email.ToAddress);
        Assert.Contains(outcome.Reference, email.Subject, StringComparison.Ordinal);
        Assert.Contains("Bonjour Amina", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(household.FileNumber, email.TextBody, StringComparison.Ordinal);
        Assert.Single(Jobs.Created);
    }

    [Fact]
    public async Task Register_InEnglish_WritesTheConfirmationInEnglish()
    {
        var request = ValidRequest();
        request.Language = "en";

        await Intake.RegisterAsync(request, IntakeOrigin.Web(null));

        await using var db = Database.CreateDbContext();
        var email = await db.OutgoingEmails.SingleAsync();
        Assert.StartsWith("Your registration", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Hello Amina", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithoutTheRequiredConsent_IsRefusedAndSavesNothing()
    {
        var request = ValidRequest();
        request.Consents["case-management"] = false;

        var refused = await Assert.ThrowsAsync<IntakeValidationException>(() => Intake.RegisterAsync(request, IntakeOrigin.Web("k")));

        Assert.Contains(refused.Errors, e => e is { Field: "Consents.case-management", Code: "Intake.ConsentRequired" });
        await AssertNothingSavedAsync();
    }

    [Fact]
    public async Task Register_WithBadFields_ReturnsEveryRefusalAtOnceAndSavesNothing()
    {
        var request = ValidRequest(email: "pas-un-courriel");
        request.Profile.PrimaryApplicant.FirstName = " ";
        request.Profile.PreferredRegionCodes = ["06"];
        request.InterestCodes = ["space-travel"];
        request.NoticeVersion = 99;
        request.Consents["unknown"] = true;

        var refused = await Assert.ThrowsAsync<IntakeValidationException>(() => Intake.RegisterAsync(request, IntakeOrigin.Web(null)));

        Assert.Equal(
            new[]
            {
                ("Consents.unknown", "Intake.UnknownPurpose"),
                ("Contact.Email", "Profile.EmailInvalid"),
                ("InterestCodes", "Intake.UnknownInterest"),
                ("NoticeVersion", "Intake.NoticeNotCurrent"),
                ("PreferredRegionCodes", "Profile.UnknownRegion"),
                ("PrimaryApplicant.FirstName", "Profile.Required"),
            },
            refused.Errors.Select(e => (e.Field, e.Code)).OrderBy(e => e.Field, StringComparer.Ordinal));
        await AssertNothingSavedAsync();
    }

    [Fact]
    public async Task Register_WithoutEmailOrPhone_IsRefused()
    {
        var request = ValidRequest(email: "", phone: null);

        var refused = await Assert.ThrowsAsync<IntakeValidationException>(() => Intake.RegisterAsync(request, IntakeOrigin.Web(null)));

        Assert.Contains(refused.Errors, e => e.Code == "Intake.ContactRequired");
    }

    [Fact]
    public async Task Register_SameIdempotencyKeyTwice_MakesOneFileAndReturnsTheFirstOutcome()
    {
        var first = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("same-key"));
        var second = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("same-key"));

        Assert.True(second.Replayed);
        Assert.Equal(first.Reference, second.Reference);
        Assert.Equal(first.HouseholdId, second.HouseholdId);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Households.CountAsync());
        Assert.Equal(1, await db.OutgoingEmails.CountAsync());
    }

    [Fact]
    public async Task Register_SameIdempotencyKeyAtOnce_MakesOneFile()
    {
        var posts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("burst")))).ToList();
        var outcomes = await Task.WhenAll(posts);

        Assert.Single(outcomes.Select(o => o.HouseholdId).Distinct());
        Assert.Single(outcomes, o => !o.Replayed);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Households.CountAsync());
    }

    [Fact]
    public async Task Register_SameKeyFromAnotherScope_IsAnotherRegistration()
    {
        var key = new CaseManager.Data.Entities.IntakeApiKey
        {
            Id = Guid.NewGuid(), Source = "Site", Prefix = "cmk_test", Hash = new string('a', 64), CreatedAt = FixedContext.Now.ToUniversalTime(), CreatedById = "x", CreatedByName = "x",
        };
        await using (var db = Database.CreateDbContext())
        {
            db.IntakeApiKeys.Add(key);
            await db.SaveChangesAsync();
        }

        var web = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("k-1"));
        var api = await Intake.RegisterAsync(ValidRequest(email: "other@example.com", phone: null), IntakeOrigin.Api(key.Id, "Site", "k-1"));

        Assert.NotEqual(web.HouseholdId, api.HouseholdId);
    }

    [Fact]
    public async Task Register_SameEmailPhoneOrNameAndBirthDate_FlagsEachPossibleDuplicateWithoutMerging()
    {
        var first = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));
        // Past the repeat window: the same phone opens a file of its own, flagged.
        Time.Advance(TimeSpan.FromDays(31));
        var samePhone = ValidRequest(email: "autre@example.com", phone: "(514) 555-0101");
        samePhone.Profile.PrimaryApplicant = new Person { FirstName = "Fatou", LastName = "Sow" };
        var second = await Intake.RegisterAsync(samePhone, IntakeOrigin.Web(null));
        // Same person written without accents and in capitals, another email and phone.
        var sameName = ValidRequest(email: "a.diallo@example.org", phone: null);
        sameName.Profile.PrimaryApplicant.FirstName = "AMÏNA";
        sameName.Profile.PrimaryApplicant.LastName = "diallo";
        var third = await Intake.RegisterAsync(sameName, IntakeOrigin.Web(null));
        var unrelated = ValidRequest(email: "x@example.net", phone: "438 555-0199");
        unrelated.Profile.PrimaryApplicant = new Person { FirstName = "Léo", LastName = "Roy", BirthDate = new DateOnly(1990, 4, 2) };
        var fourth = await Intake.RegisterAsync(unrelated, IntakeOrigin.Web(null));

        Assert.Equal([0, 1, 1, 0], new[] { first, second, third, fourth }.Select(o => o.DuplicatesFlagged));
        await using var db = Database.CreateDbContext();
        var flags = await db.DuplicateFlags.ToListAsync();
        Assert.Equal(2, flags.Count);
        var bySecond = Assert.Single(flags, f => f.HouseholdId == second.HouseholdId);
        Assert.Equal((first.HouseholdId, DuplicateCriteria.Phone), (bySecond.OtherHouseholdId, bySecond.Criteria));
        var byThird = Assert.Single(flags, f => f.HouseholdId == third.HouseholdId);
        Assert.Equal((first.HouseholdId, DuplicateCriteria.NameAndBirthDate), (byThird.OtherHouseholdId, byThird.Criteria));
        Assert.All(flags, f => Assert.Equal(DuplicateFlagStatus.Open, f.Status));
        Assert.Equal(4, await db.Households.CountAsync(h => h.Status == CaseStatus.Active));
    }

    [Fact]
    public async Task Register_WhenNoCounsellorIsAvailable_IsRefusedAndSavesNothing()
    {
        await using (var db = Database.CreateDbContext())
        {
            await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.Capacity, 0m));
        }

        await Assert.ThrowsAsync<CaseManager.Domain.Common.DomainRuleException>(() => Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("k")));
        await AssertNothingSavedAsync();
    }

    private async Task AssertNothingSavedAsync()
    {
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Households.CountAsync());
        Assert.Equal(0, await db.Registrations.CountAsync());
        Assert.Equal(0, await db.ConsentRecords.CountAsync());
        Assert.Equal(0, await db.OutgoingEmails.CountAsync());
    }
}
