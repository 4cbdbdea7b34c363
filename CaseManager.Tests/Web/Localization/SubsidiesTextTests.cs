using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Domain;
using CaseManager.Web.Features.Subsidies;
using CaseManager.Web.Localization;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every text of the moving subsidy exists in French and in English, with the same placeholders.</summary>
public sealed partial class SubsidiesTextTests
{
    private static readonly ResourceManager Resources = new(typeof(SubsidiesText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void SubsidiesText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
    {
        var french = Entries(CultureInfo.InvariantCulture);
        var english = Entries(CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(french);
        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.DoesNotContain(french, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(french.Keys, key => !Placeholders(french[key]).SetEquals(Placeholders(english[key])));
    }

    /// <summary>Enum labels, every reason the evaluator gives, and every refusal the domain and the service raise.</summary>
    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        void AddEnum<TEnum>()
            where TEnum : struct, Enum
        {
            foreach (var value in Enum.GetValues<TEnum>())
            {
                keys.Add($"{typeof(TEnum).Name}.{value}");
            }
        }

        AddEnum<SubsidyStatus>();
        AddEnum<SubsidyCriterion>();
        AddEnum<CriterionOutcome>();
        AddEnum<SubsidyDocumentType>();
        AddEnum<SubsidyRefusalReason>();
        AddEnum<ReviewQueueScope>();
        foreach (var row in SubsidyEvaluatorTests.Rows())
        {
            keys.Add(row.Data.Item4);
        }

        foreach (var code in new[]
                 {
                     "Subsidy.NotInSubsidyStage", "Subsidy.AlreadyOpen", "Subsidy.NotEditable", "Subsidy.DestinationRequired", "Subsidy.MoveDateRequired",
                     "Subsidy.IllegalTransition", "Subsidy.OwnApplication", "Subsidy.InformationRequestRequired", "Subsidy.AmountRange",
                     "Subsidy.AmountReasonRequired", "Subsidy.TextTooLong", "Subsidy.RefusalReasonRequired", "Subsidy.CommentRequired",
                     "Subsidy.PaymentInFuture", "Subsidy.PaymentBeforeDecision", "Subsidy.PaymentReferenceRequired", "Subsidy.WithdrawalReasonRequired",
                     "Subsidy.NoRuleSet", "Subsidy.DocumentTypeRequired", "Subsidy.DocumentTooLarge", "Subsidy.DocumentFormat", "Profile.UnknownRegion",
                     "RuleSet.StatusesRequired", "RuleSet.ProofTypesRequired", "RuleSet.MoveWithinDaysRange", "RuleSet.NotesTooLong", "RuleSet.AmountRange",
                     "RuleSet.CeilingBelowBase", "RuleSet.RegionAmountDuplicate", "RuleSet.InUse", "Budget.AmountRange", "Budget.YearRange",
                 })
        {
            keys.Add(code);
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void SubsidiesText_CodeOrEnumKey_HasFrenchAndEnglishText(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("fr-CA"))), $"No French text for {key}");
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("en-CA"))), $"No English text for {key}");
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
