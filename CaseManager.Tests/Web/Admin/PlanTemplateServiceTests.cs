using CaseManager.Domain.Common;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Features.Plans;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.Admin;

public sealed class PlanTemplateServiceTests(DatabaseFixture database) : AdminServiceTestBase(database)
{
    private PlanTemplateService Templates => Host.Services.GetRequiredService<PlanTemplateService>();

    private static PlanTemplate Draft(string name = "Adulte seul, emploi en main") => new()
    {
        Name = name,
        Description = "Une offre d'emploi en région est déjà signée.",
        Goals =
        [
            new TemplateGoal
            {
                NeedCode = "housing",
                Description = "Trouver un logement près de l'emploi",
                Tasks =
                [
                    new TemplateTask { Title = "Visiter trois logements", Owner = TaskOwner.Household, OffsetDays = 21 },
                    new TemplateTask { Title = "Présenter l'OMH de la région", Owner = TaskOwner.RegionalPartner, OffsetDays = 7 },
                ],
            },
            new TemplateGoal { NeedCode = "employment", Tasks = [new TemplateTask { Title = "Confirmer la date d'entrée en poste", OffsetDays = 0 }] },
        ],
    };

    private async Task<PlanTemplate> StoredAsync(Guid id)
    {
        await using var db = Database.CreateDbContext();
        return await db.PlanTemplates.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    [Fact]
    public async Task CreateAsync_ValidTemplate_SavesItActiveWithItsGoalsAndTasksTrimmed()
    {
        var draft = Draft("  Adulte seul, emploi en main  ");
        draft.Goals[1].Description = "   ";

        var id = await Templates.CreateAsync(draft);

        var saved = await StoredAsync(id);
        Assert.Equal(("Adulte seul, emploi en main", true), (saved.Name, saved.IsActive));
        Assert.Equal(["housing", "employment"], saved.Goals.Select(g => g.NeedCode));
        Assert.Null(saved.Goals[1].Description);
        Assert.Equal(
            [("Visiter trois logements", TaskOwner.Household, 21), ("Présenter l'OMH de la région", TaskOwner.RegionalPartner, 7)],
            saved.Goals[0].Tasks.Select(t => (t.Title, t.Owner, t.OffsetDays)));
        Assert.NotEqual(0u, saved.Version);
    }

    [Fact]
    public async Task CreateAsync_BrokenTemplate_GivesEveryReasonAndCreatesNothing()
    {
        var draft = Draft(" ");
        draft.Goals[0].Tasks[0].OffsetDays = 731;
        draft.Goals[0].Tasks[1].Title = "";
        draft.Goals[1].NeedCode = "";

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Templates.CreateAsync(draft));

        Assert.Equal(
            ["Plan.NeedRequired", "Plan.TaskTitleRequired", "Template.NameRequired", "Template.OffsetOutOfRange"],
            refused.Refusals.Select(r => r.Code).Order(StringComparer.Ordinal));
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.PlanTemplates.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_WithoutGoals_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Templates.CreateAsync(new PlanTemplate { Name = "Vide" }));

        Assert.Equal("Template.GoalRequired", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task CreateAsync_NeedNotInTheList_IsRefused()
    {
        var draft = Draft();
        draft.Goals[0].NeedCode = "astrology";

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Templates.CreateAsync(draft));

        Assert.Equal("Profile.UnknownNeed", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task UpdateAsync_FromTheVersionRead_ReplacesNameStatusGoalsAndTasks()
    {
        var id = await Templates.CreateAsync(Draft());
        var read = await Templates.GetAsync(id);
        read.Name = "Adulte seul, emploi confirmé";
        read.IsActive = false;
        read.Goals.RemoveAt(0);
        read.Goals[0].Tasks.Add(new TemplateTask { Title = "Ouvrir un compte bancaire", Owner = TaskOwner.Household, OffsetDays = 30 });

        await Templates.UpdateAsync(id, read.Version, read);

        var saved = await StoredAsync(id);
        Assert.Equal(("Adulte seul, emploi confirmé", false), (saved.Name, saved.IsActive));
        var goal = Assert.Single(saved.Goals);
        Assert.Equal(["Confirmer la date d'entrée en poste", "Ouvrir un compte bancaire"], goal.Tasks.Select(t => t.Title));
        Assert.NotEqual(read.Version, saved.Version);
    }

    [Fact]
    public async Task UpdateAsync_FromAVersionSomeoneElseSavedOver_IsRefusedAndKeepsTheirs()
    {
        var id = await Templates.CreateAsync(Draft());
        var mine = await Templates.GetAsync(id);
        var theirs = await Templates.GetAsync(id);
        theirs.Name = "Leur nom";
        await Templates.UpdateAsync(id, theirs.Version, theirs);

        mine.Name = "Mon nom";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Templates.UpdateAsync(id, mine.Version, mine));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Templates.SetActiveAsync(id, mine.Version, active: false));

        var saved = await StoredAsync(id);
        Assert.Equal(("Leur nom", true), (saved.Name, saved.IsActive));
    }

