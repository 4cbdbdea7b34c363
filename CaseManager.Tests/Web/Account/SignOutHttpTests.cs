using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Account;

/// <summary>Signing out over HTTP: the session ends on the server, and only with the form's token.</summary>
public sealed partial class SignOutHttpTests(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
{
    private const string Email = "louise.gagnon@test.local";

    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignOut_ACopyOfTheCookieReusedAfterwards_IsSentToSignInForPagesAndExports()
    {
        var (browser, cookies) = await SignedInAsync();
        var copy = ClientWithCookies(cookies);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/households", Cancellation)).StatusCode);

        var signOut = await PostSignOutAsync(browser, await TokenAsync(browser));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/login", signOut.Headers.Location!.OriginalString);
        foreach (var path in new[] { "/households", "/results/export/funnel.csv?year=2025", "/resources/export.csv" })
        {
            var response = await copy.GetAsync(path, Cancellation);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        await using var db = Database.CreateDbContext();
        var session = await db.UserSessions.SingleAsync(Cancellation);
        Assert.Equal(UserSessionEndReasons.SignedOut, session.EndReason);
        Assert.NotNull(session.EndedAt);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefusedAndTheSessionGoesOn()
    {
        var (browser, _) = await SignedInAsync();

        var signOut = await PostSignOutAsync(browser, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/households", Cancellation)).StatusCode);
        await using var db = Database.CreateDbContext();
        Assert.Null((await db.UserSessions.SingleAsync(Cancellation)).EndedAt);
    }

    [Fact]
    public async Task SignIn_TwoBrowsers_OpenTwoSessionsAndSigningOutOneKeepsTheOther()
    {
        var (first, _) = await SignedInAsync();
        var second = App.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostAsync(second, Email, TestUsers.Password)).StatusCode);

        await PostSignOutAsync(first, await TokenAsync(first));

        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/households", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/households", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Get_AnOpenSessionEndedOnTheServer_IsSentToSignIn()
    {
        var (browser, _) = await SignedInAsync();
        await using (var db = Database.CreateDbContext())
        {
            await db.UserSessions.ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, DateTimeOffset.UtcNow), Cancellation);
        }

        var response = await browser.GetAsync("/households", Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0aLocation:%20https://evil.example")]
    [InlineData("/\\evil.example")]
    public async Task Get_CultureSwitchWithAControlCharacterOrAnotherHostToReturnTo_GoesHome(string returnUrl)
    {
        var response = await App.CreateBrowserlikeClient().GetAsync($"/culture/en?returnUrl={returnUrl}", Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private async Task<(HttpClient Client, CookieContainer Cookies)> SignedInAsync()
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, Email, "Louise Gagnon", 1, Roles.Counsellor);
        }

        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = App.RootUri,
        };
        var response = await HttpSignIn.PostAsync(client, Email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, cookies);
    }

    /// <summary>Another client that sends the same cookies by hand: a stolen or copied cookie.</summary>
    private HttpClient ClientWithCookies(CookieContainer cookies)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = App.RootUri };
        client.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(App.RootUri));
        return client;
    }

    /// <summary>The antiforgery token of the signed-in person, from a server-rendered form (the public registration).</summary>
    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/inscription", Cancellation);
        return AntiforgeryToken().Match(html).Groups[1].Value;
    }

    private static Task<HttpResponseMessage> PostSignOutAsync(HttpClient client, string? token) =>
        client.PostAsync("/account/logout", new FormUrlEncodedContent(
            token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Cancellation);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
