using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Households;

namespace CaseManager.Tests.Web.Households;

public sealed class CaseloadQueryTests(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    [Fact]
    public async Task GetCaseloadAsync_AsCounsellor_ListsOnlyTheirOwnFiles()
    {
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Aminata", "Diallo")));
        await SaveAsync(Paul, b => b.WithProfile(p => p.WithPrimaryApplicant("Jorge", "Sánchez")));

        var page = await Service.GetCaseloadAsync(new CaseloadQuery { CounsellorId = Paul.Id });

        Assert.Equal("Diallo", Assert.Single(page.Rows).LastName);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task GetCaseloadAsync_AsSupervisor_ListsEveryFileAndFiltersByCounsellor()
    {
        await SaveAsync(Marie);
        await SaveAsync(Paul);
        await SaveAsync(Paul);
        Current.User = Supervisor;

        var all = await Service.GetCaseloadAsync(new CaseloadQuery());
        var pauls = await Service.GetCaseloadAsync(new CaseloadQuery { CounsellorId = Paul.Id });

        Assert.Equal(3, all.Total);
        Assert.Equal(2, pauls.Total);
        Assert.All(pauls.Rows, r => Assert.Equal("Paul Nguyen", r.CounsellorName));
    }

    [Theory]
    [InlineData("cote")]
    [InlineData("CÔTÉ")]
    [InlineData("jose cote")]
    [InlineData("2025-00001")]
    [InlineData("jose.cote@")]
    [InlineData("(514) 555-0123")]
    [InlineData("5145550123")]
    [InlineData("555-0123")]
    public async Task GetCaseloadAsync_Search_FindsByNameNumberEmailOrPhoneIgnoringAccentsAndCase(string search)
    {
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("José", "Côté").WithEmail("jose.cote@exemple.ca").WithPhone("514-555-0123")));
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Aminata", "Diallo").WithEmail("a.diallo@exemple.ca").WithPhone("438 555-0999")));

        var page = await Service.GetCaseloadAsync(new CaseloadQuery { Search = search });

        Assert.Equal("Côté", Assert.Single(page.Rows).LastName);
    }

    [Fact]
    public async Task GetCaseloadAsync_SearchWithLikeWildcards_IsTakenLiterally()
    {
        await SaveAsync(Marie);

        var page = await Service.GetCaseloadAsync(new CaseloadQuery { Search = "%_" });

        Assert.Empty(page.Rows);
    }

    [Fact]
    public async Task GetCaseloadAsync_StageFilter_CountsEveryStageAndListsOne()
    {
        await SaveAsync(Marie);
        await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));
        await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));
        await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));

        var page = await Service.GetCaseloadAsync(new CaseloadQuery { Stage = Stage.PersonalizedPlan });

        Assert.Equal(2, page.Total);
        Assert.All(page.Rows, r => Assert.Equal(Stage.PersonalizedPlan, r.Stage));
        Assert.Equal(1, page.StageCounts[Stage.Outreach]);
        Assert.Equal(2, page.StageCounts[Stage.PersonalizedPlan]);
        Assert.Equal(1, page.StageCounts[Stage.ExploratoryStay]);
        Assert.False(page.StageCounts.ContainsKey(Stage.InfoSession));
    }

    [Theory]
    [InlineData(StatusFilter.Open, 2)]
    [InlineData(StatusFilter.Active, 1)]
    [InlineData(StatusFilter.OnHold, 1)]
    [InlineData(StatusFilter.Withdrawn, 1)]
    [InlineData(StatusFilter.Settled, 1)]
    [InlineData(StatusFilter.All, 4)]
    public async Task GetCaseloadAsync_StatusFilter_ListsTheFilesInThatStatus(StatusFilter status, int expected)
    {
        await SaveAsync(Marie);
        await SaveAsync(Marie, b => b.WithStatus(CaseStatus.OnHold));
        await SaveAsync(Marie, b => b.WithStatus(CaseStatus.Withdrawn));
        await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy).WithStatus(CaseStatus.Settled));

        var page = await Service.GetCaseloadAsync(new CaseloadQuery { Status = status });

        Assert.Equal(expected, page.Total);
    }

    [Fact]
    public async Task GetCaseloadAsync_RegionFilter_MatchesPreferredOrSettlementRegion()
    {
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Ana", "Lima").WithPreferredRegions("05", "16")));
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Ben", "Ali").WithPreferredRegions("02")));
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Cy", "Roy").WithPreferredRegions("03")).SettledIn("05", "Magog"));

        var page = await Service.GetCaseloadAsync(new CaseloadQuery { RegionCode = "05", Status = StatusFilter.All });

        Assert.Equal(["Lima", "Roy"], page.Rows.Select(r => r.LastName).Order());
        Assert.Equal("05", page.Rows.Single(r => r.LastName == "Roy").RegionCode);
    }

    [Fact]
    public async Task GetCaseloadAsync_FileQuietLongerThanTheRule_NeedsAttention()
    {
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Recent", "Contact")).WithContact(FixedContext.Today.AddDays(-3)));
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Old", "Contact")).WithContact(FixedContext.Today.AddDays(-45)));
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Never", "Contacted")).OpenedOn(FixedContext.Today.AddDays(-40)));
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Just", "Opened")).OpenedOn(FixedContext.Today.AddDays(-2)));

        var all = await Service.GetCaseloadAsync(new CaseloadQuery());
        var attention = await Service.GetCaseloadAsync(new CaseloadQuery { NeedsAttentionOnly = true });

        Assert.Equal(["Contact", "Contacted"], attention.Rows.Select(r => r.LastName).Order());
        Assert.Equal(2, all.Rows.Count(r => r.NeedsAttention));
    }

    [Fact]
    public async Task GetCaseloadAsync_SortByStage_FollowsTheProgramsOrderNotTheAlphabet()
    {
        await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));
        await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));
        await SaveAsync(Marie);
        await SaveAsync(Marie, b => b.AtStage(Stage.InfoSession));
        await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));

        var page = await Service.GetCaseloadAsync(new CaseloadQuery { SortBy = CaseloadSort.Stage });
        var reversed = await Service.GetCaseloadAsync(new CaseloadQuery { SortBy = CaseloadSort.Stage, Descending = true });

        Assert.Equal(Stages.InOrder, page.Rows.Select(r => r.Stage));
        Assert.Equal(Stages.InOrder.Reverse(), reversed.Rows.Select(r => r.Stage));
    }

    [Fact]
    public async Task GetCaseloadAsync_Paging_ReturnsThePageAndTheTotal()
    {
        foreach (var name in new[] { "Ba", "Bo", "Ca", "Da", "Ea" })
        {
            await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("X", name)));
        }

        var second = await Service.GetCaseloadAsync(new CaseloadQuery { Page = 1, PageSize = 2 });

        Assert.Equal(5, second.Total);
        Assert.Equal(["Ca", "Da"], second.Rows.Select(r => r.LastName));
    }

    [Fact]
    public async Task GetCaseloadAsync_HouseholdMembers_AreCountedBesideTheApplicant()
    {
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithSpouse().WithChild("Léa", new DateOnly(2019, 1, 1)).WithChild("Sam", new DateOnly(2021, 1, 1))));

        var row = Assert.Single((await Service.GetCaseloadAsync(new CaseloadQuery())).Rows);

        Assert.Equal(3, row.OtherMembers);
    }

    [Fact]
    public async Task QuickSearchAsync_FindsClosedFilesTooAndIgnoresEmptyText()
    {
        await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Hélène", "Ouellet")).ClosedAfter(CaseStatus.Withdrawn));

        var found = await Service.QuickSearchAsync("helene");
        var nothing = await Service.QuickSearchAsync("   ");

        Assert.Single(found);
        Assert.Empty(nothing);
    }
}