    [Fact]
    public async Task UpdateAsync_BrokenChange_IsRefusedAndKeepsTheTemplate()
    {
        var id = await Templates.CreateAsync(Draft());
        var read = await Templates.GetAsync(id);
        read.Goals.Clear();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Templates.UpdateAsync(id, read.Version, read));

        Assert.Equal("Template.GoalRequired", Assert.Single(refused.Refusals).Code);
        Assert.Equal(2, (await StoredAsync(id)).Goals.Count);
    }

    [Fact]
    public async Task SetActiveAsync_Deactivated_IsNoLongerOfferedToCounsellorsAndComesBackWhenReactivated()
    {
        var kept = await Templates.CreateAsync(Draft("Famille avec enfants d'âge scolaire"));
        var id = await Templates.CreateAsync(Draft());
        var plans = Host.Services.GetRequiredService<PlanService>();

        await Templates.SetActiveAsync(id, (await Templates.GetAsync(id)).Version, active: false);
        Host.Current.User = Marie;
        Assert.Equal([kept], (await plans.GetActiveTemplatesAsync()).Select(t => t.Id));

        Host.Current.User = Admin;
        await Templates.SetActiveAsync(id, (await Templates.GetAsync(id)).Version, active: true);
        Host.Current.User = Marie;
        Assert.Equal(["Adulte seul, emploi en main", "Famille avec enfants d'âge scolaire"], (await plans.GetActiveTemplatesAsync()).Select(t => t.Name));
    }

    [Fact]
    public async Task SearchAsync_ManyTemplates_PagesSortsAndFiltersInTheDatabase()
    {
        for (var i = 1; i <= 27; i++)
        {
            await Templates.CreateAsync(Draft($"Modèle {i:D2}"));
        }

        var business = await Templates.CreateAsync(Draft("Projet d'entreprise"));
        var school = Draft("Famille avec enfants d'âge scolaire");
        school.Description = "Inscription à l'école primaire";
        var schoolId = await Templates.CreateAsync(school);
        await Templates.SetActiveAsync(schoolId, (await Templates.GetAsync(schoolId)).Version, active: false);

        var first = await Templates.SearchAsync(new PlanTemplateQuery());
        var second = await Templates.SearchAsync(new PlanTemplateQuery { Page = 1 });
        var descending = await Templates.SearchAsync(new PlanTemplateQuery { Descending = true, PageSize = 1 });
        var activeOnly = await Templates.SearchAsync(new PlanTemplateQuery { ActiveOnly = true, PageSize = 100 });
        var accents = await Templates.SearchAsync(new PlanTemplateQuery { Search = "ECOLE" });
        var words = await Templates.SearchAsync(new PlanTemplateQuery { Search = "projet entreprise" });
        var inactiveFirst = await Templates.SearchAsync(new PlanTemplateQuery { SortBy = PlanTemplateSort.Active, PageSize = 1 });

        Assert.Equal((29, 25, 4), (first.Total, first.Rows.Count, second.Rows.Count));
        Assert.Equal("Famille avec enfants d'âge scolaire", first.Rows[0].Name);
        Assert.Equal((2, 3), (first.Rows[0].GoalCount, first.Rows[0].TaskCount));
        Assert.Equal("Projet d'entreprise", Assert.Single(descending.Rows).Name);
        Assert.Equal(28, activeOnly.Total);
        Assert.DoesNotContain(activeOnly.Rows, r => r.Id == schoolId);
        Assert.Equal(schoolId, Assert.Single(accents.Rows).Id);
        Assert.Equal(business, Assert.Single(words.Rows).Id);
        Assert.False(Assert.Single(inactiveFirst.Rows).IsActive);
    }

    [Fact]
    public async Task GetAsync_UnknownTemplate_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Templates.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task EveryOperation_AsACounsellor_IsRefused()
    {
        var id = await Templates.CreateAsync(Draft());
        var version = (await Templates.GetAsync(id)).Version;
        Host.Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Templates.SearchAsync(new PlanTemplateQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Templates.GetAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Templates.CreateAsync(Draft("Autre")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Templates.UpdateAsync(id, version, Draft("Autre")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Templates.SetActiveAsync(id, version, active: false));

        var saved = await StoredAsync(id);
        Assert.Equal(("Adulte seul, emploi en main", true, version), (saved.Name, saved.IsActive, saved.Version));
    }
}
