namespace CaseManager.Web.Infrastructure;

/// <summary>
/// What a person types in a search box, turned into SQL LIKE patterns: LIKE's own wildcards
/// (<c>%</c>, <c>_</c>) and its escape character are matched literally, never as wildcards.
/// </summary>
public static class LikeSearch
{
    /// <summary>A search box reads at most this many words; more would only slow the query.</summary>
    public const int MaxWords = 6;

    /// <summary>The text with LIKE's special characters escaped (backslash is PostgreSQL's default escape).</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A pattern that finds the text anywhere: <c>%text%</c>.</summary>
    public static string Anywhere(string text) => "%" + Escape(text) + "%";

    /// <summary>The words of the search, split on spaces, each as an "anywhere" pattern (at most <see cref="MaxWords"/>).</summary>
    public static IReadOnlyList<string> WordPatterns(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Take(MaxWords)
                .Select(Anywhere)
                .ToList();
}
