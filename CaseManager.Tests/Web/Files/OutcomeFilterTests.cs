using System.Globalization;
using CaseManager.Domain.Common;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaseManager.Tests.Web.Files;

/// <summary>The endpoints' one filter: each outcome of an operation on a file as its status, in the person's language.</summary>
public sealed class OutcomeFilterTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private readonly OutcomeFilter _filter;

    public OutcomeFilterTests()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("fr-CA");
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        _filter = new OutcomeFilter(new StringLocalizer<Strings>(factory));
    }

    public void Dispose() => CultureInfo.CurrentUICulture = _culture;

    public static TheoryData<string, int> ApiOutcomes() => new()
    {
        { "denied", StatusCodes.Status403Forbidden },
        { "missing", StatusCodes.Status404NotFound },
        { "conflict", StatusCodes.Status409Conflict },
        { "refused", StatusCodes.Status409Conflict },
    };

    [Theory]
    [MemberData(nameof(ApiOutcomes))]
    public async Task UnderApi_EachOutcome_IsProblemDetailsWithItsStatusInFrench(string outcome, int status)
    {
        var result = await RunAsync("/api/anything", outcome);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(status, problem.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(problem.ProblemDetails.Detail));
        Assert.DoesNotContain("Exception", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnderApi_ARefusalOfTheDomain_IsToldInThePersonsLanguage()
    {
        var result = await RunAsync("/api/anything", "refused");

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal("Impossible : le dossier n'est pas actif.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task InTheSite_ARefusal_GoesToTheSignInSchemesAccessDeniedPage_AndAMissingRecordTo404()
    {
        Assert.IsType<ForbidHttpResult>(await RunAsync("/subsidies/documents/1", "denied"));
        Assert.IsType<NotFound>(await RunAsync("/subsidies/documents/1", "missing"));
    }

    [Fact]
    public async Task AnAnswer_PassesThrough_AndAnyOtherExceptionIsNotSwallowed()
    {
        Assert.Equal("ok", await RunAsync("/api/anything", "ok"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("/api/anything", "bug").AsTask());
    }

    private ValueTask<object?> RunAsync(string path, string outcome)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;
        return _filter.InvokeAsync(EndpointFilterInvocationContext.Create(http), _ => outcome switch
        {
            "denied" => throw new AccessDeniedException("no"),
            "missing" => throw new NotFoundException("none"),
            "conflict" => throw new ConcurrencyConflictException(),
            "refused" => throw new DomainRuleException("Workflow.FileNotActive"),
            "bug" => throw new InvalidOperationException("a bug"),
            _ => ValueTask.FromResult<object?>("ok"),
        });
    }
}
