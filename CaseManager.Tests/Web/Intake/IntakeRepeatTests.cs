using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Intake;

/// <summary>
/// A registration whose email or phone matches an open file registered within the repeat window
/// (30 days by default) opens nothing: it is noted on that file and answered with its reference.
/// </summary>
public sealed class IntakeRepeatTests(DatabaseFixture database) : IntakeTestBase(database)
{
    [Fact]
    public async Task Register_SameEmailWithinTheWindow_IsARepeatNotedOnTheFileWithItsReference()
    {
        var first = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("form-1"));
        Time.Advance(TimeSpan.FromDays(12));

        var again = await Intake.RegisterAsync(ValidRequest(phone: null), IntakeOrigin.Web("form-2"));

        Assert.True(again.Repeat);
        Assert.False(again.Replayed);
        Assert.Equal((first.Reference, first.HouseholdId, first.ReceivedAt), (again.Reference, again.HouseholdId, again.ReceivedAt));
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Households.CountAsync());
        Assert.Equal(1, await db.Assignments.CountAsync());
        Assert.Equal(1, await db.Registrations.CountAsync());
        Assert.Equal(1, await db.OutgoingEmails.CountAsync());
        var note = await db.JournalEntries.SingleAsync();
        Assert.Equal((first.HouseholdId, JournalEntryKind.Note, "web"), (note.HouseholdId, note.Kind, note.AuthorId));
        Assert.Contains("2025-11-24", note.Text, StringComparison.Ordinal);
        Assert.Contains("formulaire en ligne", note.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("amina", note.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Register_SamePhoneWrittenOtherwiseThroughTheApi_IsARepeatNotedAsTheApis()
    {
        var first = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));
        var keyId = await NewApiKeyAsync();

        var again = await Intake.RegisterAsync(ValidRequest(email: "autre@example.com", phone: "(514) 555-0101"), IntakeOrigin.Api(keyId, "Site", "api-1"));

        Assert.True(again.Repeat);
        Assert.Equal(first.Reference, again.Reference);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Households.CountAsync());
        Assert.Contains("API", (await db.JournalEntries.SingleAsync()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ManyRepeatsInADay_MakeOneJournalLinePerChannel()
    {
        await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null))).Repeat);
        }

        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Households.CountAsync());
        Assert.Equal(1, await db.JournalEntries.CountAsync());
    }

    [Theory]
    [InlineData(30 * 24 * 60, true)]
    [InlineData(30 * 24 * 60 + 1, false)]
    public async Task Register_AtTheWindowsEdge_IsARepeatOnlyWithinIt(int minutesLater, bool repeat)
    {
        var first = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));
        Time.Advance(TimeSpan.FromMinutes(minutesLater));

        var again = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));

        Assert.Equal(repeat, again.Repeat);
        Assert.Equal(repeat, again.HouseholdId == first.HouseholdId);
        await using var db = Database.CreateDbContext();
        Assert.Equal(repeat ? 1 : 2, await db.Households.CountAsync());
        // Past the window, the second file is flagged as a possible duplicate of the first.
        Assert.Equal(repeat ? 0 : 1, await db.DuplicateFlags.CountAsync());
    }

    [Theory]
    [InlineData(CaseStatus.Withdrawn)]
    [InlineData(CaseStatus.Closed)]
    public async Task Register_SameEmailAsAWithdrawnOrClosedFile_OpensANewFile(CaseStatus status)
    {
        var first = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));
        await using (var db = Database.CreateDbContext())
        {
            await db.Households.Where(h => h.Id == first.HouseholdId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, status));
        }

        var again = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));

        Assert.False(again.Repeat);
        Assert.NotEqual(first.HouseholdId, again.HouseholdId);
        Assert.NotEqual(first.Reference, again.Reference);
    }

    [Fact]
    public async Task Register_IdenticalRegistrationsAtOnce_OpenOneFile()
    {
        var posts = Enumerable.Range(0, 4)
            .Select(i => Task.Run(() => Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web($"at-once-{i}"))))
            .ToList();
        var outcomes = await Task.WhenAll(posts);

        Assert.Single(outcomes.Select(o => o.HouseholdId).Distinct());
        Assert.Single(outcomes.Select(o => o.Reference).Distinct());
        Assert.Equal(3, outcomes.Count(o => o.Repeat));
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Households.CountAsync());
        Assert.Equal(1, await db.Assignments.CountAsync());
    }

    [Fact]
    public async Task Register_RepeatSentWithAKey_IsKeptUnderItSoARetryGetsTheSameReceiptAndAnotherBodyIsAConflict()
    {
        var first = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("form-1"));
        var repeat = await Intake.RegisterAsync(ValidRequest(phone: null), IntakeOrigin.Web("form-2"));
        Assert.True(repeat.Repeat);
        await using (var db = Database.CreateDbContext())
        {
            // The file is withdrawn meanwhile: a retry is still the answer already given, not a new file.
            await db.Households.Where(h => h.Id == first.HouseholdId).ExecuteUpdateAsync(set => set.SetProperty(h => h.Status, CaseStatus.Withdrawn));
        }

        var retry = await Intake.RegisterAsync(ValidRequest(phone: null), IntakeOrigin.Web("form-2"));
        var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() => Intake.RegisterAsync(ValidRequest(phone: "514 555-0199"), IntakeOrigin.Web("form-2")));

        Assert.Equal((true, true, first.Reference, first.HouseholdId, first.ReceivedAt), (retry.Replayed, retry.Repeat, retry.Reference, retry.HouseholdId, retry.ReceivedAt));
        Assert.NotNull(conflict);
        await using var check = Database.CreateDbContext();
        Assert.Equal(1, await check.Households.CountAsync());
        Assert.Equal("form-2", (await check.RepeatKeys.SingleAsync()).IdempotencyKey);
    }

    [Fact]
    public async Task Register_SameEmailAsAFileOpenedByStaff_IsRecordedOnThatFileWithItsOwnReference()
    {
        var staffFile = new CaseManager.Tests.Support.Builders.HouseholdBuilder()
            .WithFileNumber("2025-00077").AssignedTo(Marie.Id).WithOrganization(1).WithSource(RegistrationSource.Manual).OpenedOn(CaseManager.Tests.Support.Builders.FixedContext.Today)
            .WithProfile(p => p.WithEmail("amina.diallo@example.com")).Build();
        await using (var db = Database.CreateDbContext())
        {
            db.ActingAs(CaseManager.Tests.Support.Builders.FixedContext.Default).Households.Add(staffFile);
            await db.SaveChangesAsync();
        }

        var registered = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("form-1"));
        var retry = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web("form-1"));
        var later = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));

        Assert.Equal((true, staffFile.Id), (registered.Repeat, registered.HouseholdId));
        Assert.Equal((true, registered.Reference), (retry.Replayed, retry.Reference));
        Assert.Equal((true, registered.Reference, staffFile.Id), (later.Repeat, later.Reference, later.HouseholdId));
        await using var check = Database.CreateDbContext();
        Assert.Equal(1, await check.Households.CountAsync());
        var registration = await check.Registrations.SingleAsync();
        Assert.Equal((staffFile.Id, registered.Reference, "form-1"), (registration.HouseholdId, registration.Reference, registration.IdempotencyKey));
        Assert.True(await check.ConsentRecords.AnyAsync(c => c.HouseholdId == staffFile.Id && c.PurposeCode == "case-management" && c.Granted));
        Assert.Single(await check.JournalEntries.Where(j => j.HouseholdId == staffFile.Id).ToListAsync());
    }

    private async Task<Guid> NewApiKeyAsync()
    {
        var key = new CaseManager.Data.Entities.IntakeApiKey
        {
            Id = Guid.NewGuid(), Source = "Site", Prefix = "cmk_test", Hash = new string('b', 64),
            CreatedAt = Support.Builders.FixedContext.Now.ToUniversalTime(), CreatedById = "x", CreatedByName = "x",
        };
        await using var db = Database.CreateDbContext();
        db.IntakeApiKeys.Add(key);
        await db.SaveChangesAsync();
        return key.Id;
    }
}
