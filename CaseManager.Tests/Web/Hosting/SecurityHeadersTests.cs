using System.Net;
using CaseManager.Tests.Support;
using CaseManager.Web.Hosting;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>The security headers on every kind of response of the real application, over HTTP.</summary>
public sealed class SecurityHeadersTests(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
{
    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)] // a page
    [InlineData("/api/privacy-notice", HttpStatusCode.OK)] // an API endpoint
    [InlineData("/no-such-page", HttpStatusCode.NotFound)] // a 404 (re-executed to the not-found page)
    [InlineData("/favicon.svg", HttpStatusCode.OK)] // a static file
    [InlineData("/error", HttpStatusCode.OK)] // the error page
    [InlineData("/health/live", HttpStatusCode.OK)]
    public async Task Get_AnyResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode expected)
    {
        var response = await App.CreateBrowserlikeClient().GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_TheErrorCarriesTheSecurityHeaders()
    {
        var response = await App.CreateBrowserlikeClient().PostAsync("/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@test.local" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Get_Page_HasNoInlineScript()
    {
        var html = await App.CreateBrowserlikeClient().GetStringAsync("/account/login");

        // Every <script> has a src: the policy allows no inline script.
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attributes>[^>]*)>");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Contains("src=", script.Groups["attributes"].Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_HangfireDashboard_HasItsOwnLooserPolicy()
    {
        var response = await App.CreateBrowserlikeClient().GetAsync("/hangfire");

        var policy = ContentSecurityPolicy(response);
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_OverPlainHttp_HasNoStrictTransportSecurityAndIsNotRedirected()
    {
        var response = await App.CreateBrowserlikeClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Get_WhenTheAppTerminatesTls_RedirectsPlainHttpToHttps()
    {
        await using var app = new CaseManagerAppFactory(Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Https:Enabled"] = "true",
            ["Https:RedirectPort"] = "8443",
        });

        var response = await app.CreateBrowserlikeClient().GetAsync("/account/login?x=1");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https", response.Headers.Location!.Scheme);
        Assert.Equal(8443, response.Headers.Location.Port);
        Assert.Equal("/account/login?x=1", response.Headers.Location.PathAndQuery);
    }

    [Fact]
    public void Policy_WhenTheAppTerminatesTls_AddsStrictTransportSecurity()
    {
        var policy = SecurityHeaders.Policy(new HttpsOptions { Enabled = true, HstsMaxAgeDays = 365 }, hangfire: false);
        var withoutTls = SecurityHeaders.Policy(new HttpsOptions(), hangfire: false);

        Assert.True(policy.ContainsKey("Strict-Transport-Security"));
        Assert.False(withoutTls.ContainsKey("Strict-Transport-Security"));
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = ContentSecurityPolicy(response);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    /// <summary>The one content security policy of the response (Blazor's own frame-ancestors header is replaced, not added to).</summary>
    private static string ContentSecurityPolicy(HttpResponseMessage response) =>
        Assert.Single(response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values : []);

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri}.");

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
