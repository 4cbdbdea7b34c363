using System.ComponentModel.DataAnnotations;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace CaseManager.Web.Hosting;

/// <summary>
/// When the application terminates TLS itself (<c>Https:Enabled</c>; off by default, since nginx
/// terminates TLS in front of it): plain HTTP is redirected to HTTPS and HTTPS responses carry
/// Strict-Transport-Security.
/// </summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    public bool Enabled { get; set; }

    /// <summary>The port HTTP requests are redirected to (when it is not the Kestrel https endpoint's own).</summary>
    [Range(1, 65535)]
    public int? RedirectPort { get; set; }

    /// <summary>Strict-Transport-Security max-age, in days (a year by default).</summary>
    [Range(1, 730)]
    public int HstsMaxAgeDays { get; set; } = 365;
}

/// <summary>
/// Security headers on every response (pages, endpoints, errors, static files), with one content
/// security policy for the application: Blazor Server's <c>blazor.web.js</c> and MudBlazor's
/// script are files of this origin, the circuit's WebSocket is same-origin (<c>connect-src 'self'</c>
/// covers ws/wss to this host), MudBlazor writes inline <c>style</c> attributes and a theme
/// <c>&lt;style&gt;</c> element (<c>style-src 'unsafe-inline'</c>: styles only, never scripts), no page
/// has an inline script. Nothing frames the application: <c>frame-ancestors 'none'</c>.
/// The Hangfire dashboard (administrators only) writes inline scripts: it has its own, looser policy.
/// </summary>
public static class SecurityHeaders
{
    public const string HangfirePath = "/hangfire";

    public static WebApplicationBuilder AddCaseManagerSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpsOptions>()
            .Bind(builder.Configuration.GetSection(HttpsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var https = builder.Configuration.GetSection(HttpsOptions.Section).Get<HttpsOptions>() ?? new HttpsOptions();

        var development = builder.Environment.IsDevelopment();
        var application = Policy(https, hangfire: false, development);
        var hangfire = Policy(https, hangfire: true, development);
        builder.Services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(application)
            .SetPolicySelector(context =>
                context.HttpContext.Request.Path.StartsWithSegments(HangfirePath, StringComparison.OrdinalIgnoreCase)
                    ? hangfire
                    : context.SelectedPolicy);

        if (https.Enabled)
        {
            builder.Services.AddHttpsRedirection(options =>
            {
                if (https.RedirectPort is { } port)
                {
                    options.HttpsPort = port;
                }
            });
        }

        return builder;
    }

    /// <summary>First in the pipeline, so that errors and static files carry the headers too.</summary>
    public static WebApplication UseCaseManagerSecurityHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HttpsOptions>>().Value.Enabled)
        {
            app.UseHttpsRedirection();
        }

        return app;
    }

    internal static HeaderPolicyCollection Policy(HttpsOptions https, bool hangfire, bool development = false)
    {
        var policy = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddFrameOptionsDeny()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
            // No page uses the camera, microphone, location… (uploads from a phone need none of them).
            .AddPermissionsPolicyWithDefaultSecureDirectives()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                var scripts = csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self().UnsafeInline();
                if (hangfire)
                {
                    scripts.UnsafeInline();
                }

                var connect = csp.AddConnectSrc().Self();
                if (development)
                {
                    // dotnet watch's browser refresh talks to its own WebSocket port on localhost.
                    connect.From("ws://localhost:*").From("wss://localhost:*");
                }

                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self().Data();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            });
        if (https.Enabled)
        {
            // Sent on HTTPS responses only (the library never puts it on plain HTTP).
            policy.AddStrictTransportSecurityMaxAge(https.HstsMaxAgeDays * 24 * 60 * 60);
        }

        return policy;
    }
}
