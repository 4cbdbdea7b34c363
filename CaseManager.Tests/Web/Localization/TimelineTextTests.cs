using System.Collections;
using System.Globalization;
using System.Resources;
using CaseManager.Domain.Plans;
using CaseManager.Web.Localization;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every text of the timeline, "Ma semaine" and the follow-up answers exists in French and in English.</summary>
public sealed class TimelineTextTests
{
    private static readonly ResourceManager Resources = new(typeof(TimelineText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void TimelineText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
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

    /// <summary>The keys the pages build from enum values and codes.</summary>
    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var owner in Enum.GetValues<TaskOwner>())
        {
            keys.Add($"TaskOwner.{owner}");
        }

        foreach (var status in Enum.GetValues<GoalStatus>())
        {
            keys.Add($"GoalStatus.{status}");
        }

        foreach (var change in new[] { "Done", "Cancelled", "Reopened", "Started", "BackToDo" })
        {
            keys.Add($"Timeline.Task.{change}");
        }

        foreach (var question in new[] { "StillInRegion", "Working", "Housed" })
        {
            keys.Add($"Retention.Question.{question}");
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void TimelineText_KeyBuiltFromAValue_HasFrenchAndEnglishText(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("fr-CA"))), $"No French text for {key}");
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("en-CA"))), $"No English text for {key}");
    }

    [Fact]
    public void TimelineText_InFrench_SaysMaSemaineAndQuotesWithGuillemets()
    {
        var french = Entries(CultureInfo.InvariantCulture);

        Assert.Equal("Ma semaine", french["MyWeek.Title"]);
        Assert.Equal("« {0} »", french["Quoted"]);
        Assert.Equal("Annuler", french["MyWeek.Undo"]);
    }

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet();
}
