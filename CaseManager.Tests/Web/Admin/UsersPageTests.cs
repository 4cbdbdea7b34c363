using Bunit;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Admin;

/// <summary>The users page rendered with bUnit, in French, over the real service and database.</summary>
public sealed class UsersPageTests(DatabaseFixture database) : ComponentTestBase
{
    private UserIdentity _admin = UserIdentity.Anonymous;
    private UserIdentity _marie = UserIdentity.Anonymous;

    private async Task<(IRenderedComponent<UsersPage> Page, IRenderedComponent<MudDialogProvider> Dialogs)> RenderPageAsync()
    {
        await database.ResetAsync();
        await using (var db = database.CreateDbContext())
        {
            _admin = await TestUsers.CreateAsync(db, "alice.admin@test.local", "Alice Admin", null, Roles.Admin);
            _marie = await TestUsers.CounsellorAsync(db, "Marie Tremblay", organizationId: 1);
        }

        // Made by the container's factory, so the container disposes it with the test's context.
        var admin = _admin;
        Services.AddSingleton(_ => new AdminTestHost(database.ConnectionString, admin));
        Services.AddSingleton(sp => sp.GetRequiredService<AdminTestHost>().UserAdmin);
        Services.AddSingleton<ICurrentUser>(sp => sp.GetRequiredService<AdminTestHost>().Current);
        var dialogs = RenderDialogProvider();
        return (Render<UsersPage>(), dialogs);
    }

    [Fact]
    public async Task Render_AsAdministrator_ListsAccountsWithRolesAndOrganizationAndMarksOneself()
    {
        var (page, _) = await RenderPageAsync();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=user-name]").Count));
        var rows = page.FindAll("tr.mud-table-row").Where(r => r.QuerySelector("[data-testid=user-name]") is not null).ToList();
        Assert.Contains("Alice Admin (vous)", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Administrateur(trice)", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Intervenant(e)", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("PROMIS", rows[1].TextContent, StringComparison.Ordinal);
        Assert.True(rows[0].QuerySelector("[data-testid=deactivate-user]")!.HasAttribute("disabled"));
        Assert.False(rows[1].QuerySelector("[data-testid=deactivate-user]")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task CreateDialog_SubmittedEmpty_SaysWhatIsMissingInFrenchAndCreatesNothing()
    {
        var (page, dialogs) = await RenderPageAsync();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=new-user]").HasAttribute("disabled")));

        // The page's handler waits for the dialog to close: start the click, do not wait for it.
        _ = page.InvokeAsync(() => page.Find("[data-testid=new-user]").ClickAsync(new()));
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=user-save]")));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=user-save]").ClickAsync(new()));

        dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Le courriel est obligatoire.", dialogs.Markup, StringComparison.Ordinal);
            Assert.Contains("Le nom affiché est obligatoire.", dialogs.Markup, StringComparison.Ordinal);
            Assert.Contains("Choisissez au moins un rôle.", dialogs.Find("[data-testid=user-roles-error]").TextContent, StringComparison.Ordinal);
        });
        await using var db = database.CreateDbContext();
        Assert.Equal(2, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Deactivate_Confirmed_DeactivatesTheAccountAndSaysSo()
    {
        var (page, dialogs) = await RenderPageAsync();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=deactivate-user]").Count));

        var deactivating = page.InvokeAsync(() => page.FindAll("[data-testid=deactivate-user]")[1].ClickAsync(new()));
        dialogs.WaitForAssertion(() => Assert.Contains("Marie Tremblay ne pourra plus se connecter", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Désactiver").ClickAsync(new()));
        await deactivating;

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=user-inactive]")));
        await using var db = database.CreateDbContext();
        Assert.False(await db.Users.Where(u => u.Id == _marie.Id).Select(u => u.IsActive).SingleAsync());
    }
}
