using System.Globalization;
using System.Net;
using System.Text;

namespace CaseManager.Web.Features.Notifications;

/// <summary>An email of a few paragraphs and a signature, as plain text and as HTML (every line encoded).</summary>
public static class ParagraphEmail
{
    public static ComposedEmail Compose(string subject, IReadOnlyList<string> paragraphs, string signature, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        ArgumentNullException.ThrowIfNull(culture);
        var text = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        text.Append("-- \n").Append(signature).Append('\n');
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(culture.TwoLetterISOLanguageName).Append("\"><body style=\"font-family:sans-serif\">");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        }

        html.Append("<p style=\"color:#666;font-size:small\">").Append(WebUtility.HtmlEncode(signature)).Append("</p></body></html>");
        return new ComposedEmail(subject, text.ToString(), html.ToString());
    }
}
