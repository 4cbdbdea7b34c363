using System.Globalization;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;

namespace CaseManager.Web.Features.Sessions;

public enum CalendarMode
{
    Month,
    Week,
}

public sealed partial class SessionCalendarView
{
    private DateOnly _anchor;
    private IReadOnlyList<SessionRow>? _sessions;
    private string? _error;

    [Parameter]
    public CalendarMode Mode { get; set; }

    [Parameter, EditorRequired]
    public ReferenceLists Lists { get; set; } = default!;

    /// <summary>The day the view opens on; today (Montréal) when not given.</summary>
    [Parameter]
    public DateOnly? Start { get; set; }

    private DateOnly First => Mode switch
    {
        CalendarMode.Month => MondayOf(new DateOnly(_anchor.Year, _anchor.Month, 1)),
        CalendarMode.Week => MondayOf(_anchor),
    };

    private IEnumerable<DateOnly> Days => Enumerable.Range(0, Mode == CalendarMode.Month ? 42 : 7).Select(First.AddDays);

    private string Title => Mode switch
    {
        CalendarMode.Month => CultureInfo.CurrentCulture.TextInfo.ToTitleCase(_anchor.ToString("MMMM yyyy", CultureInfo.CurrentCulture)),
        CalendarMode.Week => S["Calendar.WeekOf", LocalizerExtensions.Day(First), LocalizerExtensions.Day(First.AddDays(6))],
    };

    protected override async Task OnInitializedAsync()
    {
        _anchor = Start ?? Clock.Today;
        await LoadAsync();
    }

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static string DayName(DateOnly day) =>
        CultureInfo.CurrentCulture.TextInfo.ToTitleCase(CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedDayName(day.DayOfWeek));

    private async Task LoadAsync()
    {
        try
        {
            _sessions = await Sessions.CalendarAsync(First, Days.Last());
            _error = null;
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
    }

    private Task MoveAsync(int step)
    {
        _anchor = Mode == CalendarMode.Month ? _anchor.AddMonths(step) : _anchor.AddDays(7 * step);
        return LoadAsync();
    }

    private Task TodayAsync()
    {
        _anchor = Clock.Today;
        return LoadAsync();
    }
}
