using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Privacy;

public sealed record AccessLogQuery
{
    /// <summary>A user's name or email (the person who opened files).</summary>
    public string? User { get; init; }

    /// <summary>A file number, exact or its beginning.</summary>
    public string? FileNumber { get; init; }

    public Guid? HouseholdId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public AccessAction? Action { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 50;
}

public sealed record AccessLogRow(long Id, DateTimeOffset OccurredAt, string UserName, AccessAction Action, Guid HouseholdId, string? FileNumber, string Source);

public sealed record AccessLogResult(IReadOnlyList<AccessLogRow> Rows, int Total);

/// <summary>
/// The access log, for the privacy officer: who opened, was refused or exported which file, when and
/// from where, searched by person, file and period, paged in PostgreSQL (newest first). Read only:
/// no method here or anywhere changes a row (the database refuses it too).
/// </summary>
public sealed class AccessLogService(IDbContextFactory<CaseManagerDbContext> contexts, PrivacyAccess access)
{
    public const int MaxPageSize = 200;

    public async Task<AccessLogResult> SearchAsync(AccessLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var log = db.AccessLog.AsNoTracking();
        if (query.HouseholdId is { } householdId)
        {
            log = log.Where(a => a.HouseholdId == householdId);
        }

        if (!string.IsNullOrWhiteSpace(query.FileNumber))
        {
            var prefix = LikeSearch.Escape(query.FileNumber.Trim()) + "%";
            log = log.Where(a => db.Households.Any(h => h.Id == a.HouseholdId && EF.Functions.Like(h.FileNumber, prefix)));
        }

        foreach (var pattern in LikeSearch.WordPatterns(query.User))
        {
            log = log.Where(a => EF.Functions.Like(CaseManagerDbContext.Unaccent(a.UserName), CaseManagerDbContext.Unaccent(pattern)) ||
                                 db.Users.Any(u => u.Id == a.UserId && EF.Functions.Like(u.NormalizedEmail!, pattern.ToUpperInvariant())));
        }

        if (query.From is { } from)
        {
            var start = AppClock.FromLocal(from, TimeOnly.MinValue);
            log = log.Where(a => a.OccurredAt >= start);
        }

        if (query.To is { } to)
        {
            var end = AppClock.FromLocal(to.AddDays(1), TimeOnly.MinValue);
            log = log.Where(a => a.OccurredAt < end);
        }

        if (query.Action is { } action)
        {
            log = log.Where(a => a.Action == action);
        }

        var total = await log.CountAsync(cancellationToken);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await log.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(Math.Max(query.Page, 0) * size).Take(size)
            .Select(a => new AccessLogRow(a.Id, a.OccurredAt, a.UserName, a.Action, a.HouseholdId,
                db.Households.Where(h => h.Id == a.HouseholdId).Select(h => h.FileNumber).FirstOrDefault(), a.Source))
            .ToListAsync(cancellationToken);
        return new AccessLogResult(rows, total);
    }
}
