using System.Net;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Admin;
using Microsoft.Extensions.Time.Testing;

namespace CaseManager.Tests.Web.Admin;

/// <summary>The admin pages and the accounts they manage, over HTTP against the real application.</summary>
public sealed class AdminHttpTests(DatabaseFixture database) : AdminServiceTestBase(database)
{
    private CaseManagerAppFactory? _app;

    private FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString, Time);

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/reminders")]
    [InlineData("/admin/plan-templates")]
    public async Task Get_AdminPageAsCounsellor_RedirectsToAccessDenied(string path)
    {
        var client = await SignedInAsync("marie.tremblay@test.local", TestUsers.Password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RemindersPageAnonymously_RedirectsToSignIn()
    {
        var response = await App.CreateBrowserlikeClient().GetAsync("/admin/reminders");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/reminders")]
    [InlineData("/admin/plan-templates")]
    public async Task Get_AdminPageAsAdministrator_IsServed(string path)
    {
        var client = await SignedInAsync("alice.admin@test.local", TestUsers.Password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("alice.admin@test.local", "/admin/users")]
    [InlineData("marie.tremblay@test.local", "/households")]
    public async Task SignIn_WithoutReturnAddress_LandsOnAPageThePersonMayUse(string email, string landing)
    {
        var response = await HttpSignIn.PostAsync(App.CreateBrowserlikeClient(), email, TestUsers.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, new Uri(App.RootUri, response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task SignIn_AccountCreatedByAnAdministrator_WorksUntilItIsDeactivated()
    {
        var created = await Host.UserAdmin.CreateAsync(new NewUser("nadia.roy@test.local", "Nadia Roy", 2, [Roles.Counsellor], "Bienvenue-2026"));

        var first = await HttpSignIn.PostAsync(App.CreateBrowserlikeClient(), "nadia.roy@test.local", "Bienvenue-2026");
        await Host.UserAdmin.SetActiveAsync(created.Id, active: false);
        var second = await HttpSignIn.PostAsync(App.CreateBrowserlikeClient(), "nadia.roy@test.local", "Bienvenue-2026");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("Ce compte est désactivé.", await HttpSignIn.TextAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSession_OfADeactivatedUser_EndsAtTheNextSecurityStampCheck()
    {
        var client = await SignedInAsync("marie.tremblay@test.local", TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/households")).StatusCode);

        await Host.UserAdmin.SetActiveAsync(Marie.Id, active: false);
        Time.Advance(TimeSpan.FromMinutes(2));
        var response = await client.GetAsync("/households");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSession_OfAnActiveUser_SurvivesTheSecurityStampCheck()
    {
        var client = await SignedInAsync("marie.tremblay@test.local", TestUsers.Password);

        Time.Advance(TimeSpan.FromMinutes(2));
        var response = await client.GetAsync("/households");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = App.CreateBrowserlikeClient();
        var response = await HttpSignIn.PostAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
