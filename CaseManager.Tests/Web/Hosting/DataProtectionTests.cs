using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CaseManager.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>The data-protection key ring in PostgreSQL: two instances on one database read each other's cookies.</summary>
public sealed class DataProtectionTests(DatabaseFixture database) : DatabaseTest(database)
{
    private readonly List<CaseManagerAppFactory> _apps = [];
    private string? _certificateFile;

    [Fact]
    public async Task SignIn_OnOneInstance_IsAcceptedByAnotherOnTheSameDatabase()
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CounsellorAsync(db);
        }

        // One browser: cookies go by host name, not port, so both instances get the same ones.
        var cookies = new CookieContainer();
        var first = Start();
        using var client = Client(first, cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await HttpSignIn.PostAsync(client, "marie.tremblay@test.local", TestUsers.Password)).StatusCode);
        var second = Start();
        using var other = Client(second, cookies);

        var page = await other.GetAsync("/households");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // Without the cookie the same page sends to the sign-in.
        Assert.Equal(HttpStatusCode.Redirect, (await second.CreateBrowserlikeClient().GetAsync("/households")).StatusCode);
        // The key both used is the row in PostgreSQL, not a file of this machine.
        await using var check = Database.CreateDbContext();
        var rows = await check.DataProtectionKeys.ToListAsync(TestContext.Current.CancellationToken);
        var stored = Assert.Single(rows);
        foreach (var app in new[] { first, second })
        {
            var key = Assert.Single(app.Services.GetRequiredService<IKeyManager>().GetAllKeys());
            Assert.Equal($"key-{key.KeyId:D}", stored.FriendlyName);
        }
    }

    [Fact]
    public async Task Protect_WithACertificateConfigured_StoresTheKeyEncryptedAndAnotherInstanceReadsIt()
    {
        _certificateFile = Path.Combine(Path.GetTempPath(), $"casemanager-dp-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=CaseManager data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(_certificateFile, certificate.Export(X509ContentType.Pfx, "s3cret!"), TestContext.Current.CancellationToken);
        }

        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = _certificateFile,
            ["DataProtection:Certificate:Password"] = "s3cret!",
        };
        var protectedText = Start(settings).Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("bonjour");

        await using (var db = Database.CreateDbContext())
        {
            var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken))!;
            Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
        }

        var second = Start(settings).Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("bonjour", second.Unprotect(protectedText));
    }

    [Fact]
    public void Start_WithACertificatePathThatDoesNotExist_StopsNamingTheSetting()
    {
        // What Program runs before serving (CaseManagerOptions' check: exit code 2 with the problems).
        var error = Assert.ThrowsAny<Exception>(() => Start(new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = "/nonexistent/casemanager-keys.pfx",
        }).Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());

        Assert.Contains("DataProtection:Certificate:Path", Messages(error), StringComparison.Ordinal);
    }

    private CaseManagerAppFactory Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new CaseManagerAppFactory(Database.ConnectionString, settings: settings);
        _apps.Add(app);
        return app;
    }

    private static string Messages(Exception? error)
    {
        var text = "";
        for (; error is not null; error = error.InnerException)
        {
            text += error.Message + "\n";
        }

        return text;
    }

    private static HttpClient Client(CaseManagerAppFactory app, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.RootUri };

    public override async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        if (_certificateFile is not null)
        {
            File.Delete(_certificateFile);
        }

        // No other test inherits a key encrypted with a certificate it does not have.
        await Database.ResetAsync();
        await base.DisposeAsync();
    }
}
