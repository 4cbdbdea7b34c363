using System.Collections;
using System.Globalization;
using System.Resources;
using CaseManager.Web.Localization;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every text of the resource directory exists in French and in English, with the same placeholders, and every refusal it gives has its sentence.</summary>
public sealed class ResourcesTextTests
{
    private static readonly ResourceManager Resources = new(typeof(ResourcesText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void ResourcesText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
    {
        var french = Entries(CultureInfo.InvariantCulture);
        var english = Entries(CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(french);
        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.DoesNotContain(french, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(english, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(french.Keys, key => !Placeholders(french[key]).SetEquals(Placeholders(english[key])));
    }

    [Theory]
    [InlineData("Resource.NameRequired")]
    [InlineData("Resource.UnknownRegion")]
    [InlineData("Resource.UnknownCategory")]
    [InlineData("Resource.EmailInvalid")]
    [InlineData("Resource.PhoneInvalid")]
    [InlineData("Resource.WebsiteInvalid")]
    [InlineData("Resource.LanguageInvalid")]
    [InlineData("Resource.TextTooLong")]
    [InlineData("Resource.CategoryRequired")]
    [InlineData("Resource.RegionRequired")]
    [InlineData("Import.MissingColumn")]
    [InlineData("Import.DuplicateInFile")]
    [InlineData("Import.AlreadyInDirectory")]
    [InlineData("Import.DateInvalid")]
    [InlineData("Import.ActiveInvalid")]
    [InlineData("Import.EmptyFile")]
    [InlineData("Import.TooManyRows")]
    public void Refusal_HasItsFrenchSentence(string code)
    {
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(code, CultureInfo.GetCultureInfo("fr-CA"))));
    }

    [Theory]
    [InlineData("Resources.Title", "Ressources régionales")]
    [InlineData("Suggestions.Title", "Ressources suggérées")]
    public void ResourcesText_InFrench_UsesTheProgramsWords(string key, string french)
    {
        Assert.Equal(french, Resources.GetString(key, CultureInfo.GetCultureInfo("fr-CA")));
    }

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet();
}
