using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Privacy.Export;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Privacy;

public sealed record PrivacyFileView(
    Guid Id, string FileNumber, Stage Stage, CaseStatus Status, DateTimeOffset? AnonymizedAt, IReadOnlyList<ExportTable> Sections);

/// <summary>
/// The privacy officer reads any file, read only, to answer a request or an incident: the same
/// sections an export holds. Every opening is logged in the file's access log.
/// </summary>
public sealed class PrivacyFileService(
    IDbContextFactory<CaseManagerDbContext> contexts, PrivacyAccess access, AccessPolicy householdAccess, HouseholdExporter exporter)
{
    public async Task<PrivacyFileView> OpenAsync(Guid householdId, string source, CancellationToken cancellationToken = default)
    {
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId)
            .Select(h => new { h.Id, h.FileNumber, h.Stage, h.Status, h.AnonymizedAt })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Household {householdId} does not exist.");
        await householdAccess.LogFileAsync(householdId, officer, AccessAction.Viewed, source, cancellationToken);
        var sections = await exporter.ReadAsync(db, householdId, includeInternal: true, cancellationToken);
        // The officer reads the file as the person would: every code its label in the officer's language.
        var labels = await ExportLabels.LoadAsync(db, System.Globalization.CultureInfo.CurrentUICulture, cancellationToken);
        return new PrivacyFileView(household.Id, household.FileNumber, household.Stage, household.Status, household.AnonymizedAt,
            sections.Select(t => HouseholdExporter.Labelled(t, labels)).ToList());
    }
}
