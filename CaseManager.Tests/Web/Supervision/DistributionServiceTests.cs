using CaseManager.Domain.Assignment;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Supervision;

/// <summary>New files through the service against PostgreSQL: who gets them, why, in bursts and all at once.</summary>
public sealed class DistributionServiceTests(DatabaseFixture database) : SupervisionTestBase(database)
{
    [Fact]
    public async Task CreateAsync_AsSupervisorNamingNobody_DistributesAndRecordsWhy()
    {
        Current.User = Supervisor;
        await SaveAsync(Marie, b => b.WithFileNumber("2024-90001"));

        var household = await Service.CreateAsync(new HouseholdProfileBuilder().With(p => p.Languages = ["fa"]).Build(), counsellorId: null);

        // Nobody speaks Persian. Marie holds one file; Paul and Sofia none: Paul is furthest below his share (1/1.0 < 1/0.5).
        Assert.Equal(Paul.Id, household.AssignedCounsellorId);
        Assert.Equal(2, household.OrganizationId);
        var record = Assert.Single(await AssignmentsOfAsync(household.Id));
        Assert.Equal((AssignmentReason.AutoBalanced, Paul.Id, 0, 1.0m, 3, Supervisor.Id),
            (record.Reason, record.ToCounsellorId, record.LoadBefore!.Value, record.Capacity!.Value, record.Candidates!.Value, record.ByUserId));
    }

    [Fact]
    public async Task CreateAsync_SpanishSpeakingHousehold_GoesToTheCounsellorWhoSpeaksIt()
    {
        Current.User = Supervisor;

        var household = await Service.CreateAsync(new HouseholdProfileBuilder().With(p => p.Languages = ["es"]).Build(), counsellorId: null);

        Assert.Equal(Sofia.Id, household.AssignedCounsellorId);
        var record = Assert.Single(await AssignmentsOfAsync(household.Id));
        Assert.Equal((AssignmentReason.LanguageMatch, "es"), (record.Reason, record.MatchedLanguage));
    }

    [Fact]
    public async Task CreateAsync_CounsellorOrSupervisorNamingOne_RecordsThatReason()
    {
        var own = await Service.CreateAsync(new HouseholdProfileBuilder().Build(), counsellorId: Paul.Id);
        Current.User = Supervisor;
        var named = await Service.CreateAsync(new HouseholdProfileBuilder().Build(), counsellorId: Sofia.Id);

        Assert.Equal((Marie.Id, AssignmentReason.CreatedByCounsellor), (own.AssignedCounsellorId, Assert.Single(await AssignmentsOfAsync(own.Id)).Reason));
        Assert.Equal((Sofia.Id, AssignmentReason.ChosenBySupervisor), (named.AssignedCounsellorId, Assert.Single(await AssignmentsOfAsync(named.Id)).Reason));
    }

    [Fact]
    public async Task CreateAsync_CounsellorAway_IsSkipped()
    {
        Current.User = Supervisor;
        await Supervision.RecordAbsenceAsync(Paul.Id, FixedContext.Today, FixedContext.Today.AddDays(5), "Congé");

        var households = new List<Household>();
        for (var i = 0; i < 6; i++)
        {
            households.Add(await Service.CreateAsync(new HouseholdProfileBuilder().Build(), counsellorId: null));
        }

        Assert.DoesNotContain(households, h => h.AssignedCounsellorId == Paul.Id);
        Assert.Equal(4, households.Count(h => h.AssignedCounsellorId == Marie.Id));
        Assert.Equal(2, households.Count(h => h.AssignedCounsellorId == Sofia.Id));
    }

    [Fact]
    public async Task CreateAsync_NobodyAvailable_IsRefusedAndNothingIsSaved()
    {
        Current.User = Supervisor;
        foreach (var counsellor in new[] { Marie, Paul, Sofia })
        {
            await SetCounsellorAsync(counsellor, 0m);
        }

        var refused = await Assert.ThrowsAsync<CaseManager.Domain.Common.DomainRuleException>(
            () => Service.CreateAsync(new HouseholdProfileBuilder().Build(), counsellorId: null));

        Assert.Equal("Distribution.NoCounsellorAvailable", refused.Refusals.Single().Code);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.Households.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_ThousandRegistrationsInARow_KeepEveryCounsellorWithinOneFileOfTheirShare()
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CounsellorAsync(db, "Jean Roy", organizationId: 1);
            await TestUsers.CounsellorAsync(db, "Aïcha Diallo", organizationId: 2);
        }

        await SetCounsellorAsync(Marie, 0.8m, "fr");
        Current.User = Supervisor;
        string[] languages = ["fr", "es", "vi", "ar", "en"];

        for (var i = 0; i < 1000; i++)
        {
            await Service.CreateAsync(new HouseholdProfileBuilder().With(p => p.Languages = [languages[i % languages.Length]]).Build(), counsellorId: null);
        }

        await AssertWithinBoundAfterEveryFileAsync(1000);
    }

    [Fact]
    public async Task CreateAsync_EightSupervisorsAtOnce_NeverAssignPastTheBound()
    {
        Current.User = Supervisor;
        // Eight people registering files at the same moment, each on their own service and connection.
        var creators = Enumerable.Range(0, 8).Select(async worker =>
        {
            var service = new HouseholdService(Database.ContextFactory, Access, new AppClock(Time), NullLogger<HouseholdService>.Instance);
            for (var i = 0; i < 30; i++)
            {
                await service.CreateAsync(new HouseholdProfileBuilder().With(p => p.Languages = [worker % 2 == 0 ? "es" : "vi"]).Build(), counsellorId: null);
            }
        });

        await Task.WhenAll(creators);

        await AssertWithinBoundAfterEveryFileAsync(240);
    }

    /// <summary>
    /// Replays the assignments in the order the files were numbered (the number is taken under the
    /// distribution's lock, so it is the order of the choices) and checks the bound after each one.
    /// </summary>
    private async Task AssertWithinBoundAfterEveryFileAsync(int expected)
    {
        await using var db = Database.CreateDbContext();
        var counsellors = await db.Users.AsNoTracking().Where(u => u.Capacity > 0 && u.OrganizationId != null && u.Id != Supervisor.Id)
            .Select(u => new { u.Id, u.Capacity, u.OrganizationId }).ToListAsync();
        var order = await db.Households.AsNoTracking().OrderBy(h => h.FileNumber).Select(h => h.AssignedCounsellorId!).ToListAsync();
        Assert.Equal(expected, order.Count);
        var loads = counsellors.Select(c => new CounsellorLoad(c.Id, c.OrganizationId!.Value, c.Capacity, 0, [])).ToList();
        for (var file = 0; file < order.Count; file++)
        {
            var index = loads.FindIndex(l => l.CounsellorId == order[file]);
            loads[index] = loads[index] with { OpenFiles = loads[index].OpenFiles + 1 };
            Assert.True(Distributor.WithinBound(loads), $"After file {file + 1}: {string.Join(", ", loads.Select(l => $"{l.Capacity}={l.OpenFiles}"))}");
        }

        Assert.Equal(order.Count, await db.Assignments.CountAsync(a => a.Reason == AssignmentReason.AutoBalanced || a.Reason == AssignmentReason.LanguageMatch));
    }
}
