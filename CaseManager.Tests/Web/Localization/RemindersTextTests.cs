using System.Collections;
using System.Globalization;
using System.Resources;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Jobs;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Localization;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every reminder's text exists in French and in English, and an email follows its recipient's language.</summary>
public sealed class RemindersTextTests
{
    private static readonly ResourceManager Resources = new(typeof(RemindersText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void RemindersText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
    {
        var french = Entries(CultureInfo.InvariantCulture);
        var english = Entries(CultureInfo.GetCultureInfo("en"));

        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.DoesNotContain(french, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(english, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(french.Keys, key => !Placeholders(french[key]).SetEquals(Placeholders(english[key])));
    }

    /// <summary>The kinds about a file (a resource to verify is about no file: its own test below).</summary>
    public static TheoryData<ReminderKind> Kinds() => new(Enum.GetValues<ReminderKind>().Where(k => k != ReminderKind.ResourceVerificationDue));

    [Fact]
    public void Line_ResourceVerificationDue_NamesTheResourceAndTheDayInBothLanguages()
    {
        var subject = new ReminderSubject(ReminderKind.ResourceVerificationDue, Guid.Empty, "", "", "CLSC de Rimouski", new DateOnly(2025, 4, 2), new DateOnly(2026, 4, 2));

        var french = ReminderTexts.Line(subject, CultureInfo.GetCultureInfo("fr-CA"));
        var english = ReminderTexts.Line(subject, CultureInfo.GetCultureInfo("en-CA"));

        Assert.Equal("La ressource « CLSC de Rimouski » n'a pas été vérifiée depuis le 2025-04-02 : confirmez qu'elle existe toujours telle que décrite.", french);
        Assert.Contains("“CLSC de Rimouski”", english, StringComparison.Ordinal);
        Assert.Contains("2025-04-02", english, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Line_EveryKind_NamesTheFileInBothLanguages(ReminderKind kind)
    {
        var subject = new ReminderSubject(kind, Guid.NewGuid(), "2025-0042", "Diallo, Aminata", "Visiter Rimouski", new DateOnly(2026, 4, 2), new DateOnly(2026, 3, 30));

        var french = ReminderTexts.Line(subject, CultureInfo.GetCultureInfo("fr-CA"));
        var english = ReminderTexts.Line(subject, CultureInfo.GetCultureInfo("en-CA"));

        Assert.StartsWith("2025-0042 · Diallo, Aminata :", french, StringComparison.Ordinal);
        Assert.StartsWith("2025-0042 · Diallo, Aminata:", english, StringComparison.Ordinal);
        Assert.Contains("2026-04-02", french, StringComparison.Ordinal);
        Assert.NotEqual(french, english);
        Assert.NotEqual(ReminderTexts.Title(kind, CultureInfo.GetCultureInfo("fr-CA")), ReminderTexts.Title(kind, CultureInfo.GetCultureInfo("en-CA")));
    }

    [Fact]
    public void Email_IsWrittenInTheRecipientsLanguage_WhateverTheCurrentOne()
    {
        var emails = new ReminderEmails(ReminderTestBase.Links);
        var subject = new ReminderSubject(ReminderKind.TaskOverdue, Guid.Parse("0199a000-0000-7000-8000-000000000001"), "2025-0042", "Diallo, <Aminata>",
            "CV & lettre", new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 3));
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-CA");
        try
        {
            var email = emails.OneReminder("Marie Tremblay", ReminderTexts.CultureOf("fr-CA"), subject);

            Assert.Equal("Rappel : Tâche en retard · 2025-0042", email.Subject);
            Assert.StartsWith("Bonjour Marie Tremblay,", email.Text, StringComparison.Ordinal);
            Assert.Contains("la tâche « CV & lettre » est en retard (échéance le 2026-04-02)", email.Text, StringComparison.Ordinal);
            Assert.Contains("Ouvrir le dossier : http://casemanager.test/households/0199a000-0000-7000-8000-000000000001", email.Text, StringComparison.Ordinal);
            Assert.Contains("Diallo, &lt;Aminata&gt;", email.Html, StringComparison.Ordinal);
            Assert.Contains("CV &amp; lettre", email.Html, StringComparison.Ordinal);
            Assert.Contains("http://casemanager.test/account/preferences", email.Text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData(null, "fr-CA")]
    [InlineData("fr-CA", "fr-CA")]
    [InlineData("en-CA", "en-CA")]
    [InlineData("en", "en-CA")]
    [InlineData("de-DE", "fr-CA")]
    public void CultureOf_FollowsThePersonFrenchWhenInDoubt(string? preferred, string expected) =>
        Assert.Equal(expected, ReminderTexts.CultureOf(preferred).Name);

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet();
}
