using CaseManager.Web.Access;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Assignment;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Assignment;

/// <summary>
/// The equitable distribution of files, on the database: who is available, what each holds, and
/// the domain's <see cref="Distributor"/> choosing. Every choice, and every move of files between
/// counsellors, happens under one PostgreSQL advisory transaction lock, so registrations made at
/// the same moment are served one after the other and never assign past the fairness bound.
/// <para>
/// Use it inside the transaction that opens the file (the registration intake does so):
/// <code>
/// await using var transaction = await db.Database.BeginTransactionAsync(ct);
/// var choice = await distributor.ChooseAsync(db, profile.Languages, context.Today, ct);
/// var household = Household.Open(fileNumber, profile, source, choice.OrganizationId, choice.CounsellorId, context);
/// db.ActingAs(context).Households.Add(household);
/// db.Assignments.Add(FileDistributor.RecordOf(household, choice, context));
/// await db.SaveChangesAsync(ct);
/// await transaction.CommitAsync(ct);   // the lock is released here
/// </code>
/// </para>
/// </summary>
public sealed class FileDistributor
{
    /// <summary>The advisory lock's key ("CMDISTRB" as bytes): the same for every server of the program.</summary>
    public const long LockKey = 0x434D_4449_5354_5242;

    /// <summary>A file counts in its counsellor's caseload while it is open: active or on hold.</summary>
    public static readonly CaseStatus[] OpenStatuses = [CaseStatus.Active, CaseStatus.OnHold];

    /// <summary>
    /// Chooses the counsellor (and organization) of a new file, and keeps the lock until the
    /// caller's transaction ends. Refused ("Distribution.NoCounsellorAvailable") when nobody is available.
    /// </summary>
    public async Task<DistributionChoice> ChooseAsync(
        CaseManagerDbContext db, IReadOnlyCollection<string> householdLanguages, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await LockAsync(db, cancellationToken);
        var loads = await LoadsAsync(db, today, cancellationToken);
        return Distributor.Choose(loads, householdLanguages);
    }

    /// <summary>The history line of a file the distribution just assigned.</summary>
    public static AssignmentRecord RecordOf(Household household, DistributionChoice choice, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(household);
        return AssignmentRecord.Distributed(household.Id, null, choice, null, context);
    }

    /// <summary>Takes the distribution's lock until the current transaction ends (there must be one).</summary>
    public static async Task LockAsync(CaseManagerDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The distribution's lock lasts as long as a transaction: begin one first.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
    }

    /// <summary>
    /// The available counsellors with their open files, in one statement: active accounts with
    /// the Counsellor role, an organization and a capacity above zero, not away on <paramref name="today"/>.
    /// </summary>
    public static async Task<List<CounsellorLoad>> LoadsAsync(CaseManagerDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await AccessPeople.Counsellors(db).AsNoTracking()
            .Where(u => u.IsActive && u.OrganizationId != null && u.Capacity > 0 &&
                        !db.CounsellorAbsences.Any(a => a.CounsellorId == u.Id && a.ReturnedAt == null && a.From <= today && a.To >= today))
            .Select(u => new
            {
                u.Id,
                OrganizationId = u.OrganizationId!.Value,
                u.Capacity,
                u.Languages,
                Open = db.Households.Count(h => h.AssignedCounsellorId == u.Id && OpenStatuses.Contains(h.Status)),
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new CounsellorLoad(r.Id, r.OrganizationId, r.Capacity, r.Open, r.Languages))
            .ToList();
    }
}
