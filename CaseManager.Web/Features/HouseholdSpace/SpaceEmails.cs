using System.Globalization;
using System.Resources;
using CaseManager.Data.Entities;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.HouseholdSpace;

/// <summary>The household's emails (in its language) and the journal's lines about its space (in the program's language, French).</summary>
public static class SpaceEmails
{
    private static readonly ResourceManager Resources = new(typeof(SpaceText));

    internal static OutgoingEmail Link(string address, string firstName, IssuedLink link, CultureInfo culture, string dedupKey, DateTimeOffset now)
    {
        var composed = ParagraphEmail.Compose(
            Text("Email.Link.Subject", culture),
            [
                Format("Email.Link.Greeting", culture, firstName),
                Text("Email.Link.Intro", culture),
                link.Address.AbsoluteUri,
                Format("Email.Link.Validity", culture, LocalizerExtensions.Day(Infrastructure.AppClock.DateOf(link.ExpiresAt)),
                    Infrastructure.AppClock.ToLocal(link.ExpiresAt).ToString("HH' h 'mm", CultureInfo.InvariantCulture)),
                Text("Email.Link.NotYou", culture),
            ],
            Text("Email.Link.Signature", culture),
            culture);
        return new OutgoingEmail
        {
            Id = Guid.CreateVersion7(now),
            ToAddress = address,
            Subject = composed.Subject,
            TextBody = composed.Text,
            HtmlBody = composed.Html,
            DedupKey = dedupKey,
            CreatedAt = now,
        };
    }

    /// <summary>A line of the file's journal, in French like the other lines the system writes.</summary>
    public static string JournalLine(string key, params object?[] arguments)
    {
        var french = CultureInfo.GetCultureInfo(AppCultures.French);
        return string.Format(french, Text(key, french), arguments);
    }

    public static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No text {key} in SpaceText.");

    private static string Format(string key, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Text(key, culture), arguments);
}
