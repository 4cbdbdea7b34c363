using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.Intake;

/// <summary>The confirmation a person receives after registering, in the language they wrote in.</summary>
public static class IntakeEmails
{
    private static readonly ResourceManager Resources = new(typeof(IntakeText));

    public static ComposedEmail Confirmation(string firstName, string reference, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var subject = Format("Email.Confirmation.Subject", culture, reference);
        string[] lines =
        [
            Format("Email.Confirmation.Greeting", culture, firstName),
            Format("Email.Confirmation.Received", culture, reference),
            Text("Email.Confirmation.Next", culture),
            Text("Email.Confirmation.Rights", culture),
        ];
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append("\n\n");
        }

        text.Append("-- \n").Append(Text("Email.Confirmation.Signature", culture)).Append('\n');
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(culture.TwoLetterISOLanguageName).Append("\"><body style=\"font-family:sans-serif\">");
        foreach (var line in lines)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        html.Append("<p style=\"color:#666;font-size:small\">").Append(WebUtility.HtmlEncode(Text("Email.Confirmation.Signature", culture))).Append("</p></body></html>");
        return new ComposedEmail(subject, text.ToString(), html.ToString());
    }

    public static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No text {key} in IntakeText.");

    private static string Format(string key, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Text(key, culture), arguments);
}
