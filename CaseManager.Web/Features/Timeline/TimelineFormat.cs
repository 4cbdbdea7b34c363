using CaseManager.Domain.Plans;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Features.Timeline;

/// <summary>Words shared by the timeline and "Ma semaine": when something falls due, who is to do it.</summary>
public static class TimelineFormat
{
    /// <summary>"aujourd'hui", "demain", "dans 5 j", "en retard de 3 j", from the program's calendar day.</summary>
    public static string Due(IStringLocalizer<TimelineText> text, DateOnly day, DateOnly today)
    {
        var days = day.DayNumber - today.DayNumber;
        return days switch
        {
            < 0 => text["Due.OverdueBy", -days],
            0 => text["Due.Today"],
            1 => text["Due.Tomorrow"],
            _ => text["Due.InDays", days],
        };
    }

    public static string Owner(IStringLocalizer<TimelineText> text, TaskOwner owner) => text[$"TaskOwner.{owner}"];

    public static string OwnerIcon(TaskOwner owner) => owner switch
    {
        TaskOwner.Household => MudBlazor.Icons.Material.Outlined.Groups,
        TaskOwner.Counsellor => MudBlazor.Icons.Material.Outlined.SupportAgent,
        TaskOwner.RegionalPartner => MudBlazor.Icons.Material.Outlined.Apartment,
    };

    /// <summary>« Mettre le CV à jour » in French, “Update the résumé” in English.</summary>
    public static string Quoted(IStringLocalizer<TimelineText> text, string? title) => text["Quoted", title ?? ""];

    public static string QuotedList(IStringLocalizer<TimelineText> text, IEnumerable<string> titles) =>
        string.Join(", ", titles.Select(t => Quoted(text, t)));
}
