using System.Globalization;
using System.Text;
using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Resources;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Resources;

/// <summary>Import from and export to CSV files (the columns of <see cref="ResourceColumns"/>).</summary>
public sealed partial class ResourceService
{
    public const int ImportBatchSize = 500;
    public const int MaxImportRows = 50_000;

    /// <summary>Reads and checks a file without writing anything: the report the person sees before choosing.</summary>
    public async Task<ImportReport> PreviewImportAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        await access.DemandAsync(Operation.ManageResources, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (report, _) = await CheckAsync(db, csv, cancellationToken);
        return report;
    }

    /// <summary>
    /// Imports a file in one transaction: with <see cref="ImportMode.AllOrNothing"/> only when every
    /// row is valid (otherwise nothing is written and the report says why), with
    /// <see cref="ImportMode.ValidRowsOnly"/> the valid rows. Written in batches, each reported to
    /// <paramref name="progress"/>; a failure part way rolls the whole file back.
    /// </summary>
    public async Task<ImportReport> ImportAsync(
        Stream csv, ImportMode mode, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var admin = await access.DemandAsync(Operation.ManageResources, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (report, drafts) = await CheckAsync(db, csv, cancellationToken);
        var allowed = mode switch
        {
            ImportMode.AllOrNothing => report.CanImportWhole,
            ImportMode.ValidRowsOnly => report.CanImportValidRows,
        };
        if (!allowed)
        {
            return report;
        }

        var now = clock.Now;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = 0;
        progress?.Report(new ImportProgress(0, drafts.Count));
        foreach (var batch in drafts.Chunk(ImportBatchSize))
        {
            foreach (var resource in batch)
            {
                resource.Id = Guid.CreateVersion7(now);
                resource.CreatedAt = now;
                resource.UpdatedAt = now;
            }

            db.Resources.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            written += batch.Length;
            progress?.Report(new ImportProgress(written, drafts.Count));
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("{Count} resources imported by {AdminId} ({Mode}).", written, admin.Id, mode);
        return report with { Imported = written };
    }

    /// <summary>Writes the filtered list (all pages, the directory's order) as CSV in the person's dialect (<see cref="CsvDialect.Current"/>), UTF-8 with a BOM so Excel reads the accents; streamed row by row.</summary>
    public async Task ExportAsync(ResourceQuery query, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        await RequireReaderAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resources = await OrderedAsync(db, query, cancellationToken);
        await using var csv = CsvFiles.CreateWriter(output, CsvDialect.Current);
        csv.WriteHeader([.. ResourceColumns.Headers]);
        await foreach (var r in resources.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(
            [
                r.Name, r.Description, r.CategoryCode, r.RegionCode, r.Municipality, r.ContactName, r.Email, r.Phone, r.Website,
                string.Join(' ', r.LanguageCodes), r.Eligibility, r.IsActive ? "oui" : "non",
                r.LastVerifiedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ], cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private async Task<(ImportReport Report, List<Resource> Valid)> CheckAsync(CaseManagerDbContext db, Stream csv, CancellationToken cancellationToken)
    {
        var lines = await ReadLinesAsync(csv, cancellationToken);
        if (lines.Count == 0)
        {
            return (new ImportReport([new Refusal("Import.EmptyFile")], [], 0), []);
        }

        var columns = ResourceColumns.Map(lines[0].Cells);
        var missing = ResourceColumns.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return (new ImportReport(missing.Select(c => new Refusal("Import.MissingColumn", ResourceColumns.Headers[(int)c])).ToList(), [], 0), []);
        }

        if (lines.Count - 1 > MaxImportRows)
        {
            return (new ImportReport([new Refusal("Import.TooManyRows", MaxImportRows)], [], 0), []);
        }

        var (hostRegions, categories) = await ReferenceCodesAsync(db, cancellationToken);
        var regionNames = await db.Regions.AsNoTracking().Where(r => r.IsHostRegion).ToListAsync(cancellationToken);
        var categoryNames = await db.ResourceCategories.AsNoTracking().Where(c => c.IsActive).ToListAsync(cancellationToken);
        var regionLookup = Lookup(regionNames.SelectMany(r => new[] { (r.Code, r.Code), (r.NameFr, r.Code), (r.NameEn, r.Code) }));
        var categoryLookup = Lookup(categoryNames.SelectMany(c => new[] { (c.Code, c.Code), (c.NameFr, c.Code), (c.NameEn, c.Code) }));
        var existing = (await db.Resources.AsNoTracking().Select(r => new { r.Name, r.RegionCode, r.Municipality }).ToListAsync(cancellationToken))
            .Select(r => DuplicateKey(r.Name, r.RegionCode, r.Municipality))
            .ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        var results = new List<ImportRowResult>();
        var valid = new List<Resource>();
        foreach (var (line, cells) in lines.Skip(1))
        {
            string? Cell(ResourceColumn column) =>
                columns.TryGetValue(column, out var index) && index < cells.Count && !string.IsNullOrWhiteSpace(cells[index]) ? cells[index].Trim() : null;

            var reasons = new List<Refusal>();
            var regionText = Cell(ResourceColumn.Region);
            var categoryText = Cell(ResourceColumn.Category);
            var draft = new Resource
            {
                Name = Cell(ResourceColumn.Name) ?? "",
                Description = Cell(ResourceColumn.Description),
                RegionCode = regionText is null ? "" : regionLookup.GetValueOrDefault(Fold(regionText), regionText),
                CategoryCode = categoryText is null ? "" : categoryLookup.GetValueOrDefault(Fold(categoryText), categoryText),
                Municipality = Cell(ResourceColumn.Municipality),
                ContactName = Cell(ResourceColumn.Contact),
                Email = Cell(ResourceColumn.Email),
                Phone = Cell(ResourceColumn.Phone),
                Website = Cell(ResourceColumn.Website),
                LanguageCodes = (Cell(ResourceColumn.Languages) ?? "").Split([' ', ';', ',', '|', '/'], StringSplitOptions.RemoveEmptyEntries).ToList(),
                Eligibility = Cell(ResourceColumn.Eligibility),
            };
            switch (Fold(Cell(ResourceColumn.Active) ?? "oui"))
            {
                case "oui" or "o" or "yes" or "y" or "true" or "vrai" or "1" or "actif" or "active":
                    draft.IsActive = true;
                    break;
                case "non" or "n" or "no" or "false" or "faux" or "0" or "inactif" or "inactive":
                    draft.IsActive = false;
                    break;
                default:
                    reasons.Add(new Refusal("Import.ActiveInvalid", Cell(ResourceColumn.Active)!));
                    break;
            }

            if (Cell(ResourceColumn.LastVerified) is { } verified)
            {
                if (DateOnly.TryParseExact(verified, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day <= clock.Today)
                {
                    draft.LastVerifiedOn = day;
                }
                else
                {
                    reasons.Add(new Refusal("Import.DateInvalid", verified));
                }
            }

            var resource = draft.Normalized();
            reasons.InsertRange(0, ResourceRules.Check(resource, hostRegions, categories));
            if (resource.Name.Length > 0 && resource.RegionCode.Length > 0)
            {
                var key = DuplicateKey(resource.Name, resource.RegionCode, resource.Municipality);
                if (seen.TryGetValue(key, out var firstLine))
                {
                    reasons.Add(new Refusal("Import.DuplicateInFile", firstLine));
                }
                else
                {
                    seen[key] = line;
                    if (existing.Contains(key))
                    {
                        reasons.Add(new Refusal("Import.AlreadyInDirectory"));
                    }
                }
            }

            results.Add(new ImportRowResult(line, resource.Name.Length == 0 ? null : resource.Name, reasons));
            if (reasons.Count == 0)
            {
                valid.Add(resource);
            }
        }

        return (new ImportReport([], results, 0), valid);
    }

    /// <summary>The header (line 1) then every row, each with the line it starts on; nothing for an empty file.</summary>
    private static async Task<List<(int Line, List<string> Cells)>> ReadLinesAsync(Stream input, CancellationToken cancellationToken)
    {
        await using var reader = CsvFiles.CreateReader(input);
        await reader.ReadHeaderAsync(cancellationToken);
        if (reader.Headers.Count == 0)
        {
            return [];
        }

        var lines = new List<(int Line, List<string> Cells)> { (1, [.. reader.Headers]) };
        while (await reader.ReadAsync(cancellationToken) && lines.Count <= MaxImportRows + 1)
        {
            lines.Add(((int)reader.LineNumber, reader.Current.ToArray().Select(CsvFiles.Unguard).ToList()));
        }

        return lines;
    }

    private static Dictionary<string, string> Lookup(IEnumerable<(string Text, string Code)> entries)
    {
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (text, code) in entries)
        {
            lookup.TryAdd(Fold(text), code);
        }

        return lookup;
    }

    private static string DuplicateKey(string name, string regionCode, string? municipality) =>
        $"{Fold(name)}|{regionCode}|{Fold(municipality ?? "")}";

    /// <summary>Lower case, accents removed, dashes and spaces alike: "Saguenay–Lac-Saint-Jean" = "saguenay lac saint jean".</summary>
    internal static string Fold(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && folded.Length > 0)
                {
                    folded.Append(' ');
                }

                folded.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return folded.ToString();
    }
}

public enum ResourceColumn
{
    Name,
    Description,
    Category,
    Region,
    Municipality,
    Contact,
    Email,
    Phone,
    Website,
    Languages,
    Eligibility,
    Active,
    LastVerified,
}

/// <summary>The columns of the directory's CSV files: French headers (what the export writes), English ones accepted on import.</summary>
public static class ResourceColumns
{
    public static readonly IReadOnlyList<string> Headers =
    [
        "nom", "description", "categorie", "region", "municipalite", "contact", "courriel", "telephone", "site_web",
        "langues", "admissibilite", "actif", "verifie_le",
    ];

    public static readonly IReadOnlyList<ResourceColumn> Required = [ResourceColumn.Name, ResourceColumn.Category, ResourceColumn.Region];

    private static readonly Dictionary<string, ResourceColumn> English = new(StringComparer.Ordinal)
    {
        ["name"] = ResourceColumn.Name,
        ["category"] = ResourceColumn.Category,
        ["municipality"] = ResourceColumn.Municipality,
        ["email"] = ResourceColumn.Email,
        ["phone"] = ResourceColumn.Phone,
        ["website"] = ResourceColumn.Website,
        ["languages"] = ResourceColumn.Languages,
        ["eligibility"] = ResourceColumn.Eligibility,
        ["active"] = ResourceColumn.Active,
        ["last verified"] = ResourceColumn.LastVerified,
    };

    /// <summary>Where each known column is in the header (accents, case, spaces and underscores ignored).</summary>
    public static Dictionary<ResourceColumn, int> Map(IReadOnlyList<string> header)
    {
        var map = new Dictionary<ResourceColumn, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var folded = ResourceService.Fold(header[i]);
            var index = Headers.Select(ResourceService.Fold).ToList().IndexOf(folded);
            ResourceColumn? column = index >= 0 ? (ResourceColumn)index : English.TryGetValue(folded, out var english) ? english : null;
            if (column is { } known)
            {
                map.TryAdd(known, i);
            }
        }

        return map;
    }
}
