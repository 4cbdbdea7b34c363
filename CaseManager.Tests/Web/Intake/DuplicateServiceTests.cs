using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Intake;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Intake;

public sealed class DuplicateServiceTests(DatabaseFixture database) : IntakeTestBase(database)
{
    private readonly TestCurrentUser _current = new(UserIdentity.Anonymous);
    private UserIdentity _supervisor = UserIdentity.Anonymous;

    private DuplicateService Duplicates => new(Database.ContextFactory, TestAccess.Policy(Database.ContextFactory, _current, Time), new AppClock(Time), NullLogger<DuplicateService>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        _supervisor = await TestUsers.SupervisorAsync(db, "Louise Gagnon");
        _current.User = _supervisor;
    }

    [Fact]
    public async Task ListOpen_AsSupervisor_ShowsBothFilesOfEachFlagAndTheCount()
    {
        var (older, newer) = await TwoRegistrationsAsync();

        var page = await Duplicates.ListOpenAsync(0, 10);

        var row = Assert.Single(page.Rows);
        Assert.Equal(1, page.Total);
        Assert.Equal(1, await Duplicates.CountOpenAsync());
        Assert.Equal((newer, older), (row.Newer.Id, row.Older.Id));
        Assert.Equal(DuplicateCriteria.Email | DuplicateCriteria.Phone | DuplicateCriteria.NameAndBirthDate, row.Criteria);
        Assert.Equal("Amina Diallo", row.Older.Name);
    }

