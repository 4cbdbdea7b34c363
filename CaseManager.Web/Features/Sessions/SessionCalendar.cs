using System.Security.Cryptography;
using System.Text;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Sessions;

/// <summary>Whether the person has a calendar feed, and since when.</summary>
public sealed record FeedStatus(bool Exists, DateTimeOffset? CreatedAt);

/// <summary>
/// Sessions as iCalendar (RFC 5545) text, times in America/Montreal: one file per session (for
/// whoever may see the session), and a feed per counsellor with the sessions of the households they
/// follow, read by calendar apps through a secret URL (they cannot sign in). Only the secret's
/// SHA-256 is stored; the URL is shown once when made; regenerating replaces it, revoking ends it.
/// </summary>
public sealed class SessionCalendar(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    SessionService sessions,
    AppClock clock,
    AppLinks links,
    ILogger<SessionCalendar> logger)
{
    public const string TimeZoneId = "America/Montreal";

    /// <summary>How far back the feed reaches: calendar apps keep what they read.</summary>
    public const int FeedDaysBack = 90;

    public async Task<string> SessionIcsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var session = await sessions.GetAsync(id, cancellationToken);
        return Serialize([new IcsSession(session.Id, session.Title, session.StartsAt, session.DurationMinutes, session.Format, session.Address, session.OnlineLink, session.Status)]);
    }

    /// <summary>The feed of the counsellor whose secret this is; null when no such secret exists.</summary>
    public async Task<string?> FeedAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var userId = await db.CalendarFeedTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && db.Users.Any(u => u.Id == t.UserId && u.IsActive))
            .Select(t => t.UserId).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return null;
        }

        var since = clock.Now.AddDays(-FeedDaysBack);
        var rows = await db.InfoSessions.AsNoTracking()
            .Where(s => s.StartsAt >= since && db.SessionRegistrations.Any(r =>
                r.SessionId == s.Id && r.Status != RegistrationStatus.Cancelled &&
                db.Households.Any(h => h.Id == r.HouseholdId && h.AssignedCounsellorId == userId)))
            .OrderBy(s => s.StartsAt).Take(500)
            .Select(s => new IcsSession(s.Id, s.Title, s.StartsAt, s.DurationMinutes, s.Format, s.Address, s.OnlineLink, s.Status))
            .ToListAsync(cancellationToken);
        return Serialize(rows);
    }

    public async Task<FeedStatus> FeedStatusAsync(CancellationToken cancellationToken = default)
    {
        var user = await RequireFileWorkerAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var created = await db.CalendarFeedTokens.AsNoTracking().Where(t => t.UserId == user.Id)
            .Select(t => (DateTimeOffset?)t.CreatedAt).SingleOrDefaultAsync(cancellationToken);
        return new FeedStatus(created is not null, created);
    }

    /// <summary>Makes a new secret (the old one stops working) and returns the feed's URL, shown once.</summary>
    public async Task<Uri> RegenerateFeedAsync(CancellationToken cancellationToken = default)
    {
        var user = await RequireFileWorkerAsync();
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.CalendarFeedTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        db.CalendarFeedTokens.Add(new CalendarFeedToken { UserId = user.Id, TokenHash = Hash(token), CreatedAt = clock.Now });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Calendar feed secret made for user {UserId}.", user.Id);
        return FeedUrl(token);
    }

    public async Task RevokeFeedAsync(CancellationToken cancellationToken = default)
    {
        var user = await RequireFileWorkerAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.CalendarFeedTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Calendar feed secret revoked by user {UserId}.", user.Id);
    }

    public Uri FeedUrl(string token) => new(links.BaseUrl, $"calendar/feed/{token}.ics");

    private sealed record IcsSession(
        Guid Id, string Title, DateTimeOffset StartsAt, int DurationMinutes, SessionFormat Format, string? Address, string? OnlineLink, SessionStatus Status);

    private string Serialize(IReadOnlyList<IcsSession> rows)
    {
        var calendar = new Calendar { ProductId = "-//CaseManager//Seances d'information//FR" };
        calendar.AddTimeZone(new VTimeZone(TimeZoneId));
        foreach (var row in rows)
        {
            var start = AppClock.ToLocal(row.StartsAt).DateTime;
            var calendarEvent = new CalendarEvent
            {
                Uid = $"session-{row.Id}@casemanager",
                Summary = row.Title,
                Start = new CalDateTime(DateTime.SpecifyKind(start, DateTimeKind.Unspecified), TimeZoneId),
                End = new CalDateTime(DateTime.SpecifyKind(start.AddMinutes(row.DurationMinutes), DateTimeKind.Unspecified), TimeZoneId),
                Location = row.Format == SessionFormat.InPerson ? row.Address : row.OnlineLink,
                Url = new Uri(links.BaseUrl, $"sessions/{row.Id}"),
                Status = row.Status == SessionStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                DtStamp = new CalDateTime(clock.Now.UtcDateTime, "UTC"),
            };
            calendar.Events.Add(calendarEvent);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private Task<UserIdentity> RequireFileWorkerAsync() => access.DemandAsync(Operation.UseCalendarFeed);

    private static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The ICS addresses: a session's file (signed in) and a counsellor's feed (by its secret).</summary>
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sessions/{id:guid}/ics", async (Guid id, SessionCalendar calendar, CancellationToken cancellationToken) =>
        {
            var ics = await calendar.SessionIcsAsync(id, cancellationToken);
            return Results.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"seance-{id.ToString()[..8]}.ics");
        }).RequireAuthorization().WithOutcomes();

        endpoints.MapGet("/calendar/feed/{token}.ics", async (string token, SessionCalendar calendar, CancellationToken cancellationToken) =>
            await calendar.FeedAsync(token, cancellationToken) is { } ics
                ? Results.Text(ics, "text/calendar; charset=utf-8", Encoding.UTF8)
                : Results.NotFound()).AllowAnonymous();
    }
}
