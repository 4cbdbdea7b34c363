using System.Security.Claims;
using Bunit;
using CaseManager.Tests.Support;
using CaseManager.Web.Components;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;

namespace CaseManager.Tests.Web.Account;

/// <summary>The refusal a signed-in person sees: who they are, which page, and the ways back; never another site's address.</summary>
public sealed class AccessDeniedNoticeTests : ComponentTestBase
{
    private static readonly Task<AuthenticationState> Paule = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "partner-1"),
            new Claim(ClaimTypes.Name, "paule@demo.local"),
            new Claim(AppClaimTypes.DisplayName, "Paule Gagnon"),
            new Claim(ClaimTypes.Role, "Partner"),
        ],
        "Test"))));

    public AccessDeniedNoticeTests() =>
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    private IRenderedComponent<AccessDeniedNotice> RenderNotice(string deniedUrl) =>
        Render<AccessDeniedNotice>(p => p.Add(n => n.DeniedUrl, deniedUrl).AddCascadingValue(Paule));

    [Fact]
    public void Render_APartnerRefusedAPage_SaysWhoTheyAreWhichPageAndOffersBackAndHome()
    {
        var notice = RenderNotice("/households?search=Diallo");

        notice.WaitForAssertion(() => Assert.Contains("Paule Gagnon", notice.Find("[data-testid=access-denied-reason]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Partenaire régional", notice.Find("[data-testid=access-denied-reason]").TextContent, StringComparison.Ordinal);
        Assert.Contains("n'a pas le droit d'ouvrir cette page", notice.Find("[data-testid=access-denied-reason]").TextContent, StringComparison.Ordinal);
        // The page, not its query (which may hold a name).
        Assert.Equal("Page demandée : /households", notice.Find("[data-testid=access-denied-page]").TextContent.Trim());
        Assert.DoesNotContain("Diallo", notice.Markup, StringComparison.Ordinal);
        Assert.Equal("Retour", notice.Find("[data-testid=access-denied-back]").TextContent.Trim());
        Assert.Equal("/", notice.Find("a[data-testid=access-denied-home]").GetAttribute("href"));
        Assert.Equal("Accès refusé", notice.Find("h1").TextContent.Trim());
    }

    [Theory]
    [InlineData("https://evil.example/households")]
    [InlineData("//evil.example/households")]
    [InlineData("/\\evil.example/households")]
    [InlineData("javascript:alert('evil')")]
    [InlineData("/households\r\nevil")]
    public void Render_WithAnotherSitesAddress_NeitherShowsNorLinksIt(string returnUrl)
    {
        var notice = RenderNotice(returnUrl);

        notice.WaitForAssertion(() => Assert.Contains("Paule Gagnon", notice.Markup, StringComparison.Ordinal));
        Assert.Empty(notice.FindAll("[data-testid=access-denied-page]"));
        Assert.DoesNotContain("evil", notice.Markup, StringComparison.Ordinal);
        Assert.All(notice.FindAll("a[href]"), link => Assert.Equal("/", link.GetAttribute("href")));
    }

    [Fact]
    public void Back_GoesBackInTheBrowsersHistory()
    {
        var notice = RenderNotice("/households");

        notice.Find("button[data-testid=access-denied-back]").Click();

        notice.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "history.back"));
    }
}
