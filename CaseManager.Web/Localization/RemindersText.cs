namespace CaseManager.Web.Localization;

/// <summary>
/// The reminders' texts, in the bell and in the emails: RemindersText.resx is French (Québec), the
/// neutral language; RemindersText.en.resx is English. Emails are written in the recipient's
/// language, not the ambient one: see <see cref="Features.Notifications.ReminderTexts"/>.
/// </summary>
public sealed class RemindersText;
