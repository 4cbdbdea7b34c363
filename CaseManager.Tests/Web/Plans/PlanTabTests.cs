using Bunit;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Plans;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using CaseManager.Web.Access;

namespace CaseManager.Tests.Web.Plans;

/// <summary>The plan tab rendered with bUnit, in French, over the real PlanService and the test database.</summary>
public sealed class PlanTabTests(DatabaseFixture database) : ComponentTestBase
{
    private static readonly DateOnly Today = FixedContext.Today;

    private readonly TestCurrentUser _current = new(UserIdentity.Anonymous);
    private UserIdentity _marie = UserIdentity.Anonymous;
    private UserIdentity _supervisor = UserIdentity.Anonymous;
    private PlanService _plans = null!;
    private ReferenceLists _lists = null!;
    private int _fileChanged;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    private async Task<Household> ArrangeAsync(Func<HouseholdBuilder, HouseholdBuilder>? shape = null)
    {
        await database.ResetAsync();
        await using (var db = database.CreateDbContext())
        {
            _marie = await TestUsers.CounsellorAsync(db, "Marie Tremblay", organizationId: 1);
            _supervisor = await TestUsers.SupervisorAsync(db, "Louise Gagnon");
        }

        _current.User = _marie;
        var clock = new AppClock(new FakeTimeProvider(FixedContext.Now));
        var access = new AccessPolicy(database.ContextFactory, _current, clock, NullLogger<AccessPolicy>.Instance);
        _plans = new PlanService(database.ContextFactory, access, clock, NullLogger<PlanService>.Instance);
        _lists = await new ReferenceDataService(database.ContextFactory).GetAsync();
        Services.AddSingleton(clock);
        Services.AddSingleton(_plans);

        var builder = new HouseholdBuilder()
            .AssignedTo(_marie.Id)
            .WithProfile(p => p.WithSpouse("Karim", "Diallo").WithPreferredRegions("01", "05"))
            .WithNeeds("employment", "housing")
            .AtStage(Stage.PersonalizedPlan);
        var household = (shape?.Invoke(builder) ?? builder).Build();
        await using (var db = database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).Households.Add(household);
            await db.SaveChangesAsync();
        }

