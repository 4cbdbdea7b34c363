using CaseManager.Data;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.MyWeek;

public enum MyWeekItemKind
{
    Task,
    RetentionCheck,
}

public enum MyWeekSort
{
    DueOn,
    FileNumber,
    Household,
}

/// <summary>What "Ma semaine" asks for: whose files, the sort and the page. Everything is done in PostgreSQL.</summary>
public sealed record MyWeekQuery
{
    /// <summary>Supervisors only: another counsellor's week. Null: the signed-in person's own files.</summary>
    public string? CounsellorId { get; init; }

    /// <summary>One group only (the plan's tasks, or the follow-ups after a move); null: both.</summary>
    public MyWeekItemKind? Kind { get; init; }

    public MyWeekSort SortBy { get; init; } = MyWeekSort.DueOn;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

/// <summary>A task of a plan, or a follow-up after a move, due soon or overdue, with its file.</summary>
public sealed record MyWeekRow
{
    public MyWeekItemKind Kind { get; init; }

    /// <summary>The task's id, or the follow-up's.</summary>
    public Guid Id { get; init; }

    public Guid HouseholdId { get; init; }
    public string FileNumber { get; init; } = "";
    public string LastName { get; init; } = "";
    public string FirstName { get; init; } = "";
    public DateOnly DueOn { get; init; }

    /// <summary>The task's title; null for a follow-up.</summary>
    public string? Title { get; init; }

    public TaskOwner? Owner { get; init; }
    public PlanTaskStatus? Status { get; init; }

    /// <summary>The task's goal; null for a follow-up.</summary>
    public Guid? GoalId { get; init; }

    /// <summary>The needs domain of the task's goal (read for the page's rows only).</summary>
    public string? NeedCode { get; init; }

    /// <summary>The follow-up's horizon (3, 6 or 12 months); null for a task.</summary>
    public int? MonthsAfter { get; init; }

    public bool IsOverdue(DateOnly today) => DueOn < today;
}

/// <summary>One kind of item of the week and how many there are, overdue among them, whatever group is shown.</summary>
public sealed record MyWeekGroup(MyWeekItemKind Kind, int Total, int Overdue);

/// <summary>The page of rows (of the group asked for), its total and overdue count, and every group's counts.</summary>
public sealed record MyWeekResult(
    IReadOnlyList<MyWeekRow> Rows,
    int Total,
    int Overdue,
    DateOnly Today,
    DateOnly Until,
    string CounsellorId,
    IReadOnlyList<MyWeekGroup> Groups);

/// <summary>
/// "Ma semaine": across a counsellor's open files, the plan tasks still to do that fall due within
/// <see cref="Horizon"/> days or are overdue, whoever is to do them (the household, the counsellor,
/// a regional partner), and the follow-ups after a move still unanswered. One query counts, one
/// reads the page, one names the page's goals; a counsellor's open tasks come from the partial
/// index on open tasks by household and due date.
/// </summary>
public sealed class MyWeekService(IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, AppClock clock)
{
    public const int Horizon = 7;
    public const int MaxPageSize = 100;

    /// <summary>Files whose tasks and follow-ups are still followed: not withdrawn, not closed.</summary>
    private static readonly CaseStatus[] FollowedStatuses = [CaseStatus.Active, CaseStatus.OnHold, CaseStatus.Settled];

