using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Access;

/// <summary>What reaches the real application over HTTP, signed in or not, by role.</summary>
public sealed partial class HttpAccessTests(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
{
    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    private HttpClient NewClient() => App.CreateBrowserlikeClient();

    [Theory]
    [InlineData("/households")]
    [InlineData("/households/new")]
    [InlineData("/")]
    [InlineData("/admin/users")]
    public async Task Get_PageAnonymously_RedirectsToSignIn(string path)
    {
        var response = await NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HangfireDashboardAnonymously_RedirectsToSignIn()
    {
        var response = await NewClient().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Counsellor)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Partner)]
    [InlineData(Roles.PrivacyOfficer)]
    public async Task Get_HangfireDashboardAsANonAdministrator_IsRefused(string role)
    {
        var client = await SignedInAsync(role);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HangfireDashboardAsAdministrator_ShowsItWithoutTheConnectionString()
    {
        var client = await SignedInAsync(Roles.Admin);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Hangfire", html, StringComparison.Ordinal);
        Assert.DoesNotContain("55432", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HouseholdsAsPartner_IsRefused()
    {
        var client = await SignedInAsync(Roles.Partner);

        var response = await client.GetAsync("/households");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_SaysSoInFrenchAndSetsNoCookie()
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, "user@test.local", "Test User", 1, Roles.Counsellor);
        }

        var client = NewClient();
        var response = await PostSignInAsync(client, "user@test.local", "wrong-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Courriel ou mot de passe incorrect.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("casemanager.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_DeactivatedAccount_IsRefused()
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, "gone@test.local", "Gone", 1, Roles.Counsellor);
            var user = db.Users.Single(u => u.Email == "gone@test.local");
            user.IsActive = false;
            await db.SaveChangesAsync();
        }

        var response = await PostSignInAsync(NewClient(), "gone@test.local", TestUsers.Password);

        Assert.Contains("Ce compte est désactivé.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_HealthAnonymously_GivesTheStatusWithoutFigures()
    {
        var response = await NewClient().GetAsync("/health");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"Healthy\"}", body);
    }

    [Fact]
    public async Task Get_CultureSwitch_RemembersTheChoiceAndRefusesForeignRedirects()
    {
        var client = NewClient();

        var response = await client.GetAsync("/culture/en-CA?returnUrl=https://evil.example/");
        var page = await client.GetAsync("/account/login");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains("Sign in", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AfterTheAccountIsDeactivated_IsRefusedAtTheNextRequestWithoutSigningOut()
    {
        var client = await SignedInAsync(Roles.Counsellor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/households")).StatusCode);

        // Deactivated in the database only (the security stamp is untouched: its check runs once a minute).
        await using (var db = Database.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == "counsellor@test.local")
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false), TestContext.Current.CancellationToken);
        }

        var page = await client.GetAsync("/households");
        var export = await client.GetAsync("/results/export/summary.csv?year=2025");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
    }

    [Fact]
    public async Task Get_AfterTheRoleIsRemoved_IsRefusedAtTheNextRequest()
    {
        var client = await SignedInAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        await using (var db = Database.CreateDbContext())
        {
            var userId = await db.Users.Where(u => u.Email == "admin@test.local").Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
            await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        var response = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Signs in through the real sign-in form, as a new user of that role.</summary>
    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}@test.local";
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, email, role, 1, role);
        }

        var client = NewClient();
        var response = await PostSignInAsync(client, email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

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