    [Fact]
    public async Task Queue_AsCounsellor_IsRefused()
    {
        await TwoRegistrationsAsync();
        _current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Duplicates.ListOpenAsync(0, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Duplicates.CountOpenAsync());
        var flag = await SingleFlagAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Duplicates.MergeAsync(flag.Id, flag.Version, flag.OtherHouseholdId));
    }

    [Fact]
    public async Task Dismiss_ClosesTheFlagLeavesBothFilesAndIsAudited()
    {
        var (older, newer) = await TwoRegistrationsAsync();
        var flag = await SingleFlagAsync();

        await Duplicates.DismissAsync(flag.Id, flag.Version, "Deux sœurs, même courriel familial");

        var dismissed = await SingleFlagAsync();
        Assert.Equal(DuplicateFlagStatus.Dismissed, dismissed.Status);
        Assert.Equal(_supervisor.Id, dismissed.ResolvedById);
        Assert.Equal(0, await Duplicates.CountOpenAsync());
        await using var db = Database.CreateDbContext();
        Assert.Equal(2, await db.Households.CountAsync(h => h.Status == CaseStatus.Active));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.HouseholdId == newer && a.EntityType == nameof(DuplicateFlag) && a.NewValue == "Dismissed"));
        Assert.NotEqual(older, newer);
    }

    [Fact]
    public async Task Dismiss_WithAStaleVersion_IsRefusedAsAConflict()
    {
        await TwoRegistrationsAsync();
        var flag = await SingleFlagAsync();
        await Duplicates.DismissAsync(flag.Id, flag.Version, null);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Duplicates.MergeAsync(flag.Id, flag.Version, flag.HouseholdId));
    }

    [Fact]
    public async Task Merge_KeepsEveryHistoryOnTheSurvivorAndClosesTheOtherPointingToIt()
    {
        var (older, newer) = await TwoRegistrationsAsync();
        await NoteOnAsync(newer);

        var flag = await SingleFlagAsync();

        await Duplicates.MergeAsync(flag.Id, flag.Version, older);

        await using var check = Database.CreateDbContext();
        var merged = await check.Households.Include(h => h.History).SingleAsync(h => h.Id == newer);
        Assert.Equal(CaseStatus.Closed, merged.Status);
        Assert.Equal(older, merged.MergedIntoId);
        Assert.Equal(2, merged.History.Count);
        Assert.Equal(CaseStatus.Active, (await check.Households.SingleAsync(h => h.Id == older)).Status);
        Assert.Equal(0, await check.JournalEntries.CountAsync(j => j.HouseholdId == newer));
        Assert.Equal(1, await check.JournalEntries.CountAsync(j => j.HouseholdId == older));
        // Each registration answered every purpose of the notice.
        var purposes = await check.ConsentPurposes.CountAsync(p => p.IsActive);
        Assert.Equal(2 * purposes, await check.ConsentRecords.CountAsync(c => c.HouseholdId == older));
        Assert.Equal(2, await check.Registrations.CountAsync(r => r.HouseholdId == older));
        Assert.Equal(2, await check.Assignments.CountAsync(a => a.HouseholdId == older));
        var resolved = await check.DuplicateFlags.SingleAsync();
        Assert.Equal((DuplicateFlagStatus.Merged, (Guid?)older), (resolved.Status, resolved.SurvivorId));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.HouseholdId == older && a.Field == "MergedFrom" && a.NewValue == merged.FileNumber));
        Assert.True(await check.AuditEntries.AnyAsync(a => a.HouseholdId == newer && a.Field == nameof(Household.Status) && a.NewValue == "Closed"));
    }

    [Fact]
    public async Task Merge_EveryPartThatMoves_IsInTheKeptFilesAuditByFileNumber()
    {
        var (older, newer) = await TwoRegistrationsAsync();
        await NoteOnAsync(newer);

        var flag = await SingleFlagAsync();

        await Duplicates.MergeAsync(flag.Id, flag.Version, older);

        await using var check = Database.CreateDbContext();
        var numbers = await check.Households.ToDictionaryAsync(h => h.Id, h => h.FileNumber);
        var moves = await check.AuditEntries
            .Where(a => a.HouseholdId == older && a.Field != null && a.Field.EndsWith(".HouseholdId"))
            .ToListAsync();
        // One row per moved part: the journal entry, a consent per purpose, 1 registration and 1 assignment of the merged file.
        var purposes = await check.ConsentPurposes.CountAsync(p => p.IsActive);
        Assert.Equal(1 + purposes + 1 + 1, moves.Count);
        Assert.All(moves, a => Assert.Equal((numbers[newer], numbers[older], _supervisor.Id), (a.OldValue, a.NewValue, a.UserId)));
        Assert.Contains(moves, a => a.EntityType == "JournalEntry");
        Assert.True(await check.AuditEntries.AnyAsync(a => a.HouseholdId == newer && a.Field == "MergedIntoId" && a.NewValue == numbers[older]));
    }

    [Fact]
    public async Task Merge_IntoAFileOutsideThePair_IsRefusedAndChangesNothing()
    {
        await TwoRegistrationsAsync();
        var flag = await SingleFlagAsync();

        await Assert.ThrowsAsync<CaseManager.Domain.Common.DomainRuleException>(() => Duplicates.MergeAsync(flag.Id, flag.Version, Guid.NewGuid()));

        await using var db = Database.CreateDbContext();
        Assert.Equal(2, await db.Households.CountAsync(h => h.Status == CaseStatus.Active));
        Assert.Equal(DuplicateFlagStatus.Open, (await db.DuplicateFlags.SingleAsync()).Status);
    }

    private async Task<(Guid Older, Guid Newer)> TwoRegistrationsAsync()
    {
        var older = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));
        // Past the repeat window, or the second would be noted on the first file.
        Time.Advance(TimeSpan.FromDays(31));
        var newer = await Intake.RegisterAsync(ValidRequest(), IntakeOrigin.Web(null));
        return (older.HouseholdId, newer.HouseholdId);
    }

    /// <summary>A journal note on the file, so a merge has a note to move.</summary>
    private async Task NoteOnAsync(Guid householdId)
    {
        await using var db = Database.CreateDbContext();
        var household = await db.Households.SingleAsync(h => h.Id == householdId);
        db.ActingAs(FixedContext.Default).JournalEntries.Add(household.AddNote("Appelée, préfère le Saguenay", FixedContext.Default));
        await db.SaveChangesAsync();
    }

    private async Task<DuplicateFlag> SingleFlagAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.DuplicateFlags.AsNoTracking().SingleAsync();
    }
}