    public async Task<MyWeekResult> GetAsync(MyWeekQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var counsellorId = string.IsNullOrEmpty(query.CounsellorId) ? user.Id : query.CounsellorId;
        access.Demand(user, AccessRules.MayReadWeekOf(user, counsellorId), $"read the week of {counsellorId}");

        var today = clock.Today;
        var until = today.AddDays(Horizon);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var households = db.Households.Where(h => h.AssignedCounsellorId == counsellorId && FollowedStatuses.Contains(h.Status));

        var tasks =
            from task in db.PlanTasks
            join household in households on task.HouseholdId equals household.Id
            where (task.Status == PlanTaskStatus.ToDo || task.Status == PlanTaskStatus.InProgress) && task.DueOn != null && task.DueOn <= until
            select new MyWeekRow
            {
                Kind = MyWeekItemKind.Task,
                Id = task.Id,
                HouseholdId = household.Id,
                FileNumber = household.FileNumber,
                LastName = household.PrimaryApplicant.LastName,
                FirstName = household.PrimaryApplicant.FirstName,
                DueOn = task.DueOn!.Value,
                Title = task.Title,
                Owner = task.Owner,
                Status = task.Status,
                GoalId = task.GoalId,
                MonthsAfter = null,
            };
        var checks =
            from check in db.RetentionChecks
            join household in households on check.HouseholdId equals household.Id
            where check.AnsweredOn == null && check.DueOn <= until
            select new MyWeekRow
            {
                Kind = MyWeekItemKind.RetentionCheck,
                Id = check.Id,
                HouseholdId = household.Id,
                FileNumber = household.FileNumber,
                LastName = household.PrimaryApplicant.LastName,
                FirstName = household.PrimaryApplicant.FirstName,
                DueOn = check.DueOn,
                Title = null,
                Owner = null,
                Status = null,
                GoalId = null,
                MonthsAfter = check.MonthsAfter,
            };
        // One statement counts every group; the page reads only the group asked for.
        var counted = await tasks.Concat(checks).GroupBy(r => r.Kind)
            .Select(g => new { Kind = g.Key, Total = g.Count(), Overdue = g.Count(r => r.DueOn < today) })
            .ToListAsync(cancellationToken);
        var groups = Enum.GetValues<MyWeekItemKind>()
            .Select(kind => counted.SingleOrDefault(c => c.Kind == kind) is { } c ? new MyWeekGroup(kind, c.Total, c.Overdue) : new MyWeekGroup(kind, 0, 0))
            .ToList();
        var shown = groups.Where(g => query.Kind is null || g.Kind == query.Kind).ToList();
        var items = query.Kind switch
        {
            MyWeekItemKind.Task => tasks,
            MyWeekItemKind.RetentionCheck => checks,
            null => tasks.Concat(checks),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await Sort(items, query.SortBy, query.Descending, today)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);

        // The goals' needs domains for this page's rows only, not for every row the sort reads.
        var goalIds = rows.Where(r => r.GoalId is not null).Select(r => r.GoalId!.Value).Distinct().ToList();
        var needs = goalIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.PlanGoals.Where(g => goalIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.NeedCode, cancellationToken);
        rows = rows.Select(r => r.GoalId is { } goal && needs.TryGetValue(goal, out var need) ? r with { NeedCode = need } : r).ToList();
        return new MyWeekResult(rows, shown.Sum(g => g.Total), shown.Sum(g => g.Overdue), today, until, counsellorId, groups);
    }

    /// <summary>Overdue first whatever the sort; then the chosen order, and a stable one for paging.</summary>
    private static IOrderedQueryable<MyWeekRow> Sort(IQueryable<MyWeekRow> items, MyWeekSort sort, bool descending, DateOnly today)
    {
        var overdueFirst = items.OrderByDescending(r => r.DueOn < today);
        var ordered = sort switch
        {
            MyWeekSort.DueOn => descending ? overdueFirst.ThenByDescending(r => r.DueOn) : overdueFirst.ThenBy(r => r.DueOn),
            MyWeekSort.FileNumber => descending ? overdueFirst.ThenByDescending(r => r.FileNumber) : overdueFirst.ThenBy(r => r.FileNumber),
            MyWeekSort.Household => descending
                ? overdueFirst.ThenByDescending(r => r.LastName).ThenByDescending(r => r.FirstName)
                : overdueFirst.ThenBy(r => r.LastName).ThenBy(r => r.FirstName),
        };
        return ordered.ThenBy(r => r.DueOn).ThenBy(r => r.FileNumber).ThenBy(r => r.Id);
    }
}
