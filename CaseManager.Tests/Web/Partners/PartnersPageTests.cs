using Bunit;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Partners;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Partners;

/// <summary>The regional partners' directory page, in French, over the real service and database.</summary>
public sealed class PartnersPageTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    private async Task SetUpPartnersAsync()
    {
        await SetUpAsync();
        Services.AddScoped<PartnerService>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        await using var db = Database.CreateDbContext();
        await TestPartners.CreateAsync(db, "Accueil Bas-Saint-Laurent", "01", "Rimouski");
        await TestPartners.CreateAsync(db, "Accueil Estrie", "05", "Sherbrooke");
    }

    [Fact]
    public async Task Admin_SeesTheListWithTheCreateAndEditButtons()
    {
        await SetUpPartnersAsync();
        await using (var db = Database.CreateDbContext())
        {
            Current.User = await TestUsers.CreateAsync(db, "admin@cm.test", "Nadia Admin", null, Roles.Admin);
        }

        var page = Render<PartnersPage>();

        page.WaitForAssertion(() => Assert.Equal(
            ["Accueil Bas-Saint-Laurent", "Accueil Estrie"], page.FindAll("[data-testid=partner-name]").Select(n => n.TextContent.Trim())));
        Assert.Single(page.FindAll("[data-testid=new-partner]"));
        Assert.False(page.Find("[data-testid=new-partner]").HasAttribute("disabled"));
        Assert.Equal(2, page.FindAll("[data-testid=edit-partner]").Count);
        Assert.Contains("josee@accueil.test", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counsellor_SeesTheListReadOnly()
    {
        await SetUpPartnersAsync();
        Current.User = Marie;

        var page = Render<PartnersPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=partner-name]").Count));
        Assert.Contains("Rimouski", page.Find("[data-testid=partners-grid]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=new-partner]"));
        Assert.Empty(page.FindAll("[data-testid=edit-partner]"));
        Assert.Empty(page.FindAll("[data-testid=access-denied]"));
    }
}
