using CaseManager.Web.Infrastructure;
using CaseManager.Data;
using CaseManager.Data.Configurations;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Households;

public enum StatusFilter
{
    Open,
    Active,
    OnHold,
    Withdrawn,
    Settled,
    Closed,
    All,
}

public enum CaseloadSort
{
    Name,
    FileNumber,
    Stage,
    LastContact,
    Opened,
}

/// <summary>What the caseload asks for: filters, sort and page. Everything is done in PostgreSQL.</summary>
public sealed record CaseloadQuery
{
    public string? Search { get; init; }
    public Stage? Stage { get; init; }
    public StatusFilter Status { get; init; } = StatusFilter.Open;
    public string? RegionCode { get; init; }

    /// <summary>Supervisors only: one counsellor's files.</summary>
    public string? CounsellorId { get; init; }

    public bool NeedsAttentionOnly { get; init; }
    public CaseloadSort SortBy { get; init; } = CaseloadSort.Name;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record CaseloadRow(
    Guid Id,
    string FileNumber,
    string LastName,
    string FirstName,
    int OtherMembers,
    Stage Stage,
    CaseStatus Status,
    string? RegionCode,
    DateOnly? LastContactOn,
    DateTimeOffset OpenedAt,
    string? CounsellorName,
    bool NeedsAttention,
    uint Version = 0);

public sealed record CaseloadPage(IReadOnlyList<CaseloadRow> Rows, int Total, IReadOnlyDictionary<Stage, int> StageCounts);

public sealed partial class HouseholdService
{
    public const int MaxPageSize = 100;

    public async Task<CaseloadPage> GetCaseloadAsync(CaseloadQuery query, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var quietDays = await db.ReminderRules.Where(r => r.Kind == ReminderKind.NoContact).Select(r => (int?)r.Delay).SingleOrDefaultAsync(cancellationToken) ?? 30;
        var quietSinceDay = clock.Today.AddDays(-quietDays);
        var quietSinceInstant = clock.Now.AddDays(-quietDays);

        var households = db.Households.AsNoTracking();
        var files = AccessRules.FilesOf(user);
        households = files.Apply(households);
        // Narrowing to one counsellor is for those who see every file (a counsellor's own list ignores it).
        if (files.IsEvery && !string.IsNullOrEmpty(query.CounsellorId))
        {
            households = households.Where(h => h.AssignedCounsellorId == query.CounsellorId);
        }
        households = FilterByStatus(households, query.Status);
        if (!string.IsNullOrEmpty(query.RegionCode))
        {
            households = households.Where(h => h.PreferredRegionCodes.Contains(query.RegionCode) ||
                                               (h.Settlement != null && h.Settlement.RegionCode == query.RegionCode));
        }

        foreach (var (literal, digits) in SearchWords(query.Search))
        {
            var pattern = "%" + literal + "%";
            var digitsPattern = "%" + (digits ?? literal) + "%";
            households = households.Where(h =>
                EF.Functions.Like(EF.Property<string>(h, "SearchText"), CaseManagerDbContext.Unaccent(pattern)) ||
                EF.Functions.Like(EF.Property<string>(h, "SearchText"), CaseManagerDbContext.Unaccent(digitsPattern)));
        }

        if (query.NeedsAttentionOnly)
        {
            households = households.Where(h => h.Status == CaseStatus.Active &&
                (h.LastContactOn < quietSinceDay || (h.LastContactOn == null && h.CreatedAt < quietSinceInstant)));
        }

        // One snapshot for the counts and the page, so a page read from the far end (below) lines up with the total.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

        // Counts per stage ignore the stage filter, so the chips say what each one would show (one grouped statement).
        var stageCounts = await households.GroupBy(h => h.Stage)
            .Select(g => new { Stage = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Stage, g => g.Count, cancellationToken);
        if (query.Stage is { } stage)
        {
            households = households.Where(h => h.Stage == stage);
        }

        var total = query.Stage is { } only ? stageCounts.GetValueOrDefault(only) : stageCounts.Values.Sum();
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var skip = (long)Math.Max(query.Page, 0) * pageSize;
        if (skip >= total)
        {
            return new CaseloadPage([], total, stageCounts);
        }

        // The page's ids come from the sort's index alone; a page past the middle is read from the
        // other end in the opposite order (every sort is total: the file number breaks ties), so no
        // page skips more than half the list.
        var fromEnd = skip > total / 2;
        var take = (int)Math.Min(pageSize, total - skip);
        var ids = Sort(households, query.SortBy, query.Descending, fromEnd)
            .Skip(fromEnd ? (int)(total - skip - take) : (int)skip)
            .Take(take)
            .Select(h => h.Id);

        // Only the rows shown are read whole, with their members and counsellor's name.
        var rows = await Sort(db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)), query.SortBy, query.Descending, reversed: false)
            .Select(h => new CaseloadRow(
                h.Id,
                h.FileNumber,
                h.PrimaryApplicant.LastName,
                h.PrimaryApplicant.FirstName,
                FileRules.SizeOf(h.Spouse != null, h.Children.Count) - 1,
                h.Stage,
                h.Status,
                h.Settlement != null ? h.Settlement.RegionCode : h.PreferredRegionCodes.FirstOrDefault(),
                h.LastContactOn,
                h.CreatedAt,
                db.Users.Where(u => u.Id == h.AssignedCounsellorId).Select(u => u.DisplayName).FirstOrDefault(),
                h.Status == CaseStatus.Active &&
                    (h.LastContactOn < quietSinceDay || (h.LastContactOn == null && h.CreatedAt < quietSinceInstant)),
                h.Version))
            .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CaseloadPage(rows, total, stageCounts);
    }

