using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Partners;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Partners;

/// <summary>What the partners' directory asks for: a search on names, a region, inactive ones or not, a page.</summary>
public sealed record PartnerQuery
{
    public string? Search { get; init; }
    public string? RegionCode { get; init; }
    public bool ActiveOnly { get; init; }
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record PartnerRow(
    Guid Id, string Name, IReadOnlyList<string> RegionCodes, string? Municipality, IReadOnlyList<PartnerContact> Contacts, string? Offer, bool IsActive, uint Version);

public sealed record PartnerPage(IReadOnlyList<PartnerRow> Rows, int Total);

/// <summary>
/// The directory of regional partners: administrators keep it (create, edit, deactivate; never
/// delete, sessions and partner accounts point to it); supervisors and counsellors read it. Every
/// save is based on the version read (xmin): a save over someone else's is refused.
/// </summary>
public sealed class PartnerService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    ILogger<PartnerService> logger)
{
    public const int MaxPageSize = 100;

    public async Task<PartnerPage> SearchAsync(PartnerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await RequireReaderAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var partners = db.RegionalPartners.AsNoTracking();
        if (query.ActiveOnly)
        {
            partners = partners.Where(p => p.IsActive);
        }

        if (!string.IsNullOrWhiteSpace(query.RegionCode))
        {
            partners = partners.Where(p => p.RegionCodes.Contains(query.RegionCode));
        }

        foreach (var pattern in LikeSearch.WordPatterns(query.Search))
        {
            partners = partners.Where(p =>
                EF.Functions.Like(CaseManagerDbContext.Unaccent(p.Name), CaseManagerDbContext.Unaccent(pattern)) ||
                EF.Functions.Like(CaseManagerDbContext.Unaccent(p.Municipality ?? ""), CaseManagerDbContext.Unaccent(pattern)));
        }

        var total = await partners.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var sorted = query.Descending ? partners.OrderByDescending(p => p.Name) : partners.OrderBy(p => p.Name);
        var page = await sorted.ThenBy(p => p.Id).Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PartnerPage(page.Select(Row).ToList(), total);
    }

    public async Task<RegionalPartner> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await RequireReaderAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RegionalPartners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Partner {id} does not exist.");
    }

    /// <summary>Adds a partner (administrators); a refusal (<see cref="DomainRuleException"/>) adds nothing.</summary>
    public async Task<Guid> CreateAsync(RegionalPartner draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var admin = await access.DemandAsync(Operation.ManagePartners, cancellationToken);
        var partner = draft.Normalized();
        partner.Id = Guid.CreateVersion7();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, partner, cancellationToken);
        db.RegionalPartners.Add(partner);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Partner {PartnerId} created by {AdminId}.", partner.Id, admin.Id);
        return partner.Id;
    }

    /// <summary>Saves a partner from the version the administrator read (<see cref="ConcurrencyConflictException"/> otherwise).</summary>
    public async Task UpdateAsync(Guid id, uint version, RegionalPartner changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var admin = await access.DemandAsync(Operation.ManagePartners, cancellationToken);
        var normalized = changes.Normalized();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var partner = await db.RegionalPartners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Partner {id} does not exist.");
        if (partner.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(partner).Property(p => p.Version).OriginalValue = version;
        await ValidateAsync(db, normalized, cancellationToken);
        partner.Name = normalized.Name;
        partner.RegionCodes = normalized.RegionCodes;
        partner.Municipality = normalized.Municipality;
        partner.Offer = normalized.Offer;
        partner.Contacts = normalized.Contacts;
        partner.IsActive = normalized.IsActive;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }

        logger.LogInformation("Partner {PartnerId} saved by {AdminId}.", id, admin.Id);
    }

    /// <summary>Whether the person may change the directory (the page hides its buttons otherwise; the service refuses anyway).</summary>
    public async Task<bool> CanManageAsync() => (await access.PermissionsAsync()).Can(Operation.ManagePartners);

    private static PartnerRow Row(RegionalPartner p) => new(p.Id, p.Name, p.RegionCodes, p.Municipality, p.Contacts, p.Offer, p.IsActive, p.Version);

    private static async Task ValidateAsync(CaseManagerDbContext db, RegionalPartner partner, CancellationToken cancellationToken)
    {
        var refusals = partner.Validate().ToList();
        var hosts = await db.Regions.CountAsync(r => partner.RegionCodes.Contains(r.Code) && r.IsHostRegion, cancellationToken);
        if (hosts != partner.RegionCodes.Count)
        {
            refusals.Add(new Refusal("Partner.UnknownRegion"));
        }

        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }
    }

    private Task<UserIdentity> RequireReaderAsync() => access.DemandAsync(Operation.ReadPartners);
}
