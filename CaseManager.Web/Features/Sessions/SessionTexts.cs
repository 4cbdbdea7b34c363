using CaseManager.Domain.Common;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Sessions;

/// <summary>Words and colours of sessions, registrations and attendance, in the person's language.</summary>
public static class SessionTexts
{
    public static string Status(this IStringLocalizer<SessionsText> text, SessionStatus status) => status switch
    {
        SessionStatus.Scheduled => text["SessionStatus.Scheduled"],
        SessionStatus.Held => text["SessionStatus.Held"],
        SessionStatus.Cancelled => text["SessionStatus.Cancelled"],
    };

    public static Color StatusColor(SessionStatus status) => status switch
    {
        SessionStatus.Scheduled => Color.Info,
        SessionStatus.Held => Color.Success,
        SessionStatus.Cancelled => Color.Error,
    };

    public static string Registration(this IStringLocalizer<SessionsText> text, RegistrationStatus status) => status switch
    {
        RegistrationStatus.Registered => text["RegistrationStatus.Registered"],
        RegistrationStatus.WaitListed => text["RegistrationStatus.WaitListed"],
        RegistrationStatus.Cancelled => text["RegistrationStatus.Cancelled"],
    };

    public static string Attendance(this IStringLocalizer<SessionsText> text, Attendance? attendance) => attendance switch
    {
        null => text["Attendance.None"],
        Domain.Sessions.Attendance.Present => text["Attendance.Present"],
        Domain.Sessions.Attendance.Absent => text["Attendance.Absent"],
        Domain.Sessions.Attendance.Excused => text["Attendance.Excused"],
        _ => throw new ArgumentOutOfRangeException(nameof(attendance), attendance, null),
    };

    public static string Format(this IStringLocalizer<SessionsText> text, SessionFormat format) => format switch
    {
        SessionFormat.InPerson => text["SessionFormat.InPerson"],
        SessionFormat.Online => text["SessionFormat.Online"],
    };

    /// <summary>"Français", "Anglais"… for the languages sessions are given in; the code itself otherwise.</summary>
    public static string Language(this IStringLocalizer<SessionsText> text, string code)
    {
        var found = text[$"Language.{code}"];
        return found.ResourceNotFound ? code : found.Value;
    }

    /// <summary>The session languages offered in the form.</summary>
    public static readonly string[] Languages = ["fr", "en", "es", "ar"];

    /// <summary>"2025-11-19 18 h 00 – 20 h 00" in Montréal time.</summary>
    public static string When(DateTimeOffset startsAt, int durationMinutes) =>
        $"{LocalizerExtensions.Moment(startsAt)} – {TimeOnlyOf(startsAt.AddMinutes(durationMinutes))}";

    public static string TimeOnlyOf(DateTimeOffset instant) =>
        SessionEmails.TimeOfDay(instant, System.Globalization.CultureInfo.CurrentUICulture);

    /// <summary>A refusal of a session or partner rule in words ("Session.*", "Partner.*" are keys of SessionsText).</summary>
    public static string Describe(this IStringLocalizer<SessionsText> text, IStringLocalizer common, IEnumerable<Refusal> refusals) =>
        string.Join(" ", refusals.Select(r => r.Code.StartsWith("Session.", StringComparison.Ordinal) || r.Code.StartsWith("Partner.", StringComparison.Ordinal)
            ? text[r.Code, r.Arguments].Value
            : common.Describe(r)));
}
