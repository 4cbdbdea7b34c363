using Bunit;
using CaseManager.Data.Entities;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Admin;

/// <summary>The reminder rules page rendered with bUnit, in French, over the real service and database.</summary>
public sealed class ReminderSettingsPageTests(DatabaseFixture database) : ComponentTestBase
{
    private async Task<(IRenderedComponent<ReminderSettingsPage> Page, IRenderedComponent<MudSnackbarProvider> Snackbars)> RenderPageAsync()
    {
        await database.ResetAsync();
        UserIdentity admin;
        await using (var db = database.CreateDbContext())
        {
            admin = await TestUsers.CreateAsync(db, "alice.admin@test.local", "Alice Admin", null, Roles.Admin);
        }

        Services.AddSingleton(_ => new AdminTestHost(database.ConnectionString, admin));
        Services.AddSingleton(sp => sp.GetRequiredService<AdminTestHost>().ReminderSettings);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<ReminderSettingsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=rule-summary]")));
        return (page, snackbars);
    }

    private static AngleSharp.Dom.IElement Card(IRenderedComponent<ReminderSettingsPage> page, ReminderKind kind) =>
        page.Find($"[data-testid=rule-{kind}]");

    [Fact]
    public async Task Render_ListsEveryRuleWithASentenceSayingWhatItDoes()
    {
        var (page, _) = await RenderPageAsync();

        Assert.All(ReminderRule.RuleKinds, kind => Assert.NotNull(Card(page, kind)));
        Assert.Equal(
            "Avise l'intervenant(e) du dossier lorsqu'aucun contact avec le ménage n'a été consigné depuis 30 jour(s) dans un dossier actif " +
            "(depuis l'ouverture du dossier si le ménage n'a jamais été joint).",
            Card(page, ReminderKind.NoContact).QuerySelector("[data-testid=rule-summary]")!.TextContent.Trim());
        Assert.Contains("Avise les superviseur(e)s", Card(page, ReminderKind.NoContactEscalation).TextContent, StringComparison.Ordinal);
        Assert.Contains("Délai (mois)", Card(page, ReminderKind.RetentionSixMonths).TextContent, StringComparison.Ordinal);
        Assert.Contains("Délai (jours)", Card(page, ReminderKind.TaskDueSoon).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingTheDelay_UpdatesTheSentenceAndSavesTheRule()
    {
        var (page, snackbars) = await RenderPageAsync();

        page.Find("[data-testid=rule-NoContact] input[data-testid=rule-delay]").Input("20");
        page.WaitForAssertion(() =>
            Assert.Contains("depuis 20 jour(s)", Card(page, ReminderKind.NoContact).QuerySelector("[data-testid=rule-summary]")!.TextContent, StringComparison.Ordinal));
        await page.InvokeAsync(() => page.Find("[data-testid=rule-NoContact] [data-testid=rule-save]").ClickAsync(new()));

        snackbars.WaitForAssertion(() => Assert.Contains("Le rappel « Aucun contact récent » est enregistré.", snackbars.Markup, StringComparison.Ordinal));
        await using var db = database.CreateDbContext();
        Assert.Equal(20, (await db.ReminderRules.SingleAsync(r => r.Kind == ReminderKind.NoContact)).Delay);
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=rule-NoContact] [data-testid=rule-save]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task Saving_AfterAnotherAdministratorSavedTheRule_SaysSoAndShowsTheirs()
    {
        var (page, snackbars) = await RenderPageAsync();
        await using (var db = database.CreateDbContext())
        {
            var rule = await db.ReminderRules.SingleAsync(r => r.Kind == ReminderKind.TaskDueSoon);
            rule.Delay = 7;
            await db.SaveChangesAsync();
        }

        page.Find("[data-testid=rule-TaskDueSoon] input[data-testid=rule-delay]").Input("5");
        await page.InvokeAsync(() => page.Find("[data-testid=rule-TaskDueSoon] [data-testid=rule-save]").ClickAsync(new()));

        snackbars.WaitForAssertion(() => Assert.Contains("Quelqu'un d'autre a modifié ce rappel", snackbars.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() =>
            Assert.Contains("dans 7 jour(s) ou moins", Card(page, ReminderKind.TaskDueSoon).QuerySelector("[data-testid=rule-summary]")!.TextContent, StringComparison.Ordinal));
        await using var check = database.CreateDbContext();
        Assert.Equal(7, (await check.ReminderRules.SingleAsync(r => r.Kind == ReminderKind.TaskDueSoon)).Delay);
    }

    [Fact]
    public async Task SwitchingARuleOff_SaysItCreatesNothing()
    {
        var (page, _) = await RenderPageAsync();

        page.Find("[data-testid=rule-HoldReviewDue] input[data-testid=rule-enabled]").Change(false);

        page.WaitForAssertion(() => Assert.Equal(
            "Ce rappel est désactivé : le balayage n'en crée aucun.",
            Card(page, ReminderKind.HoldReviewDue).QuerySelector("[data-testid=rule-summary]")!.TextContent.Trim()));
    }
}
