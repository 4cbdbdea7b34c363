using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Jobs;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Subsidies;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Web.Subsidies;

/// <summary>The subsidy's reminders: the overdue review swept in working days, and who is told.</summary>
public sealed class SubsidyReminderTests(DatabaseFixture database) : ReminderTestBase(database)
{
    private UserIdentity _saguenayUser = UserIdentity.Anonymous;
    private UserIdentity _otherRegionUser = UserIdentity.Anonymous;

    private SubsidyService Subsidies => new(
        Database.ContextFactory, Access, Clock, new SubsidySettings(SubsidyTestBase.MaxDocumentBytes), NullLogger<SubsidyService>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        var saguenay = await TestPartners.CreateAsync(db, "Accueil Saguenay", "02", "Jonquière");
        var other = await TestPartners.CreateAsync(db, "Accueil Bas-Saint-Laurent", "01", "Rimouski");
        _saguenayUser = await PartnerAsync(db, "josee@partner.test", "Josée Bélanger", saguenay.Id);
        _otherRegionUser = await PartnerAsync(db, "luc@partner.test", "Luc Tremblay", other.Id);
    }

    [Fact]
    public async Task Sweep_ReviewOverdue_CountsWorkingDaysOnly_AndFiresOnce()
    {
        await DisableAllRulesBut(ReminderKind.SubsidyReviewOverdue);
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        var friday = new DateOnly(2025, 11, 14);
        await using (var db = Database.CreateDbContext())
        {
            await SubsidyTestData.AddWaitingAsync(db, household.Id, friday);
        }

        // Five working days later is Friday the 21st; more than five is Monday the 24th.
        SetClock(new DateOnly(2025, 11, 21), 12);
        var friday21 = await Sweep.RunAsync(CancellationToken.None);
        SetClock(new DateOnly(2025, 11, 23), 12);
        var sunday = await Sweep.RunAsync(CancellationToken.None);
        SetClock(new DateOnly(2025, 11, 24), 1);
        var monday = await Sweep.RunAsync(CancellationToken.None);
        var again = await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((0, 0, 1, 0), (friday21, sunday, monday, again));
        var reminder = Assert.Single(await RemindersAsync());
        Assert.Equal((ReminderKind.SubsidyReviewOverdue, new DateOnly(2025, 11, 24), friday), (reminder.Kind, reminder.DueOn, reminder.SubjectOn));
    }

