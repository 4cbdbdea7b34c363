using CaseManager.Data;
using CaseManager.Data.Configurations;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reference;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Resources;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Resources;

/// <summary>
/// The directory of regional resources. Counsellors, supervisors and administrators read and
/// search it (French full text: accents, case and word forms ignored, best match first, paged in
/// PostgreSQL); administrators keep it (create, edit, deactivate, mark verified, import a CSV
/// file); a household's file gets the resources that fit it. Every save is based on the version
/// read (xmin): a save over someone else's is refused.
/// </summary>
public sealed partial class ResourceService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    AppClock clock,
    ILogger<ResourceService> logger)
{
    public const int MaxPageSize = 100;

    /// <summary>The text search configuration of the directory (see the ResourceDirectory migration).</summary>
    public const string SearchConfiguration = "public.cm_french";

    private const string Vector = ResourceSearchColumn.Name;

    public async Task<ResourcePage> SearchAsync(ResourceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await RequireReaderAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        (DateOnly Day, DateTimeOffset Instant)? dueBefore = query.VerificationDueOnly ? await VerificationDueBeforeAsync(db, cancellationToken) : null;
        if (await TermsAsync(db, query.Search, cancellationToken) is { } terms)
        {
            return await TextSearchAsync(db, query, terms, dueBefore, pageSize, cancellationToken);
        }

        var resources = Filter(db, query, dueBefore);
        var total = await resources.CountAsync(cancellationToken);
        var page = await resources.OrderBy(r => r.Name).ThenBy(r => r.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new ResourcePage(page.Select(ResourceRow.From).ToList(), total);
    }

    /// <summary>
    /// A search with words, in one statement: the index finds the candidates, only they are ranked,
    /// once, and the count and the page both read that one set (then only the page's rows are read whole).
    /// </summary>
    private static async Task<ResourcePage> TextSearchAsync(
        CaseManagerDbContext db, ResourceQuery query, SearchTerms terms, (DateOnly Day, DateTimeOffset Instant)? dueBefore, int pageSize, CancellationToken cancellationToken)
    {
        var byRank = query.Sort == ResourceSort.Relevance;
        var sql = $"""
            WITH q AS (
                SELECT websearch_to_tsquery('{SearchConfiguration}', @words) && to_tsquery('{SearchConfiguration}', @prefix) AS q
            ), matches AS MATERIALIZED (
                SELECT r.id, r.name, {(byRank ? "ts_rank_cd(r.search_vector, q.q)" : "0::real")} AS rank
                FROM resources r, q
                WHERE r.search_vector @@ q.q
                  AND (NOT @active_only OR r.is_active)
                  AND (@region::text IS NULL OR r.region_code = @region)
                  AND (@category::text IS NULL OR r.category_code = @category)
                  AND (@due_before::date IS NULL OR r.last_verified_on <= @due_before OR (r.last_verified_on IS NULL AND r.created_at < @due_before_at))
            ), page AS (
                SELECT m.id, m.name, m.rank FROM matches m ORDER BY m.rank DESC, m.name, m.id OFFSET @skip LIMIT @take
            )
            SELECT c.total, {RowColumns}
            FROM (SELECT count(*) AS total FROM matches) c
                 LEFT JOIN (page p JOIN resources r ON r.id = p.id) ON TRUE
            ORDER BY p.rank DESC, p.name, p.id
            """;
        var rows = await db.Database.QueryAsync(
            sql,
            reader => (Total: reader.GetInt64(0), Row: reader.IsDBNull(1) ? null : ReadRow(reader, 1)),
            cancellationToken,
            new NpgsqlParameter("words", terms.Words),
            new NpgsqlParameter("prefix", terms.Prefix),
            new NpgsqlParameter("active_only", !query.IncludeInactive || query.VerificationDueOnly),
            new NpgsqlParameter("region", NpgsqlDbType.Text) { Value = string.IsNullOrWhiteSpace(query.RegionCode) ? DBNull.Value : query.RegionCode },
            new NpgsqlParameter("category", NpgsqlDbType.Text) { Value = string.IsNullOrWhiteSpace(query.CategoryCode) ? DBNull.Value : query.CategoryCode },
            new NpgsqlParameter("due_before", NpgsqlDbType.Date) { Value = dueBefore is { } due ? due.Day : DBNull.Value },
            new NpgsqlParameter("due_before_at", NpgsqlDbType.TimestampTz) { Value = dueBefore is { } at ? at.Instant : DBNull.Value },
            new NpgsqlParameter("skip", (long)Math.Max(query.Page, 0) * pageSize),
            new NpgsqlParameter("take", pageSize));
        return new ResourcePage(rows.Where(r => r.Row is not null).Select(r => r.Row!).ToList(), (int)rows[0].Total);
    }

    /// <summary>The columns of a <see cref="ResourceRow"/>, in the order <see cref="ReadRow"/> reads them.</summary>
    private const string RowColumns = """
        r.id, r.name, r.description, r.category_code, r.region_code, r.municipality, r.contact_name, r.email, r.phone,
        r.website, r.language_codes, r.eligibility, r.is_active, r.last_verified_on, r.xmin
        """;

    private static ResourceRow ReadRow(System.Data.Common.DbDataReader reader, int at) => new(
        reader.GetGuid(at), reader.GetString(at + 1), NullableString(reader, at + 2), reader.GetString(at + 3), reader.GetString(at + 4),
        NullableString(reader, at + 5), NullableString(reader, at + 6), NullableString(reader, at + 7), NullableString(reader, at + 8),
        NullableString(reader, at + 9), reader.GetFieldValue<string[]>(at + 10), NullableString(reader, at + 11),
        reader.GetBoolean(at + 12), reader.IsDBNull(at + 13) ? null : reader.GetFieldValue<DateOnly>(at + 13), reader.GetFieldValue<uint>(at + 14));

    private static string? NullableString(System.Data.Common.DbDataReader reader, int at) => reader.IsDBNull(at) ? null : reader.GetString(at);

    public async Task<ResourceRow> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await RequireReaderAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resource = await db.Resources.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Resource {id} does not exist.");
        return ResourceRow.From(resource);
    }

    /// <summary>The categories, in their order (inactive ones too: old resources may still have one).</summary>
    public async Task<IReadOnlyList<ResourceCategory>> GetCategoriesAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ReadResources, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ResourceCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a resource (administrators); a refusal (<see cref="DomainRuleException"/>) adds nothing.</summary>
    public async Task<Guid> CreateAsync(Resource draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var admin = await access.DemandAsync(Operation.ManageResources, cancellationToken);
        var resource = draft.Normalized();
        resource.Id = Guid.CreateVersion7(clock.Now);
        resource.CreatedAt = clock.Now;
        resource.UpdatedAt = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, resource, cancellationToken);
        db.Resources.Add(resource);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Resource {ResourceId} created by {AdminId}.", resource.Id, admin.Id);
        return resource.Id;
    }

    /// <summary>Saves a resource from the version the administrator read (<see cref="ConcurrencyConflictException"/> otherwise); deactivating is a save with IsActive false.</summary>
    public async Task UpdateAsync(Guid id, uint version, Resource changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var normalized = changes.Normalized();
        await ChangeAsync(id, version, async (db, resource) =>
        {
            await ValidateAsync(db, normalized, cancellationToken);
            resource.Name = normalized.Name;
            resource.Description = normalized.Description;
            resource.CategoryCode = normalized.CategoryCode;
            resource.RegionCode = normalized.RegionCode;
            resource.Municipality = normalized.Municipality;
            resource.ContactName = normalized.ContactName;
            resource.Email = normalized.Email;
            resource.Phone = normalized.Phone;
            resource.Website = normalized.Website;
            resource.LanguageCodes = normalized.LanguageCodes;
            resource.Eligibility = normalized.Eligibility;
            resource.IsActive = normalized.IsActive;
            resource.LastVerifiedOn = normalized.LastVerifiedOn;
        }, cancellationToken);
    }

    /// <summary>Records that the resource was checked today (it leaves the verification reminders).</summary>
    public Task MarkVerifiedAsync(Guid id, uint version, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (_, resource) =>
        {
            resource.LastVerifiedOn = clock.Today;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Whether the person may change the directory (the page hides its buttons otherwise; the service refuses anyway).</summary>
    public async Task<bool> CanManageAsync() => (await access.PermissionsAsync()).Can(Operation.ManageResources);

    /// <summary>
    /// The resources that fit a household, best first: active, in a target region of its plan or
    /// one of its preferred regions, of a category that serves at least one of its needs (the
    /// household's needs and its plan's goals). Ranked by how many needs the category serves,
    /// then target regions before preferred ones, then the most recently verified, then by name.
    /// One query, paged.
    /// </summary>
    public async Task<SuggestionPage> SuggestAsync(Guid householdId, int page = 0, int pageSize = 10, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await access.DemandFileAsync(db, householdId, user, "resources", cancellationToken);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId)
            .Select(h => new { h.PreferredRegionCodes, h.NeedCodes })
            .SingleAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().Where(p => p.HouseholdId == householdId)
            .Select(p => new { p.TargetRegionCodes, Needs = p.Goals.Select(g => g.NeedCode).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        var targets = plan?.TargetRegionCodes ?? [];
        var regions = targets.Concat(household.PreferredRegionCodes).Distinct().ToArray();
        var needs = household.NeedCodes.Concat(plan?.Needs ?? []).ToHashSet();
        var categories = await db.ResourceCategories.AsNoTracking().Where(c => c.IsActive).ToListAsync(cancellationToken);
        var scored = categories
            .Select(c => (c.Code, Score: c.NeedCodes.Count(needs.Contains)))
            .Where(c => c.Score > 0)
            .ToList();
        if (regions.Length == 0 || scored.Count == 0)
        {
            return new SuggestionPage([], 0, regions.Length > 0, needs.Count > 0);
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var rows = await db.Database.QueryAsync(
            """
            SELECT r.id, r.name, r.description, r.category_code, r.region_code, r.municipality, r.contact_name, r.email, r.phone,
                   r.website, r.language_codes, r.eligibility, r.is_active, r.last_verified_on, r.xmin,
                   s.score, r.region_code = ANY(@targets) AS in_target, count(*) OVER () AS total
            FROM resources r
            JOIN unnest(@categories, @scores) AS s(code, score) ON s.code = r.category_code
            WHERE r.is_active AND r.region_code = ANY(@regions)
            ORDER BY s.score DESC, in_target DESC, r.last_verified_on DESC NULLS LAST, r.name, r.id
            LIMIT @take OFFSET @skip
            """,
            reader => (Row: new ResourceRow(
                    reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetFieldValue<string[]>(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                    reader.GetBoolean(12), reader.IsDBNull(13) ? null : reader.GetFieldValue<DateOnly>(13), reader.GetFieldValue<uint>(14)),
                Score: reader.GetInt32(15), InTarget: reader.GetBoolean(16), Total: reader.GetInt64(17)),
            cancellationToken,
            new NpgsqlParameter("targets", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = targets.ToArray() },
            new NpgsqlParameter("regions", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = regions },
            new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = scored.Select(c => c.Code).ToArray() },
            new NpgsqlParameter("scores", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = scored.Select(c => c.Score).ToArray() },
            new NpgsqlParameter("take", size),
            new NpgsqlParameter("skip", Math.Max(page, 0) * size));
        var total = rows.Count == 0 ? 0 : (int)rows[0].Total;
        if (rows.Count == 0 && page > 0)
        {
            total = await db.Resources.CountAsync(
                r => r.IsActive && regions.Contains(r.RegionCode) && scored.Select(c => c.Code).Contains(r.CategoryCode), cancellationToken);
        }

        return new SuggestionPage(rows.Select(r => new ResourceSuggestion(r.Row, r.Score, r.InTarget)).ToList(), total, true, true);
    }

    /// <summary>The resources attached to tasks, by id (what the plan tab shows with each task).</summary>
    public static async Task<IReadOnlyDictionary<Guid, AttachedResource>> AttachedAsync(
        CaseManagerDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, AttachedResource>();
        }

        return await db.Resources.AsNoTracking().Where(r => wanted.Contains(r.Id))
            .Select(r => new AttachedResource(r.Id, r.Name, r.RegionCode, r.Municipality, r.ContactName, r.Email, r.Phone, r.Website, r.IsActive))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
    }

    private async Task ChangeAsync(Guid id, uint version, Func<CaseManagerDbContext, Resource, Task> change, CancellationToken cancellationToken)
    {
        var admin = await access.DemandAsync(Operation.ManageResources, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resource = await db.Resources.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Resource {id} does not exist.");
        if (resource.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(resource).Property(r => r.Version).OriginalValue = version;
        await change(db, resource);
        resource.UpdatedAt = clock.Now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }

        logger.LogInformation("Resource {ResourceId} saved by {AdminId}.", id, admin.Id);
    }

    /// <summary>The directory's filters without words (a search with words is <see cref="TextSearchAsync"/>, with the same filters in SQL).</summary>
    private static IQueryable<Resource> Filter(CaseManagerDbContext db, ResourceQuery query, (DateOnly Day, DateTimeOffset Instant)? dueBefore)
    {
        var resources = db.Resources.AsNoTracking();
        if (!query.IncludeInactive || query.VerificationDueOnly)
        {
            resources = resources.Where(r => r.IsActive);
        }

        if (!string.IsNullOrWhiteSpace(query.RegionCode))
        {
            resources = resources.Where(r => r.RegionCode == query.RegionCode);
        }

        if (!string.IsNullOrWhiteSpace(query.CategoryCode))
        {
            resources = resources.Where(r => r.CategoryCode == query.CategoryCode);
        }

        if (dueBefore is var (before, beforeInstant))
        {
            resources = resources.Where(r => r.LastVerifiedOn <= before || (r.LastVerifiedOn == null && r.CreatedAt < beforeInstant));
        }

        return resources;
    }

    /// <summary>The filtered list in the directory's order, words included (the CSV export reads it whole).</summary>
    private async Task<IQueryable<Resource>> OrderedAsync(CaseManagerDbContext db, ResourceQuery query, CancellationToken cancellationToken)
    {
        (DateOnly Day, DateTimeOffset Instant)? dueBefore = query.VerificationDueOnly ? await VerificationDueBeforeAsync(db, cancellationToken) : null;
        var resources = Filter(db, query, dueBefore);
        var text = await TermsAsync(db, query.Search, cancellationToken);
        if (text is { } terms)
        {
            resources = resources.Where(r => EF.Property<NpgsqlTsVector>(r, Vector).Matches(
                EF.Functions.WebSearchToTsQuery(SearchConfiguration, terms.Words).And(EF.Functions.ToTsQuery(SearchConfiguration, terms.Prefix))));
        }

        return Order(resources, query.Sort, text);
    }

    private static IQueryable<Resource> Order(IQueryable<Resource> resources, ResourceSort sort, SearchTerms? text) =>
        (sort, text) switch
        {
            (ResourceSort.Relevance, { } terms) => resources
                .OrderByDescending(r => EF.Property<NpgsqlTsVector>(r, Vector).RankCoverDensity(
                    EF.Functions.WebSearchToTsQuery(SearchConfiguration, terms.Words).And(EF.Functions.ToTsQuery(SearchConfiguration, terms.Prefix))))
                .ThenBy(r => r.Name).ThenBy(r => r.Id),
            (ResourceSort.Relevance, null) or (ResourceSort.Name, _) => resources.OrderBy(r => r.Name).ThenBy(r => r.Id),
        };

    /// <summary>Not verified since this day (nor, never verified, created before its end): the verification rule's months back.</summary>
    private async Task<(DateOnly Day, DateTimeOffset Instant)> VerificationDueBeforeAsync(CaseManagerDbContext db, CancellationToken cancellationToken)
    {
        var months = await db.ReminderRules.Where(r => r.Kind == ReminderKind.ResourceVerificationDue).Select(r => (int?)r.Delay)
            .SingleOrDefaultAsync(cancellationToken) ?? 12;
        var before = clock.Today.AddMonths(-months);
        return (before, AppClock.FromLocal(before.AddDays(1), TimeOnly.MinValue));
    }

    /// <summary>
    /// The search box's words as text-query parts, or null when there is nothing to search for:
    /// no words, or only French stop words ("de la", "pour les"), which then filter nothing.
    /// </summary>
    private static async Task<SearchTerms?> TermsAsync(CaseManagerDbContext db, string? search, CancellationToken cancellationToken)
    {
        var (words, expression) = ResourceSearchText.Split(search);
        if (words.Length == 0 && expression.Length == 0)
        {
            return null;
        }

        var terms = new SearchTerms(words, expression);
        var nodes = await db.Database
            .SqlQuery<int>($"SELECT numnode(websearch_to_tsquery({SearchConfiguration}::regconfig, {terms.Words}) && to_tsquery({SearchConfiguration}::regconfig, {terms.Prefix})) AS \"Value\"")
            .SingleAsync(cancellationToken);
        return nodes == 0 ? null : terms;
    }

    private static async Task ValidateAsync(CaseManagerDbContext db, Resource resource, CancellationToken cancellationToken)
    {
        var (regions, categories) = await ReferenceCodesAsync(db, cancellationToken);
        var refusals = ResourceRules.Check(resource, regions, categories);
        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }
    }

    private static async Task<(HashSet<string> HostRegions, HashSet<string> Categories)> ReferenceCodesAsync(
        CaseManagerDbContext db, CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking().Where(r => r.IsHostRegion).Select(r => r.Code).ToListAsync(cancellationToken);
        var categories = await db.ResourceCategories.AsNoTracking().Where(c => c.IsActive).Select(c => c.Code).ToListAsync(cancellationToken);
        return (regions.ToHashSet(StringComparer.Ordinal), categories.ToHashSet(StringComparer.Ordinal));
    }

    private Task<UserIdentity> RequireReaderAsync() => access.DemandAsync(Operation.ReadResources);

    /// <summary>The words for websearch_to_tsquery (or empty) and the expression for to_tsquery (or empty), joined with &amp;&amp;.</summary>
    private readonly record struct SearchTerms(string Words, string Prefix);
}
