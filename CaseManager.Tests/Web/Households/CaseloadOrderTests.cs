using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Households;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Households;

/// <summary>
/// The caseload's pages, read from the sort indexes (a page past the middle from the other end),
/// list the same files in the same order as one plain ORDER BY of every file would: each sort and
/// direction, paged three at a time, against the order computed here from the raw rows (ties on
/// names, stages, contact days and opening days, files never contacted).
/// </summary>
public sealed class CaseloadOrderTests(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    private const int PageSize = 3;

    public static TheoryData<CaseloadSort, bool> Sorts()
    {
        var data = new TheoryData<CaseloadSort, bool>();
        foreach (var sort in Enum.GetValues<CaseloadSort>())
        {
            data.Add(sort, false);
            data.Add(sort, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task GetCaseloadAsync_EveryPageOfASort_ListsTheFilesInTheSortsOrder(CaseloadSort sort, bool descending)
    {
        await SaveVariedFilesAsync();
        Current.User = Supervisor;
        var expected = Expected(await RawRowsAsync(), sort, descending);

        var (paged, totals) = await ReadEveryPageAsync(new CaseloadQuery { Status = StatusFilter.All, SortBy = sort, Descending = descending });

        Assert.Equal(expected, paged);
        Assert.All(totals, total => Assert.Equal(expected.Count, total));
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task GetCaseloadAsync_CounsellorsOpenFilesPaged_ListsOnlyThemInTheSortsOrder(CaseloadSort sort, bool descending)
    {
        await SaveVariedFilesAsync();
        await SaveAsync(Paul, b => b.WithProfile(p => p.WithPrimaryApplicant("Ana", "Roy")));
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Eve", "Roy")).WithStatus(CaseStatus.Withdrawn));
        var mine = (await RawRowsAsync()).Where(r => r.CounsellorId == Marie.Id && r.Status is CaseStatus.Active or CaseStatus.OnHold).ToList();
        var expected = Expected(mine, sort, descending);

        var (paged, _) = await ReadEveryPageAsync(new CaseloadQuery { SortBy = sort, Descending = descending });

        Assert.Equal(expected, paged);
    }

    [Fact]
    public async Task GetCaseloadAsync_StageFilterPastTheMiddle_ListsTheStagesFilesInOrder()
    {
        await SaveVariedFilesAsync();
        var expected = Expected((await RawRowsAsync()).Where(r => r.Stage == Stage.Outreach).ToList(), CaseloadSort.Name, false);

        var (paged, totals) = await ReadEveryPageAsync(new CaseloadQuery { Stage = Stage.Outreach, Status = StatusFilter.All, PageSize = 2 }, pageSize: 2);

        Assert.Equal(expected, paged);
        Assert.All(totals, total => Assert.Equal(expected.Count, total));
    }

    [Fact]
    public async Task GetCaseloadAsync_PageAfterTheLast_IsEmptyWithTheTotal()
    {
        await SaveVariedFilesAsync();

        var page = await Service.GetCaseloadAsync(new CaseloadQuery { Status = StatusFilter.All, Page = 50, PageSize = PageSize });

        Assert.Empty(page.Rows);
        Assert.Equal(Files.Length, page.Total);
    }

    private static readonly (string First, string Last, Stage Stage, int? ContactDaysAgo, int OpenedDaysAgo)[] Files =
    [
        ("Ana", "Roy", Stage.Outreach, null, 40),
        ("Ana", "Roy", Stage.PersonalizedPlan, 10, 40),
        ("Ben", "Roy", Stage.Outreach, null, 30),
        ("Zoe", "Abel", Stage.InfoSession, 10, 120),
        ("Ana", "Lima", Stage.ExploratoryStay, 8, 200),
        ("Cy", "Lima", Stage.MovingSubsidy, 8, 200),
        ("Dan", "Zed", Stage.Outreach, 20, 15),
        ("Eli", "Moreau", Stage.PersonalizedPlan, 10, 60),
        ("Fay", "Moreau", Stage.Outreach, null, 30),
        ("Gus", "Abel", Stage.InfoSession, 6, 90),
        ("Hal", "Nadeau", Stage.PersonalizedPlan, 45, 90),
        ("Ida", "Nadeau", Stage.Outreach, 5, 50),
        ("Jo", "Ouellet", Stage.ExploratoryStay, 7, 300),
    ];

    private async Task SaveVariedFilesAsync()
    {
        foreach (var (first, last, stage, contact, opened) in Files)
        {
            await SaveAsync(Marie, b =>
            {
                b.WithProfile(p => p.WithPrimaryApplicant(first, last)).OpenedOn(FixedContext.Today.AddDays(-opened)).AtStage(stage);
                return contact is { } days ? b.WithContact(FixedContext.Today.AddDays(-days)) : b;
            });
        }
    }

    private async Task<(List<string> FileNumbers, List<int> Totals)> ReadEveryPageAsync(CaseloadQuery query, int pageSize = PageSize)
    {
        var fileNumbers = new List<string>();
        var totals = new List<int>();
        for (var page = 0; ; page++)
        {
            var result = await Service.GetCaseloadAsync(query with { Page = page, PageSize = pageSize });
            totals.Add(result.Total);
            if (result.Rows.Count == 0)
            {
                return (fileNumbers, totals);
            }

            Assert.True(result.Rows.Count <= pageSize);
            fileNumbers.AddRange(result.Rows.Select(r => r.FileNumber));
        }
    }

    private sealed record RawRow(string FileNumber, string LastName, string FirstName, Stage Stage, CaseStatus Status, DateOnly? LastContactOn, DateTimeOffset CreatedAt, string? CounsellorId);

    private async Task<List<RawRow>> RawRowsAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Households.AsNoTracking()
            .Select(h => new RawRow(h.FileNumber, h.PrimaryApplicant.LastName, h.PrimaryApplicant.FirstName, h.Stage, h.Status, h.LastContactOn, h.CreatedAt, h.AssignedCounsellorId))
            .ToListAsync();
    }

    /// <summary>
    /// The caseload's orders as the plain ORDER BY of every file gave them: names (file number
    /// ascending among equal names), file number, the program's stage order, the longest-quiet first
    /// (never contacted first; descending: never contacted, then the latest contact), the opening
    /// instant (then the file number, in the same direction).
    /// </summary>
    private static List<string> Expected(IReadOnlyList<RawRow> rows, CaseloadSort sort, bool descending)
    {
        var ordinal = StringComparer.Ordinal;
        var stage = (RawRow r) => Stages.InOrder.ToList().IndexOf(r.Stage);
        IOrderedEnumerable<RawRow> ordered = (sort, descending) switch
        {
            (CaseloadSort.Name, false) => rows.OrderBy(r => r.LastName, ordinal).ThenBy(r => r.FirstName, ordinal).ThenBy(r => r.FileNumber, ordinal),
            (CaseloadSort.Name, true) => rows.OrderByDescending(r => r.LastName, ordinal).ThenByDescending(r => r.FirstName, ordinal).ThenBy(r => r.FileNumber, ordinal),
            (CaseloadSort.FileNumber, false) => rows.OrderBy(r => r.FileNumber, ordinal),
            (CaseloadSort.FileNumber, true) => rows.OrderByDescending(r => r.FileNumber, ordinal),
            (CaseloadSort.Stage, false) => rows.OrderBy(stage).ThenBy(r => r.FileNumber, ordinal),
            (CaseloadSort.Stage, true) => rows.OrderByDescending(stage).ThenBy(r => r.FileNumber, ordinal),
            (CaseloadSort.LastContact, false) => rows.OrderBy(r => r.LastContactOn is not null).ThenBy(r => r.LastContactOn).ThenBy(r => r.FileNumber, ordinal),
            (CaseloadSort.LastContact, true) => rows.OrderBy(r => r.LastContactOn is not null).ThenByDescending(r => r.LastContactOn).ThenBy(r => r.FileNumber, ordinal),
            (CaseloadSort.Opened, false) => rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.FileNumber, ordinal),
            (CaseloadSort.Opened, true) => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.FileNumber, ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
        return ordered.Select(r => r.FileNumber).ToList();
    }
}