    [Fact]
    public async Task Sweep_ReviewOverdue_SkipsDecidedAndInformationRequestedApplications()
    {
        await DisableAllRulesBut(ReminderKind.SubsidyReviewOverdue);
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        await using (var db = Database.CreateDbContext())
        {
            var id = await SubsidyTestData.AddWaitingAsync(db, household.Id, FixedContext.Today.AddDays(-30));
            await db.SubsidyApplications.Where(a => a.Id == id)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, SubsidyStatus.InformationRequested));
        }

        Assert.Equal(0, await Sweep.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Deliver_ReviewOverdue_ReachesThePartnersOfTheDestinationAndTheSupervisors_NotOtherRegions()
    {
        await DisableAllRulesBut(ReminderKind.SubsidyReviewOverdue);
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        await using (var db = Database.CreateDbContext())
        {
            await SubsidyTestData.AddWaitingAsync(db, household.Id, new DateOnly(2025, 11, 14));
        }

        SetClock(new DateOnly(2025, 11, 24), 8);
        await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);

        await using var check = Database.CreateDbContext();
        var told = await check.Notifications.Where(n => n.Kind == ReminderKind.SubsidyReviewOverdue).Select(n => n.UserId).OrderBy(u => u).ToListAsync();
        Assert.Equal(new[] { _saguenayUser.Id, Supervisor.Id }.Order(), told);
    }

    [Fact]
    public async Task Sweep_ReviewEscalation_SecondReminderTheRulesWorkingDaysAfterTheFirst_ToTheSameAudience_Once()
    {
        await DisableAllRulesBut(ReminderKind.SubsidyReviewOverdue, ReminderKind.SubsidyReviewEscalation);
        await using (var db = Database.CreateDbContext())
        {
            // The escalation's delay is the rule's data: three working days after the first reminder.
            await db.ReminderRules.Where(r => r.Kind == ReminderKind.SubsidyReviewEscalation).ExecuteUpdateAsync(set => set.SetProperty(r => r.Delay, 3));
        }

        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        var friday = new DateOnly(2025, 11, 14);
        await using (var db = Database.CreateDbContext())
        {
            await SubsidyTestData.AddWaitingAsync(db, household.Id, friday);
        }

        // The first reminder on Monday the 24th; three working days later is Thursday the 27th.
        SetClock(new DateOnly(2025, 11, 24), 8);
        var first = await Sweep.RunAsync(CancellationToken.None);
        SetClock(new DateOnly(2025, 11, 26), 8);
        var wednesday = await Sweep.RunAsync(CancellationToken.None);
        SetClock(new DateOnly(2025, 11, 27), 8);
        var thursday = await Sweep.RunAsync(CancellationToken.None);
        var again = await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0, 1, 0), (first, wednesday, thursday, again));
        var escalation = Assert.Single(await RemindersAsync(ReminderKind.SubsidyReviewEscalation));
        Assert.Equal((new DateOnly(2025, 11, 27), friday), (escalation.DueOn, escalation.SubjectOn));
        await using var check = Database.CreateDbContext();
        var told = await check.Notifications.Where(n => n.Kind == ReminderKind.SubsidyReviewEscalation).Select(n => n.UserId).OrderBy(u => u).ToListAsync();
        Assert.Equal(new[] { _saguenayUser.Id, Supervisor.Id }.Order(), told);
    }

    [Fact]
    public async Task Sweep_ReviewEscalation_WithoutAFirstReminderOrOnceDecided_RecordsNothing()
    {
        await DisableAllRulesBut(ReminderKind.SubsidyReviewEscalation);
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        await using (var db = Database.CreateDbContext())
        {
            await SubsidyTestData.AddWaitingAsync(db, household.Id, FixedContext.Today.AddDays(-60));
        }

        Assert.Equal(0, await Sweep.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Deliver_Submitted_TellsThePartnersOfTheDestinationAndTheSupervisors_NotOtherRegions()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        var id = await Subsidies.StartAsync(household.Id, new SubsidyApplicationDetails("02", "Saguenay", FixedContext.Today.AddDays(20), null, null));
        await Subsidies.SubmitAsync(id, await VersionAsync(id));

        await Delivery.RunAsync(CancellationToken.None);

        await using var db = Database.CreateDbContext();
        var told = await db.Notifications.Where(n => n.Kind == ReminderKind.SubsidySubmitted).Select(n => n.UserId).OrderBy(u => u).ToListAsync();
        Assert.Equal(new[] { _saguenayUser.Id, Supervisor.Id }.Order(), told);
        Assert.DoesNotContain(_otherRegionUser.Id, told);
    }

    [Fact]
    public async Task Deliver_InformationRequested_TellsTheFilesCounsellor()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        var id = await Subsidies.StartAsync(household.Id, new SubsidyApplicationDetails("02", "Saguenay", FixedContext.Today.AddDays(20), null, null));
        await Subsidies.SubmitAsync(id, await VersionAsync(id));
        Current.User = _saguenayUser;
        await Subsidies.RequestInformationAsync(id, await VersionAsync(id), "Le bail, s'il vous plaît.");

        await Delivery.RunAsync(CancellationToken.None);

        await using var db = Database.CreateDbContext();
        Assert.Equal([Marie.Id], await db.Notifications.Where(n => n.Kind == ReminderKind.SubsidyInformationRequested).Select(n => n.UserId).ToListAsync());
    }

    private async Task<uint> VersionAsync(Guid id)
    {
        await using var db = Database.CreateDbContext();
        return await db.SubsidyApplications.Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
    }

    private static async Task<UserIdentity> PartnerAsync(CaseManager.Data.CaseManagerDbContext db, string email, string name, Guid partnerId)
    {
        var user = await TestUsers.CreateAsync(db, email, name, null, Roles.Partner);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PartnerOrganizationId, partnerId));
        return user;
    }
}
