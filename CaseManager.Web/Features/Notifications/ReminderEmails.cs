using System.Globalization;
using System.Net;
using System.Text;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.Notifications;

/// <summary>An email ready for the outbox: plain text and simple HTML saying the same.</summary>
public sealed record ComposedEmail(string Subject, string Text, string Html);

/// <summary>
/// Writes the reminder emails in the recipient's language: one reminder, or the daily digest.
/// Each reminder carries a link to its file at the application's public address.
/// </summary>
public sealed class ReminderEmails(AppLinks links)
{
    public ComposedEmail OneReminder(string recipientName, CultureInfo culture, ReminderSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var title = ReminderTexts.Format("Email.Subject", culture, ReminderTexts.Title(subject.Kind, culture), subject.FileNumber);
        return Compose(title, recipientName, culture, ReminderTexts.Text("Email.Intro", culture), [subject]);
    }

    public ComposedEmail Digest(string recipientName, CultureInfo culture, DateOnly day, IReadOnlyList<ReminderSubject> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var title = ReminderTexts.Format("Email.Digest.Subject", culture, LocalizerExtensions.Day(day), subjects.Count);
        return Compose(title, recipientName, culture, ReminderTexts.Text("Email.Digest.Intro", culture), subjects);
    }

    private ComposedEmail Compose(string subjectLine, string recipientName, CultureInfo culture, string intro, IReadOnlyList<ReminderSubject> subjects)
    {
        var greeting = ReminderTexts.Format("Email.Greeting", culture, recipientName);
        var open = ReminderTexts.Text("Email.OpenFile", culture);
        var footer = ReminderTexts.Format("Email.Footer", culture, links.Preferences);

        var text = new StringBuilder();
        text.Append(greeting).Append("\n\n").Append(intro).Append("\n\n");
        foreach (var subject in subjects)
        {
            text.Append("- ").Append(ReminderTexts.Line(subject, culture)).Append('\n')
                .Append("  ").Append(ReminderTexts.Format("Email.OpenFileLink", culture, LinkFor(subject))).Append("\n\n");
        }

        text.Append("-- \n").Append(footer).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(culture.TwoLetterISOLanguageName).Append("\"><body style=\"font-family:sans-serif\">")
            .Append("<p>").Append(Encode(greeting)).Append("</p><p>").Append(Encode(intro)).Append("</p><ul>");
        foreach (var subject in subjects)
        {
            html.Append("<li><p>").Append(Encode(ReminderTexts.Line(subject, culture))).Append("<br><a href=\"")
                .Append(Encode(LinkFor(subject).ToString())).Append("\">").Append(Encode(open)).Append("</a></p></li>");
        }

        html.Append("</ul><p style=\"color:#666;font-size:small\">")
            .Append(Encode(ReminderTexts.Format("Email.Footer", culture, "")))
            .Append("<a href=\"").Append(Encode(links.Preferences.ToString())).Append("\">").Append(Encode(links.Preferences.ToString())).Append("</a>")
            .Append("</p></body></html>");
        return new ComposedEmail(subjectLine, text.ToString(), html.ToString());
    }

    /// <summary>A subsidy application to review links to the review queue (reviewers do not open files); everything else to its file.</summary>
    private Uri LinkFor(ReminderSubject subject) =>
        subject.Kind is Domain.Reminders.ReminderKind.SubsidySubmitted or Domain.Reminders.ReminderKind.SubsidyReviewOverdue
            or Domain.Reminders.ReminderKind.SubsidyReviewEscalation
            ? links.SubsidyReview
            : links.Household(subject.HouseholdId);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
