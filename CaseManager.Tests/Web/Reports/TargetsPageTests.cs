using Bunit;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;
using CaseManager.Tests.Support;
using CaseManager.Tests.Web.Admin;
using CaseManager.Web.Features.Reports;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Reports;

/// <summary>Renders the settlement targets page over the real report service and database, acting as an administrator.</summary>
internal static class TargetsPageHost
{
    /// <summary>Resets the database, sets the current year's <paramref name="existing"/> targets (by organization code) and renders the page.</summary>
    public static async Task<(IRenderedComponent<TargetsPage> Page, IRenderedComponent<MudSnackbarProvider> Snackbars, Dictionary<string, int> Organizations)> RenderAsync(
        BunitContext context, DatabaseFixture database, params (string Code, int Households)[] existing)
    {
        await database.ResetAsync();
        UserIdentity admin;
        Dictionary<string, int> organizations;
        await using (var db = database.CreateDbContext())
        {
            admin = await TestUsers.CreateAsync(db, "alice.admin@test.local", "Alice Admin", null, Roles.Admin);
            organizations = await db.Organizations.ToDictionaryAsync(o => o.Code, o => o.Id);
            var set = new ActionContext(new Actor("someone", "Bernard Lavoie"), new DateTimeOffset(2026, 4, 1, 13, 30, 0, TimeSpan.Zero), new DateOnly(2026, 4, 1));
            db.SettlementTargets.AddRange(existing.Select(t => SettlementTarget.Create(CurrentYear, organizations[t.Code], t.Households, set)));
            await db.SaveChangesAsync();
        }

        context.Services.AddSingleton(_ => new AdminTestHost(database.ConnectionString, admin));
        context.Services.AddSingleton(sp => sp.GetRequiredService<AdminTestHost>().Services.GetRequiredService<ReportService>());
        context.Services.AddSingleton(sp => sp.GetRequiredService<AdminTestHost>().Services.GetRequiredService<AppClock>());
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        context.Render<MudPopoverProvider>();
        var snackbars = context.Render<MudSnackbarProvider>();
        var page = context.Render<TargetsPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=target-row]").Count));
        return (page, snackbars, organizations);
    }

    public static FiscalYear CurrentYear => FiscalYear.Of(AppClock.DateOf(DateTimeOffset.UtcNow));

    public static AngleSharp.Dom.IElement Row(IRenderedComponent<TargetsPage> page, int organizationId) =>
        page.Find($"[data-testid=target-row][data-organization='{organizationId}']");

    /// <summary>Types into an organization's field, finding it on the renderer's thread so no re-render comes in between.</summary>
    public static Task Type(IRenderedComponent<TargetsPage> page, int organizationId, string value) =>
        page.InvokeAsync(() => Row(page, organizationId).QuerySelector("input")!.InputAsync(new ChangeEventArgs { Value = value }));
}

public sealed class TargetsPageTests(DatabaseFixture database) : ComponentTestBase
{
    private const char Space = '\u00A0';

