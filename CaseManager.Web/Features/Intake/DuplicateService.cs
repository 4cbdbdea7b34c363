using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Intake;

/// <summary>One side of a flagged pair, as the queue shows it.</summary>
public sealed record DuplicateSide(Guid Id, string FileNumber, string Name, DateOnly? BirthDate, string? Email, string? Phone, string? CounsellorName, CaseStatus Status, DateTimeOffset CreatedAt);

public sealed record DuplicateRow(Guid FlagId, uint Version, DuplicateCriteria Criteria, DateTimeOffset FlaggedAt, DuplicateSide Newer, DuplicateSide Older);

public sealed record DuplicatePage(IReadOnlyList<DuplicateRow> Rows, int Total);

/// <summary>
/// The supervisors' queue of possible duplicates: dismiss a flag, or merge the two files. A merge
/// keeps every history: the merged file's journal, consents, registrations, assignments, plan (when
/// the kept file has none), session and stay participations move to the kept file; its stage
/// history stays on it, closed and pointing to the kept file. Audited on both files.
/// </summary>
public sealed class DuplicateService(
    IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, AppClock clock, ILogger<DuplicateService> logger)
{
    public async Task<int> CountOpenAsync(CancellationToken cancellationToken = default)
    {
        await RequireSupervisorAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DuplicateFlags.CountAsync(f => f.Status == DuplicateFlagStatus.Open, cancellationToken);
    }

    /// <summary>The open flags, oldest first, a page at a time (one query for the page).</summary>
    public async Task<DuplicatePage> ListOpenAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await RequireSupervisorAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = db.DuplicateFlags.AsNoTracking().Where(f => f.Status == DuplicateFlagStatus.Open);
        var total = await open.CountAsync(cancellationToken);
        var rows = await open.OrderBy(f => f.FlaggedAt).ThenBy(f => f.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(f => new
            {
                f.Id,
                f.Version,
                f.Criteria,
                f.FlaggedAt,
                Newer = db.Households.Where(h => h.Id == f.HouseholdId).Select(h => new DuplicateSide(
                    h.Id, h.FileNumber, h.PrimaryApplicant.FirstName + " " + h.PrimaryApplicant.LastName, h.PrimaryApplicant.BirthDate,
                    h.Contact.Email, h.Contact.Phone, db.Users.Where(u => u.Id == h.AssignedCounsellorId).Select(u => u.DisplayName).FirstOrDefault(),
                    h.Status, h.CreatedAt)).First(),
                Older = db.Households.Where(h => h.Id == f.OtherHouseholdId).Select(h => new DuplicateSide(
                    h.Id, h.FileNumber, h.PrimaryApplicant.FirstName + " " + h.PrimaryApplicant.LastName, h.PrimaryApplicant.BirthDate,
                    h.Contact.Email, h.Contact.Phone, db.Users.Where(u => u.Id == h.AssignedCounsellorId).Select(u => u.DisplayName).FirstOrDefault(),
                    h.Status, h.CreatedAt)).First(),
            })
            .ToListAsync(cancellationToken);
        return new DuplicatePage(rows.Select(r => new DuplicateRow(r.Id, r.Version, r.Criteria, r.FlaggedAt, r.Newer, r.Older)).ToList(), total);
    }

    public async Task DismissAsync(Guid flagId, uint version, string? note, CancellationToken cancellationToken = default)
    {
        var user = await RequireSupervisorAsync();
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var flag = await LoadFlagAsync(db, flagId, version, cancellationToken);
        flag.Dismiss(note, context);
        await SaveAsync(db.ActingAs(context), cancellationToken);
        logger.LogInformation("Duplicate flag {FlagId} dismissed by {UserId}.", flagId, user.Id);
    }

    /// <summary>Merges the flagged pair into <paramref name="survivorId"/> (one of the two); the other file is closed.</summary>
    public async Task MergeAsync(Guid flagId, uint version, Guid survivorId, CancellationToken cancellationToken = default)
    {
        var user = await RequireSupervisorAsync();
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var flag = await LoadFlagAsync(db, flagId, version, cancellationToken);
        flag.MarkMerged(survivorId, context);
        var mergedId = survivorId == flag.HouseholdId ? flag.OtherHouseholdId : flag.HouseholdId;
        var survivor = await db.Households.Include(h => h.History).SingleAsync(h => h.Id == survivorId, cancellationToken);
        var merged = await db.Households.Include(h => h.History).SingleAsync(h => h.Id == mergedId, cancellationToken);
        if (survivor.Status == CaseStatus.Closed || merged.Status == CaseStatus.Closed)
        {
            throw new DomainRuleException("Duplicate.FileClosed");
        }

        merged.MergeInto(survivor, context);
        db.Entry(survivor).Property(h => h.UpdatedAt).IsModified = true;
        db.ActingAs(context).AuditEntries.Add(new AuditEntry
        {
            HouseholdId = survivor.Id,
            OccurredAt = context.Now,
            UserId = context.Actor.Id,
            UserName = context.Actor.Name,
            EntityType = nameof(Household),
            Action = AuditAction.Modified,
            Field = "MergedFrom",
            NewValue = merged.FileNumber,
        });
        await SaveAsync(db, cancellationToken);
        await MoveHistoryAsync(db, merged.Id, survivor.Id, cancellationToken);
        // The other open flags of the merged file now concern the survivor: they stay for a person to judge.
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Household {Merged} merged into {Survivor} by {UserId}.", merged.FileNumber, survivor.FileNumber, user.Id);
    }

    /// <summary>Set-based moves, in the merge's transaction; what cannot move without clashing stays linked to the merged file.</summary>
    private static async Task MoveHistoryAsync(CaseManagerDbContext db, Guid merged, Guid survivor, CancellationToken cancellationToken)
    {
        var database = db.Database;
        await database.ExecuteSqlAsync($"UPDATE journal_entries SET household_id = {survivor} WHERE household_id = {merged}", cancellationToken);
        await database.ExecuteSqlAsync($"UPDATE consent_records SET household_id = {survivor} WHERE household_id = {merged}", cancellationToken);
        await database.ExecuteSqlAsync($"UPDATE registrations SET household_id = {survivor} WHERE household_id = {merged}", cancellationToken);
        await database.ExecuteSqlAsync($"UPDATE assignments SET household_id = {survivor} WHERE household_id = {merged}", cancellationToken);
        await database.ExecuteSqlAsync(
            $"UPDATE plans SET household_id = {survivor} WHERE household_id = {merged} AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.household_id = {survivor})",
            cancellationToken);
        await database.ExecuteSqlAsync(
            $"UPDATE plan_goals g SET household_id = {survivor} FROM plans p WHERE g.plan_id = p.id AND p.household_id = {survivor} AND g.household_id = {merged}",
            cancellationToken);
        await database.ExecuteSqlAsync(
            $"UPDATE plan_milestones m SET household_id = {survivor} FROM plans p WHERE m.plan_id = p.id AND p.household_id = {survivor} AND m.household_id = {merged}",
            cancellationToken);
        await database.ExecuteSqlAsync(
            $"UPDATE plan_tasks t SET household_id = {survivor} FROM plan_goals g WHERE t.goal_id = g.id AND g.household_id = {survivor} AND t.household_id = {merged}",
            cancellationToken);
        await database.ExecuteSqlAsync(
            $"""
            UPDATE session_registrations r SET household_id = {survivor}
            WHERE r.household_id = {merged}
              AND NOT EXISTS (SELECT 1 FROM session_registrations o WHERE o.session_id = r.session_id AND o.household_id = {survivor})
            """,
            cancellationToken);
        await database.ExecuteSqlAsync(
            $"""
            UPDATE stay_participants p SET household_id = {survivor}
            WHERE p.household_id = {merged}
              AND NOT EXISTS (SELECT 1 FROM stay_participants o WHERE o.stay_id = p.stay_id AND o.household_id = {survivor})
            """,
            cancellationToken);
        await database.ExecuteSqlAsync(
            $"""
            UPDATE stay_debriefs d SET household_id = {survivor}
            WHERE d.household_id = {merged}
              AND NOT EXISTS (SELECT 1 FROM stay_debriefs o WHERE o.stay_id = d.stay_id AND o.household_id = {survivor})
            """,
            cancellationToken);
        await database.ExecuteSqlAsync(
            $"UPDATE stay_debrief_next_steps s SET household_id = {survivor} FROM stay_debriefs d WHERE s.debrief_id = d.id AND d.household_id = {survivor} AND s.household_id = {merged}",
            cancellationToken);
    }

    private static async Task<DuplicateFlag> LoadFlagAsync(CaseManagerDbContext db, Guid flagId, uint version, CancellationToken cancellationToken)
    {
        var flag = await db.DuplicateFlags.SingleOrDefaultAsync(f => f.Id == flagId, cancellationToken)
            ?? throw new NotFoundException($"Duplicate flag {flagId} does not exist.");
        if (flag.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(flag).Property(f => f.Version).OriginalValue = version;
        return flag;
    }

    private static async Task SaveAsync(CaseManagerDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }

    private Task<UserIdentity> RequireSupervisorAsync() => access.DemandAsync(Operation.ReviewDuplicates);
}
