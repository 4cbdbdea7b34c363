using CaseManager.Data;
using CaseManager.Domain.Assignment;
using CaseManager.Web.Features.Households;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Assignment;

/// <summary>One assignment of a file, with the names a reader needs.</summary>
public sealed record AssignmentLine(
    DateTimeOffset At, string? FromName, string ToName, string OrganizationCode, AssignmentReason Reason, string? Note,
    int? LoadBefore, decimal? Capacity, int? Candidates, string? MatchedLanguage, string ByName);

/// <summary>A file's assignment history, for whoever may open the file.</summary>
public sealed class AssignmentHistoryService(IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access)
{
    public async Task<IReadOnlyList<AssignmentLine>> GetAsync(Guid householdId, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await access.DemandFileAsync(db, householdId, user, "assignments", cancellationToken);
        return await db.Assignments.AsNoTracking()
            .Where(a => a.HouseholdId == householdId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AssignmentLine(
                a.At,
                db.Users.Where(u => u.Id == a.FromCounsellorId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Users.Where(u => u.Id == a.ToCounsellorId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                db.Organizations.Where(o => o.Id == a.OrganizationId).Select(o => o.Code).FirstOrDefault() ?? "",
                a.Reason, a.Note, a.LoadBefore, a.Capacity, a.Candidates, a.MatchedLanguage, a.ByUserName))
            .ToListAsync(cancellationToken);
    }
}
