using System.Globalization;
using System.Resources;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.Notifications;

/// <summary>What a reminder is about, as its sentence names it.</summary>
public sealed record ReminderSubject(
    ReminderKind Kind, Guid HouseholdId, string FileNumber, string HouseholdName, string? TaskTitle, DateOnly SubjectOn, DateOnly DueOn);

/// <summary>
/// A reminder's sentences in a given language, read from RemindersText with that culture (an
/// email goes out in its recipient's language, whatever the language of the request or job).
/// </summary>
public static class ReminderTexts
{
    private static readonly ResourceManager Resources = new(typeof(RemindersText));

    /// <summary>fr-CA or en-CA, from a person's preference ("fr-CA" when unknown).</summary>
    public static CultureInfo CultureOf(string? preferredCulture) => CultureInfo.GetCultureInfo(AppCultures.Normalize(preferredCulture));

    public static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No text {key} in RemindersText.");

    public static string Format(string key, CultureInfo culture, params object?[] arguments) =>
        string.Format(culture, Text(key, culture), arguments);

    /// <summary>The kind's short title: "Tâche en retard", "Suivi à 3 mois"…</summary>
    public static string Title(ReminderKind kind, CultureInfo culture) => Text($"Kind.{Key(kind)}", culture);

    /// <summary>"2025-0012 · Diallo, Aminata : la tâche « Visiter Rimouski » est à faire d'ici le 2026-04-02."</summary>
    public static string Line(ReminderSubject subject, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(subject);
        // A rights request need not be linked to a file: its sentence then names none.
        var key = subject.Kind == ReminderKind.RightsRequestOverdue && subject.FileNumber.Length == 0
            ? "Line.RightsRequestOverdue.NoFile"
            : $"Line.{Key(subject.Kind)}";
        return Format(key, culture,
            subject.FileNumber, subject.HouseholdName, subject.TaskTitle ?? "", LocalizerExtensions.Day(subject.SubjectOn), LocalizerExtensions.Day(subject.DueOn));
    }

    /// <summary>The resource key of each kind: a new kind does not compile until it has its texts.</summary>
    private static string Key(ReminderKind kind) => kind switch
    {
        ReminderKind.TaskDueSoon => nameof(ReminderKind.TaskDueSoon),
        ReminderKind.TaskOverdue => nameof(ReminderKind.TaskOverdue),
        ReminderKind.NoContact => nameof(ReminderKind.NoContact),
        ReminderKind.NoContactEscalation => nameof(ReminderKind.NoContactEscalation),
        ReminderKind.TargetMoveDateSoon => nameof(ReminderKind.TargetMoveDateSoon),
        ReminderKind.HoldReviewDue => nameof(ReminderKind.HoldReviewDue),
        ReminderKind.RetentionThreeMonths => nameof(ReminderKind.RetentionThreeMonths),
        ReminderKind.RetentionSixMonths => nameof(ReminderKind.RetentionSixMonths),
        ReminderKind.RetentionTwelveMonths => nameof(ReminderKind.RetentionTwelveMonths),
        ReminderKind.StayDebriefDue => nameof(ReminderKind.StayDebriefDue),
        ReminderKind.FileAssigned => nameof(ReminderKind.FileAssigned),
        ReminderKind.FileReassignedAway => nameof(ReminderKind.FileReassignedAway),
        ReminderKind.SessionTomorrow => nameof(ReminderKind.SessionTomorrow),
        ReminderKind.SessionCancelled => nameof(ReminderKind.SessionCancelled),
        ReminderKind.SessionSeatGranted => nameof(ReminderKind.SessionSeatGranted),
        ReminderKind.RightsRequestOverdue => nameof(ReminderKind.RightsRequestOverdue),
        ReminderKind.SubsidySubmitted => nameof(ReminderKind.SubsidySubmitted),
        ReminderKind.SubsidyInformationRequested => nameof(ReminderKind.SubsidyInformationRequested),
        ReminderKind.SubsidyApproved => nameof(ReminderKind.SubsidyApproved),
        ReminderKind.SubsidyRefused => nameof(ReminderKind.SubsidyRefused),
        ReminderKind.SubsidyReviewOverdue => nameof(ReminderKind.SubsidyReviewOverdue),
        ReminderKind.SubsidyReviewEscalation => nameof(ReminderKind.SubsidyReviewEscalation),
        ReminderKind.ResourceVerificationDue => nameof(ReminderKind.ResourceVerificationDue),
        ReminderKind.HouseholdMessage => nameof(ReminderKind.HouseholdMessage),
        ReminderKind.HouseholdDetailsChanged => nameof(ReminderKind.HouseholdDetailsChanged),
    };
}
