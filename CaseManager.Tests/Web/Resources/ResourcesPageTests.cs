using Bunit;
using CaseManager.Data.Entities;
using CaseManager.Domain.Resources;
using CaseManager.Tests.Support;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Resources;

/// <summary>The resource directory page, in French, over the real service and database.</summary>
public sealed class ResourcesPageTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    private UserIdentity _admin = UserIdentity.Anonymous;

    private async Task SetUpDirectoryAsync()
    {
        await SetUpAsync();
        Services.AddScoped<ResourceService>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        await using (var db = Database.CreateDbContext())
        {
            _admin = await TestUsers.CreateAsync(db, "admin@cm.test", "Nadia Admin", null, Roles.Admin);
        }

        Current.User = _admin;
        var service = Services.GetRequiredService<ResourceService>();
        await service.CreateAsync(new Resource { Name = "École primaire du Havre", RegionCode = "01", CategoryCode = "childcare-school", Municipality = "Rimouski" });
        await service.CreateAsync(new Resource { Name = "CLSC de Sherbrooke", RegionCode = "05", CategoryCode = "health", Email = "clsc@exemple.ca" });
    }

    [Fact]
    public async Task Admin_SeesTheListWithTheEditImportAndCreateButtons()
    {
        await SetUpDirectoryAsync();

        var page = Render<ResourcesPage>();

        page.WaitForAssertion(() => Assert.Equal(
            ["CLSC de Sherbrooke", "École primaire du Havre"], page.FindAll("[data-testid=resource-name]").Select(n => n.TextContent.Trim())));
        Assert.Single(page.FindAll("[data-testid=new-resource]"));
        Assert.Single(page.FindAll("[data-testid=import-resources]"));
        Assert.Equal(2, page.FindAll("[data-testid=edit-resource]").Count);
        Assert.Contains("clsc@exemple.ca", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Garderie et école", page.Find("[data-testid=resources-grid]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counsellor_SeesTheListReadOnlyAndCanExport()
    {
        await SetUpDirectoryAsync();
        Current.User = Marie;

        var page = Render<ResourcesPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=resource-name]").Count));
        Assert.Empty(page.FindAll("[data-testid=new-resource]"));
        Assert.Empty(page.FindAll("[data-testid=import-resources]"));
        Assert.Empty(page.FindAll("[data-testid=edit-resource]"));
        Assert.StartsWith("/resources/export.csv?", page.Find("[data-testid=export-resources]").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("CSV : colonnes séparées par « ; », décimales avec « , »", page.Find("[data-testid=csv-format]").TextContent.Trim());
    }
}
