using System.Net;
using CaseManager.Data.Entities;
using CaseManager.Domain.Sessions;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Web.Sessions;

/// <summary>The sessions' and partners' addresses over HTTP, by role.</summary>
public sealed class SessionHttpTests(DatabaseFixture database) : DatabaseTest(database)
{
    private CaseManagerAppFactory? _app;

    [Theory]
    [InlineData(Roles.PrivacyOfficer, "/sessions")]
    [InlineData(Roles.Admin, "/sessions")]
    [InlineData(Roles.Partner, "/partners")]
    [InlineData(Roles.PrivacyOfficer, "/partners")]
    public async Task Get_PageOutsideTheRole_IsRefused(string role, string path)
    {
        var client = await SignedInAsync(role);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SessionsAsAPartnerUserWithoutAPartnerOrganization_IsRefused()
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, "sans.partenaire@test.local", "Sans partenaire", null, Roles.Partner);
        }

        _app ??= new CaseManagerAppFactory(Database.ConnectionString);
        var client = _app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostAsync(client, "sans.partenaire@test.local", TestUsers.Password)).StatusCode);

        var response = await client.GetAsync("/sessions");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Counsellor, "/sessions")]
    [InlineData(Roles.Partner, "/sessions")]
    [InlineData(Roles.Admin, "/partners")]
    [InlineData(Roles.Supervisor, "/partners")]
    public async Task Get_PageOfTheRole_IsServed(string role, string path)
    {
        var client = await SignedInAsync(role);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_SessionIcsAnonymously_RedirectsToSignIn()
    {
        _app = new CaseManagerAppFactory(Database.ConnectionString);

        var response = await _app.CreateBrowserlikeClient().GetAsync($"/sessions/{Guid.NewGuid()}/ics");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SessionIcsSignedIn_IsTheSessionsCalendarFile()
    {
        var client = await SignedInAsync(Roles.Counsellor);
        var session = InfoSession.Plan(
            new SessionDetails("Vivre en Estrie", ["05"], [], FixedContext.Now.AddDays(10), 90, SessionFormat.Online, null, "https://meet.example.org/estrie", "fr", 20),
            FixedContext.Default);
        await using (var db = Database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).InfoSessions.Add(session);
            await db.SaveChangesAsync();
        }

        var response = await client.GetAsync($"/sessions/{session.Id}/ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Vivre en Estrie", ics, StringComparison.Ordinal);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}@test.local";
        await using (var db = Database.CreateDbContext())
        {
            var user = await TestUsers.CreateAsync(db, email, role, 1, role);
            if (role == Roles.Partner)
            {
                // A partner user belongs to an active regional partner (without one, the partner role opens nothing).
                var partner = await TestPartners.CreateAsync(db);
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.PartnerOrganizationId, partner.Id));
            }
        }

        _app ??= new CaseManagerAppFactory(Database.ConnectionString);
        var client = _app.CreateBrowserlikeClient();
        var response = await HttpSignIn.PostAsync(client, email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
