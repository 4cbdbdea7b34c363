using Bunit;
using CaseManager.Domain.Sessions;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Admin;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Sessions;

/// <summary>
/// The sessions' month grid and week columns, in French: a session at 21 h 30 in Montréal, which
/// is the next day in UTC, sits on its Montréal day.
/// </summary>
public sealed class SessionCalendarViewTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    /// <summary>Thursday 2025-11-20, 21 h 30 in Montréal: Friday 02:30 in UTC.</summary>
    private static readonly DateTimeOffset LateEvening = AppClock.FromLocal(new DateOnly(2025, 11, 20), new TimeOnly(21, 30));

    private async Task<ReferenceLists> SetUpCalendarAsync()
    {
        await SetUpAsync();
        Services.AddSingleton<IBackgroundJobClient>(new RecordingJobClient());
        Services.AddScoped<SessionService>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Current.User = Supervisor;
        var sessions = Services.GetRequiredService<SessionService>();
        await sessions.CreateAsync(new SessionDetails(
            "Vivre au Bas-Saint-Laurent", ["01"], [], LateEvening, 90, SessionFormat.Online, null, "https://rencontres.example.org/bsl", "fr", 10));
        await sessions.CreateAsync(new SessionDetails(
            "L'Estrie, une région accueillante", ["05"], [], AppClock.FromLocal(new DateOnly(2025, 12, 17), new TimeOnly(18, 0)), 90,
            SessionFormat.InPerson, "1100, rue Sainte-Catherine Ouest", null, "fr", 10));
        Current.User = Marie;
        return await Services.GetRequiredService<ReferenceDataService>().GetAsync();
    }

    [Fact]
    public async Task MonthGrid_ShowsASessionOnItsMontrealDay()
    {
        var lists = await SetUpCalendarAsync();
        Assert.Equal(new DateOnly(2025, 11, 21), DateOnly.FromDateTime(LateEvening.UtcDateTime));

        var view = Render<SessionCalendarView>(parameters => parameters
            .Add(p => p.Mode, CalendarMode.Month).Add(p => p.Lists, lists).Add(p => p.Start, new DateOnly(2025, 11, 12)));

        view.WaitForAssertion(() => Assert.Single(view.FindAll("[data-testid=calendar-month] [data-testid=calendar-session]")));
        Assert.Equal("Novembre 2025", view.Find("[data-testid=calendar-title]").TextContent.Trim());
        Assert.Equal(42, view.FindAll("[role=gridcell]").Count);
        var day = view.Find("[data-testid=calendar-day-2025-11-20]");
        var session = day.QuerySelector("[data-testid=calendar-session]");
        Assert.NotNull(session);
        Assert.Contains("21 h 30", session.TextContent, StringComparison.Ordinal);
        Assert.Contains("Vivre au Bas-Saint-Laurent", session.TextContent, StringComparison.Ordinal);
        Assert.Empty(view.Find("[data-testid=calendar-day-2025-11-21]").QuerySelectorAll("[data-testid=calendar-session]"));

        // The next month shows the December session (outside November's six weeks), on its day.
        view.Find("[data-testid=calendar-next]").Click();
        view.WaitForAssertion(() => Assert.Contains("L'Estrie", view.Find("[data-testid=calendar-day-2025-12-17]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WeekView_ShowsTheSessionInItsDaysColumn()
    {
        var lists = await SetUpCalendarAsync();

        var view = Render<SessionCalendarView>(parameters => parameters
            .Add(p => p.Mode, CalendarMode.Week).Add(p => p.Lists, lists).Add(p => p.Start, new DateOnly(2025, 11, 20)));

        view.WaitForAssertion(() => Assert.Single(view.FindAll("[data-testid=calendar-week] [data-testid=calendar-session]")));
        var columns = view.FindAll("[role=gridcell]");
        Assert.Equal(
            ["calendar-day-2025-11-17", "calendar-day-2025-11-18", "calendar-day-2025-11-19", "calendar-day-2025-11-20", "calendar-day-2025-11-21", "calendar-day-2025-11-22", "calendar-day-2025-11-23"],
            columns.Select(c => c.GetAttribute("data-testid")));
        var thursday = columns[3];
        var session = thursday.QuerySelector("[data-testid=calendar-session]");
        Assert.NotNull(session);
        Assert.Contains("21 h 30", session.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bas-Saint-Laurent", session.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/sessions/{(await Services.GetRequiredService<SessionService>().CalendarAsync(new DateOnly(2025, 11, 20), new DateOnly(2025, 11, 20))).Single().Id}",
            session.GetAttribute("href"));
        Assert.All(columns.Where((_, i) => i != 3), c => Assert.Empty(c.QuerySelectorAll("[data-testid=calendar-session]")));
    }
}