    [Fact]
    public async Task Render_InFrench_ShowsTheLabelsTheThreeOrganizationsAndTheCurrentYear()
    {
        var (page, _, organizations) = await TargetsPageHost.RenderAsync(this, database, ("PROMIS", 400));

        Assert.Contains("Cibles d'établissement", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("Organisme", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Ménages à établir", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Cible du programme (total)", page.Markup, StringComparison.Ordinal);
        Assert.Contains(TargetsPageHost.CurrentYear.ToString(), page.Markup, StringComparison.Ordinal);
        Assert.Equal(
            ["ALPA (Accueil Liaison Pour Arrivants)", "Collectif des femmes immigrantes du Québec", "PROMIS"],
            page.FindAll("[data-testid=target-organization]").Select(e => e.TextContent.Trim()));
        Assert.Contains("Bernard Lavoie, le 2026-04-01 09 h 30", TargetsPageHost.Row(page, organizations["PROMIS"]).TextContent, StringComparison.Ordinal);
        Assert.Contains("Pas encore fixée", TargetsPageHost.Row(page, organizations["ALPA"]).TextContent, StringComparison.Ordinal);
        Assert.Equal("400", page.Find("[data-testid=targets-total]").TextContent.Trim());
        Assert.False(page.Find("[data-testid=targets-save]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_BeforeTheCircuitIsInteractive_DisablesTheFieldsAndSave()
    {
        var (page, _, organizations) = await TargetsPageHost.RenderAsync(this, database);

        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        page.Render();

        Assert.True(page.Find("[data-testid=targets-save]").HasAttribute("disabled"));
        Assert.True(TargetsPageHost.Row(page, organizations["CFIQ"]).QuerySelector("input")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Saving_WritesEveryTargetOfTheYearAndTheTotalFollowsTheTyping()
    {
        var (page, snackbars, organizations) = await TargetsPageHost.RenderAsync(this, database, ("PROMIS", 100));

        await TargetsPageHost.Type(page, organizations["PROMIS"], "387");
        await TargetsPageHost.Type(page, organizations["CFIQ"], "387");
        await TargetsPageHost.Type(page, organizations["ALPA"], "386");
        page.WaitForAssertion(() => Assert.Equal($"1{Space}160", page.Find("[data-testid=targets-total]").TextContent.Trim()));
        await page.InvokeAsync(() => page.Find("[data-testid=targets-save]").ClickAsync(new()));

        snackbars.WaitForAssertion(() => Assert.Contains($"Les cibles de l'exercice {TargetsPageHost.CurrentYear} sont enregistrées.", snackbars.Markup, StringComparison.Ordinal));
        await using var db = database.CreateDbContext();
        var saved = await db.SettlementTargets.AsNoTracking().Where(t => t.FiscalYearStart == TargetsPageHost.CurrentYear.StartYear)
            .ToDictionaryAsync(t => t.OrganizationId, Cancellation);
        Assert.Equal(387, saved[organizations["PROMIS"]].Households);
        Assert.Equal(387, saved[organizations["CFIQ"]].Households);
        Assert.Equal(386, saved[organizations["ALPA"]].Households);
        Assert.All(saved.Values, t => Assert.Equal("Alice Admin", t.UpdatedByName));
        page.WaitForAssertion(() => Assert.Contains("Alice Admin, le ", TargetsPageHost.Row(page, organizations["ALPA"]).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Saving_ANegativeTarget_SaysSoInFrenchAndSavesNothing()
    {
        var (page, _, organizations) = await TargetsPageHost.RenderAsync(this, database);

        await TargetsPageHost.Type(page, organizations["PROMIS"], "400");
        await TargetsPageHost.Type(page, organizations["CFIQ"], "-5");
        await TargetsPageHost.Type(page, organizations["ALPA"], "400");
        page.WaitForAssertion(() => Assert.Equal("795", page.Find("[data-testid=targets-total]").TextContent.Trim()));
        await page.InvokeAsync(() => page.Find("[data-testid=targets-save]").ClickAsync(new()));

        page.WaitForAssertion(() => Assert.Equal(
            $"Une cible doit être un nombre de ménages entre 0 et 100{Space}000. Rien n'a été enregistré.",
            page.Find("[data-testid=targets-error]").TextContent.Trim()));
        Assert.Contains("entre 0 et 100", TargetsPageHost.Row(page, organizations["CFIQ"]).TextContent, StringComparison.Ordinal);
        await using var db = database.CreateDbContext();
        Assert.False(await db.SettlementTargets.AnyAsync(Cancellation));
    }

    [Fact]
    public async Task Saving_WithAnEmptyTarget_NamesTheOrganizationAndSavesNothing()
    {
        var (page, _, organizations) = await TargetsPageHost.RenderAsync(this, database);

        await TargetsPageHost.Type(page, organizations["PROMIS"], "400");
        await TargetsPageHost.Type(page, organizations["ALPA"], "400");
        page.WaitForAssertion(() => Assert.Equal("800", page.Find("[data-testid=targets-total]").TextContent.Trim()));
        await page.InvokeAsync(() => page.Find("[data-testid=targets-save]").ClickAsync(new()));

        page.WaitForAssertion(() => Assert.Equal(
            "Inscrivez la cible de chaque organisme (Collectif des femmes immigrantes du Québec). Rien n'a été enregistré.",
            page.Find("[data-testid=targets-error]").TextContent.Trim()));
        Assert.Contains("Inscrivez un nombre de ménages.", TargetsPageHost.Row(page, organizations["CFIQ"]).TextContent, StringComparison.Ordinal);
        await using var db = database.CreateDbContext();
        Assert.False(await db.SettlementTargets.AnyAsync(Cancellation));
    }

    [Fact]
    public async Task Saving_AfterAnotherAdministratorChangedATarget_SaysSoSavesNothingAndShowsTheirs()
    {
        var (page, snackbars, organizations) = await TargetsPageHost.RenderAsync(this, database,
            ("PROMIS", 400), ("CFIQ", 400), ("ALPA", 360));
        await using (var db = database.CreateDbContext())
        {
            var theirs = await db.SettlementTargets.SingleAsync(t => t.OrganizationId == organizations["ALPA"], Cancellation);
            theirs.Change(300, new ActionContext(new Actor("other", "Chantal Roy"), DateTimeOffset.UtcNow, AppClock.DateOf(DateTimeOffset.UtcNow)));
            await db.SaveChangesAsync(Cancellation);
        }

        await TargetsPageHost.Type(page, organizations["PROMIS"], "500");
        page.WaitForAssertion(() => Assert.Equal($"1{Space}260", page.Find("[data-testid=targets-total]").TextContent.Trim()));
        await page.InvokeAsync(() => page.Find("[data-testid=targets-save]").ClickAsync(new()));

        snackbars.WaitForAssertion(() => Assert.Contains("Quelqu'un d'autre a modifié ces cibles entre-temps", snackbars.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() =>
        {
            Assert.Equal("1" + Space + "100", page.Find("[data-testid=targets-total]").TextContent.Trim());
            Assert.Contains("Chantal Roy", TargetsPageHost.Row(page, organizations["ALPA"]).TextContent, StringComparison.Ordinal);
        });
        await using var check = database.CreateDbContext();
        Assert.Equal(400, (await check.SettlementTargets.SingleAsync(t => t.OrganizationId == organizations["PROMIS"], Cancellation)).Households);
    }

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;
}

public sealed class TargetsPageEnglishTests(DatabaseFixture database) : ComponentTestBase("en-CA")
{
    [Fact]
    public async Task Render_InEnglish_ShowsEnglishLabels()
    {
        var (page, _, organizations) = await TargetsPageHost.RenderAsync(this, database, ("PROMIS", 1200));

        Assert.Contains("Settlement targets", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("Households to settle", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Program target (total)", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Not set yet", TargetsPageHost.Row(page, organizations["CFIQ"]).TextContent, StringComparison.Ordinal);
        Assert.Contains("Bernard Lavoie, on 2026-04-01 9:30", TargetsPageHost.Row(page, organizations["PROMIS"]).TextContent, StringComparison.Ordinal);
        Assert.Equal("1,200", page.Find("[data-testid=targets-total]").TextContent.Trim());
        Assert.DoesNotContain("Organisme", page.Markup, StringComparison.Ordinal);
    }
}
