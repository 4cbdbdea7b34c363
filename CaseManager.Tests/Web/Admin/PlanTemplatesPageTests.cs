using Bunit;
using CaseManager.Data.Entities;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Admin;

/// <summary>The plan templates page rendered with bUnit, in French, over the real service and database.</summary>
public sealed class PlanTemplatesPageTests(DatabaseFixture database) : ComponentTestBase
{
    private async Task<(IRenderedComponent<PlanTemplatesPage> Page, IRenderedComponent<MudDialogProvider> Dialogs)> RenderPageAsync(params PlanTemplate[] templates)
    {
        await database.ResetAsync();
        UserIdentity admin;
        await using (var db = database.CreateDbContext())
        {
            admin = await TestUsers.CreateAsync(db, "alice.admin@test.local", "Alice Admin", null, Roles.Admin);
            db.PlanTemplates.AddRange(templates);
            await db.SaveChangesAsync();
        }

        Services.AddSingleton(_ => new AdminTestHost(database.ConnectionString, admin));
        Services.AddSingleton(sp => sp.GetRequiredService<AdminTestHost>().Services.GetRequiredService<PlanTemplateService>());
        Services.AddSingleton(sp => sp.GetRequiredService<AdminTestHost>().Services.GetRequiredService<ReferenceDataService>());
        var dialogs = RenderDialogProvider();
        return (Render<PlanTemplatesPage>(), dialogs);
    }

    private static PlanTemplate Template(string name, bool active = true) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        IsActive = active,
        Goals =
        [
            new TemplateGoal
            {
                NeedCode = "business",
                Tasks =
                [
                    new TemplateTask { Title = "Rencontrer la SADC de la région", Owner = TaskOwner.RegionalPartner, OffsetDays = 30 },
                    new TemplateTask { Title = "Rédiger le plan d'affaires", Owner = TaskOwner.Household, OffsetDays = 60 },
                ],
            },
        ],
    };

    [Fact]
    public async Task Render_AsAdministrator_ListsTemplatesWithTheirCountsAndStatus()
    {
        var (page, _) = await RenderPageAsync(Template("Projet d'entreprise"), Template("Ancien modèle", active: false));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=template-name]").Count));
        var rows = page.FindAll("tr.mud-table-row").Where(r => r.QuerySelector("[data-testid=template-name]") is not null).ToList();
        Assert.Contains("Ancien modèle", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Inactif", rows[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(rows[0].QuerySelector("[data-testid=reactivate-template]"));
        Assert.Contains("Projet d'entreprise", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Actif", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(["1", "2"], rows[1].QuerySelectorAll("td").Skip(1).Take(2).Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task CreateDialog_SavedEmpty_SaysWhatIsMissingInFrenchAndCreatesNothing()
    {
        var (page, dialogs) = await RenderPageAsync();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=new-template]").HasAttribute("disabled")));

        _ = page.InvokeAsync(() => page.Find("[data-testid=new-template]").ClickAsync(new()));
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=template-goal]")));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=template-save]").ClickAsync(new()));

        dialogs.WaitForAssertion(() =>
        {
            var error = dialogs.Find("[data-testid=template-form-error]").TextContent;
            Assert.Contains("Le nom du modèle est obligatoire.", error, StringComparison.Ordinal);
            Assert.Contains("Choisissez le domaine de besoin de l'objectif.", error, StringComparison.Ordinal);
            Assert.Contains("Le titre de la tâche est obligatoire.", error, StringComparison.Ordinal);
        });
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.PlanTemplates.CountAsync());
    }

    [Fact]
    public async Task Deactivate_Confirmed_KeepsTheTemplateButMarksItInactive()
    {
        var template = Template("Projet d'entreprise");
        var (page, dialogs) = await RenderPageAsync(template);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=deactivate-template]")));

        var deactivating = page.InvokeAsync(() => page.Find("[data-testid=deactivate-template]").ClickAsync(new()));
        dialogs.WaitForAssertion(() => Assert.Contains("ne sera plus proposé aux intervenant(e)s", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Désactiver").ClickAsync(new()));
        await deactivating;

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=template-inactive]")));
        await using var db = database.CreateDbContext();
        Assert.False(await db.PlanTemplates.Where(t => t.Id == template.Id).Select(t => t.IsActive).SingleAsync());
    }
}
