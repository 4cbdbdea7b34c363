using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Localization;

namespace CaseManager.Tests.Web.Localization;

/// <summary>Every text of the sessions and partners exists in French and in English, with the same placeholders.</summary>
public sealed partial class SessionsTextTests
{
    private static readonly ResourceManager Resources = new(typeof(SessionsText));

    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void SessionsText_FrenchAndEnglish_HaveTheSameKeysPlaceholdersAndNoEmptyText()
    {
        var french = Entries(CultureInfo.InvariantCulture);
        var english = Entries(CultureInfo.GetCultureInfo("en"));

        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(french.Keys));
        Assert.DoesNotContain(french, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(french.Keys, key => !Placeholders(french[key]).SetEquals(Placeholders(english[key])));
    }

    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>
        {
            "Session.TitleRequired", "Session.TextTooLong", "Session.RegionRequired", "Session.DurationOutOfRange", "Session.CapacityOutOfRange",
            "Session.LanguageRequired", "Session.AddressRequired", "Session.LinkRequired", "Session.LinkInvalid", "Session.StartInPast",
            "Session.CapacityBelowRegistered", "Session.AlreadyStarted", "Session.AlreadyRegistered", "Session.RegistrationAlreadyCancelled",
            "Session.Cancelled", "Session.AlreadyHeld", "Session.AttendanceBeforeStart", "Session.AttendanceNeedsSeat", "Session.RegistrationNotFound",
            "Session.CancellationReasonRequired", "Session.HouseholdNotActive", "Session.UnknownRegion", "Session.UnknownPartner",
            "Partner.NameRequired", "Partner.TextTooLong", "Partner.RegionRequired", "Partner.ContactNameRequired", "Partner.EmailInvalid",
            "Partner.PhoneInvalid", "Partner.UnknownRegion",
        };
        foreach (var value in Enum.GetValues<SessionStatus>())
        {
            keys.Add($"SessionStatus.{value}");
        }

        foreach (var value in Enum.GetValues<RegistrationStatus>())
        {
            keys.Add($"RegistrationStatus.{value}");
        }

        foreach (var value in Enum.GetValues<Attendance>())
        {
            keys.Add($"Attendance.{value}");
        }

        foreach (var value in Enum.GetValues<SessionFormat>())
        {
            keys.Add($"SessionFormat.{value}");
        }

        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void SessionsText_CodeOrEnumKey_HasFrenchAndEnglishText(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("fr-CA"))), $"No French text for {key}");
        Assert.False(string.IsNullOrWhiteSpace(Resources.GetString(key, CultureInfo.GetCultureInfo("en-CA"))), $"No English text for {key}");
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
