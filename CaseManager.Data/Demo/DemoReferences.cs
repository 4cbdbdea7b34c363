using CaseManager.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>The reference lists the demo data draws its codes from, as the database holds them.</summary>
internal sealed class DemoReferences
{
    public required IReadOnlyList<Region> HostRegions { get; init; }
    public required IReadOnlyList<Organization> Organizations { get; init; }
    public required IReadOnlyList<string> NeedCodes { get; init; }
    public required IReadOnlyList<string> WithdrawalReasonCodes { get; init; }
    public required IReadOnlyList<string> ImmigrationStatusCodes { get; init; }
    public required IReadOnlyDictionary<string, string> RoleIds { get; init; }

    public static async Task<DemoReferences> LoadAsync(CaseManagerDbContext db, CancellationToken cancellationToken)
    {
        var references = new DemoReferences
        {
            HostRegions = await db.Regions.AsNoTracking().Where(r => r.IsHostRegion).OrderBy(r => r.Code).ToListAsync(cancellationToken),
            Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken),
            NeedCodes = await db.NeedsDomains.AsNoTracking().Where(n => n.IsActive)
                .OrderBy(n => n.SortOrder).Select(n => n.Code).ToListAsync(cancellationToken),
            WithdrawalReasonCodes = await db.WithdrawalReasons.AsNoTracking().Where(n => n.IsActive)
                .OrderBy(n => n.SortOrder).Select(n => n.Code).ToListAsync(cancellationToken),
            ImmigrationStatusCodes = await db.ImmigrationStatuses.AsNoTracking().Where(n => n.IsActive)
                .OrderBy(n => n.SortOrder).Select(n => n.Code).ToListAsync(cancellationToken),
            RoleIds = await db.Roles.AsNoTracking().Where(r => r.Name != null)
                .ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken),
        };

        if (references.HostRegions.Count == 0 || references.Organizations.Count == 0 || references.NeedCodes.Count == 0 ||
            references.WithdrawalReasonCodes.Count == 0 || references.ImmigrationStatusCodes.Count == 0 ||
            Entities.Roles.All.Any(role => !references.RoleIds.ContainsKey(role)))
        {
            throw new InvalidOperationException(
                "The reference data is missing: call ReferenceDataSeeder.SeedAsync before generating demo data.");
        }

        return references;
    }

    public int OrganizationId(string code) =>
        (Organizations.FirstOrDefault(o => o.Code == code) ?? Organizations[0]).Id;

    public string RoleId(string role) => RoleIds[role];
}
