using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Privacy;
using CaseManager.Web.Features.Privacy.Export;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Privacy;

public sealed record IncidentPage(IReadOnlyList<ConfidentialityIncident> Rows, int Total);

/// <summary>
/// The register of confidentiality incidents the law requires. Entries are kept at least five
/// years after the day the incident was discovered: a deletion before then is refused here (the
/// only path that deletes; the page offers it only past the date).
/// </summary>
public sealed class IncidentService(
    IDbContextFactory<CaseManagerDbContext> contexts, PrivacyAccess access, AppClock clock, ILogger<IncidentService> logger)
{
    public const int MaxPageSize = 100;

    public async Task<IncidentPage> SearchAsync(DateOnly? from, DateOnly? to, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incidents = Filter(db, from, to);
        var total = await incidents.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var rows = await incidents.OrderByDescending(i => i.DiscoveredOn).ThenBy(i => i.Id)
            .Skip(Math.Max(page, 0) * size).Take(size).ToListAsync(cancellationToken);
        return new IncidentPage(rows, total);
    }

    public async Task<ConfidentialityIncident> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ConfidentialityIncidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Incident {id} does not exist.");
    }

    public async Task<Guid> CreateAsync(ConfidentialityIncident draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var officer = await access.RequireOfficerAsync(cancellationToken);
        var incident = new ConfidentialityIncident
        {
            Id = Guid.CreateVersion7(clock.Now),
            RecordedAt = clock.Now,
            RecordedByName = officer.DisplayName,
        };
        Copy(draft, incident);
        Validate(incident);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ConfidentialityIncidents.Add(incident);
        access.Journal(db, officer, "Incident", incident.Id, "Created");
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Confidentiality incident {IncidentId} recorded by {UserId}.", incident.Id, officer.Id);
        return incident.Id;
    }

    public async Task UpdateAsync(Guid id, uint version, ConfidentialityIncident changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.ConfidentialityIncidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Incident {id} does not exist.");
        if (incident.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(incident).Property(i => i.Version).OriginalValue = version;
        Copy(changes, incident);
        Validate(incident);
        var changed = db.Entry(incident).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        access.Journal(db, officer, "Incident", id, "Updated", string.Join(", ", changed));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }

    /// <summary>Removes an entry from the register: refused before five years after its discovery.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.ConfidentialityIncidents.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Incident {id} does not exist.");
        if (!incident.MayBeDeleted(clock.Today))
        {
            throw new DomainRuleException("Privacy.Incident.KeptFiveYears", LocalizerExtensions.Day(incident.KeepUntil));
        }

        db.ConfidentialityIncidents.Remove(incident);
        access.Journal(db, officer, "Incident", id, "Deleted");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The register (or a period of it) as CSV, every field, for the regulator or an audit.</summary>
    public async Task<byte[]> ExportCsvAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Filter(db, from, to).OrderBy(i => i.DiscoveredOn).ToListAsync(cancellationToken);
        var table = new ExportTable("incidents", ExportContent.Internal,
            ["id", "description", "circumstances", "occurred_from", "occurred_to", "discovered_on", "persons_concerned", "categories",
             "risk_of_serious_injury", "risk_assessment", "regulator_notified_on", "persons_notified_on", "measures", "recorded_at", "recorded_by"],
            rows.Select(i => (IReadOnlyList<object?>)[
                i.Id, i.Description, i.Circumstances, i.OccurredFrom, i.OccurredTo, i.DiscoveredOn, i.PersonsConcerned,
                i.Categories.Select(c => c.ToString()).ToList(), i.RiskOfSeriousInjury, i.RiskAssessment, i.RegulatorNotifiedOn,
                i.PersonsNotifiedOn, i.Measures, i.RecordedAt, i.RecordedByName]).ToList(),
            new Dictionary<string, ExportCode> { ["categories"] = ExportCode.Text(typeof(PrivacyText), "Category") });
        access.Journal(db, officer, "Incident", "register", "Exported", $"{rows.Count} entries");
        await db.SaveChangesAsync(cancellationToken);
        // Categories and yes/no in the officer's language, as every code a person reads.
        return HouseholdExporter.Csv(table, CsvDialect.Current, ExportLabels.Without(System.Globalization.CultureInfo.CurrentUICulture));
    }

    private static IQueryable<ConfidentialityIncident> Filter(CaseManagerDbContext db, DateOnly? from, DateOnly? to)
    {
        var incidents = db.ConfidentialityIncidents.AsNoTracking();
        if (from is { } f)
        {
            incidents = incidents.Where(i => i.DiscoveredOn >= f);
        }

        if (to is { } t)
        {
            incidents = incidents.Where(i => i.DiscoveredOn <= t);
        }

        return incidents;
    }

    private void Validate(ConfidentialityIncident incident)
    {
        var refusals = incident.Validate(clock.Today);
        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }
    }

    private void Copy(ConfidentialityIncident from, ConfidentialityIncident to)
    {
        to.Description = from.Description.Trim();
        to.Circumstances = from.Circumstances.Trim();
        to.OccurredFrom = from.OccurredFrom;
        to.OccurredTo = from.OccurredTo;
        to.DiscoveredOn = from.DiscoveredOn;
        to.PersonsConcerned = from.PersonsConcerned;
        if (!to.Categories.SequenceEqual(from.Categories.Distinct()))
        {
            to.Categories = from.Categories.Distinct().ToList();
        }

        to.RiskOfSeriousInjury = from.RiskOfSeriousInjury;
        to.RiskAssessment = from.RiskAssessment.Trim();
        to.RegulatorNotifiedOn = from.RegulatorNotifiedOn;
        to.PersonsNotifiedOn = from.PersonsNotifiedOn;
        to.Measures = from.Measures.Trim();
        to.UpdatedAt = clock.Now;
    }
}
