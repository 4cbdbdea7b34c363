using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CaseManager.Domain.Intake;
using CaseManager.Web.Localization;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every text of registration exists in French and in English, with the same placeholders; every enum value has its label.</summary>
public sealed partial class IntakeTextTests
{
    private static readonly ResourceManager Resources = new(typeof(IntakeText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void IntakeText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
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

    [Fact]
    public void IntakeText_NamesEveryHeardFromConsentSourceAndCriterion()
    {
        var french = Entries(CultureInfo.InvariantCulture);

        Assert.All(Enum.GetValues<HeardFrom>(), value => Assert.Contains($"HeardFrom.{value}", french.Keys));
        Assert.All(Enum.GetValues<ConsentSource>(), value => Assert.Contains($"ConsentSource.{value}", french.Keys));
        Assert.All(Enum.GetValues<DuplicateCriteria>().Where(c => c != DuplicateCriteria.None),
            value => Assert.Contains($"Duplicates.Criteria.{value}", french.Keys));
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
