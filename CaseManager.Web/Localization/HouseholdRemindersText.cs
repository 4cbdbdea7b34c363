using System.Globalization;
using System.Resources;

namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of the household's reminders (emails, text messages), of their rules' settings and of
/// their lines on the timeline: HouseholdRemindersText.resx is French (Québec), the neutral language;
/// HouseholdRemindersText.en.resx is English.
/// </summary>
public sealed class HouseholdRemindersText
{
    private static readonly ResourceManager Resources = new(typeof(HouseholdRemindersText));

    public static string Get(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No text {key} in HouseholdRemindersText.");

    public static string Format(string key, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Get(key, culture), arguments);
}