    /// <summary>The app-bar search: jump to a file by name, number, email or phone.</summary>
    public async Task<IReadOnlyList<CaseloadRow>> QuickSearchAsync(string? text, CancellationToken cancellationToken = default)
    {
        if (SearchWords(text).Count == 0)
        {
            return [];
        }

        var page = await GetCaseloadAsync(new CaseloadQuery { Search = text, Status = StatusFilter.All, PageSize = 8 }, cancellationToken);
        return page.Rows;
    }

    /// <summary>
    /// Words of a search, each matched anywhere in the file's search text (names, file number,
    /// email, phone). A word with digits is also tried as its digits alone, so "(514) 555-0123"
    /// finds the number however it was typed.
    /// </summary>
    internal static IReadOnlyList<(string Literal, string? Digits)> SearchWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word =>
            {
                var digits = new string(word.Where(char.IsAsciiDigit).ToArray());
                return (Literal: LikeSearch.Escape(word), Digits: digits.Length > 0 && digits != word ? digits : null);
            })
            .Take(6)
            .ToList();
    }

    private static IQueryable<Household> FilterByStatus(IQueryable<Household> households, StatusFilter status) => status switch
    {
        StatusFilter.Open => households.Where(h => h.Status == CaseStatus.Active || h.Status == CaseStatus.OnHold),
        StatusFilter.Active => households.Where(h => h.Status == CaseStatus.Active),
        StatusFilter.OnHold => households.Where(h => h.Status == CaseStatus.OnHold),
        StatusFilter.Withdrawn => households.Where(h => h.Status == CaseStatus.Withdrawn),
        StatusFilter.Settled => households.Where(h => h.Status == CaseStatus.Settled),
        StatusFilter.Closed => households.Where(h => h.Status == CaseStatus.Closed),
        StatusFilter.All => households,
    };

    /// <summary>
    /// The caseload's orders, each total (the file number last) and each read from an index (see
    /// the households' configuration); <paramref name="reversed"/> is the same order backwards, every key flipped.
    /// </summary>
    private static IQueryable<Household> Sort(IQueryable<Household> households, CaseloadSort sort, bool descending, bool reversed)
    {
        var r = reversed;
        return (sort, descending) switch
        {
            (CaseloadSort.Name, var d) => Then(Then(By(households, h => h.PrimaryApplicant.LastName, d ^ r), h => h.PrimaryApplicant.FirstName, d ^ r), FileNumber, r),
            (CaseloadSort.FileNumber, var d) => By(households, FileNumber, d ^ r),
            // Stages are stored by name: sort them in the program's order, not the alphabet's.
            (CaseloadSort.Stage, var d) => Then(By(households, h => EF.Property<int>(h, HouseholdSortColumns.StageOrder), d ^ r), FileNumber, r),
            // The longest-quiet files first: never contacted, then the oldest contact.
            (CaseloadSort.LastContact, false) => Then(By(households, h => EF.Property<DateOnly>(h, HouseholdSortColumns.ContactOrder), r), FileNumber, r),
            // The latest contact first (PostgreSQL puts the never-contacted files first in a descending order).
            (CaseloadSort.LastContact, true) => Then(By(households, h => h.LastContactOn, !r), FileNumber, r),
            (CaseloadSort.Opened, var d) => Then(By(households, h => h.CreatedAt, d ^ r), FileNumber, d ^ r),
        };
    }

    private static readonly System.Linq.Expressions.Expression<Func<Household, string>> FileNumber = h => h.FileNumber;

    private static IOrderedQueryable<Household> By<TKey>(IQueryable<Household> households, System.Linq.Expressions.Expression<Func<Household, TKey>> key, bool descending) =>
        descending ? households.OrderByDescending(key) : households.OrderBy(key);

    private static IOrderedQueryable<Household> Then<TKey>(IOrderedQueryable<Household> households, System.Linq.Expressions.Expression<Func<Household, TKey>> key, bool descending) =>
        descending ? households.ThenByDescending(key) : households.ThenBy(key);
}
