using System.Collections;
using System.Globalization;
using System.Resources;
using CaseManager.Domain.Assignment;
using CaseManager.Domain.Common;
using CaseManager.Web.Features.Assignment;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CaseManager.Tests.Web.Localization;

/// <summary>The distribution's and supervision's texts in French and English: same keys, same placeholders, every reason and refusal.</summary>
public sealed class DistributionTextTests
{
    private static readonly ResourceManager Resources = new(typeof(DistributionText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet();

    [Fact]
    public void DistributionText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
    {
        var french = Entries(CultureInfo.InvariantCulture);
        var english = Entries(CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(french);
        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.DoesNotContain(french, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(french.Keys, key => !Placeholders(french[key]).SetEquals(Placeholders(english[key])));
    }

    /// <summary>Every refusal the distribution, the assignments and the absences raise reaches a person as a sentence.</summary>
    [Theory]
    [InlineData("Distribution.NoCounsellorAvailable")]
    [InlineData("Assignment.ReasonRequired")]
    [InlineData("Assignment.NoteTooLong")]
    [InlineData("Assignment.NothingSelected")]
    [InlineData("Assignment.NotACounsellor")]
    [InlineData("Absence.EndBeforeStart")]
    [InlineData("Absence.AlreadyOver")]
    [InlineData("Absence.ReasonRequired")]
    [InlineData("Absence.ReasonTooLong")]
    [InlineData("Absence.AlreadyRedistributed")]
    [InlineData("Absence.NotStarted")]
    [InlineData("Absence.AlreadyReturned")]
    [InlineData("Absence.Overlaps")]
    [InlineData("Household.CounsellorWithoutOrganization")]
    public void Refusal_HasFrenchAndEnglishText(string code)
    {
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(code, CultureInfo.GetCultureInfo("fr-CA"))), $"No French text for {code}");
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(code, CultureInfo.GetCultureInfo("en-CA"))), $"No English text for {code}");
    }

    [Fact]
    public void Reason_EveryAssignmentReason_IsNamedInBothLanguagesDifferently()
    {
        var localizer = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            .Create(typeof(DistributionText));
        var text = new StringLocalizer<DistributionText>(new Factory(localizer));
        var before = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var reason in Enum.GetValues<AssignmentReason>())
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");
                var french = AssignmentTexts.Reason(text, reason);
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-CA");
                var english = AssignmentTexts.Reason(text, reason);
                Assert.False(french.StartsWith("AssignmentReason.", StringComparison.Ordinal), french);
                Assert.NotEqual(french, english);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Describe_AbsenceRefusal_SaysItInFrench()
    {
        var localizer = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            .Create(typeof(DistributionText));
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");
        try
        {
            Assert.Equal("Le motif dépasse 300 caractères.", localizer.Describe(new Refusal("Absence.ReasonTooLong", 300)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private sealed class Factory(IStringLocalizer localizer) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => localizer;

        public IStringLocalizer Create(string baseName, string location) => localizer;
    }
}
