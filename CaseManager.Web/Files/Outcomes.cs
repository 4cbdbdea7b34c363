using CaseManager.Domain.Common;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CaseManager.Web.Files;

/// <summary>How loading a page's record ended when it did not: refused by the policy, or no such record.</summary>
public enum LoadFailure
{
    Denied,
    NotFound,
}

/// <summary>
/// The one way a page tells how an operation on a file ended (see <see cref="FileRunner"/>): a
/// load refused or missing becomes a <see cref="LoadFailure"/> the page shows with
/// <c>LoadFailureNotice</c>; a command's refusal, conflict or missing record becomes one message in
/// the person's language. Anything else is a bug and goes to the page's error boundary.
/// </summary>
public static class Outcomes
{
    /// <summary>Runs a page's load; null when it loaded, otherwise why not.</summary>
    public static async Task<LoadFailure?> LoadAsync(Func<Task> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        try
        {
            await load();
            return null;
        }
        catch (AccessDeniedException)
        {
            return LoadFailure.Denied;
        }
        catch (NotFoundException)
        {
            return LoadFailure.NotFound;
        }
    }

    /// <summary>
    /// Runs a command and says how it ended: <paramref name="done"/> when it succeeded; the domain's
    /// refusal (told with <see cref="CommandTexts.Describe"/>, the page's own words, else the shared
    /// resource file), a conflict, a refusal of the policy or a missing record otherwise. True when it succeeded.
    /// </summary>
    public static async Task<bool> RunAsync(
        this ISnackbar snackbar, IStringLocalizer<Strings> common, Func<Task> command, string? done = null, CommandTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(snackbar);
        ArgumentNullException.ThrowIfNull(common);
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            await command();
            if (done is not null)
            {
                snackbar.Add(done, Severity.Success);
            }

            return true;
        }
        catch (DomainRuleException refused)
        {
            snackbar.Add(texts?.Describe?.Invoke(refused.Refusals) ?? common.Describe(refused.Refusals), Severity.Warning);
        }
        catch (ConcurrencyConflictException)
        {
            snackbar.Add(texts?.Conflict ?? common["Error.Concurrency"], Severity.Error, options => options.RequireInteraction = true);
        }
        catch (AccessDeniedException)
        {
            snackbar.Add(texts?.Denied ?? common["Error.AccessDenied"], Severity.Error);
        }
        catch (NotFoundException)
        {
            snackbar.Add(texts?.NotFound ?? common["Error.NotFound"], Severity.Warning);
        }

        return false;
    }
}

/// <summary>A page's own words for the outcomes of <see cref="Outcomes.RunAsync"/>; each falls back to the shared text.</summary>
public sealed record CommandTexts(
    Func<IReadOnlyList<Refusal>, string>? Describe = null, string? Conflict = null, string? Denied = null, string? NotFound = null);

/// <summary>
/// The one filter of the endpoints that reach files and records: a refusal of the policy answers
/// 403, a missing record 404, a conflict or a refusal of the domain 409, as problem details in the
/// person's language under <c>/api</c> (elsewhere the browser's pages for 403 and 404), so no
/// endpoint catches these itself.
/// </summary>
public sealed class OutcomeFilter(IStringLocalizer<Strings> text) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var api = context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        try
        {
            return await next(context);
        }
        catch (AccessDeniedException)
        {
            return api ? Problem(StatusCodes.Status403Forbidden, text["Error.AccessDenied"]) : Results.Forbid();
        }
        catch (NotFoundException)
        {
            return api ? Problem(StatusCodes.Status404NotFound, text["Error.NotFound"]) : Results.NotFound();
        }
        catch (ConcurrencyConflictException)
        {
            return Problem(StatusCodes.Status409Conflict, text["Error.Concurrency"]);
        }
        catch (DomainRuleException refused)
        {
            return Problem(StatusCodes.Status409Conflict, text.Describe(refused.Refusals));
        }
    }

    private static IResult Problem(int status, string detail) => Results.Problem(statusCode: status, detail: detail);
}

public static class OutcomeFilterExtensions
{
    /// <summary>Adds <see cref="OutcomeFilter"/> to an endpoint or a group.</summary>
    public static TBuilder WithOutcomes<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, OutcomeFilter>();
}
