using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>Forwarded headers read from the configured proxies only: the scheme makes the cookies Secure.</summary>
public sealed partial class ReverseProxyTests(DatabaseFixture database) : DatabaseTest(database)
{
    private CaseManagerAppFactory? _app;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        await TestUsers.CounsellorAsync(db);
    }

    [Fact]
    public async Task SignIn_WithForwardedProtoHttpsFromAKnownProxy_SetsSecureCookies()
    {
        _app = new CaseManagerAppFactory(Database.ConnectionString, settings: new Dictionary<string, string?> { ["ReverseProxy:KnownProxies"] = "127.0.0.1" });

        var (antiforgery, signIn) = await SignInAsync(_app, new() { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "203.0.113.7" });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", AuthCookie(signIn), StringComparison.OrdinalIgnoreCase);
        // The redirect is built from the forwarded scheme and host.
        Assert.True(signIn.Headers.Location is { IsAbsoluteUri: false } or { Scheme: "https" });
    }

    [Fact]
    public async Task SignIn_WithForwardedHeadersAndNoKnownProxy_IgnoresThem()
    {
        _app = new CaseManagerAppFactory(Database.ConnectionString);

        var (antiforgery, signIn) = await SignInAsync(_app, new() { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "203.0.113.7" });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", AuthCookie(signIn), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_WithForwardedProtoFromAnAddressThatIsNotTheKnownProxy_IgnoresIt()
    {
        // The proxy is elsewhere: the test's own 127.0.0.1 is a client like any other.
        _app = new CaseManagerAppFactory(Database.ConnectionString, settings: new Dictionary<string, string?> { ["ReverseProxy:KnownNetworks"] = "10.20.0.0/16" });

        var (_, signIn) = await SignInAsync(_app, new() { ["X-Forwarded-Proto"] = "https" });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("secure", AuthCookie(signIn), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Start_WithAKnownProxyThatIsNotAnAddress_StopsNamingTheSetting()
    {
        var error = Assert.ThrowsAny<Exception>(() => (_app = new CaseManagerAppFactory(
            Database.ConnectionString, settings: new Dictionary<string, string?> { ["ReverseProxy:KnownProxies"] = "nginx.local" })).Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        var text = "";
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            text += e.Message;
        }

        Assert.Contains("ReverseProxy:KnownProxies", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Signs in with the cookies handled by hand: a Secure cookie is not sent back over http:// by
    /// a cookie container, though here the request is HTTPS for the application.
    /// </summary>
    private static async Task<(string AntiforgeryCookie, HttpResponseMessage SignIn)> SignInAsync(CaseManagerAppFactory app, Dictionary<string, string> headers)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.RootUri };
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        var form = await client.GetAsync("/account/login");
        var setCookies = form.Headers.GetValues("Set-Cookie").ToList();
        var antiforgery = setCookies.Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = "marie.tremblay@test.local",
                ["Input.Password"] = TestUsers.Password,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", setCookies.Select(c => c.Split(';')[0])));
        return (antiforgery, await client.SendAsync(post));
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("casemanager.auth=", StringComparison.Ordinal));

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
