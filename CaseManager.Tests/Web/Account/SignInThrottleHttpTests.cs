using System.Buffers.Binary;
using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Account;
using CaseManager.Web.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CaseManager.Tests.Web.Account;

/// <summary>
/// Sign-in that gives nothing away and locks nobody out: the same work and the same answer
/// whatever the email, growing waits per account and per client address (from X-Forwarded-For,
/// the test's loopback being a known proxy), the owner told by email once, and a device the owner
/// signed in from before let through while the attacker's is refused.
/// </summary>
public sealed partial class SignInThrottleHttpTests(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
{
    private const string Failed = "Courriel ou mot de passe incorrect.";
    private const string WrongPassword = "wrong-password";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CountingPasswordHasher _hasher = new();
    private readonly Dictionary<string, string?> _settings = new() { ["ReverseProxy:KnownProxies"] = "127.0.0.1" };
    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString, _time, _settings, services =>
    {
        services.RemoveAll<IPasswordHasher<ApplicationUser>>();
        services.AddSingleton<IPasswordHasher<ApplicationUser>>(_hasher);
    });

    [Theory]
    [InlineData(SignInKeyKind.Account, 4, 0)]
    [InlineData(SignInKeyKind.Account, 5, 1)]
    [InlineData(SignInKeyKind.Account, 6, 2)]
    [InlineData(SignInKeyKind.Account, 7, 4)]
    [InlineData(SignInKeyKind.Account, 11, 60)]
    [InlineData(SignInKeyKind.Account, 40, 60)]
    [InlineData(SignInKeyKind.Address, 19, 0)]
    [InlineData(SignInKeyKind.Address, 20, 1)]
    [InlineData(SignInKeyKind.Device, 5, 1)]
    public void DelayAfter_DefaultSettings_FreeAttemptsThenDoublingFromOneMinuteToAnHour(SignInKeyKind kind, int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), new SignInThrottleOptions().DelayAfter(new SignInKey(kind, "x"), failures));

    [Fact]
    public async Task SignIn_UnknownEmail_VerifiesOneHashOfTheSameCostAsAKnownAccount()
    {
        await CreateUserAsync("known@test.local");
        var client = Client("10.0.0.1");

        await AttemptAsync(client, "nobody@test.local", WrongPassword);
        var unknown = _hasher.Verifications;
        var unknownVerifiedAgainst = _hasher.LastHashVerified;
        await AttemptAsync(client, "known@test.local", WrongPassword);
        var known = _hasher.Verifications - unknown;

        Assert.Equal(1, unknown);
        Assert.Equal(1, known);
        await using var db = Database.CreateDbContext();
        var real = db.Users.Single(u => u.Email == "known@test.local").PasswordHash!;
        var standIn = App.Services.GetRequiredService<StandInPasswordHash>().Hash;
        Assert.Equal(IterationsOf(real), IterationsOf(standIn));
        Assert.Equal(Convert.FromBase64String(real).Length, Convert.FromBase64String(standIn).Length);
        Assert.Equal(standIn, unknownVerifiedAgainst);
    }

    [Fact]
    public async Task SignIn_UnknownAndKnownEmails_GetTheSameAnswersWhenWrongAndWhenThrottled()
    {
        await CreateUserAsync("known@test.local");
        var answers = new Dictionary<string, List<string>>();
        foreach (var (email, address) in new[] { ("known@test.local", "10.0.0.1"), ("nobody@test.local", "10.0.0.2") })
        {
            var client = Client(address);
            answers[email] = [];
            for (var i = 0; i < 6; i++)
            {
                answers[email].Add(await AttemptAsync(client, email, WrongPassword));
            }

            // The right password changes nothing while throttled.
            answers[email].Add(await AttemptAsync(client, email, TestUsers.Password));
        }

        Assert.Equal(answers["nobody@test.local"], answers["known@test.local"]);
        Assert.All(answers["known@test.local"].Take(5), answer => Assert.Equal(Failed, answer));
        Assert.All(answers["known@test.local"].Skip(5), answer =>
            Assert.Equal("Trop de tentatives avec ce courriel ou depuis cette adresse. Réessayez dans 1 min.", answer));
        Assert.DoesNotContain(answers.Values.SelectMany(a => a), a => a.Contains("bloqué", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_FailuresOnOneAccountFromManyAddresses_WaitGrowsByDoubling()
    {
        await CreateUserAsync("admin@test.local", Roles.Admin);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Failed, await AttemptAsync(Client($"10.0.1.{i}"), "admin@test.local", WrongPassword));
        }

        Assert.Equal(Throttled(1), await AttemptAsync(Client("10.0.2.1"), "admin@test.local", WrongPassword));
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(Failed, await AttemptAsync(Client("10.0.2.2"), "admin@test.local", WrongPassword));
        Assert.Equal(Throttled(2), await AttemptAsync(Client("10.0.2.3"), "ADMIN@test.local", WrongPassword));
        _time.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(Failed, await AttemptAsync(Client("10.0.2.4"), "admin@test.local", WrongPassword));
        Assert.Equal(Throttled(4), await AttemptAsync(Client("10.0.2.5"), "admin@test.local", WrongPassword));
    }

    [Fact]
    public async Task SignIn_FailuresFromOneAddressOnManyEmails_WaitGrowsThereOnly()
    {
        _settings["SignIn:Throttle:AddressFreeFailures"] = "3";
        var attacker = Client("203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Failed, await AttemptAsync(attacker, $"guess{i}@test.local", WrongPassword));
        }

        Assert.Equal(Throttled(1), await AttemptAsync(attacker, "guess9@test.local", WrongPassword));
        Assert.Equal(Failed, await AttemptAsync(Client("203.0.113.8"), "guess9@test.local", WrongPassword));
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(Failed, await AttemptAsync(attacker, "guess10@test.local", WrongPassword));
        Assert.Equal(Throttled(2), await AttemptAsync(attacker, "guess11@test.local", WrongPassword));
    }

    [Fact]
    public async Task SignIn_AccountThrottled_TellsTheOwnerByEmailOncePerEpisode()
    {
        var email = $"owner-{Guid.NewGuid():N}@test.local";
        await CreateUserAsync(email);
        using var smtp = new Smtp4dev();
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync(Client($"10.0.3.{i}"), email, WrongPassword);
        }

        _time.Advance(TimeSpan.FromSeconds(61));
        await AttemptAsync(Client("10.0.3.9"), email, WrongPassword);
        await SendEmailsAsync();

        var mail = Assert.Single(await smtp.WaitForAsync(email, 1));
        Assert.Equal("CaseManager : tentatives de connexion à votre compte", mail.Subject);
        Assert.Contains("5 tentatives de connexion", await smtp.PlainTextAsync(mail.Id), StringComparison.Ordinal);

        // A day of quiet ends the episode; the next one is told again.
        _time.Advance(TimeSpan.FromHours(25));
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync(Client($"10.0.4.{i}"), email, WrongPassword);
        }

        await SendEmailsAsync();
        Assert.Equal(2, (await smtp.WaitForAsync(email, 2)).Count);
    }

    [Fact]
    public async Task SignIn_DuringAnAttack_TheOwnersKnownDeviceGetsInAndTheAttackersNewOneIsRefused()
    {
        await CreateUserAsync("owner@test.local", Roles.Admin);
        var ownerCookies = new CookieContainer();
        var owner = Client("198.51.100.5", ownerCookies);
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostAsync(owner, "owner@test.local", TestUsers.Password)).StatusCode);
        SignOutLocally(ownerCookies);

        // The attacker shares the owner's address (the same office network) and knows the password by the end.
        var attacker = Client("198.51.100.5");
        for (var i = 0; i < 8; i++)
        {
            await AttemptAsync(attacker, "owner@test.local", WrongPassword);
        }

        var stolen = await HttpSignIn.PostAsync(attacker, "owner@test.local", TestUsers.Password);
        var back = await HttpSignIn.PostAsync(owner, "owner@test.local", TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, stolen.StatusCode);
        Assert.Equal(Throttled(1), ErrorOf(await HttpSignIn.TextAsync(stolen)));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/admin/users", new Uri(App.RootUri, back.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task SignIn_KnownDeviceOfAnotherPerson_DoesNotLetThroughAThrottledAccount()
    {
        await CreateUserAsync("colleague@test.local");
        await CreateUserAsync("target@test.local");
        var cookies = new CookieContainer();
        var shared = Client("10.0.5.1", cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostAsync(shared, "colleague@test.local", TestUsers.Password)).StatusCode);
        SignOutLocally(cookies);
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync(Client($"10.0.6.{i}"), "target@test.local", WrongPassword);
        }

        Assert.Equal(Throttled(1), await AttemptAsync(shared, "target@test.local", TestUsers.Password));
    }

    [Fact]
    public async Task SignIn_DeactivatedAccountWithAWrongPassword_GetsTheAnswerOfAnyWrongPassword()
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, "gone@test.local", "Gone", 1, Roles.Counsellor);
            db.Users.Single(u => u.Email == "gone@test.local").IsActive = false;
            await db.SaveChangesAsync();
        }

        Assert.Equal(Failed, await AttemptAsync(Client("10.0.7.1"), "gone@test.local", WrongPassword));
    }

    private static string Throttled(int minutes) =>
        $"Trop de tentatives avec ce courriel ou depuis cette adresse. Réessayez dans {minutes} min.";

    private async Task CreateUserAsync(string email, string role = Roles.Counsellor)
    {
        await using var db = Database.CreateDbContext();
        await TestUsers.CreateAsync(db, email, "Louise Gagnon", 1, role);
    }

    /// <summary>A browser at <paramref name="address"/> (as the proxy forwards it).</summary>
    private HttpClient Client(string address, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = App.RootUri,
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    /// <summary>The sign-in cookie gone (as after signing out), the device's cookie kept.</summary>
    private static void SignOutLocally(CookieContainer cookies)
    {
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            if (cookie.Name == "casemanager.auth")
            {
                cookie.Expired = true;
            }
        }

        Assert.Contains(cookies.GetAllCookies(), c => c.Name.StartsWith("casemanager.device.", StringComparison.Ordinal));
    }

    private static async Task<string> AttemptAsync(HttpClient client, string email, string password) =>
        ErrorOf(await HttpSignIn.TextAsync(await HttpSignIn.PostAsync(client, email, password)));

    private static string ErrorOf(string page) => LoginError().Match(page) is { Success: true } match ? match.Groups[1].Value : "(signed in)";

    private async Task SendEmailsAsync()
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EmailSenderJob>().RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>PBKDF2's iteration count in an Identity v3 hash (bytes 5 to 8, big-endian).</summary>
    private static uint IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)</div>")]
    private static partial Regex LoginError();

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>The application's hasher, counting the verifications it makes.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string? LastHashVerified { get; private set; }

        public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            LastHashVerified = hashedPassword;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
