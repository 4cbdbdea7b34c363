using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace CaseManager.Tests.Web.Localization;

public sealed partial class FrenchMudLocalizerTests
{
    private static readonly CultureInfo FrenchCanada = CultureInfo.GetCultureInfo("fr-CA");
    private static readonly CultureInfo EnglishCanada = CultureInfo.GetCultureInfo("en-CA");

    [Fact]
    public void Indexer_EveryMudBlazorKeyUnderFrCa_ReturnsNonEmptyFrenchText()
    {
        var english = ReadMudBlazorEnglish();
        var localizer = new FrenchMudLocalizer();

        var missing = WithUICulture(FrenchCanada, () => english.Keys
            .Where(key =>
            {
                var result = localizer[key];
                return result.ResourceNotFound || string.IsNullOrWhiteSpace(result.Value);
            })
            .ToList());

        Assert.True(english.Count > 100, $"Only {english.Count} keys read from MudBlazor's LanguageResource.");
        Assert.Empty(missing);
    }

    [Fact]
    public void FrenchResource_EveryEntry_IsAKeyMudBlazorStillHas()
    {
        var english = ReadMudBlazorEnglish();

        var stale = ReadFrench().Keys.Where(key => !english.ContainsKey(key)).ToList();

        Assert.Empty(stale);
    }

    [Fact]
    public void FrenchResource_EveryEntry_KeepsMudBlazorPlaceholders()
    {
        var english = ReadMudBlazorEnglish();

        var mismatches = ReadFrench()
            .Where(entry => english.ContainsKey(entry.Key))
            .Where(entry => !Placeholders(entry.Value).SequenceEqual(Placeholders(english[entry.Key])))
            .Select(entry => $"{entry.Key}: \"{english[entry.Key]}\" -> \"{entry.Value}\"")
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void FrenchResource_EveryEntry_FormatsWithoutError()
    {
        var arguments = Enumerable.Range(0, 10).Cast<object>().ToArray();

        var broken = ReadFrench()
            .Where(entry =>
            {
                try
                {
                    _ = string.Format(FrenchCanada, entry.Value, arguments);
                    return false;
                }
                catch (FormatException)
                {
                    return true;
                }
            })
            .Select(entry => entry.Key)
            .ToList();

        Assert.Empty(broken);
    }

    [Fact]
    public void Indexer_KnownKeyUnderFrCa_ReturnsFrenchText()
    {
        var localizer = new FrenchMudLocalizer();

        var result = WithUICulture(FrenchCanada, () => localizer["MudDataGrid_Filter"]);

        Assert.False(result.ResourceNotFound);
        Assert.Equal("MudDataGrid_Filter", result.Name);
        Assert.Equal("Filtrer", result.Value);
    }

    [Fact]
    public void IndexerWithArguments_PagerInfoUnderFrCa_ReturnsFormattedFrenchText()
    {
        var localizer = new FrenchMudLocalizer();

        var result = WithUICulture(FrenchCanada, () => localizer["MudDataGridPager_InfoFormat", 1, 10, 42]);

        Assert.False(result.ResourceNotFound);
        Assert.Equal("1\u201310 de 42", result.Value);
    }

    [Fact]
    public void Indexer_KnownKeyUnderEnCa_ReportsResourceNotFound()
    {
        var localizer = new FrenchMudLocalizer();

        var (plain, withArguments) = WithUICulture(EnglishCanada, () =>
            (localizer["MudDataGrid_Filter"], localizer["MudDataGridPager_InfoFormat", 1, 10, 42]));

        Assert.True(plain.ResourceNotFound);
        Assert.True(withArguments.ResourceNotFound);
    }

    [Fact]
    public void Indexer_UnknownKeyUnderFrCa_ReportsResourceNotFound()
    {
        var localizer = new FrenchMudLocalizer();

        var result = WithUICulture(FrenchCanada, () => localizer["NoSuchMudBlazorKey"]);

        Assert.True(result.ResourceNotFound);
    }

    [Fact]
    public void MudBlazorInterceptor_UnderFrCa_UsesFrenchText()
    {
        var interceptor = new DefaultLocalizationInterceptor(NullLoggerFactory.Instance, new FrenchMudLocalizer());

        var (plain, withArguments) = WithUICulture(FrenchCanada, () =>
            (interceptor.Handle("MudDataGridPager_RowsPerPage"), interceptor.Handle("MudDataGridPager_InfoFormat", 1, 10, 42)));

        Assert.Equal("Lignes par page\u00a0:", plain.Value);
        Assert.Equal("1\u201310 de 42", withArguments.Value);
    }

    [Fact]
    public void MudBlazorInterceptor_UnderEnCa_UsesMudBlazorEnglish()
    {
        var interceptor = new DefaultLocalizationInterceptor(NullLoggerFactory.Instance, new FrenchMudLocalizer());

        var (plain, withArguments) = WithUICulture(EnglishCanada, () =>
            (interceptor.Handle("MudDataGridPager_RowsPerPage"), interceptor.Handle("MudDataGridPager_InfoFormat", 1, 10, 42)));

        Assert.Equal("Rows per page:", plain.Value);
        Assert.Equal("1-10 of 42", withArguments.Value);
    }

    /// <summary>MudBlazor's own English strings, read from its assembly so that an upgrade is noticed.</summary>
    private static Dictionary<string, string> ReadMudBlazorEnglish()
    {
        var assembly = typeof(MudLocalizer).Assembly;
        var name = Assert.Single(
            assembly.GetManifestResourceNames(),
            n => n.EndsWith(".LanguageResource.resources", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} not found in {assembly.FullName}.");
        using var reader = new ResourceReader(stream);
        return ToDictionary(reader);
    }

    private static Dictionary<string, string> ReadFrench()
    {
        var manager = new ResourceManager(FrenchMudLocalizer.ResourceBaseName, typeof(FrenchMudLocalizer).Assembly);
        var set = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"{FrenchMudLocalizer.ResourceBaseName}.resources is not embedded.");
        return ToDictionary(set);
    }

    private static Dictionary<string, string> ToDictionary(IEnumerable entries)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in entries)
        {
            result[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return result;
    }

    private static List<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    private static T WithUICulture<T>(CultureInfo culture, Func<T> action)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
