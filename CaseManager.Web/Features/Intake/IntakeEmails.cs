using System.Globalization;
using System.Resources;
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
        return ParagraphEmail.Compose(subject, lines, Text("Email.Confirmation.Signature", culture), culture);
    }

    public static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No text {key} in IntakeText.");

    private static string Format(string key, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Text(key, culture), arguments);
}