        return household;
    }

    private (IRenderedComponent<PlanTab> Tab, IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) Render(Household household)
    {
        _popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var tab = Render<PlanTab>(p => p
            .Add(t => t.Household, household)
            .Add(t => t.Lists, _lists)
            .Add(t => t.OnFileChanged, () => _fileChanged++));
        tab.WaitForAssertion(() => tab.Find("[data-testid=plan-tab]"));
        return (tab, dialogs, snackbars);
    }

    private async Task<uint> VersionAsync(Guid householdId) => (await _plans.GetAsync(householdId)).Version;

    /// <summary>Employment (an overdue task, a done one, one due later) and housing (no task).</summary>
    private async Task<(Guid Employment, Guid Overdue, Guid Done)> PlanWithTasksAsync(Household household)
    {
        var employment = await _plans.AddGoalAsync(household.Id, 0, "employment", "Un emploi de soudeur à Rimouski");
        await _plans.AddGoalAsync(household.Id, await VersionAsync(household.Id), "housing", null);
        var overdue = await _plans.AddTaskAsync(household.Id, await VersionAsync(household.Id), employment, "Mettre le CV à jour", TaskOwner.Household, Today.AddDays(-3));
        var done = await _plans.AddTaskAsync(household.Id, await VersionAsync(household.Id), employment, "Appeler l'employeur", TaskOwner.Counsellor, Today.AddDays(-10));
        await _plans.SetTaskStatusAsync(household.Id, await VersionAsync(household.Id), done, PlanTaskStatus.Done, completedOn: Today.AddDays(-12));
        await _plans.AddTaskAsync(household.Id, await VersionAsync(household.Id), employment, "Entrevue avec l'employeur", TaskOwner.RegionalPartner, Today.AddDays(20));
        return (employment, overdue, done);
    }

    [Fact]
    public async Task Render_PlanWithGoalsAndTasks_GroupsGoalsByNeedAndMarksTheOverdueTaskInWords()
    {
        var household = await ArrangeAsync();
        await PlanWithTasksAsync(household);

        var (tab, _, _) = Render(household);

        var groups = tab.FindAll("[data-testid=goal-group]");
        Assert.Equal(["employment", "housing"], groups.Select(g => g.GetAttribute("data-need")));
        Assert.Contains("Emploi", groups[0].QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Un emploi de soudeur à Rimouski", groups[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Aucune description", groups[1].TextContent, StringComparison.Ordinal);
        Assert.All(tab.FindAll("[data-testid=goal-status]"), chip => Assert.Contains("Ouvert", chip.TextContent, StringComparison.Ordinal));

        var rows = tab.FindAll("[data-testid=task]");
        Assert.Equal(["Mettre le CV à jour", "Entrevue avec l'employeur", "Appeler l'employeur"], rows.Select(r => r.QuerySelector("[data-testid=task-title]")!.TextContent));
        var overdue = rows[0];
        Assert.Equal("true", overdue.GetAttribute("data-overdue"));
        Assert.Contains("En retard (3 j)", overdue.QuerySelector("[data-testid=task-overdue]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(overdue.QuerySelector("[data-testid=task-overdue] svg"));
        Assert.Contains("2025-11-09", overdue.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ménage", overdue.TextContent, StringComparison.Ordinal);
        Assert.Contains("À faire", overdue.QuerySelector("[data-testid=task-status]")!.TextContent, StringComparison.Ordinal);

        var done = rows[2];
        Assert.Equal("false", done.GetAttribute("data-overdue"));
        Assert.Null(done.QuerySelector("[data-testid=task-overdue]"));
        Assert.Equal("2025-10-31", done.QuerySelector("[data-testid=task-completed]")!.TextContent.Trim());
        Assert.Contains("Terminée", done.QuerySelector("[data-testid=task-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", rows[1].GetAttribute("data-overdue"));
        Assert.Contains("en retard : 1", tab.Find("[data-testid=plan-summary]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(tab.Find("[data-testid=plan-not-agreed]"));
    }

    [Fact]
    public async Task Render_NoPlanYet_InvitesToAddAGoalOrApplyATemplate()
    {
        var household = await ArrangeAsync();

        var (tab, _, _) = Render(household);

        Assert.Contains("Aucun objectif pour l'instant", tab.Find("[data-testid=plan-empty]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(tab.Find("[data-testid=plan-add-goal]"));
        Assert.NotNull(tab.Find("[data-testid=plan-apply-template]"));
        Assert.NotNull(tab.Find("[data-testid=plan-agree]"));
    }

    [Fact]
    public async Task AgreementDialog_PrefilledWithTheAdults_RecordsTheAgreementAndTellsThePage()
    {
        var household = await ArrangeAsync();
        await _plans.AddGoalAsync(household.Id, 0, "employment", null);
        var (tab, dialogs, _) = Render(household);

        _ = tab.InvokeAsync(() => tab.Find("[data-testid=plan-agree]").ClickAsync(new()));
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=agreement-save]")));
        Assert.Equal("Amina et Karim Diallo", dialogs.Find("input[data-testid=agreement-with]").GetAttribute("value"));
        Assert.Equal("2025-11-12", dialogs.Find("input[data-testid=agreement-date]").GetAttribute("value"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=agreement-save]").ClickAsync(new()));

        tab.WaitForAssertion(() => Assert.Equal(
            "Plan convenu le 2025-11-12 avec Amina et Karim Diallo (consigné par Marie Tremblay)",
            tab.Find("[data-testid=plan-agreed]").TextContent.Trim()));
        Assert.Equal(1, _fileChanged);
        var plan = (await _plans.GetAsync(household.Id)).Plan!;
        Assert.Equal((Today, "Amina et Karim Diallo"), (plan.AgreedOn!.Value, plan.AgreedWith!));
    }

    [Fact]
    public async Task AgreementDialog_WithoutWhoOrDate_SaysWhatIsMissingAndRecordsNothing()
    {
        var household = await ArrangeAsync();
        await _plans.AddGoalAsync(household.Id, 0, "employment", null);
        var (tab, dialogs, _) = Render(household);

        _ = tab.InvokeAsync(() => tab.Find("[data-testid=plan-agree]").ClickAsync(new()));
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=agreement-save]")));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=agreement-with]").Input(""));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=agreement-date]").Change(""));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=agreement-save]").ClickAsync(new()));

        dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("Indiquez avec qui, dans le ménage, le plan a été convenu.", dialogs.Markup, StringComparison.Ordinal);
            Assert.Contains("Indiquez la date de l'entente.", dialogs.Markup, StringComparison.Ordinal);
        });
        Assert.NotNull(dialogs.Find("[data-testid=agreement-dialog]"));
        Assert.False((await _plans.GetAsync(household.Id)).Plan!.IsAgreed);
        Assert.Equal(0, _fileChanged);
    }

    [Fact]
    public async Task AgreementDialog_PlanWithoutGoal_SaysAGoalIsNeededAndCannotBeConfirmed()
    {
        var household = await ArrangeAsync();
        var (tab, dialogs, _) = Render(household);

        _ = tab.InvokeAsync(() => tab.Find("[data-testid=plan-agree]").ClickAsync(new()));

        dialogs.WaitForAssertion(() => Assert.Contains(
            "Le plan doit compter au moins un objectif avant d'être convenu avec le ménage.",
            dialogs.Find("[data-testid=agreement-needs-goal]").TextContent, StringComparison.Ordinal));
        Assert.True(dialogs.Find("[data-testid=agreement-save]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task RemoveTask_SomeoneElseChangedThePlanMeanwhile_ReloadsTheirPlanAndSaysSo()
    {
        var household = await ArrangeAsync();
        var (_, overdue, _) = await PlanWithTasksAsync(household);
        var (tab, dialogs, snackbars) = Render(household);

        // The supervisor adds a goal after the tab was shown.
        _current.User = _supervisor;
        await _plans.AddGoalAsync(household.Id, await VersionAsync(household.Id), "francisation", "Cours de francisation à temps partiel");
        _current.User = _marie;

        var removing = tab.InvokeAsync(() => tab.FindAll("[data-testid=task-remove]")[0].ClickAsync(new()));
        dialogs.WaitForAssertion(() => Assert.Contains("Mettre le CV à jour", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Retirer").ClickAsync(new()));
        await removing;

        snackbars.WaitForAssertion(() => Assert.Contains(
            "Quelqu'un d'autre a modifié ce dossier pendant que vous travailliez.", snackbars.Markup, StringComparison.Ordinal));
        tab.WaitForAssertion(() => Assert.Contains("Cours de francisation à temps partiel", tab.Markup, StringComparison.Ordinal));
        Assert.Contains(
            (await _plans.GetAsync(household.Id)).Plan!.Tasks, t => t.Id == overdue);
    }

    [Fact]
    public async Task QuickStatus_Done_CompletesTheTaskTodayAndItIsNoLongerOverdue()
    {
        var household = await ArrangeAsync();
        var (_, overdue, _) = await PlanWithTasksAsync(household);
        var (tab, _, _) = Render(household);

        await tab.InvokeAsync(() => tab.Find("[data-testid=task] [data-testid=task-status] button").ClickAsync(new()));
        _popovers.WaitForAssertion(() => Assert.NotEmpty(_popovers.FindAll("[data-testid=task-status-Done]")));
        await _popovers.InvokeAsync(() => _popovers.Find("[data-testid=task-status-Done]").ClickAsync(new()));

        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll("[data-testid=task-overdue]")));
        var task = (await _plans.GetAsync(household.Id)).Plan!.Tasks.Single(t => t.Id == overdue);
        Assert.Equal((PlanTaskStatus.Done, Today), (task.Status, task.CompletedOn!.Value));
    }

    [Fact]
    public async Task ApplyTemplate_TheOnlyActiveTemplate_AddsItsGoalsAndTasksDueFromToday()
    {
        var household = await ArrangeAsync();
        await using (var db = database.CreateDbContext())
        {
            db.PlanTemplates.Add(new PlanTemplate
            {
                Id = Guid.NewGuid(),
                Name = "Adulte seul, emploi en main",
                Goals =
                [
                    new TemplateGoal
                    {
                        NeedCode = "housing",
                        Description = "Trouver un logement",
                        Tasks = [new TemplateTask { Title = "Visiter trois logements", Owner = TaskOwner.Household, OffsetDays = 14 }],
                    },
                ],
            });
            db.PlanTemplates.Add(new PlanTemplate { Id = Guid.NewGuid(), Name = "Ancien modèle", IsActive = false, Goals = [new TemplateGoal { NeedCode = "health" }] });
            await db.SaveChangesAsync();
        }

        var (tab, dialogs, _) = Render(household);

        _ = tab.InvokeAsync(() => tab.Find("[data-testid=plan-apply-template]").ClickAsync(new()));
        dialogs.WaitForAssertion(() => Assert.Contains(
            "Visiter trois logements · Ménage · échéance 2025-11-26", dialogs.Find("[data-testid=template-preview]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Ancien modèle", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=template-apply]").ClickAsync(new()));

        tab.WaitForAssertion(() => Assert.Equal("Visiter trois logements", tab.Find("[data-testid=task-title]").TextContent));
        Assert.Equal("housing", tab.Find("[data-testid=goal-group]").GetAttribute("data-need"));
    }

    [Fact]
    public async Task Render_ClosedFile_IsReadOnly()
    {
        var household = await ArrangeAsync(b => b.ClosedAfter(CaseStatus.Withdrawn));

        var (tab, _, _) = Render(household);

        Assert.NotNull(tab.Find("[data-testid=plan-readonly]"));
        Assert.Empty(tab.FindAll("[data-testid=plan-add-goal]"));
        Assert.Empty(tab.FindAll("[data-testid=plan-agree]"));
        Assert.Empty(tab.FindAll("[data-testid=targets-save]"));
        Assert.Empty(tab.FindAll("[data-testid=milestone-add]"));
    }

    [Fact]
    public async Task SaveTargets_PreferredRegionsAndADate_AreSaved()
    {
        var household = await ArrangeAsync();
        var (tab, _, _) = Render(household);
        Assert.True(tab.Find("[data-testid=targets-save]").HasAttribute("disabled"));

        await tab.InvokeAsync(() => tab.Find("[data-testid=target-use-preferred]").ClickAsync(new()));
        await tab.InvokeAsync(() => tab.Find("input[data-testid=target-move-date]").Change("2026-06-30"));
        tab.WaitForAssertion(() => Assert.False(tab.Find("[data-testid=targets-save]").HasAttribute("disabled")));
        await tab.InvokeAsync(() => tab.Find("[data-testid=targets-save]").ClickAsync(new()));

        tab.WaitForAssertion(() => Assert.True(tab.Find("[data-testid=targets-save]").HasAttribute("disabled")));
        var plan = (await _plans.GetAsync(household.Id)).Plan!;
        Assert.Equal(["01", "05"], plan.TargetRegionCodes);
        Assert.Equal(new DateOnly(2026, 6, 30), plan.TargetMoveDate);
        await using var db = database.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.HouseholdId == household.Id && a.EntityType == "Plan"));
    }

    [Fact]
    public async Task SaveTargets_SomeoneElseSavedOtherTargetsMeanwhile_KeepsWhatWasTypedBesideThemToReapply()
    {
        var household = await ArrangeAsync();
        var (tab, _, snackbars) = Render(household);
        await tab.InvokeAsync(() => tab.Find("[data-testid=target-use-preferred]").ClickAsync(new()));
        await tab.InvokeAsync(() => tab.Find("input[data-testid=target-move-date]").Change("2026-06-30"));

        // The supervisor saves other targets while Marie is typing.
        _current.User = _supervisor;
        await _plans.SetTargetsAsync(household.Id, await VersionAsync(household.Id), ["07"], new DateOnly(2026, 9, 1));
        _current.User = _marie;
        await tab.InvokeAsync(() => tab.Find("[data-testid=targets-save]").ClickAsync(new()));

        snackbars.WaitForAssertion(() => Assert.Contains("Quelqu'un d'autre a modifié ce dossier", snackbars.Markup, StringComparison.Ordinal));
        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("[data-testid=conflict-value]").Count));
        var rows = tab.FindAll("[data-testid=conflict-value]");
        Assert.Equal(("Régions visées", "Bas-Saint-Laurent, Estrie", "Outaouais"),
            (rows[0].QuerySelector("[data-testid=conflict-label]")!.TextContent, rows[0].QuerySelector("[data-testid=conflict-yours]")!.TextContent, rows[0].QuerySelector("[data-testid=conflict-current]")!.TextContent));
        Assert.Equal(("2026-06-30", "2026-09-01"), (rows[1].QuerySelector("[data-testid=conflict-yours]")!.TextContent, rows[1].QuerySelector("[data-testid=conflict-current]")!.TextContent));
        Assert.Equal("2026-09-01", tab.Find("input[data-testid=target-move-date]").GetAttribute("value")); // the form shows the current version

        await tab.InvokeAsync(() => tab.Find("[data-testid=conflict-reapply]").ClickAsync(new()));

        tab.WaitForAssertion(() => Assert.Equal("2026-06-30", tab.Find("input[data-testid=target-move-date]").GetAttribute("value")));
        Assert.Empty(tab.FindAll("[data-testid=conflict-notice]"));
        await tab.InvokeAsync(() => tab.Find("[data-testid=targets-save]").ClickAsync(new()));
        tab.WaitForAssertion(() => Assert.True(tab.Find("[data-testid=targets-save]").HasAttribute("disabled")));
        var plan = (await _plans.GetAsync(household.Id)).Plan!;
        Assert.Equal(["01", "05"], plan.TargetRegionCodes);
        Assert.Equal(new DateOnly(2026, 6, 30), plan.TargetMoveDate);
    }

    [Fact]
    public async Task AddTask_SomeoneElseChangedThePlanMeanwhile_ShowsTheTypedTaskAndReappliesItOnTheCurrentPlan()
    {
        var household = await ArrangeAsync();
        var (employment, _, _) = await PlanWithTasksAsync(household);
        var (tab, dialogs, _) = Render(household);

        _current.User = _supervisor;
        await _plans.AddGoalAsync(household.Id, await VersionAsync(household.Id), "francisation", "Cours de francisation à temps partiel");
        _current.User = _marie;

        var adding = tab.InvokeAsync(() => tab.FindAll("[data-testid=task-add]")[0].ClickAsync(new()));
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=task-title-input]"));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=task-title-input]").Input("Inscrire les enfants à l'école de Rimouski"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=task-save]").ClickAsync(new()));
        await adding;

        tab.WaitForAssertion(() => Assert.Contains("Inscrire les enfants à l'école de Rimouski", tab.Find("[data-testid=conflict-notice]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Cours de francisation à temps partiel", tab.Markup, StringComparison.Ordinal); // the current plan is shown

        await tab.InvokeAsync(() => tab.Find("[data-testid=conflict-reapply]").ClickAsync(new()));

        tab.WaitForAssertion(() => Assert.Contains(tab.FindAll("[data-testid=task-title]"), t => t.TextContent == "Inscrire les enfants à l'école de Rimouski"));
        Assert.Empty(tab.FindAll("[data-testid=conflict-notice]"));
        var plan = (await _plans.GetAsync(household.Id)).Plan!;
        Assert.Single(plan.Tasks, t => t.Title == "Inscrire les enfants à l'école de Rimouski" && t.GoalId == employment);
        Assert.Contains(plan.Goals, g => g.NeedCode == "francisation");
    }
}
