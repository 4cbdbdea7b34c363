using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.Intake;

/// <summary>The registration limits counted in PostgreSQL: shared by the instances, per client address or API key, accepted posts only.</summary>
public sealed class SharedRateLimitTests(DatabaseFixture database) : DatabaseTest(database)
{
    private readonly List<CaseManagerAppFactory> _apps = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // A registration opens a file for a counsellor: one must exist.
        await using var db = Database.CreateDbContext();
        await TestUsers.CounsellorAsync(db);
    }

    [Fact]
    public async Task PostForm_OnTwoInstancesOfOneDatabase_SharesTheLimit()
    {
        var first = Start(("Intake:RateLimit:PermitLimit", "3"));
        var second = Start(("Intake:RateLimit:PermitLimit", "3"));

        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(first.CreateBrowserlikeClient(), RegistrationForm.Valid("Un"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(second.CreateBrowserlikeClient(), RegistrationForm.Valid("Deux"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(first.CreateBrowserlikeClient(), RegistrationForm.Valid("Trois"))).StatusCode);
        var refused = await RegistrationForm.PostAsync(second.CreateBrowserlikeClient(), RegistrationForm.Valid("Quatre"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Trop d'inscriptions", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 600);
        await using var db = Database.CreateDbContext();
        Assert.Equal(3, await db.Households.CountAsync());
        var window = await db.RateLimitWindows.SingleAsync();
        Assert.Equal(("registration-form", "127.0.0.1", 3), (window.LimitName, window.PartitionKey, window.Count));
    }

    [Fact]
    public async Task PostForm_RefusedForItsFields_DoesNotCountAgainstThePerson()
    {
        var app = Start(("Intake:RateLimit:PermitLimit", "2"));
        var client = app.CreateBrowserlikeClient();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await RegistrationForm.PostAsync(client, RegistrationForm.Invalid())).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(client, RegistrationForm.Valid("Un"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(client, RegistrationForm.Valid("Deux"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RegistrationForm.PostAsync(client, RegistrationForm.Valid("Trois"))).StatusCode);
    }

    [Fact]
    public async Task PostForm_FromTwoClientsThroughAKnownProxy_AreLimitedSeparately()
    {
        var app = Start(("Intake:RateLimit:PermitLimit", "1"), ("ReverseProxy:KnownProxies", "127.0.0.1"));
        var client = app.CreateBrowserlikeClient();
        var amina = new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.1" };
        var paul = new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.2" };

        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(client, RegistrationForm.Valid("Un"), amina)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RegistrationForm.PostAsync(client, RegistrationForm.Valid("Deux"), amina)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(client, RegistrationForm.Valid("Trois"), paul)).StatusCode);

        await using var db = Database.CreateDbContext();
        Assert.Equal(["198.51.100.1", "198.51.100.2"], await db.RateLimitWindows.OrderBy(w => w.PartitionKey).Select(w => w.PartitionKey).ToListAsync());
    }

    [Fact]
    public async Task PostForm_WithAForgedForwardedForAndNoKnownProxy_CountsAgainstTheRealAddress()
    {
        var app = Start(("Intake:RateLimit:PermitLimit", "1"));
        var client = app.CreateBrowserlikeClient();

        Assert.Equal(HttpStatusCode.Redirect, (await RegistrationForm.PostAsync(client, RegistrationForm.Valid("Un"), new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.1" })).StatusCode);
        var forged = await RegistrationForm.PostAsync(client, RegistrationForm.Valid("Deux"), new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.2" });

        Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
        await using var db = Database.CreateDbContext();
        Assert.Equal("127.0.0.1", (await db.RateLimitWindows.SingleAsync()).PartitionKey);
    }

    [Fact]
    public async Task PostApi_OverTheKeysLimit_Is429ProblemDetailsWithRetryAfterAndRefusedBodiesDoNotCount()
    {
        var app = Start(("Intake:ApiRateLimit:PermitLimit", "2"), ("Intake:ApiRateLimit:WindowSeconds", "3600"));
        var first = await NewKeyAsync("Site web");
        var other = await NewKeyAsync("Campagne");

        Assert.Equal(HttpStatusCode.BadRequest, (await PostApiAsync(app, first, Body(requiredConsent: false), "bad")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostApiAsync(app, first, Body(), "a")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostApiAsync(app, first, Body(), "a")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostApiAsync(app, first, Body("b@example.com"), "b")).StatusCode);
        var refused = await PostApiAsync(app, first, Body("c@example.com"), "c");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("API", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
        // Another source's key has its own count.
        Assert.Equal(HttpStatusCode.Created, (await PostApiAsync(app, other, Body("d@example.com"), "d")).StatusCode);
    }

    [Fact]
    public void Start_WithAPermitLimitThatIsNotANumber_StopsNamingTheSetting()
    {
        var error = Assert.ThrowsAny<Exception>(() => Start(("Intake:RateLimit:PermitLimit", "beaucoup")).Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        var text = "";
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            text += e.Message;
        }

        Assert.Contains("Intake:RateLimit:PermitLimit", text, StringComparison.Ordinal);
    }

    private CaseManagerAppFactory Start(params (string Key, string Value)[] settings)
    {
        var app = new CaseManagerAppFactory(Database.ConnectionString, settings: settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        _apps.Add(app);
        return app;
    }

    private async Task<string> NewKeyAsync(string source)
    {
        var secret = IntakeApiKey.NewSecret();
        await using var db = Database.CreateDbContext();
        db.IntakeApiKeys.Add(new IntakeApiKey
        {
            Id = Guid.NewGuid(), Source = source, Prefix = secret[..8], Hash = IntakeApiKey.HashOf(secret),
            CreatedAt = DateTimeOffset.UtcNow, CreatedById = "admin", CreatedByName = "Admin",
        });
        await db.SaveChangesAsync();
        return secret;
    }

    private static async Task<HttpResponseMessage> PostApiAsync(CaseManagerAppFactory app, string secret, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", secret);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await app.CreateClient().SendAsync(request);
    }

    private static object Body(string email = "amina.diallo@example.com", bool requiredConsent = true) => new
    {
        language = "fr",
        primaryApplicant = new { firstName = "Amina", lastName = "Diallo", birthDate = "1990-04-02", frenchLevel = "Advanced" },
        email,
        immigrationStatus = "permanent-resident",
        preferredRegions = new[] { "02" },
        interests = new[] { "employment" },
        heardFrom = "Website",
        noticeVersion = 1,
        consents = new Dictionary<string, bool> { ["case-management"] = requiredConsent },
    };

    public override async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
