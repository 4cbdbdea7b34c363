using System.Collections;
using System.Globalization;
using System.Resources;
using CaseManager.Web.Localization;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every text of the plan tab and of the plan templates exists in French and in English, with the same placeholders.</summary>
public sealed class PlansTextTests
{
    private static readonly ResourceManager Resources = new(typeof(PlansText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void PlansText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
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
    [InlineData("Task.DueOn", "Échéance")]
    [InlineData("Milestones.Title", "Jalons")]
    [InlineData("Templates.Title", "Modèles de plan")]
    [InlineData("Agreement.Record", "Consigner l'entente avec le ménage")]
    [InlineData("Agreement.Recorded", "Plan convenu le {0} avec {1} (consigné par {2})")]
    public void PlansText_InFrench_UsesTheProgramsWords(string key, string french)
    {
        Assert.Equal(french, Resources.GetString(key, CultureInfo.GetCultureInfo("fr-CA")));
    }

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet();
}
