using Bunit;
using CaseManager.Domain.Assignment;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Domain.Stays;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Stays;
using CaseManager.Web.Features.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Timeline;

/// <summary>The "Chronologie" tab rendered with bUnit, in French, over the real services and database.</summary>
public sealed class TimelineTabTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private IRenderedComponent<TimelineTab> RenderTab(Guid householdId)
    {
        _dialogs = RenderDialogProvider();
        Render<MudSnackbarProvider>();
        return Render<TimelineTab>(parameters => parameters.Add(t => t.HouseholdId, householdId));
    }

    private static List<string> Headlines(IRenderedComponent<TimelineTab> tab, string section) =>
        tab.FindAll($"[data-testid=timeline-{section}] .cm-timeline-headline").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task Render_FileWithStays_ShowsTheBookedStayComingAndTheCompletedStayAndItsDebriefPast()
    {
        await SetUpAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));
        Guid partnerId;
        await using (var db = Database.CreateDbContext())
        {
            partnerId = (await TestPartners.CreateAsync(db, "Accueil Saguenay", "02", "Jonquière")).Id;
        }

        var stays = Services.GetRequiredService<StayService>();
        var today = FixedContext.Today;
        var coming = await stays.PlanAsync(new StayDetails("02", partnerId, today.AddDays(12), today.AddDays(14)));
        await stays.AddParticipantAsync(coming, (await stays.GetAsync(coming)).Version, household.Id, 1);
        var done = await stays.PlanAsync(new StayDetails("02", partnerId, today.AddDays(-2), today));
        await stays.AddParticipantAsync(done, (await stays.GetAsync(done)).Version, household.Id, 1);
        await stays.CompleteAsync(done, (await stays.GetAsync(done)).Version);
        Time.Advance(TimeSpan.FromMinutes(5));
        await stays.RecordDebriefAsync(done, household.Id, new DebriefDetails(4, null, null, ["Envoyer le CV à Rio Tinto"], "Très motivés"));

        var tab = RenderTab(household.Id);

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=timeline-today]")));
        Assert.Equal(["Séjour exploratoire (Saguenay–Lac-Saint-Jean) avec Accueil Saguenay, jusqu'au 2025-11-26"], Headlines(tab, "upcoming"));
        var upcoming = tab.Find("[data-testid=timeline-upcoming]").TextContent;
        Assert.Contains("Planifié", upcoming, StringComparison.Ordinal);
        Assert.Contains("1 personne(s)", upcoming, StringComparison.Ordinal);
        Assert.Equal(
            ["Bilan du séjour exploratoire (Saguenay–Lac-Saint-Jean) : intérêt 4/5", "Séjour exploratoire terminé (Saguenay–Lac-Saint-Jean)"],
            Headlines(tab, "past").Take(2));
        var past = tab.Find("[data-testid=timeline-past]").TextContent;
        Assert.Contains("Prochaines étapes : « Envoyer le CV à Rio Tinto »", past, StringComparison.Ordinal);
        Assert.Contains("Présent", past, StringComparison.Ordinal);
        Assert.DoesNotContain("aujourd'hui", past, StringComparison.Ordinal);
        Assert.Equal([$"/stays/{coming}", $"/stays/{done}", $"/stays/{done}"],
            tab.FindAll("[data-testid=timeline-open-stay]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Render_FileGivenToACounsellor_ShowsTheAssignmentAmongWhatHappened()
    {
        await SetUpAsync();
        var household = await SaveAsync(Marie);
        await using (var db = Database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).Assignments.Add(AssignmentRecord.Manual(
                household.Id, null, Marie.Id, Marie.OrganizationId!.Value, AssignmentReason.CreatedByCounsellor, null, null, FixedContext.Default));
            await db.SaveChangesAsync();
        }

        var tab = RenderTab(household.Id);

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=timeline-today]")));
        Assert.Contains("Dossier confié à Marie Tremblay · Ouvert par l'intervenant(e)", Headlines(tab, "past"));
    }

    [Fact]
    public async Task Render_FileWithPlanAndJournal_ShowsWhatIsComingAboveTodayAndWhatHappenedBelow()
    {
        await SetUpAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));
        var households = Services.GetRequiredService<HouseholdService>();
        await households.RecordContactAsync(household.Id, ContactChannel.Phone, FixedContext.Today, new TimeOnly(9, 15), "Appel : le CV est prêt.");
        var goal = await AddGoalAsync(household.Id);
        Time.Advance(TimeSpan.FromMinutes(5));
        await AddTaskAsync(household.Id, goal, "Inscrire les enfants", -3, TaskOwner.Household);
        await AddTaskAsync(household.Id, goal, "Visiter Sherbrooke", 12, TaskOwner.RegionalPartner);
        Time.Advance(TimeSpan.FromMinutes(5));
        var done = await AddTaskAsync(household.Id, goal, "Mettre le CV à jour", 1);
        Time.Advance(TimeSpan.FromMinutes(5));
        await Plans.SetTaskStatusAsync(household.Id, null, done, PlanTaskStatus.Done);

        var tab = RenderTab(household.Id);

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=timeline-today]")));
        Assert.Equal(("À venir", "Ce qui s'est passé"), (tab.Find("#timeline-upcoming-title").TextContent.Trim(), tab.Find("#timeline-past-title").TextContent.Trim()));
        Assert.Equal(["Tâche : « Visiter Sherbrooke »", "Tâche : « Inscrire les enfants »"], Headlines(tab, "upcoming"));
        var overdue = tab.Find("[data-testid=timeline-upcoming] [data-testid=timeline-overdue]");
        Assert.Contains("En retard de 3 j", overdue.TextContent, StringComparison.Ordinal);
        Assert.Contains("Responsable : Ménage", tab.Find("[data-testid=timeline-upcoming]").TextContent, StringComparison.Ordinal);
        Assert.Contains("dans 12 j", tab.Find("[data-testid=timeline-upcoming]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Aujourd'hui · 2025-11-12", tab.Find("[data-testid=timeline-today]").TextContent, StringComparison.Ordinal);
        var past = Headlines(tab, "past");
        Assert.Equal(
            [
                "Tâche faite : « Mettre le CV à jour »", "Tâche ajoutée : « Mettre le CV à jour »",
                "2 tâches ajoutées : « Inscrire les enfants », « Visiter Sherbrooke »", "Objectif ajouté : Emploi", "Contact · Téléphone",
                "Passage à l'étape suivante : Sensibilisation → Plan", "Ouverture du dossier",
            ],
            past);
        var pastText = tab.Find("[data-testid=timeline-past]").TextContent;
        Assert.Contains("2025-11-12 09 h 15", pastText, StringComparison.Ordinal);
        Assert.Contains("2025-11-12 14 h 45", pastText, StringComparison.Ordinal);
        Assert.Contains("par Marie Tremblay", pastText, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("[data-testid=timeline-earlier]"));
    }

    [Fact]
    public async Task ShowEarlier_OnALongFile_AddsTheOlderLines()
    {
        await SetUpAsync();
        var household = await SaveAsync(Marie);
        var households = Services.GetRequiredService<HouseholdService>();
        for (var note = 1; note <= TimelineService.PageSize + 3; note++)
        {
            await households.AddNoteAsync(household.Id, $"Note {note}");
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        var tab = RenderTab(household.Id);
        tab.WaitForAssertion(() => Assert.Equal(TimelineService.PageSize, tab.FindAll("[data-testid=timeline-past] [data-testid=timeline-item]").Count));
        await tab.InvokeAsync(() => tab.Find("[data-testid=timeline-earlier]").ClickAsync(new()));

        tab.WaitForAssertion(() => Assert.Equal(TimelineService.PageSize + 4, tab.FindAll("[data-testid=timeline-past] [data-testid=timeline-item]").Count));
        Assert.Empty(tab.FindAll("[data-testid=timeline-earlier]"));
        Assert.Contains("Rien de prévu", tab.Find("[data-testid=timeline-nothing-upcoming]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_AFollowUpFromTheTimeline_ShowsTheAnswersAmongWhatHappened()
    {
        await SetUpAsync();
        var settledOn = FixedContext.Today.AddMonths(-3).AddDays(-2);
        var household = await SaveSettledAsync(Marie, settledOn);
        await AddRetentionCheckAsync(household.Id, 3, settledOn);
        var tab = RenderTab(household.Id);
        tab.WaitForAssertion(() => Assert.Equal(["Suivi à 3 mois après l'établissement"], Headlines(tab, "upcoming")));

        var answering = tab.InvokeAsync(() => tab.Find("[data-testid=timeline-answer]").ClickAsync(new()));
        _dialogs.WaitForAssertion(() => Assert.NotNull(_dialogs.Find("[data-testid=retention-save]")));
        Assert.Contains("2025-00001 · Diallo, Amina", _dialogs.Markup, StringComparison.Ordinal);
        await _dialogs.InvokeAsync(() => _dialogs.Find("input[data-testid=retention-StillInRegion-yes]").ClickAsync(new()));
        await _dialogs.InvokeAsync(() => _dialogs.Find("input[data-testid=retention-Working-no]").ClickAsync(new()));
        await _dialogs.InvokeAsync(() => _dialogs.Find("[data-testid=retention-save]").ClickAsync(new()));
        await answering;

        tab.WaitForAssertion(() => Assert.Contains("Suivi à 3 mois : réponse consignée", Headlines(tab, "past")));
        Assert.Contains("Toujours dans la région : Oui · En emploi : Non · Logé : Inconnu", tab.Find("[data-testid=timeline-past]").TextContent, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("[data-testid=timeline-answer]"));
    }

    [Fact]
    public async Task Render_AnotherCounsellorsFile_SaysAccessIsRefused()
    {
        await SetUpAsync();
        var household = await SaveAsync(Paul);

        var tab = RenderTab(household.Id);

        tab.WaitForAssertion(() => Assert.Contains("Vous n'avez pas accès à ce dossier", tab.Find("[data-testid=timeline-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(tab.FindAll("[data-testid=timeline-item]"));
    }

    [Fact]
    public async Task Render_InEnglish_SpeaksEnglish()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-CA");
        await SetUpAsync();
        var household = await SaveAsync(Marie);
        await AddTaskAsync(household.Id, await AddGoalAsync(household.Id), "Update the résumé", 2, TaskOwner.Household);

        var tab = RenderTab(household.Id);

        tab.WaitForAssertion(() => Assert.Equal(["Task: “Update the résumé”"], Headlines(tab, "upcoming")));
        Assert.Contains("Today · 2025-11-12", tab.Find("[data-testid=timeline-today]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Who: Household", tab.Markup, StringComparison.Ordinal);
        Assert.Contains("File opened", Headlines(tab, "past").Last(), StringComparison.Ordinal);
    }
}
