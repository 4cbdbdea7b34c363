using System.Globalization;
using System.Net;
using System.Text;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>What a household reminder speaks of, read by the delivery job.</summary>
public sealed record HouseholdReminderFacts(
    HouseholdReminderKind Kind,
    string HouseholdName,
    IReadOnlyList<string> Languages,
    DateOnly SubjectOn,
    string? Title = null,
    DateTimeOffset? StartsAt = null,
    string? Place = null);

/// <summary>
/// The emails and text messages of the household's reminders, in the household's language (French when it
/// speaks French, English when it speaks English and not French: <see cref="SessionEmails.CultureOf"/>).
/// A text message is kept short: one sentence, the personal link, and the STOP hint when it still fits in
/// one message (160 characters).
/// </summary>
public static class HouseholdReminderMessages
{
    /// <summary>One text message of the GSM alphabet.</summary>
    public const int SingleMessageLength = 160;

    /// <summary>A title in a text message is cut to this many characters.</summary>
    public const int TitleInTextLength = 40;

    public static CultureInfo CultureOf(IReadOnlyList<string> languages) => SessionEmails.CultureOf(languages);

    public static string TextMessage(HouseholdReminderFacts facts, Uri link)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(link);
        var culture = CultureOf(facts.Languages);
        var title = Cut(facts.Title, TitleInTextLength);
        var text = HouseholdRemindersText.Format($"Sms.{facts.Kind}", culture, Arguments(facts, culture, title)) + " " + link.AbsoluteUri;
        var hint = " " + HouseholdRemindersText.Get("Sms.StopHint", culture);
        return text.Length + hint.Length <= SingleMessageLength ? text + hint : text;
    }

    public static ComposedEmail Email(HouseholdReminderFacts facts, Uri link)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(link);
        var culture = CultureOf(facts.Languages);
        var arguments = Arguments(facts, culture, facts.Title ?? "");
        var subject = HouseholdRemindersText.Format($"Email.{facts.Kind}.Subject", culture, arguments);
        var lines = new List<string>
        {
            HouseholdRemindersText.Format("Email.Greeting", culture, facts.HouseholdName),
            HouseholdRemindersText.Format($"Email.{facts.Kind}.Body", culture, arguments),
            HouseholdRemindersText.Format("Email.Link", culture, link.AbsoluteUri),
            HouseholdRemindersText.Get("Email.Closing", culture),
        };
        var signature = HouseholdRemindersText.Get("Email.Signature", culture);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append("\n\n");
        }

        text.Append("-- \n").Append(signature).Append('\n').Append(HouseholdRemindersText.Get("Email.Why", culture)).Append('\n');
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(culture.TwoLetterISOLanguageName).Append("\"><body style=\"font-family:sans-serif\">");
        foreach (var line in lines)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link.AbsoluteUri)).Append("\">")
            .Append(WebUtility.HtmlEncode(HouseholdRemindersText.Get("Email.Button", culture))).Append("</a></p>");
        html.Append("<p style=\"color:#666;font-size:small\">").Append(WebUtility.HtmlEncode(signature)).Append("<br>")
            .Append(WebUtility.HtmlEncode(HouseholdRemindersText.Get("Email.Why", culture))).Append("</p></body></html>");
        return new ComposedEmail(subject, text.ToString(), html.ToString());
    }

    /// <summary>{0} the title, {1} the day (2026-04-02), {2} the time of day (14 h 30 / 2:30 PM), {3} the place.</summary>
    private static object?[] Arguments(HouseholdReminderFacts facts, CultureInfo culture, string title) =>
    [
        title,
        facts.SubjectOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        facts.StartsAt is { } starts ? SessionEmails.TimeOfDay(starts, culture) : "",
        facts.Place ?? "",
    ];

    private static string Cut(string? text, int length) =>
        string.IsNullOrEmpty(text) ? "" : text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";
}
