using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Plans;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Admin;

/// <summary>What the templates list asks for: a search, whether inactive templates show, a sort and a page.</summary>
public sealed record PlanTemplateQuery
{
    public string? Search { get; init; }
    public bool ActiveOnly { get; init; }
    public PlanTemplateSort SortBy { get; init; } = PlanTemplateSort.Name;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public enum PlanTemplateSort
{
    Name,
    Active,
}

public sealed record PlanTemplateRow(Guid Id, string Name, string? Description, bool IsActive, int GoalCount, int TaskCount, uint Version);

public sealed record PlanTemplatePage(IReadOnlyList<PlanTemplateRow> Rows, int Total);

/// <summary>
/// The plan templates administrators write for typical situations ("Adulte seul, emploi en main"):
/// list, create, edit, deactivate and reactivate. A template is never deleted, so what was applied
/// from it keeps its story; a deactivated one is no longer offered to counsellors. Every write is
/// checked by <see cref="PlanTemplate.Validate"/> and the needs list, and based on the version the
/// administrator read (PostgreSQL xmin): a save over someone else's is refused.
/// </summary>
public sealed class PlanTemplateService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    ILogger<PlanTemplateService> logger)
{
    public const int MaxPageSize = 100;

    public async Task<PlanTemplatePage> SearchAsync(PlanTemplateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await access.DemandAsync(Operation.ManagePlanTemplates, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var templates = db.PlanTemplates.AsNoTracking();
        if (query.ActiveOnly)
        {
            templates = templates.Where(t => t.IsActive);
        }

        foreach (var word in (query.Search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pattern = LikeSearch.Anywhere(word);
            templates = templates.Where(t =>
                EF.Functions.Like(CaseManagerDbContext.Unaccent(t.Name), CaseManagerDbContext.Unaccent(pattern)) ||
                EF.Functions.Like(CaseManagerDbContext.Unaccent(t.Description ?? ""), CaseManagerDbContext.Unaccent(pattern)));
        }

        var total = await templates.CountAsync(cancellationToken);
        var sorted = (query.SortBy, query.Descending) switch
        {
            (PlanTemplateSort.Active, false) => templates.OrderBy(t => t.IsActive).ThenBy(t => t.Name),
            (PlanTemplateSort.Active, true) => templates.OrderByDescending(t => t.IsActive).ThenBy(t => t.Name),
            (PlanTemplateSort.Name, true) => templates.OrderByDescending(t => t.Name),
            _ => templates.OrderBy(t => t.Name),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        // A page of whole templates (small JSON documents); the counts are read from them.
        var page = await sorted.ThenBy(t => t.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        var rows = page
            .Select(t => new PlanTemplateRow(t.Id, t.Name, t.Description, t.IsActive, t.Goals.Count, t.Goals.Sum(g => g.Tasks.Count), t.Version))
            .ToList();
        return new PlanTemplatePage(rows, total);
    }

    /// <summary>A template to edit, with the version the administrator reads.</summary>
    public async Task<PlanTemplate> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ManagePlanTemplates, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PlanTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Plan template {id} does not exist.");
    }

    /// <summary>Creates a template; a refusal (<see cref="DomainRuleException"/>) creates nothing.</summary>
    public async Task<Guid> CreateAsync(PlanTemplate draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var admin = await access.DemandAsync(Operation.ManagePlanTemplates, cancellationToken);
        var template = Normalized(draft);
        template.Id = Guid.CreateVersion7();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, template, existing: null, cancellationToken);
        db.PlanTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Plan template {TemplateId} created by {AdminId}.", template.Id, admin.Id);
        return template.Id;
    }

    /// <summary>
    /// Saves a template's name, description, status, goals and tasks. <paramref name="version"/> is
    /// the one the administrator read: if someone saved it since, nothing is written and
    /// <see cref="ConcurrencyConflictException"/> says so.
    /// </summary>
    public async Task UpdateAsync(Guid id, uint version, PlanTemplate changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var admin = await access.DemandAsync(Operation.ManagePlanTemplates, cancellationToken);
        var normalized = Normalized(changes);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var template = await LoadAsync(db, id, version, cancellationToken);
        await ValidateAsync(db, normalized, template, cancellationToken);
        template.Name = normalized.Name;
        template.Description = normalized.Description;
        template.IsActive = normalized.IsActive;
        template.Goals = normalized.Goals;
        await SaveAsync(db, cancellationToken);
        logger.LogInformation("Plan template {TemplateId} saved by {AdminId}.", id, admin.Id);
    }

    /// <summary>Deactivates (no longer offered to counsellors) or reactivates a template.</summary>
    public async Task SetActiveAsync(Guid id, uint version, bool active, CancellationToken cancellationToken = default)
    {
        var admin = await access.DemandAsync(Operation.ManagePlanTemplates, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var template = await LoadAsync(db, id, version, cancellationToken);
        template.IsActive = active;
        await SaveAsync(db, cancellationToken);
        logger.LogInformation("Plan template {TemplateId} set active={Active} by {AdminId}.", id, active, admin.Id);
    }

    private static async Task<PlanTemplate> LoadAsync(CaseManagerDbContext db, Guid id, uint version, CancellationToken cancellationToken)
    {
        var template = await db.PlanTemplates.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Plan template {id} does not exist.");
        if (template.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(template).Property(t => t.Version).OriginalValue = version;
        return template;
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

    /// <summary>The template's own rules, then its needs domains: active ones (or one it already had).</summary>
    private static async Task ValidateAsync(CaseManagerDbContext db, PlanTemplate template, PlanTemplate? existing, CancellationToken cancellationToken)
    {
        var refusals = template.Validate().ToList();
        var codes = template.Goals.Select(g => g.NeedCode).Where(c => c.Length > 0).Distinct().ToList();
        var kept = existing?.Goals.Select(g => g.NeedCode).ToHashSet() ?? [];
        var known = await db.NeedsDomains.Where(n => codes.Contains(n.Code) && (n.IsActive || kept.Contains(n.Code)))
            .Select(n => n.Code).ToListAsync(cancellationToken);
        if (codes.Except(known).Any())
        {
            refusals.Add(new Refusal("Profile.UnknownNeed"));
        }

        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }
    }

    /// <summary>A detached copy with its texts trimmed (blank descriptions are none).</summary>
    private static PlanTemplate Normalized(PlanTemplate source) => new()
    {
        Id = source.Id,
        Name = source.Name?.Trim() ?? "",
        Description = Blank(source.Description),
        IsActive = source.IsActive,
        Goals = (source.Goals ?? []).Select(goal => new TemplateGoal
        {
            NeedCode = goal.NeedCode?.Trim() ?? "",
            Description = Blank(goal.Description),
            Tasks = (goal.Tasks ?? []).Select(task => new TemplateTask
            {
                Title = task.Title?.Trim() ?? "",
                Owner = task.Owner,
                OffsetDays = task.OffsetDays,
            }).ToList(),
        }).ToList(),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
