using System.Net;
using System.Net.Sockets;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>
/// Two application instances on one database behind a real nginx with the production
/// configuration of scripts/deploy/nginx: one sign-in for both, an instance stopped without
/// signing anyone out, the Blazor circuit over nginx's WebSocket, rate limits per client address.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class TwoInstancesBehindNginxTests(DatabaseFixture database, BrowserFixture browser) : DatabaseTest(database)
{
    private const string Email = "marie.tremblay@test.local";

    private CaseManagerAppFactory _first = null!;
    private CaseManagerAppFactory? _second;
    private NginxProxy _nginx = null!;
    private bool _firstStopped;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CounsellorAsync(db);
        }

        var settings = new Dictionary<string, string?>
        {
            // nginx connects from 127.0.0.1: its X-Forwarded-* headers are read from there only.
            ["ReverseProxy:KnownProxies"] = "127.0.0.1",
            ["Intake:RateLimit:PermitLimit"] = "1",
        };
        _first = new CaseManagerAppFactory(Database.ConnectionString, settings: settings);
        _second = new CaseManagerAppFactory(Database.ConnectionString, settings: settings);
        _nginx = new NginxProxy(_first.RootUri, _second.RootUri);
    }

    [Fact]
    public async Task SignIn_ThroughNginx_WorksOnEitherInstanceAndSurvivesOneStopping()
    {
        var cookies = new CookieContainer();
        using var client = Client(cookies);
        var signIn = await HttpSignIn.PostAsync(client, Email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // Back to nginx's address (the forwarded host keeps its port), not to an instance's.
        var location = signIn.Headers.Location!;
        Assert.True(!location.IsAbsoluteUri || location.Port == _nginx.Port, $"Redirected to {location}");
        Assert.NotNull(cookies.GetCookies(_nginx.RootUri)["cm_affinity"]);

        // Other affinity values send the same sign-in cookie to the other instance too.
        for (var i = 0; i < 16; i++)
        {
            cookies.Add(_nginx.RootUri, new System.Net.Cookie("cm_affinity", $"personne-{i}"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/households")).StatusCode);
        }

        var answered = Upstreams("GET /households");
        Assert.Contains(Address(_first), answered);
        Assert.Contains(Address(_second!), answered);

        // One instance stops: every next page loads on the other one, still signed in.
        await _first.DisposeAsync();
        _firstStopped = true;
        var before = _nginx.AccessLog().Length;
        for (var i = 0; i < 8; i++)
        {
            cookies.Add(_nginx.RootUri, new System.Net.Cookie("cm_affinity", $"personne-{i}"));
            var page = await client.GetAsync("/households");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var after = _nginx.AccessLog().Skip(before).Where(l => l.Contains("GET /households", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, after.Count);
        Assert.All(after, line => Assert.EndsWith(Address(_second!), line[..line.IndexOf(" affinity=", StringComparison.Ordinal)], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Circuit_ThroughNginx_ConnectsOverAWebSocketAndThePageBecomesInteractive()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _nginx.RootUri.ToString().TrimEnd('/'),
            Locale = "fr-CA",
            TimezoneId = "America/Montreal",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var webSockets = new List<string>();
        page.WebSocket += (_, socket) => webSockets.Add(socket.Url);

        await page.GotoAsync("/account/login");
        await page.GetByLabel("Courriel").FillAsync(Email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(TestUsers.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        try
        {
            await page.Locator("#app-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"Not interactive through nginx. Access log:\n{string.Join('\n', _nginx.AccessLog())}\nError log:\n{_nginx.ErrorLog()}", timeout);
        }

        Assert.Contains(webSockets, url => url.StartsWith($"ws://127.0.0.1:{_nginx.Port}/_blazor", StringComparison.Ordinal));
        Assert.Contains(_nginx.AccessLog(), line => line.Contains("POST /_blazor/negotiate", StringComparison.Ordinal) && line.Contains("\" 200 ", StringComparison.Ordinal));
        // nginx logs the WebSocket (101 Switching Protocols) once it closes, with the page.
        await page.CloseAsync();
        var upgraded = false;
        for (var i = 0; i < 50 && !upgraded; i++)
        {
            upgraded = _nginx.AccessLog().Any(line => line.Contains("GET /_blazor?id=", StringComparison.Ordinal) && line.Contains("\" 101 ", StringComparison.Ordinal));
            await Task.Delay(100);
        }

        Assert.True(upgraded, string.Join('\n', _nginx.AccessLog()));
    }

    [Fact]
    public async Task PostForm_ThroughNginxFromTwoAddresses_IsLimitedPerAddressAndAForgedForwardedForChangesNothing()
    {
        using var amina = Client(new CookieContainer(), from: "127.0.0.2");
        using var paul = Client(new CookieContainer(), from: "127.0.0.3");

        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(amina, RegistrationForm.Valid("Diallo"))).StatusCode);
        var forged = await RegistrationForm.PostAsync(amina, RegistrationForm.Valid("Autre"), new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.9" });
        Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(paul, RegistrationForm.Valid("Martin"))).StatusCode);

        await using var db = Database.CreateDbContext();
        Assert.Equal(["127.0.0.2", "127.0.0.3"], await db.RateLimitWindows.OrderBy(w => w.PartitionKey).Select(w => w.PartitionKey).ToListAsync());
        Assert.Equal(2, await db.Households.CountAsync());
    }

    private string[] Upstreams(string request) => _nginx.AccessLog()
        .Where(line => line.Contains(request, StringComparison.Ordinal))
        .Select(line => line.Split(" upstream=")[1].Split(' ')[0].TrimEnd(','))
        .ToArray();

    private static string Address(CaseManagerAppFactory app) => $"127.0.0.1:{app.RootUri.Port}";

    /// <summary>A browser-like client of nginx, connecting from <paramref name="from"/> (any 127.x address is this machine).</summary>
    private HttpClient Client(CookieContainer cookies, string from = "127.0.0.1") => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = cookies,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = _nginx.RootUri,
    };

    public override async ValueTask DisposeAsync()
    {
        _nginx?.Dispose();
        if (!_firstStopped && _first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
