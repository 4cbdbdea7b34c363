using System.Text.RegularExpressions;
using CaseManager.Domain.Common;
using CaseManager.Domain.Resources;

namespace CaseManager.Web.Features.Resources;

public enum ResourceSort
{
    /// <summary>Best match first (by name when there is no search text).</summary>
    Relevance,
    Name,
}

/// <summary>What the directory asks for: words, a region, a category, inactive ones or not, an order, a page.</summary>
public sealed record ResourceQuery
{
    public string? Search { get; init; }
    public string? RegionCode { get; init; }
    public string? CategoryCode { get; init; }
    public bool IncludeInactive { get; init; }

    /// <summary>Only the active resources not verified for the verification rule's months (administrators' to-do list).</summary>
    public bool VerificationDueOnly { get; init; }

    public ResourceSort Sort { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record ResourceRow(
    Guid Id, string Name, string? Description, string CategoryCode, string RegionCode, string? Municipality,
    string? ContactName, string? Email, string? Phone, string? Website, IReadOnlyList<string> LanguageCodes, string? Eligibility,
    bool IsActive, DateOnly? LastVerifiedOn, uint Version)
{
    public static ResourceRow From(Resource r) => new(
        r.Id, r.Name, r.Description, r.CategoryCode, r.RegionCode, r.Municipality, r.ContactName, r.Email, r.Phone, r.Website,
        r.LanguageCodes, r.Eligibility, r.IsActive, r.LastVerifiedOn, r.Version);
}

public sealed record ResourcePage(IReadOnlyList<ResourceRow> Rows, int Total);

/// <summary>A resource suggested to a household, with why: how many of its needs the category serves, and whether it is in a target region of the plan.</summary>
public sealed record ResourceSuggestion(ResourceRow Resource, int NeedsMatched, bool InTargetRegion);

public sealed record SuggestionPage(IReadOnlyList<ResourceSuggestion> Rows, int Total, bool HasRegions, bool HasNeeds);

/// <summary>What a plan task shows of the resource attached to it.</summary>
public sealed record AttachedResource(
    Guid Id, string Name, string RegionCode, string? Municipality, string? ContactName, string? Email, string? Phone, string? Website, bool IsActive);

public enum ImportMode
{
    /// <summary>The whole file, only if every row is valid.</summary>
    AllOrNothing,

    /// <summary>The valid rows, the refused ones left out (chosen by the person after the report).</summary>
    ValidRowsOnly,
}

/// <summary>One row of an imported file: its line, the name read, accepted or refused and why.</summary>
public sealed record ImportRowResult(int Line, string? Name, IReadOnlyList<Refusal> Reasons)
{
    public bool Accepted => Reasons.Count == 0;
}

/// <summary>
/// The report of an import: the file's own problems (a missing column), each row's outcome, and
/// how many resources were written (zero for a preview, or for a refused all-or-nothing import).
/// </summary>
public sealed record ImportReport(IReadOnlyList<Refusal> FileProblems, IReadOnlyList<ImportRowResult> Rows, int Imported)
{
    public int AcceptedCount => Rows.Count(r => r.Accepted);
    public int RefusedCount => Rows.Count(r => !r.Accepted);
    public bool CanImportWhole => FileProblems.Count == 0 && Rows.Count > 0 && RefusedCount == 0;
    public bool CanImportValidRows => FileProblems.Count == 0 && AcceptedCount > 0;
}

/// <summary>Progress of an import: rows written so far out of the rows to write.</summary>
public readonly record struct ImportProgress(int Written, int Total);

/// <summary>
/// How the search box's words become a PostgreSQL text query. Words with web-search operators
/// ("quoted phrases", or, -excluded) go to <c>websearch_to_tsquery</c> as people expect from a
/// web search. Plain words (the usual case) become a <c>to_tsquery</c> of their own: every word
/// must match; a plural in s or x also matches its singular (the French stemmer keeps "emplois"
/// and "emploi" apart); the last word, of three letters or more, matches as a prefix so results
/// come while typing; one-letter words ("l'" of "l'emploi") are left out. French stop words are
/// dropped by the configuration itself.
/// </summary>
public static partial class ResourceSearchText
{
    public const int MaxLength = 200;
    public const int MinPrefixLength = 3;

    /// <summary>The text for websearch_to_tsquery (or empty) and the to_tsquery expression (or empty): one of the two is used.</summary>
    public static (string Words, string Query) Split(string? search)
    {
        var text = Spaces().Replace(search ?? "", " ").Trim();
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
        }

        var operators = text.Contains('"', StringComparison.Ordinal) || text.StartsWith('-') || text.Contains(" -", StringComparison.Ordinal)
            || text.Contains(" or ", StringComparison.OrdinalIgnoreCase);
        if (operators)
        {
            return (text, "");
        }

        var words = Word().Matches(text).Select(m => m.Value).Where(w => w.Length > 1).ToList();
        var terms = words.Select((word, index) =>
        {
            var singular = word.Length >= 4 && word[^1] is 's' or 'x' or 'S' or 'X' ? word[..^1] : null;
            if (index == words.Count - 1 && word.Length >= MinPrefixLength)
            {
                return (singular ?? word) + ":*";
            }

            return singular is null ? word : $"({word} | {singular})";
        });
        return ("", string.Join(" & ", terms));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

/// <summary>What the attach dialog decided: a resource for the task, or none (take the attached one off).</summary>
public sealed record AttachChoice(Guid? ResourceId);
