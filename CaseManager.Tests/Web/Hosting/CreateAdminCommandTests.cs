using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>
/// <c>create-admin</c> run as an operator runs it (<c>dotnet CaseManager.Web.dll</c>, Production)
/// on a database with no account: the administrator it creates has no password, the printed link
/// (emailed too) lets them choose one on the real application, then they sign in. A second run is refused.
/// </summary>
public sealed partial class CreateAdminCommandTests(DatabaseFixture database) : DatabaseTest(database)
{
    // One address per test: the mailbox of the test script's smtp4dev is shared by the whole run.
    private readonly string _email = $"premiere.admin.{Guid.NewGuid():N}@example.org";
    private const string NewPassword = "Premier-Acces-2026";

    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>
    /// The command's environment: the links point at the test's running application, and the
    /// process shares its content root (the data-protection keys that sign the token).
    /// </summary>
    private Dictionary<string, string?> Environment()
    {
        var environment = AppProcess.ProductionSettings(Database.ConnectionString);
        environment["App__BaseUrl"] = App.RootUri.ToString();
        environment["ASPNETCORE_CONTENTROOT"] = App.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        return environment;
    }

    [Fact]
    public async Task CreateAdmin_EmptyDatabase_CreatesAnAdministratorWithoutPasswordWhoseLinkSetsOneAndSignsIn()
    {
        using var mail = new Smtp4dev();
        var run = await AppProcess.RunAsync(Environment(), "create-admin", "--email", _email, "--name", "Hélène Côté", "--language", "en");

        Assert.True(run.ExitCode == 0, run.ToString());
        await using (var db = Database.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(_email, user.Email);
            Assert.Equal("Hélène Côté", user.DisplayName);
            Assert.Equal("en-CA", user.PreferredCulture);
            Assert.True(user.IsActive);
            Assert.Null(user.PasswordHash);
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id)
                .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal([Roles.Admin], roles);
        }

        var link = new Uri(LinkPattern().Match(run.StandardOutput).Value);
        Assert.StartsWith(App.RootUri + "account/set-password?", link.AbsoluteUri, StringComparison.Ordinal);
        var emailed = Assert.Single(await mail.WaitForAsync(_email, 1));
        Assert.Contains(link.AbsoluteUri, await mail.PlainTextAsync(emailed.Id), StringComparison.Ordinal);

        using var client = App.CreateBrowserlikeClient();
        var page = await client.GetStringAsync(link, TestContext.Current.CancellationToken);
        Assert.Contains(_email, page, StringComparison.Ordinal);
        var saved = await PostAsync(client, link, page, NewPassword, NewPassword);
        Assert.Contains("data-testid=\"set-password-done\"", saved, StringComparison.Ordinal);

        var signIn = await HttpSignIn.PostAsync(client, _email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/admin/users", new Uri(App.RootUri, signIn.Headers.Location!).AbsolutePath);
        var usersPage = await client.GetAsync("/admin/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, usersPage.StatusCode);

        // The link worked once: opened again, it says so and offers no form.
        using var other = App.CreateBrowserlikeClient();
        var used = await other.GetStringAsync(link, TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"set-password-error\"", used, StringComparison.Ordinal);
        Assert.DoesNotContain("set-password-submit", used, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAdmin_ActiveAdministratorExists_IsRefusedAndCreatesNothing()
    {
        var first = await AppProcess.RunAsync(Environment(), "create-admin", "--email", _email);
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await AppProcess.RunAsync(Environment(), "create-admin", "--email", "autre.admin@example.org");

        Assert.True(second.ExitCode == 5, second.ToString());
        Assert.Contains("an active administrator already exists", second.StandardError, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal([_email], await db.Users.Select(u => u.Email).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SetPassword_PasswordsDifferOrTooWeak_SaysSoInFrenchAndKeepsTheLinkValid()
    {
        var run = await AppProcess.RunAsync(Environment(), "create-admin", "--email", _email);
        Assert.True(run.ExitCode == 0, run.ToString());
        var link = new Uri(LinkPattern().Match(run.StandardOutput).Value);
        using var client = App.CreateBrowserlikeClient();
        var page = await client.GetStringAsync(link, TestContext.Current.CancellationToken);

        var mismatch = await PostAsync(client, link, page, NewPassword, NewPassword + "x");
        var weak = await PostAsync(client, link, page, "court", "court");

        Assert.Contains("Les deux mots de passe ne sont pas identiques.", mismatch, StringComparison.Ordinal);
        Assert.Contains("Le mot de passe doit contenir au moins 8 caractères.", weak, StringComparison.Ordinal);
        var saved = await PostAsync(client, link, page, NewPassword, NewPassword);
        Assert.Contains("data-testid=\"set-password-done\"", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetPassword_TamperedToken_IsRefused()
    {
        var run = await AppProcess.RunAsync(Environment(), "create-admin", "--email", _email);
        Assert.True(run.ExitCode == 0, run.ToString());
        var link = LinkPattern().Match(run.StandardOutput).Value;
        using var client = App.CreateBrowserlikeClient();

        var page = await client.GetStringAsync(new Uri(link[..^6] + "AAAAAA"), TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"set-password-error\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("set-password-submit", page, StringComparison.Ordinal);
    }

    private static async Task<string> PostAsync(HttpClient client, Uri link, string page, string password, string confirm)
    {
        string Field(string name) => WebUtility.HtmlDecode(Regex.Match(page, $"name=\"{Regex.Escape(name)}\"[^>]*? value=\"([^\"]*)\"").Groups[1].Value);
        var response = await client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "set-password",
            ["__RequestVerificationToken"] = Field("__RequestVerificationToken"),
            ["Input.UserId"] = Field("Input.UserId"),
            ["Input.Token"] = Field("Input.Token"),
            ["Input.Password"] = password,
            ["Input.Confirm"] = confirm,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HttpSignIn.TextAsync(response);
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex LinkPattern();
}
