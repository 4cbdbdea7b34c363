using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.Sessions;

/// <summary>What a household's email about a session names.</summary>
public sealed record SessionEmailSubject(
    string HouseholdName, IReadOnlyList<string> HouseholdLanguages, string Title, DateTimeOffset StartsAt, int DurationMinutes,
    SessionFormat Format, string? Address, string? OnlineLink, string? CancellationReason);

/// <summary>
/// The emails a household receives about a session (the day-before reminder, a seat freed from the waiting list, a cancellation), in
/// the household's language. A household's language is read from its profile's spoken languages
/// (<c>Household.Languages</c>): French when it speaks French, English when it speaks English but
/// not French, French otherwise (the program's language).
/// </summary>
public static class SessionEmails
{
    private static readonly ResourceManager Resources = new(typeof(SessionsText));

    public static CultureInfo CultureOf(IReadOnlyList<string> languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var english = languages.Any(l => l.Equals("en", StringComparison.OrdinalIgnoreCase)) &&
                      !languages.Any(l => l.Equals("fr", StringComparison.OrdinalIgnoreCase));
        return CultureInfo.GetCultureInfo(english ? AppCultures.English : AppCultures.French);
    }

    public static ComposedEmail Reminder(SessionEmailSubject subject) => Compose(subject, "Email.Reminder");

    public static ComposedEmail Cancelled(SessionEmailSubject subject) => Compose(subject, "Email.Cancelled");

    /// <summary>The household moved up from the waiting list to a seat.</summary>
    public static ComposedEmail SeatGranted(SessionEmailSubject subject) => Compose(subject, "Email.SeatGranted");

    /// <summary>"14 h 30" in French, "2:30 PM" in English: in Montréal.</summary>
    public static string TimeOfDay(DateTimeOffset instant, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var local = AppClock.ToLocal(instant);
        return culture.TwoLetterISOLanguageName == "fr"
            ? local.ToString("HH' h 'mm", CultureInfo.InvariantCulture)
            : local.ToString("h:mm tt", CultureInfo.GetCultureInfo("en-US"));
    }

    private static ComposedEmail Compose(SessionEmailSubject subject, string prefix)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var culture = CultureOf(subject.HouseholdLanguages);
        var day = LocalizerExtensions.Day(AppClock.DateOf(subject.StartsAt));
        var time = TimeOfDay(subject.StartsAt, culture);
        var title = Format($"{prefix}.Subject", culture, subject.Title, day);
        var lines = new List<string>
        {
            Format("Email.Greeting", culture, subject.HouseholdName),
            Format($"{prefix}.Intro", culture, subject.Title, day, time, subject.DurationMinutes),
        };
        if (prefix == "Email.Cancelled" && !string.IsNullOrWhiteSpace(subject.CancellationReason))
        {
            lines.Add(Format("Email.Cancelled.Reason", culture, subject.CancellationReason));
        }

        if (prefix is "Email.Reminder" or "Email.SeatGranted")
        {
            lines.Add(subject.Format switch
            {
                SessionFormat.InPerson => Format("Email.Reminder.Address", culture, subject.Address ?? ""),
                SessionFormat.Online => Format("Email.Reminder.Link", culture, subject.OnlineLink ?? ""),
            });
        }

        lines.Add(Text($"{prefix}.Closing", culture));
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append("\n\n");
        }

        text.Append("-- \n").Append(Text("Email.Signature", culture)).Append('\n');
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(culture.TwoLetterISOLanguageName).Append("\"><body style=\"font-family:sans-serif\">");
        foreach (var line in lines)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        html.Append("<p style=\"color:#666;font-size:small\">").Append(WebUtility.HtmlEncode(Text("Email.Signature", culture))).Append("</p></body></html>");
        return new ComposedEmail(title, text.ToString(), html.ToString());
    }

    private static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No text {key} in SessionsText.");

    private static string Format(string key, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Text(key, culture), arguments);
}
