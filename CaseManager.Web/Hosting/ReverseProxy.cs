using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace CaseManager.Web.Hosting;

/// <summary>
/// Behind nginx: X-Forwarded-For, -Proto and -Host are read only from the proxies listed in
/// <c>ReverseProxy:KnownProxies</c> (addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR
/// ranges); with none listed they are ignored. The client address they give is what the rate
/// limits and the logs see, and the scheme makes the sign-in and antiforgery cookies Secure when
/// the person's request was HTTPS.
/// </summary>
public static class ReverseProxy
{
    public const string KnownProxiesSetting = "ReverseProxy:KnownProxies";
    public const string KnownNetworksSetting = "ReverseProxy:KnownNetworks";

    public static IServiceCollection AddCaseManagerReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var problems = new List<string>();
        var proxies = SettingProblems.Read(problems, () => ReadList(configuration, KnownProxiesSetting)
            .Select(text => IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesSetting}: '{text}' is not an IP address."))
            .ToList(), []);
        var networks = SettingProblems.Read(problems, () => ReadList(configuration, KnownNetworksSetting)
            .Select(text => System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new InvalidOperationException($"{KnownNetworksSetting}: '{text}' is not a CIDR range such as 10.0.0.0/24."))
            .ToList(), []);
        services.AddSettingProblems("reverse-proxy", problems);
        services.AddSingleton(new TrustedProxies(proxies, networks));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only what is configured: the framework's default trusts loopback.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
            // One proxy in front: the last address it appended is the client's.
            options.ForwardLimit = 1;
        });

        // Secure when the request (as forwarded) was HTTPS, plain on a developer's http://127.0.0.1.
        services.ConfigureApplicationCookie(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseCaseManagerForwardedHeaders(this IApplicationBuilder app)
    {
        var trusted = app.ApplicationServices.GetRequiredService<TrustedProxies>();
        return trusted.Any ? app.UseForwardedHeaders() : app;
    }

    /// <summary>A list setting: array items (<c>…:0</c>, <c>…:1</c>) or one value separated by commas or spaces.</summary>
    private static List<string> ReadList(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(child => child.Value).Append(section.Value);
        return values
            .SelectMany(value => (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }

    /// <summary>The proxies whose forwarded headers are read.</summary>
    public sealed record TrustedProxies(IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks)
    {
        public bool Any => Proxies.Count > 0 || Networks.Count > 0;
    }
}
