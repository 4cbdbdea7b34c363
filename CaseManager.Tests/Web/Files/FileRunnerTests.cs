using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Access;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Files;

/// <summary>
/// The one way to run an operation on a file: each step of <see cref="FileRunner"/> (who asks, the
/// file there, opened by whom the policy lets, the file's own rules, the version, the save with its
/// audit) proved on real files of the test database.
/// </summary>
public sealed class FileRunnerTests(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    private FileRunner Runner => new(Database.ContextFactory, Access, new AppClock(Time));

    [Fact]
    public async Task Read_OfAnotherCounsellorsFile_IsRefusedLoggedAndRunsNothing()
    {
        var paulsFile = await SaveAsync(Paul);
        var ran = false;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Runner.ReadAsync(new FileCommand(paulsFile.Id, "test-read"), _ =>
        {
            ran = true;
            return Task.FromResult(0);
        }));

        Assert.False(ran);
        Assert.Equal([(AccessAction.Denied, "test-read")], AccessLogOf(paulsFile.Id));
    }

    [Fact]
    public async Task Read_OfOwnFile_GivesTheHeadAndIsLogged()
    {
        var file = await SaveAsync(Marie, b => b.WithProfile(p => p.WithSpouse().WithChild("Léa", new DateOnly(2018, 3, 1)).WithChild("Adam", new DateOnly(2020, 6, 1))));

        var head = await Runner.ReadAsync(new FileCommand(file.Id, "test-read"), work => Task.FromResult(work.File));

        Assert.Equal((file.FileNumber, 4, false), (head.FileNumber, head.Size, head.IsReadOnly));
        Assert.Equal([(AccessAction.Viewed, "test-read")], AccessLogOf(file.Id));
    }

    [Fact]
    public async Task Run_OnAMissingFile_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Runner.RunAsync(new FileCommand(Guid.NewGuid(), "test"), _ => Task.CompletedTask));
    }

    [Fact]
    public async Task Run_WithoutTheOperation_IsRefusedBeforeTheFileIsRead()
    {
        var file = await SaveAsync(Marie);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Runner.RunAsync(new FileCommand(file.Id, "test") { Operation = Operation.ReviewDuplicates }, _ => Task.CompletedTask));
    }

    [Fact]
    public async Task Run_OnAClosedFile_IsRefusedByTheDomainAndChangesNothing()
    {
        var file = await SaveAsync(Marie, b => b.ClosedAfter(CaseStatus.Withdrawn));
        var auditBefore = AuditOf(file.Id).Count;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Runner.RunAsync(new FileCommand(file.Id, "test"), work =>
        {
            work.Db.JournalEntries.Add(work.File.AddNote("Ne doit pas être écrit", work.Context));
            return Task.CompletedTask;
        }));

        Assert.Equal(FileRules.ClosedRefusal, Assert.Single(refused.Refusals).Code);
        Assert.Equal(auditBefore, AuditOf(file.Id).Count);
    }

    [Fact]
    public async Task Run_NeedingAnActiveFile_OnAFileOnHold_IsRefusedWithTheOperationsReason()
    {
        var file = await SaveAsync(Marie, b => b.OnHoldUntil(FixedContext.Today.AddDays(30)));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Runner.RunAsync(
            new FileCommand(file.Id, "test") { Needs = FileNeed.TakingPart, NotTakingPartRefusal = "Session.HouseholdNotActive" },
            _ => Task.CompletedTask));

        Assert.Equal("Session.HouseholdNotActive", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task ChangeHousehold_SavesWithItsAuditAsThePersonActing()
    {
        var file = await SaveAsync(Marie);
        var version = await VersionOfAsync(file.Id);

        await RecordPhoneCallAsync(file.Id, version, "Appel");

        Assert.Contains(AuditOf(file.Id), a => a.UserId == Marie.Id && a.Field == nameof(Household.LastContactOn));
        Assert.NotEqual(version, await VersionOfAsync(file.Id));
    }

    [Fact]
    public async Task ChangeHousehold_FromAnOlderVersion_IsAConflictAndChangesNothing()
    {
        var file = await SaveAsync(Marie);
        var seen = await VersionOfAsync(file.Id);
        await RecordPhoneCallAsync(file.Id, seen, "Premier");
        var auditBefore = AuditOf(file.Id).Count;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            RecordPhoneCallAsync(file.Id, seen, "Second"));

        Assert.Equal(auditBefore, AuditOf(file.Id).Count);
    }

    [Fact]
    public async Task ChangeHousehold_WhenSomeoneSavesBetweenTheReadAndTheWrite_IsAConflict()
    {
        var file = await SaveAsync(Marie);
        var seen = await VersionOfAsync(file.Id);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Runner.ChangeHouseholdAsync(new FileCommand(file.Id, "test"), seen, async (work, household) =>
            {
                // Another person's save lands after this operation read the file.
                await using (var other = Database.CreateDbContext())
                {
                    await other.Database.ExecuteSqlAsync($"UPDATE households SET updated_at = now() WHERE id = {file.Id}");
                }

                household.RecordContact(ContactChannel.Email, work.Context.Now, work.Context.Today, "Courriel", work.Context);
            }));
    }

    [Fact]
    public async Task HouseholdSize_IsOneRuleForTheAggregateTheHeadAndTheQueries()
    {
        var file = await SaveAsync(Marie, b => b.WithProfile(p => p.WithSpouse().WithChild("Léa", new DateOnly(2018, 3, 1)).WithChild("Adam", new DateOnly(2020, 6, 1)).WithChild("Nour", new DateOnly(2022, 9, 1))));

        await using var db = Database.CreateDbContext();
        var head = await FileRunner.Heads(db.Households.Where(h => h.Id == file.Id)).SingleAsync();

        Assert.Equal(5, file.Size);
        Assert.Equal(file.Size, head.Size);
        Assert.Equal(file.Head, head);
    }

    /// <summary>A change of the aggregate through the runner: a phone call recorded on the file, from the version seen.</summary>
    private Task RecordPhoneCallAsync(Guid id, uint? seen, string text) =>
        Runner.ChangeHouseholdAsync(new FileCommand(id, "test"), seen, (work, household) =>
        {
            work.Db.JournalEntries.Add(household.RecordContact(ContactChannel.Phone, work.Context.Now, work.Context.Today, text, work.Context));
            return Task.CompletedTask;
        });

    private List<(AccessAction, string)> AccessLogOf(Guid id)
    {
        using var db = Database.CreateDbContext();
        return db.AccessLog.Where(a => a.HouseholdId == id).OrderBy(a => a.Id).AsEnumerable().Select(a => (a.Action, a.Source)).ToList();
    }
}
