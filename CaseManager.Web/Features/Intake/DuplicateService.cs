using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;
using CaseManager.Web.Files;

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
    private readonly FileRunner _files = new(contexts, access, clock);

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

    /// <summary>
    /// Merges the flagged pair into <paramref name="survivorId"/> (one of the two); the other file is
    /// closed. One operation of the file runner on both files, in one transaction: every part that
    /// moves is a tracked change, so the audit of the kept file lists each of them.
    /// </summary>
    public async Task MergeAsync(Guid flagId, uint version, Guid survivorId, CancellationToken cancellationToken = default)
    {
        await RequireSupervisorAsync();
        var pair = await PairAsync(flagId, cancellationToken);
        var command = new FileCommand(pair.HouseholdId, "duplicates-merge")
        {
            Operation = Operation.ReviewDuplicates, Needs = FileNeed.Readable, InTransaction = true,
        };
        var (merged, survivor) = await _files.ChangeHouseholdAsync(command, version: null, async (work, first) =>
        {
            var flag = await work.Db.DuplicateFlags.SingleAsync(f => f.Id == flagId, cancellationToken);
            work.Saw(flag, version);
            flag.MarkMerged(survivorId, work.Context);
            var second = await work.OpenHouseholdAsync(pair.OtherHouseholdId, cancellationToken);
            var (survivor, merged) = survivorId == first.Id ? (first, second) : (second, first);
            merged.MergeInto(survivor, work.Context);
            work.Touch(second);
            work.Db.AuditEntries.Add(new AuditEntry
            {
                HouseholdId = survivor.Id,
                OccurredAt = work.Context.Now,
                UserId = work.Context.Actor.Id,
                UserName = work.Context.Actor.Name,
                EntityType = nameof(Household),
                Action = AuditAction.Modified,
                Field = "MergedFrom",
                NewValue = merged.FileNumber,
            });
            await MovePartsAsync(work.Db, merged.Id, survivor.Id, cancellationToken);
            // The other open flags of the merged file now concern the survivor: they stay for a person to judge.
            return (merged.FileNumber, survivor.FileNumber);
        }, cancellationToken);
        logger.LogInformation("Household {Merged} merged into {Survivor}.", merged, survivor);
    }

    private async Task<DuplicateFlag> PairAsync(Guid flagId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DuplicateFlags.AsNoTracking().SingleOrDefaultAsync(f => f.Id == flagId, cancellationToken)
            ?? throw new NotFoundException($"Duplicate flag {flagId} does not exist.");
    }

    /// <summary>
    /// The merged file's parts move to the kept file as tracked changes (audited on the kept file):
    /// its journal, consents, registrations and assignments; its plan when the kept file has none;
    /// its sessions outside the system; its session seats, stay places and debriefs where the kept file has none for the same session
    /// or stay. What cannot move without clashing stays on the merged file, which still shows it.
    /// </summary>
    private static async Task MovePartsAsync(CaseManagerDbContext db, Guid merged, Guid survivor, CancellationToken cancellationToken)
    {
        var parts = new List<IHouseholdPart>();
        parts.AddRange(await db.JournalEntries.Where(j => j.HouseholdId == merged).ToListAsync(cancellationToken));
        parts.AddRange(await db.ConsentRecords.Where(c => c.HouseholdId == merged).ToListAsync(cancellationToken));
        parts.AddRange(await db.Registrations.Where(r => r.HouseholdId == merged).ToListAsync(cancellationToken));
        parts.AddRange(await db.Assignments.Where(a => a.HouseholdId == merged).ToListAsync(cancellationToken));
        if (!await db.Plans.AnyAsync(p => p.HouseholdId == survivor, cancellationToken))
        {
            parts.AddRange(await db.Plans.Where(p => p.HouseholdId == merged).ToListAsync(cancellationToken));
            parts.AddRange(await db.PlanGoals.Where(g => g.HouseholdId == merged).ToListAsync(cancellationToken));
            parts.AddRange(await db.PlanTasks.Where(t => t.HouseholdId == merged).ToListAsync(cancellationToken));
            parts.AddRange(await db.Milestones.Where(m => m.HouseholdId == merged).ToListAsync(cancellationToken));
        }

        parts.AddRange(await db.SessionRegistrations
            .Where(r => r.HouseholdId == merged && !db.SessionRegistrations.Any(o => o.SessionId == r.SessionId && o.HouseholdId == survivor))
            .ToListAsync(cancellationToken));
        parts.AddRange(await db.ExternalSessionAttendances.Where(a => a.HouseholdId == merged).ToListAsync(cancellationToken));
        parts.AddRange(await db.StayParticipants
            .Where(p => p.HouseholdId == merged && !db.StayParticipants.Any(o => o.StayId == p.StayId && o.HouseholdId == survivor))
            .ToListAsync(cancellationToken));
        var debriefs = await db.StayDebriefs
            .Where(d => d.HouseholdId == merged && !db.StayDebriefs.Any(o => o.StayId == d.StayId && o.HouseholdId == survivor))
            .ToListAsync(cancellationToken);
        var debriefIds = debriefs.Select(d => d.Id).ToList();
        parts.AddRange(debriefs);
        parts.AddRange(await db.DebriefNextSteps.Where(s => debriefIds.Contains(s.DebriefId)).ToListAsync(cancellationToken));
        foreach (var part in parts)
        {
            db.Entry(part).Property(nameof(IHouseholdPart.HouseholdId)).CurrentValue = survivor;
        }
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
