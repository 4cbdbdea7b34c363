using System.Collections;
using System.Globalization;
using System.Resources;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Localization;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every text of the admin pages exists in French and in English, with the same placeholders.</summary>
public sealed class AdminTextTests
{
    private static readonly ResourceManager Resources = new(typeof(AdminText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void AdminText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
    {
        var french = Entries(CultureInfo.InvariantCulture);
        var english = Entries(CultureInfo.GetCultureInfo("en"));

        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.DoesNotContain(french, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(english, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(french.Keys, key => !Placeholders(french[key]).SetEquals(Placeholders(english[key])));
    }

    /// <summary>The codes the admin services raise, and the keys the pages build from enum values.</summary>
    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>
        {
            "User.EmailRequired", "User.EmailInvalid", "User.EmailTaken", "User.DisplayNameRequired", "User.DisplayNameTooLong",
            "User.RoleRequired", "User.UnknownRole", "User.OrganizationRequired", "User.UnknownOrganization", "User.PartnerRequired", "User.UnknownPartner", "User.PasswordRequired",
            "User.CannotDeactivateSelf", "User.CannotRemoveOwnAdmin", "User.IdentityError",
            "Password.TooShort", "Password.RequiresDigit", "Password.RequiresLower", "Password.RequiresUpper",
            "Password.RequiresNonAlphanumeric", "Password.RequiresUniqueChars",
            "Reminders.DelayOutOfRange", "Reminders.DelayOutOfRangeMonths",
            "Reports.TargetOutOfRange",
        };
        foreach (var kind in ReminderRule.RuleKinds)
        {
            keys.Add($"Reminders.Rule.{kind}.Title");
            keys.Add($"Reminders.Rule.{kind}.Summary");
        }

        foreach (var audience in Enum.GetValues<ReminderAudience>())
        {
            keys.Add($"Reminders.Audience.{audience}");
            keys.Add($"Reminders.Who.{audience}");
        }

        foreach (var status in Enum.GetValues<UserStatusFilter>())
        {
            keys.Add($"Users.Status.{status}");
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void AdminText_CodeOrEnumKey_HasFrenchAndEnglishText(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("fr-CA"))), $"No French text for {key}");
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("en-CA"))), $"No English text for {key}");
    }

    [Fact]
    public void AdminText_InFrench_UsesQuebecWords()
    {
        var french = Entries(CultureInfo.InvariantCulture);

        Assert.Equal("Courriel", french["Users.Column.Email"]);
        Assert.DoesNotContain(french.Values, text => text.Contains("e-mail", StringComparison.OrdinalIgnoreCase) || text.Contains("mail ", StringComparison.Ordinal));
    }

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet();
}
