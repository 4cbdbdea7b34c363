using Bunit;
using CaseManager.Tests.Support;
using CaseManager.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseManager.Tests.Web.Components;

/// <summary>A page that fails (the database not answering) shows a message and can try again; the connection lives on.</summary>
public sealed class PageErrorBoundaryTests : ComponentTestBase
{
    public PageErrorBoundaryTests()
    {
        Services.AddSingleton<IErrorBoundaryLogger, CountingErrorLogger>();
    }

    [Fact]
    public void Render_APageWhoseDatabaseIsDown_ShowsTheMessageInFrenchAndNoneOfTheException()
    {
        var page = Render<PageErrorBoundary>(p => p.AddChildContent<FlakyPage>(c => c.Add(x => x.Failures, new FailureCount(1))));

        var alert = page.WaitForElement("[data-testid=page-error]");
        Assert.Contains("Cette page n'a pas pu être affichée.", alert.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=flaky-content]"));
        Assert.Equal(1, ((CountingErrorLogger)Services.GetRequiredService<IErrorBoundaryLogger>()).Logged);
    }

    [Fact]
    public void Retry_OnceTheDatabaseAnswersAgain_ShowsThePage()
    {
        var page = Render<PageErrorBoundary>(p => p.AddChildContent<FlakyPage>(c => c.Add(x => x.Failures, new FailureCount(1))));

        page.WaitForElement("[data-testid=page-error-retry]").Click();

        page.WaitForAssertion(() => Assert.Equal("Chargé", page.Find("[data-testid=flaky-content]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=page-error]"));
    }

    [Fact]
    public void Click_AnActionThatFails_ShowsTheMessageInsteadOfEndingTheConnection()
    {
        var page = Render<PageErrorBoundary>(p => p.AddChildContent<FlakyPage>(c => c.Add(x => x.Failures, new FailureCount(0))));

        page.WaitForElement("[data-testid=flaky-action]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=page-error]")));
    }

    [Fact]
    public void Render_InEnglish_ShowsTheEnglishMessage()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-CA");

        var page = Render<PageErrorBoundary>(p => p.AddChildContent<FlakyPage>(c => c.Add(x => x.Failures, new FailureCount(1))));

        Assert.Contains("This page could not be shown.", page.WaitForElement("[data-testid=page-error]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>How many more times the page fails to load.</summary>
    public sealed class FailureCount(int remaining)
    {
        public int Remaining { get; set; } = remaining;
    }

    /// <summary>A page whose database fails the first loads, and whose button always fails.</summary>
    public sealed class FlakyPage : ComponentBase
    {
        [Parameter]
        public FailureCount Failures { get; set; } = new(0);

        protected override async Task OnInitializedAsync()
        {
            await Task.Yield();
            if (Failures.Remaining-- > 0)
            {
                throw new NpgsqlException("Failed to connect to 127.0.0.1:55432");
            }
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "flaky-content");
            builder.AddContent(2, "Chargé");
            builder.CloseElement();
            builder.OpenElement(3, "button");
            builder.AddAttribute(4, "data-testid", "flaky-action");
            builder.AddAttribute(5, "onclick", EventCallback.Factory.Create(this, () => throw new NpgsqlException("Connection refused")));
            builder.CloseElement();
        }
    }

    private sealed class CountingErrorLogger : IErrorBoundaryLogger
    {
        public int Logged { get; private set; }

        public ValueTask LogErrorAsync(Exception exception)
        {
            Logged++;
            return ValueTask.CompletedTask;
        }
    }
}
