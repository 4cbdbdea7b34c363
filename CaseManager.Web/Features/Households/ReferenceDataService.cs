using CaseManager.Web.Access;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Reference;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Households;

/// <summary>A label for a code, in the person's language.</summary>
public sealed record CodeLabel(string Code, string NameFr, string NameEn, bool IsActive = true)
{
    public string Name => AppCultures.IsFrench ? NameFr : NameEn;
}

public sealed record CounsellorOption(string Id, string DisplayName, int? OrganizationId, string? OrganizationName);

/// <summary>The reference lists of a form (regions, needs, reasons…), read once per circuit.</summary>
public sealed class ReferenceDataService(IDbContextFactory<CaseManagerDbContext> contexts)
{
    private ReferenceLists? _lists;

    public async Task<ReferenceLists> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_lists is not null)
        {
            return _lists;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken);
        _lists = new ReferenceLists(
            regions,
            organizations,
            await Labels(db.NeedsDomains, cancellationToken),
            await Labels(db.WithdrawalReasons, cancellationToken),
            await Labels(db.ImmigrationStatuses, cancellationToken));
        return _lists;
    }

    /// <summary>Active counsellors, for assigning a file; few enough (about 14) to list whole.</summary>
    public async Task<IReadOnlyList<CounsellorOption>> GetCounsellorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
                from user in AccessPeople.Counsellors(db)
                where user.IsActive
                join organization in db.Organizations on user.OrganizationId equals organization.Id into orgs
                from organization in orgs.DefaultIfEmpty()
                orderby user.DisplayName
                select new CounsellorOption(user.Id, user.DisplayName, user.OrganizationId, organization == null ? null : organization.Code))
            .ToListAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<CodeLabel>> Labels<T>(IQueryable<T> items, CancellationToken cancellationToken)
        where T : CodedItem =>
        await items.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
            .Select(i => new CodeLabel(i.Code, i.NameFr, i.NameEn, i.IsActive))
            .ToListAsync(cancellationToken);
}

public sealed record ReferenceLists(
    IReadOnlyList<Region> Regions,
    IReadOnlyList<Organization> Organizations,
    IReadOnlyList<CodeLabel> Needs,
    IReadOnlyList<CodeLabel> WithdrawalReasons,
    IReadOnlyList<CodeLabel> ImmigrationStatuses)
{
    public IEnumerable<Region> HostRegions => Regions.Where(r => r.IsHostRegion);

    public string RegionName(string? code) =>
        Regions.FirstOrDefault(r => r.Code == code) is { } region ? region.Name(AppCultures.IsFrench) : code ?? "";

    public string OrganizationName(int id) => Organizations.FirstOrDefault(o => o.Id == id)?.Code ?? "";

    public static string Label(IEnumerable<CodeLabel> list, string? code) =>
        list.FirstOrDefault(l => l.Code == code)?.Name ?? code ?? "";
}
