using System.Net;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Sessions;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using Ical.Net;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Sessions;

public sealed class SessionCalendarTests(DatabaseFixture database) : SessionTestBase(database)
{
    private CaseManagerAppFactory? _app;

    [Fact]
    public async Task SessionIcsAsync_ParsedBack_HasTheTitlePlaceAndMontrealTimes()
    {
        var session = await PlanAsync();

        var ics = await Calendar.SessionIcsAsync(session);

        var calendar = Ical.Net.Calendar.Load(ics)!;
        var calendarEvent = Assert.Single(calendar.Events);
        Assert.Equal("Vivre au Bas-Saint-Laurent", calendarEvent.Summary);
        Assert.Equal("1100, rue Sainte-Catherine Ouest, Montréal", calendarEvent.Location);
        Assert.Equal("America/Montreal", calendarEvent.Start!.TzId);
        Assert.Equal(new DateTime(2025, 11, 19, 18, 0, 0), calendarEvent.Start.Value);
        Assert.Equal(new DateTime(2025, 11, 19, 20, 0, 0), calendarEvent.End!.Value);
        Assert.Equal(NextWeek.UtcDateTime, calendarEvent.Start.AsUtc);
        Assert.Contains(calendar.TimeZones, tz => tz.TzId == "America/Montreal");
    }

    [Fact]
    public async Task SessionIcsAsync_PartnerOfAnotherOrganization_IsRefused()
    {
        var session = await PlanAsync(10, null, Sherbrooke.Id);
        Current.User = await PartnerUserAsync(Rimouski, "Annie Gauthier");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Calendar.SessionIcsAsync(session));
    }

    [Fact]
    public async Task FeedAsync_WithTheCounsellorsSecret_ListsTheSessionsOfTheirHouseholdsOnly()
    {
        var mine = await PlanAsync(10, NextWeek);
        var paulsOnly = await PlanAsync(10, NextWeek.AddDays(2));
        await Sessions.RegisterAsync(mine, (await HouseholdAsync(Marie, "Diallo")).Id);
        Current.User = Paul;
        await Sessions.RegisterAsync(paulsOnly, (await HouseholdAsync(Paul, "Okafor")).Id);
        Current.User = Marie;

        var url = await Calendar.RegenerateFeedAsync();
        var token = Token(url);

        var calendar = Ical.Net.Calendar.Load((await Calendar.FeedAsync(token))!)!;
        Assert.Equal([$"session-{mine}@casemanager"], calendar.Events.Select(e => e.Uid));
        Assert.Null(await Calendar.FeedAsync(token + "x"));
        Assert.Null(await Calendar.FeedAsync("wrong"));
        await using var db = Database.CreateDbContext();
        Assert.DoesNotContain(token, (await db.CalendarFeedTokens.SingleAsync()).TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegenerateAndRevoke_OldSecretStopsWorking()
    {
        var first = Token(await Calendar.RegenerateFeedAsync());
        var second = Token(await Calendar.RegenerateFeedAsync());

        Assert.NotEqual(first, second);
        Assert.Null(await Calendar.FeedAsync(first));
        Assert.NotNull(await Calendar.FeedAsync(second));
        Assert.True((await Calendar.FeedStatusAsync()).Exists);

        await Calendar.RevokeFeedAsync();

        Assert.Null(await Calendar.FeedAsync(second));
        Assert.False((await Calendar.FeedStatusAsync()).Exists);
    }

    [Fact]
    public async Task FeedOverHttp_RightSecretServesTheCalendarAnonymously_WrongSecretIs404()
    {
        var session = await PlanAsync(10, NextWeek);
        await Sessions.RegisterAsync(session, (await HouseholdAsync(Marie, "Diallo")).Id);
        var path = (await Calendar.RegenerateFeedAsync()).AbsolutePath;
        _app = new CaseManagerAppFactory(Database.ConnectionString, Time);
        using var client = _app.CreateBrowserlikeClient();

        var right = await client.GetAsync(path);
        var wrong = await client.GetAsync("/calendar/feed/not-the-secret.ics");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("text/calendar", right.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Vivre au Bas-Saint-Laurent", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }

    [Fact]
    public async Task SweepTwice_DayBeforeTheSession_OneReminderTheCounsellorToldAndTheHouseholdEmailedInEnglish()
    {
        await DisableAllRulesBut(ReminderKind.SessionTomorrow);
        var session = await PlanAsync(10, AppClock.FromLocal(FixedContext.Today.AddDays(1), new TimeOnly(9, 30)));
        var household = await HouseholdAsync(Marie, "Okafor", "ngozi.okafor@mail.test", CaseManager.Domain.Households.Stage.InfoSession, "yo", "en");
        await Sessions.RegisterAsync(session, household.Id);

        var first = await Sweep.RunAsync(CancellationToken.None);
        var second = await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first, second));
        var reminder = Assert.Single(await RemindersAsync());
        Assert.Equal((ReminderKind.SessionTomorrow, FixedContext.Today, FixedContext.Today.AddDays(1)), (reminder.Kind, reminder.DueOn, reminder.SubjectOn));
        Assert.Equal($"SessionTomorrow:{reminder.SubjectId}:2025-11-13", reminder.DedupKey);
        Assert.Single(await NotificationsAsync(), n => n.UserId == Marie.Id && n.Kind == ReminderKind.SessionTomorrow);
        await using var db = Database.CreateDbContext();
        var email = Assert.Single(await db.OutgoingEmails.Where(e => e.ToAddress == "ngozi.okafor@mail.test").ToListAsync());
        Assert.Equal("Reminder: information session “Vivre au Bas-Saint-Laurent” on 2025-11-13", email.Subject);
        Assert.Contains("9:30 AM", email.TextBody, StringComparison.Ordinal);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private static string Token(Uri url) => url.Segments[^1].Replace(".ics", "", StringComparison.Ordinal);
}
