using Bunit;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.MyWeek;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CaseManager.Tests.Web.MyWeek;

/// <summary>"Ma semaine" rendered with bUnit, in French, over the real services and database.</summary>
public sealed class MyWeekPageTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private IRenderedComponent<MyWeekPage> RenderPage()
    {
        _dialogs = RenderDialogProvider();
        _snackbars = Render<MudSnackbarProvider>();
        return Render<MyWeekPage>();
    }

    private static List<string> Titles(IRenderedComponent<MyWeekPage> page) =>
        page.FindAll("[data-testid=my-week-title]").Select(e => e.TextContent.Trim()).ToList();

    private async Task<PlanTaskStatus> StatusOfAsync(Guid taskId)
    {
        await using var db = Database.CreateDbContext();
        return await db.PlanTasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync();
    }

    [Fact]
    public async Task Render_AsCounsellor_ListsOverdueFirstWithTheFileTheHouseholdAndWhoIsToDoIt()
    {
        await SetUpAsync();
        var household = await SaveAsync(Marie);
        var goal = await AddGoalAsync(household.Id);
        await AddTaskAsync(household.Id, goal, "Réserver le camion", 3, TaskOwner.Household);
        await AddTaskAsync(household.Id, goal, "Envoyer le CV", -5, TaskOwner.RegionalPartner);
        await AddTaskAsync(household.Id, goal, "Trop tard pour cette semaine", 9);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(["Envoyer le CV", "Réserver le camion"], Titles(page)));
        Assert.Contains("Ma semaine", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("dus d'ici le 2025-11-19", page.Find("[data-testid=my-week-summary]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 en retard", page.Find("[data-testid=my-week-overdue-count]").TextContent, StringComparison.Ordinal);
        var due = page.FindAll("[data-testid=my-week-due]");
        Assert.Contains("2025-11-07", due[0].ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("en retard de 5 j", due[0].ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("dans 3 j", due[1].ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Partenaire régional", "Ménage"], page.FindAll("[data-testid=my-week-owner]").Select(e => e.TextContent.Trim()));
        var link = page.FindAll("[data-testid=my-week-file]")[0];
        Assert.Equal(($"/households/{household.Id}", "2025-00001"), (link.GetAttribute("href"), link.TextContent.Trim()));
        Assert.Contains("Diallo, Amina", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=my-week-counsellor]"));
    }

    [Fact]
    public async Task Complete_FromTheList_CompletesTheTaskRemovesTheRowAndUndoReopensIt()
    {
        await SetUpAsync();
        var household = await SaveAsync(Marie);
        var goal = await AddGoalAsync(household.Id);
        var first = await AddTaskAsync(household.Id, goal, "Appeler le CISSS", 1);
        await AddTaskAsync(household.Id, goal, "Visiter l'école", 2);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=my-week-complete]").Count));
        Assert.Equal("Marquer la tâche « Appeler le CISSS » comme faite", page.FindAll("[data-testid=my-week-complete]")[0].GetAttribute("aria-label"));

        await page.InvokeAsync(() => page.FindAll("[data-testid=my-week-complete]")[0].ClickAsync(new()));

        page.WaitForAssertion(() => Assert.Equal(["Visiter l'école"], Titles(page)));
        Assert.Equal(PlanTaskStatus.Done, await StatusOfAsync(first));
        _snackbars.WaitForAssertion(() => Assert.Contains("Tâche « Appeler le CISSS » faite.", _snackbars.Markup, StringComparison.Ordinal));

        var undo = _snackbars.FindAll("button").Single(b => b.TextContent.Trim() == "Annuler");
        await _snackbars.InvokeAsync(() => undo.ClickAsync(new()));

        page.WaitForAssertion(() => Assert.Equal(["Appeler le CISSS", "Visiter l'école"], Titles(page)));
        Assert.Equal(PlanTaskStatus.ToDo, await StatusOfAsync(first));
    }

    [Fact]
    public async Task Answer_AFollowUpFromTheList_RecordsItAndTheRowLeaves()
    {
        await SetUpAsync();
        var settledOn = FixedContext.Today.AddMonths(-3).AddDays(-2);
        var household = await SaveSettledAsync(Marie, settledOn);
        var check = await AddRetentionCheckAsync(household.Id, 3, settledOn);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(["Suivi à 3 mois après l'établissement"], Titles(page)));

        var answering = page.InvokeAsync(() => page.Find("[data-testid=my-week-answer]").ClickAsync(new()));
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=retention-dialog]")));
        Assert.Contains("Le ménage est-il toujours dans la région?", _dialogs.Markup, StringComparison.Ordinal);
        await _dialogs.InvokeAsync(() => _dialogs.Find("input[data-testid=retention-StillInRegion-yes]").ClickAsync(new()));
        await _dialogs.InvokeAsync(() => _dialogs.Find("textarea[data-testid=retention-comment]").Input("Emploi trouvé à Chicoutimi."));
        await _dialogs.InvokeAsync(() => _dialogs.Find("[data-testid=retention-save]").ClickAsync(new()));
        await answering;

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=my-week-empty]")));
        await using var db = Database.CreateDbContext();
        var saved = await db.RetentionChecks.SingleAsync(c => c.Id == check.Id);
        Assert.Equal((FixedContext.Today, (bool?)true, (bool?)null, "Emploi trouvé à Chicoutimi."), (saved.AnsweredOn!.Value, saved.StillInRegion, saved.Working, saved.Comment));
    }

    [Fact]
    public async Task AnswerDialog_SavedWithNothingKnown_SaysWhyAndStaysOpen()
    {
        await SetUpAsync();
        var settledOn = FixedContext.Today.AddMonths(-3).AddDays(-2);
        var household = await SaveSettledAsync(Marie, settledOn);
        var check = await AddRetentionCheckAsync(household.Id, 3, settledOn);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=my-week-answer]")));

        _ = page.InvokeAsync(() => page.Find("[data-testid=my-week-answer]").ClickAsync(new()));
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=retention-save]")));
        await _dialogs.InvokeAsync(() => _dialogs.Find("[data-testid=retention-save]").ClickAsync(new()));

        _dialogs.WaitForAssertion(() => Assert.Contains("La réponse est vide", _dialogs.Find("[data-testid=retention-error]").TextContent, StringComparison.Ordinal));
        await using var db = Database.CreateDbContext();
        Assert.Null(await db.RetentionChecks.Where(c => c.Id == check.Id).Select(c => c.AnsweredOn).SingleAsync());
    }

    [Fact]
    public async Task Render_AsSupervisor_ShowsTheirOwnFilesAndOffersTheCounsellors()
    {
        await SetUpAsync();
        var household = await SaveAsync(Marie);
        await AddTaskAsync(household.Id, await AddGoalAsync(household.Id), "Chez Marie", 1);
        Current.User = Supervisor;

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=my-week-empty]")));
        Assert.NotNull(page.Find("[data-testid=my-week-counsellor]"));
    }

    /// <summary>A task due tomorrow and <paramref name="followUps"/> follow-ups after a move, overdue.</summary>
    private async Task<List<Guid>> SetUpWeekAsync(int followUps)
    {
        await SetUpAsync();
        var household = await SaveAsync(Marie);
        await AddTaskAsync(household.Id, await AddGoalAsync(household.Id), "Appeler le CISSS", 1);
        var settledOn = FixedContext.Today.AddMonths(-3).AddDays(-2);
        var ids = new List<Guid>();
        for (var i = 0; i < followUps; i++)
        {
            var settled = await SaveSettledAsync(Marie, settledOn.AddDays(-i));
            ids.Add((await AddRetentionCheckAsync(settled.Id, 3, settledOn.AddDays(-i))).Id);
        }

        return ids;
    }

    /// <summary>The row checkboxes' inputs (MudCheckBox puts the test id on its input or around it).</summary>
    private static IReadOnlyList<AngleSharp.Dom.IElement> SelectBoxes(IRenderedComponent<MyWeekPage> page) =>
        page.FindAll("[data-testid=my-week-select] input, input[data-testid=my-week-select]");

    private static async Task ShowFollowUpsAsync(IRenderedComponent<MyWeekPage> page)
    {
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=my-week-group-RetentionCheck]")));
        await page.InvokeAsync(() => page.Find("[data-testid=my-week-group-RetentionCheck]").ClickAsync(new()));
        page.WaitForAssertion(() => Assert.NotEmpty(SelectBoxes(page)));
    }

    private async Task<List<CaseManager.Domain.Households.RetentionCheck>> ChecksAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.RetentionChecks.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task Groups_CountEachKind_AndTheFollowUpsGroupShowsOnlyThemToSelect()
    {
        await SetUpWeekAsync(3);
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(4, Titles(page).Count));
        Assert.Contains("Tout (4)", page.Find("[data-testid=my-week-group-all]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Tâches des plans (1)", page.Find("[data-testid=my-week-group-Task]").TextContent, StringComparison.Ordinal);
        var followUps = page.Find("[data-testid=my-week-group-RetentionCheck]").TextContent;
        Assert.Contains("Suivis après l'établissement (3)", followUps, StringComparison.Ordinal);
        Assert.Contains("3 en retard", followUps, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=my-week-select]"));

        await ShowFollowUpsAsync(page);

        page.WaitForAssertion(() => Assert.Equal(Enumerable.Repeat("Suivi à 3 mois après l'établissement", 3), Titles(page)));
        Assert.Equal(3, SelectBoxes(page).Count);
        await page.InvokeAsync(() => page.Find("[data-testid=my-week-group-Task]").ClickAsync(new()));
        page.WaitForAssertion(() => Assert.Equal(["Appeler le CISSS"], Titles(page)));
        Assert.Empty(page.FindAll("[data-testid=my-week-bulk]"));
    }

    [Fact]
    public async Task Bulk_TwoSelectedAnsweredStillInTheRegion_AreRecordedAndLeaveTheList()
    {
        var ids = await SetUpWeekAsync(3);
        var page = RenderPage();
        await ShowFollowUpsAsync(page);

        await page.InvokeAsync(() => SelectBoxes(page)[0].ChangeAsync(new() { Value = true }));
        await page.InvokeAsync(() => SelectBoxes(page)[1].ChangeAsync(new() { Value = true }));
        page.WaitForAssertion(() => Assert.Contains("2 sélectionné(s)", page.Find("[data-testid=my-week-selected-count]").TextContent, StringComparison.Ordinal));
        await page.InvokeAsync(() => page.Find("[data-testid=my-week-bulk-stayed]").ClickAsync(new()));

        _snackbars.WaitForAssertion(() => Assert.Contains("2 suivi(s) enregistré(s).", _snackbars.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Single(Titles(page)));
        var checks = await ChecksAsync();
        Assert.Equal(2, checks.Count(c => c.StillInRegion == true && c.AnsweredOn == FixedContext.Today));
        Assert.Single(checks, c => c.AnsweredOn is null);
    }

    [Fact]
    public async Task Bulk_Dismiss_AsksForAReasonThenClosesTheSelectedWithIt()
    {
        await SetUpWeekAsync(2);
        var page = RenderPage();
        await ShowFollowUpsAsync(page);
        await page.InvokeAsync(() => page.Find("[data-testid=my-week-select-page] input, input[data-testid=my-week-select-page]").ChangeAsync(new() { Value = true }));

        page.WaitForAssertion(() => Assert.Contains("2 sélectionné(s)", page.Find("[data-testid=my-week-selected-count]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=my-week-bulk-dismiss]").HasAttribute("disabled"));
        await page.InvokeAsync(() => page.Find("input[data-testid=my-week-bulk-reason]").InputAsync(new() { Value = "Établis depuis longtemps, injoignables." }));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=my-week-bulk-dismiss]").HasAttribute("disabled")));
        await page.InvokeAsync(() => page.Find("[data-testid=my-week-bulk-dismiss]").ClickAsync(new()));

        _snackbars.WaitForAssertion(() => Assert.Contains("2 suivi(s) écarté(s).", _snackbars.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=my-week-empty]")));
        Assert.All(await ChecksAsync(), c => Assert.Equal(("Établis depuis longtemps, injoignables.", (bool?)null), (c.Comment!, c.StillInRegion)));
    }
}
