using CaseManager.Tests.Support;
using CaseManager.Web.Features.Resources;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Web.Resources;

public sealed class ResourceSearchTests(DatabaseFixture database) : ResourceTestBase(database)
{
    private async Task<IReadOnlyList<string>> NamesAsync(ResourceQuery query) =>
        (await Resources.SearchAsync(query)).Rows.Select(r => r.Name).ToList();

    [Theory]
    [InlineData("ecole")]
    [InlineData("ÉCOLE")]
    [InlineData("École")]
    [InlineData("ecoles")]
    public async Task SearchAsync_IgnoresAccentsCaseAndPlural_FindsÉcole(string search)
    {
        await AddAsync("École primaire du Havre", category: "childcare-school");
        await AddAsync("Centre local d'emploi", description: "Aide à la recherche d'emploi");

        Assert.Equal(["École primaire du Havre"], await NamesAsync(new ResourceQuery { Search = search }));
    }

    [Fact]
    public async Task SearchAsync_WordForms_EmploisFindsEmploi()
    {
        await AddAsync("Carrefour jeunesse-emploi de Rimouski");
        await AddAsync("Maison de la famille", category: "community");

        Assert.Equal(["Carrefour jeunesse-emploi de Rimouski"], await NamesAsync(new ResourceQuery { Search = "emplois" }));
    }

    [Fact]
    public async Task SearchAsync_ANameMatch_RanksAboveADescriptionMatch()
    {
        await AddAsync("Service d'aide aux nouveaux arrivants", description: "Accompagnement vers le logement et le logement social", category: "community");
        await AddAsync("Office municipal d'habitation", description: "Logement à loyer modique", category: "housing");
        await AddAsync("Logement abordable Rimouski", description: "Coopératives", category: "housing");

        var names = await NamesAsync(new ResourceQuery { Search = "logement", Sort = ResourceSort.Relevance });

        Assert.Equal("Logement abordable Rimouski", names[0]);
        Assert.Equal(3, names.Count);
    }

    [Fact]
    public async Task SearchAsync_LastWordWhileTyping_MatchesAsAPrefix()
    {
        await AddAsync("Cours de francisation à temps partiel", category: "francisation");
        await AddAsync("Banque alimentaire", category: "community");

        Assert.Equal(["Cours de francisation à temps partiel"], await NamesAsync(new ResourceQuery { Search = "franci" }));
        Assert.Equal(["Cours de francisation à temps partiel"], await NamesAsync(new ResourceQuery { Search = "cours franc" }));
    }

    [Fact]
    public async Task SearchAsync_OnlyStopWords_FiltersNothing()
    {
        await AddAsync("Banque alimentaire", category: "community");
        await AddAsync("Centre local d'emploi");

        Assert.Equal(2, (await Resources.SearchAsync(new ResourceQuery { Search = "de la" })).Total);
    }

    [Fact]
    public async Task SearchAsync_RegionAndCategoryFilters_CountAndPageInTheDatabase()
    {
        for (var i = 1; i <= 5; i++)
        {
            await AddAsync($"Emploi Estrie {i}", region: "05");
        }

        await AddAsync("Emploi Rimouski", region: "01");
        await AddAsync("Logement Estrie", region: "05", category: "housing");
        await AddAsync("Emploi Estrie inactif", region: "05", active: false);

        var page = await Resources.SearchAsync(new ResourceQuery { Search = "emploi", RegionCode = "05", CategoryCode = "employment", PageSize = 2, Page = 1, Sort = ResourceSort.Name });

        Assert.Equal(5, page.Total);
        Assert.Equal(["Emploi Estrie 3", "Emploi Estrie 4"], page.Rows.Select(r => r.Name));
        Assert.Equal(6, (await Resources.SearchAsync(new ResourceQuery { RegionCode = "05", CategoryCode = "employment", IncludeInactive = true })).Total);
    }

    [Fact]
    public async Task SearchAsync_AsPartner_IsRefused()
    {
        await using (var db = Database.CreateDbContext())
        {
            Current.User = await TestUsers.CreateAsync(db, "pat.partner@test.local", "Pat Partner", null, CaseManager.Data.Entities.Roles.Partner);
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Resources.SearchAsync(new ResourceQuery()));
    }

    [Theory]
    [InlineData("emploi rimou", "", "emploi & rimou:*")]
    [InlineData("ecole", "", "ecole:*")]
    [InlineData("l'emploi", "", "emploi:*")]
    [InlineData("emplois jeunes", "", "(emplois | emploi) & jeune:*")]
    [InlineData("emploi de", "", "emploi & de")]
    [InlineData("\"centre local\" emploi", "\"centre local\" emploi", "")]
    [InlineData("emploi -montreal", "emploi -montreal", "")]
    [InlineData("  ", "", "")]
    public void Split_PlainWords_AllMatchTheLastAsAPrefix(string search, string words, string query)
    {
        Assert.Equal((words, query), ResourceSearchText.Split(search));
    }
}
