using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using CaseManager.Data;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Privacy.Export;

/// <summary>
/// What kind of code a column of an export holds, and so where its label comes from: an enum's
/// value ("Employed", labelled by "EmploymentStatus.Employed" in the feature's texts), a fixed word
/// of the export ("PrimaryApplicant"), or a code of a reference table (region "01", need "housing").
/// </summary>
public sealed class ExportCode
{
    private readonly Func<ExportLabels, string, string?> _label;

    private ExportCode(Func<ExportLabels, string, string?> label) => _label = label;

    /// <summary>Region codes ("01" → Bas-Saint-Laurent).</summary>
    public static ExportCode Region { get; } = Reference(ExportLabels.Regions);

    public static ExportCode ImmigrationStatus { get; } = Reference(ExportLabels.ImmigrationStatuses);

    public static ExportCode Need { get; } = Reference(ExportLabels.Needs);

    public static ExportCode WithdrawalReason { get; } = Reference(ExportLabels.WithdrawalReasons);

    public static ExportCode ConsentPurpose { get; } = Reference(ExportLabels.ConsentPurposes);

    /// <summary>A subsidy criterion and its outcome, "Housing: MissingProof" → "Logement : preuve manquante".</summary>
    public static ExportCode Criterion { get; } = new((labels, pair) =>
    {
        var parts = pair.Split(": ", 2);
        return parts.Length == 2
            ? string.Format(labels.Culture, labels.Culture.TwoLetterISOLanguageName == "fr" ? "{0} : {1}" : "{0}: {1}",
                labels.Text(typeof(SubsidiesText), $"SubsidyCriterion.{parts[0]}") ?? parts[0],
                labels.Text(typeof(SubsidiesText), $"CriterionOutcome.{parts[1]}") ?? parts[1])
            : null;
    });

    /// <summary>A language, "fr" or "fr-CA" → Français / French.</summary>
    public static ExportCode Language { get; } = new((labels, code) =>
        labels.Text(typeof(SessionsText), $"Language.{code}") ?? labels.Text(typeof(SessionsText), $"Language.{code.Split('-')[0]}"));

    /// <summary>A value labelled by "<paramref name="prefix"/>.Value" in the resource file of <paramref name="texts"/>.</summary>
    public static ExportCode Text(Type texts, string prefix) => new((labels, code) => labels.Text(texts, $"{prefix}.{code}"));

    private static ExportCode Reference(string list) => new((labels, code) => labels.Reference(list, code));

    /// <summary>The label of <paramref name="code"/>; the code itself when none is known (a code retired since).</summary>
    public string Label(ExportLabels labels, string code)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return _label(labels, code) ?? code;
    }
}

/// <summary>
/// The labels of an export in the person's language: the resource files for enum values and the
/// reference tables (regions, immigration statuses, needs, withdrawal reasons, consent purposes),
/// read once per export.
/// </summary>
public sealed class ExportLabels
{
    internal const string Regions = "regions";
    internal const string ImmigrationStatuses = "immigration_statuses";
    internal const string Needs = "needs";
    internal const string WithdrawalReasons = "withdrawal_reasons";
    internal const string ConsentPurposes = "consent_purposes";

    private static readonly ConcurrentDictionary<Type, ResourceManager> Resources = new();
    private readonly IReadOnlyDictionary<(string List, string Code), string> _references;

    private ExportLabels(CultureInfo culture, IReadOnlyDictionary<(string List, string Code), string> references)
    {
        Culture = culture;
        _references = references;
    }

    public CultureInfo Culture { get; }

    /// <summary>Enum labels only (no reference table read): reference codes stay codes.</summary>
    public static ExportLabels Without(CultureInfo culture) => new(culture, new Dictionary<(string, string), string>());

    public static async Task<ExportLabels> LoadAsync(CaseManagerDbContext db, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(culture);
        var french = culture.TwoLetterISOLanguageName == "fr";
        var references = new Dictionary<(string, string), string>();
        void Add(string list, IEnumerable<(string Code, string Fr, string En)> items)
        {
            foreach (var (code, fr, en) in items)
            {
                references[(list, code)] = french ? fr : en;
            }
        }

        Add(Regions, (await db.Regions.AsNoTracking().Select(r => new { r.Code, r.NameFr, r.NameEn }).ToListAsync(cancellationToken)).Select(r => (r.Code, r.NameFr, r.NameEn)));
        Add(ImmigrationStatuses, (await db.ImmigrationStatuses.AsNoTracking().Select(r => new { r.Code, r.NameFr, r.NameEn }).ToListAsync(cancellationToken)).Select(r => (r.Code, r.NameFr, r.NameEn)));
        Add(Needs, (await db.NeedsDomains.AsNoTracking().Select(r => new { r.Code, r.NameFr, r.NameEn }).ToListAsync(cancellationToken)).Select(r => (r.Code, r.NameFr, r.NameEn)));
        Add(WithdrawalReasons, (await db.WithdrawalReasons.AsNoTracking().Select(r => new { r.Code, r.NameFr, r.NameEn }).ToListAsync(cancellationToken)).Select(r => (r.Code, r.NameFr, r.NameEn)));
        Add(ConsentPurposes, (await db.ConsentPurposes.AsNoTracking().Select(r => new { r.Code, r.NameFr, r.NameEn }).ToListAsync(cancellationToken)).Select(r => (r.Code, r.NameFr, r.NameEn)));
        return new ExportLabels(culture, references);
    }

    /// <summary>A text of the resource file of <paramref name="texts"/> (Strings, SessionsText…) in the export's language.</summary>
    public string? Text(Type texts, string key) =>
        Resources.GetOrAdd(texts, type => new ResourceManager(type)).GetString(key, Culture);

    public string? Reference(string list, string code) => _references.GetValueOrDefault((list, code));

    /// <summary>Yes or no in the export's language.</summary>
    public string YesNo(bool value) => Text(typeof(Strings), value ? "Common.Yes" : "Common.No") ?? (value ? "true" : "false");
}
