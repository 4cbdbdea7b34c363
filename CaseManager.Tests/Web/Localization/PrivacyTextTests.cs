using System.Collections;
using System.Globalization;
using System.Resources;
using CaseManager.Domain.Privacy;
using CaseManager.Web.Features.Privacy;
using CaseManager.Web.Features.Privacy.Export;
using CaseManager.Web.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every text of the privacy officer's tools exists in French and in English, with the same placeholders, and names every section, type, status and category.</summary>
public sealed class PrivacyTextTests
{
    private static readonly ResourceManager Resources = new(typeof(PrivacyText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void PrivacyText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
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
    public void PrivacyText_NamesEveryExportSectionTypeStatusCategoryAndRunStatus()
    {
        var french = Entries(CultureInfo.InvariantCulture);
        using var services = new ServiceCollection().AddPrivacy().BuildServiceProvider();
        var sections = services.GetServices<IHouseholdExportSection>().Select(s => $"Export.Section.{s.Key}");
        var keys = sections
            .Concat(Enum.GetValues<RightsRequestType>().Select(t => $"Type.{t}"))
            .Concat(Enum.GetValues<RightsRequestStatus>().Select(s => $"Status.{s}"))
            .Concat(Enum.GetValues<InformationCategory>().Select(c => $"Category.{c}"))
            .Concat(Enum.GetValues<AnonymizationRunStatus>().Select(s => $"Run.{s}"))
            .Concat(Enum.GetValues<RetentionBasis>().Select(b => $"Retention.Basis.{b}"))
            .Concat(Enum.GetValues<CaseManager.Data.Entities.AccessAction>().Select(a => $"Action.{a}"));

        Assert.All(keys, key => Assert.True(french.ContainsKey(key), key));
    }

    [Theory]
    [InlineData("Nav.Privacy", "Vie privée")]
    [InlineData("Incidents.Title", "Registre des incidents de confidentialité")]
    [InlineData("Requests.DueOn", "Échéance légale")]
    public void PrivacyText_InFrench_UsesTheProgramsWords(string key, string french)
    {
        Assert.Equal(french, Resources.GetString(key, CultureInfo.GetCultureInfo("fr-CA")));
    }

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet();
}
