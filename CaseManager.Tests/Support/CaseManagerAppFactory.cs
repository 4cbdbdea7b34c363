using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseManager.Tests.Support;

/// <summary>
/// The real application on a real Kestrel port, against the test database, for HTTP and browser
/// tests. Background job processing is off (tests run jobs themselves); everything else is as in
/// production.
/// </summary>
public sealed class CaseManagerAppFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Further settings, applied last (e.g. <c>["Https:Enabled"] = "true"</c>).</param>
    /// <param name="services">Changes to the services, applied last (e.g. a counting decorator).</param>
    public CaseManagerAppFactory(
        string connectionString, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        Time = time ?? TimeProvider.System;
        UseKestrel(0);
        StartServer();
    }

    public TimeProvider Time { get; }

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234: what a browser opens.</summary>
    public Uri RootUri => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
        .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

    /// <summary>A client of the real server that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = RootUri,
        };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Settings, not app configuration: Program reads them while building the host.
        builder.UseSetting("ConnectionStrings:CaseManager", _connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Hangfire:RunServer", "false");
        // Emails go to the test script's own SMTP server (smtp4dev).
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp4dev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Smtp:From", SmtpSettings.DefaultFrom);
        // Production requires the public address (links in emails); validation is not relaxed for tests.
        builder.UseSetting("App:BaseUrl", "http://casemanager.test");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(Time);
            _services?.Invoke(services);
        });
    }
}
