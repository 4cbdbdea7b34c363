using System.Security.Claims;
using CaseManager.Web.Access;
using CaseManager.Web.Features.Account;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace CaseManager.Web.Features.HouseholdSpace;

/// <summary>
/// The household's own sign-in: its own authentication scheme and cookie (never the staff's
/// Identity cookie), scoped to <c>/espace</c>, HttpOnly, SameSite=Lax, Secure when the request
/// (as forwarded by the proxy) is HTTPS, like the staff's. The cookie names a device session that
/// the access policy reads from PostgreSQL at every request, so the counsellor's revocation is
/// final on every server.
/// </summary>
public static class HouseholdSpaceRegistration
{
    public const string Scheme = HouseholdSessions.Scheme;
    public const string CookieName = "casemanager.household";
    public const string SpacePath = "/espace";
    public const string AskPath = "/espace/acces";

    /// <summary>Where the ask page posts (a page's own address also takes POSTs for its forms, so the endpoints have theirs).</summary>
    public const string AskPostPath = "/espace/demande";

    public const string OpenPostPath = "/espace/ouvrir";

    public static IServiceCollection AddHouseholdSpace(this IServiceCollection services)
    {
        services.AddOptions<HouseholdSpaceOptions>()
            .BindConfiguration(HouseholdSpaceOptions.Section)
            .Validate(o => o.IsValid, HouseholdSpaceOptions.Rules)
            .ValidateOnStart();
        services.AddScoped<HouseholdLinks>();
        services.AddScoped<IHouseholdLinks>(sp => sp.GetRequiredService<HouseholdLinks>());
        services.AddScoped<HouseholdLinkAdmin>();
        services.AddScoped<HouseholdSpaceService>();
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = SpacePath;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = AskPath;
            options.AccessDeniedPath = AskPath;
            options.SlidingExpiration = false;
            options.ReturnUrlParameter = "retour";
        });
        return services;
    }

    /// <summary>
    /// Under <c>/espace</c> the person is the household its own cookie names, or nobody: the staff's
    /// sign-in is not read there at all (so a staff cookie never opens a space, and the services of
    /// these requests act as the household). Before the services learn the request's user.
    /// </summary>
    public static IApplicationBuilder UseHouseholdSpacePrincipal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(SpacePath, StringComparison.OrdinalIgnoreCase))
        {
            var household = await context.AuthenticateAsync(Scheme);
            context.User = household.Succeeded && household.Principal is { } principal ? principal : new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    });

    /// <summary>The forms of the household's pages post here (antiforgery checked), then go back to the page (post, redirect, get).</summary>
    public static IEndpointRouteBuilder MapHouseholdSpaceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Every form of the space posts with its antiforgery token; a post without a valid one changes nothing.
        var space = endpoints.MapGroup(SpacePath)
            .DisableAntiforgery()
            .AddEndpointFilter(async (invocation, next) =>
                await invocation.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(invocation.HttpContext)
                    ? await next(invocation)
                    : Results.BadRequest());

        space.MapPost("/ouvrir/{token}", async (string token, HttpContext context, HouseholdLinks links, SharedRateLimiter limiter,
            Microsoft.Extensions.Options.IOptions<HouseholdSpaceOptions> options, CancellationToken cancellationToken) =>
        {
            var lease = await limiter.TryAcquireAsync(options.Value.Redeem, ClientOf(context), cancellationToken);
            if (!lease.Acquired)
            {
                return Results.Redirect($"{SpacePath}/lien/{Uri.EscapeDataString(token)}?refus=trop");
            }

            var opened = await links.OpenAsync(token, cancellationToken);
            if (opened is null)
            {
                return Results.Redirect($"{SpacePath}/lien/{Uri.EscapeDataString(token)}?refus=lien");
            }

            var identity = new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, HouseholdSessions.IdOf(opened.HouseholdId)),
                    new Claim(AppClaimTypes.HouseholdSessionId, opened.SessionId.ToString()),
                ],
                Scheme);
            await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
            {
                IsPersistent = true,
                ExpiresUtc = opened.ExpiresAt,
                AllowRefresh = false,
            });
            AccountEndpoints.WriteCultureCookie(context, HouseholdLinks.CultureOf(opened.Language).Name);
            return Results.Redirect(SpacePath);
        }).AllowAnonymous();

        space.MapPost("/demande", async ([FromForm(Name = "contact")] string? contact, HttpContext context, HouseholdLinks links, SharedRateLimiter limiter,
            Microsoft.Extensions.Options.IOptions<HouseholdSpaceOptions> options, CancellationToken cancellationToken) =>
        {
            var lease = await limiter.TryAcquireAsync(options.Value.Request, ClientOf(context), cancellationToken);
            if (!lease.Acquired)
            {
                return Results.Redirect($"{AskPath}?refus=trop");
            }

            await links.RequestAsync(contact, cancellationToken);
            return Results.Redirect($"{AskPath}?envoye=1");
        }).AllowAnonymous();

        var own = space.MapGroup("/actions").RequireAuthorization(nameof(Operation.UseHouseholdSpace));

        own.MapPost("/tache/{taskId:guid}", (Guid taskId, [FromForm(Name = "fait")] bool? done, HouseholdSpaceService space, CancellationToken ct) =>
            RunAsync("plan", () => space.SetTaskDoneAsync(taskId, done == true, ct)));
        own.MapPost("/tache/{taskId:guid}/commentaire", (Guid taskId, [FromForm(Name = "commentaire")] string? comment, HouseholdSpaceService space, CancellationToken ct) =>
            RunAsync("plan", () => space.CommentTaskAsync(taskId, comment, ct)));
        own.MapPost("/coordonnees", ([FromForm(Name = "courriel")] string? email, [FromForm(Name = "telephone")] string? phone,
                [FromForm(Name = "adresse")] string? address, [FromForm(Name = "francais")] bool? french, [FromForm(Name = "anglais")] bool? english,
                [FromForm(Name = "version")] uint version, HouseholdSpaceService space, CancellationToken ct) =>
            RunAsync("coordonnees", () => space.UpdateDetailsAsync(new DetailsChange(email, phone, address, french == true, english == true), version, ct)));
        own.MapPost("/consentement/{consentId:guid}", (Guid consentId, HouseholdSpaceService space, CancellationToken ct) =>
            RunAsync("consentements", () => space.WithdrawConsentAsync(consentId, ct)));
        own.MapPost("/message", ([FromForm(Name = "message")] string? message, HouseholdSpaceService space, CancellationToken ct) =>
            RunAsync("message", () => space.SendMessageAsync(message, ct)));
        own.MapPost("/quitter", async (HttpContext context, HouseholdLinks links, CancellationToken ct) =>
        {
            if (Guid.TryParse(context.User.FindFirstValue(AppClaimTypes.HouseholdSessionId), out var session))
            {
                await links.SignOutAsync(session, ct);
            }

            await context.SignOutAsync(Scheme);
            return Results.Redirect(AskPath);
        });
        return endpoints;
    }

    /// <summary>The change, then back to its section of the space with what happened: done, or the refusal's code (shown in the household's language).</summary>
    private static async Task<IResult> RunAsync(string section, Func<Task> change)
    {
        try
        {
            await change();
            return Results.Redirect($"{SpacePath}?ok={section}#{section}");
        }
        catch (Domain.Common.DomainRuleException refusal)
        {
            return Results.Redirect($"{SpacePath}?refus={Uri.EscapeDataString(refusal.Refusals[0].Code)}&section={section}#{section}");
        }
        catch (Domain.Households.HouseholdProfileException refusal)
        {
            return Results.Redirect($"{SpacePath}?refus={Uri.EscapeDataString(refusal.Errors[0].Code)}&section={section}#{section}");
        }
        catch (ConcurrencyConflictException)
        {
            return Results.Redirect($"{SpacePath}?refus=Space.Conflict&section={section}#{section}");
        }
        catch (AccessDeniedException)
        {
            // Already logged (and in the file's access log) by the policy.
            return Results.Redirect($"{SpacePath}?refus=Space.Refused&section={section}#{section}");
        }
        catch (NotFoundException)
        {
            return Results.Redirect($"{SpacePath}?refus=Space.NotFound&section={section}#{section}");
        }
    }

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { } address => address.ToString(),
        null => "unknown",
    };
}
