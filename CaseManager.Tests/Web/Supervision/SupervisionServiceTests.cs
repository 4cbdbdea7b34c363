using CaseManager.Domain.Assignment;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Supervision;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Supervision;

/// <summary>Reassigning, absences and returns, the dashboard, and who may do any of it.</summary>
public sealed class SupervisionServiceTests(DatabaseFixture database) : SupervisionTestBase(database)
{
    [Fact]
    public async Task ReassignAsync_TwoFiles_MovesThemRecordsWhyAndTellsBothCounsellors()
    {
        var first = await SaveAsync(Marie);
        var second = await SaveAsync(Marie);
        await using (var db = Database.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == Paul.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ReminderEmails, ReminderEmailMode.DailyDigest));
        }

        Current.User = Supervisor;

        var result = await Supervision.ReassignAsync(
            [new FileVersion(first.Id, await VersionOfAsync(first.Id)), new FileVersion(second.Id, await VersionOfAsync(second.Id))],
            Paul.Id, "Marie part en formation");

        Assert.Equal([first.FileNumber, second.FileNumber], result.Moved);
        Assert.Empty(result.Conflicts);
        Assert.Equal(Paul.Id, await CounsellorOfAsync(first.Id));
        var record = Assert.Single(await AssignmentsOfAsync(first.Id));
        Assert.Equal((Marie.Id, Paul.Id, 2, AssignmentReason.Reassigned, "Marie part en formation", Supervisor.Id),
            (record.FromCounsellorId, record.ToCounsellorId, record.OrganizationId, record.Reason, record.Note, record.ByUserId));
        Assert.Equal([ReminderKind.FileAssigned, ReminderKind.FileAssigned], await KindsOfAsync(Paul));
        Assert.Equal([ReminderKind.FileReassignedAway, ReminderKind.FileReassignedAway], await KindsOfAsync(Marie));
        Assert.Contains(AuditOf(first.Id), a => a.Field == nameof(Household.AssignedCounsellorId) && a.OldValue == Marie.Id && a.NewValue == Paul.Id);

        // Marie wants each one by email; Paul reads his in the morning digest.
        await using var check = Database.CreateDbContext();
        var mail = await check.OutgoingEmails.AsNoTracking().ToListAsync();
        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.Equal("marie.tremblay@test.local", m.ToAddress));
        Assert.Contains("a été confié à un(e) autre intervenant(e)", mail[0].TextBody, StringComparison.Ordinal);
        Assert.Single(Jobs.Created, j => j.Job.Type == typeof(EmailSenderJob));
        Assert.All(await NotificationsOfAsync(Paul), n => Assert.Null(n.EmailedAt));
    }

    [Fact]
    public async Task ReassignAsync_FileChangedMeanwhile_IsReportedAndLeftAsItIs()
    {
        var stale = await SaveAsync(Marie);
        var fresh = await SaveAsync(Marie);
        var seen = await VersionOfAsync(stale.Id);
        await Service.RecordContactAsync(stale.Id, ContactChannel.Phone, FixedContext.Today, new TimeOnly(9, 0), "Appel");
        Current.User = Supervisor;

        var result = await Supervision.ReassignAsync(
            [new FileVersion(stale.Id, seen), new FileVersion(fresh.Id, await VersionOfAsync(fresh.Id))], Paul.Id, "Équilibrer");

        Assert.Equal([stale.FileNumber], result.Conflicts);
        Assert.Equal([fresh.FileNumber], result.Moved);
        Assert.Equal(Marie.Id, await CounsellorOfAsync(stale.Id));
        Assert.Empty(await AssignmentsOfAsync(stale.Id));
    }

    [Theory]
    [InlineData("", "Assignment.ReasonRequired")]
    [InlineData("   ", "Assignment.ReasonRequired")]
    public async Task ReassignAsync_WithoutReason_IsRefusedAndNothingChanges(string reason, string code)
    {
        var household = await SaveAsync(Marie);
        var version = await VersionOfAsync(household.Id);
        Current.User = Supervisor;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(
            () => Supervision.ReassignAsync([new FileVersion(household.Id, version)], Paul.Id, reason));

        Assert.Equal(code, refused.Refusals.Single().Code);
        Assert.Equal(Marie.Id, await CounsellorOfAsync(household.Id));
    }

    [Fact]
    public async Task ReassignAsync_ToSomeoneWhoIsNotACounsellor_IsRefused()
    {
        var household = await SaveAsync(Marie);
        var version = await VersionOfAsync(household.Id);
        Current.User = Supervisor;

        var refused = await Assert.ThrowsAsync<DomainRuleException>(
            () => Supervision.ReassignAsync([new FileVersion(household.Id, version)], Supervisor.Id, "Test"));

        Assert.Equal("Assignment.NotACounsellor", refused.Refusals.Single().Code);
    }

    [Fact]
    public async Task Everything_AsCounsellor_IsRefused()
    {
        var household = await SaveAsync(Marie);
        var version = await VersionOfAsync(household.Id);
        Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Supervision.GetDashboardAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Supervision.ReassignAsync([new FileVersion(household.Id, version)], Paul.Id, "Moi"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Supervision.RecordAbsenceAsync(Paul.Id, FixedContext.Today, FixedContext.Today, "Congé"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Supervision.ReturnAsync(Guid.NewGuid(), 0));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Supervision.RedistributeAsync(Guid.NewGuid(), 0));
        Assert.Equal(Marie.Id, await CounsellorOfAsync(household.Id));
    }

    [Fact]
    public async Task GetWaitingSubsidiesAsync_ApplicationsWaitingBeyondTheDelay_OldestFirstWithTheirEscalation()
    {
        var older = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        var old = await SaveAsync(Paul, b => b.AtStage(Stage.MovingSubsidy));
        var recent = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        Guid olderId;
        await using (var db = Database.CreateDbContext())
        {
            olderId = await CaseManager.Tests.Web.Subsidies.SubsidyTestData.AddWaitingAsync(db, older.Id, new DateOnly(2025, 9, 15));
            await CaseManager.Tests.Web.Subsidies.SubsidyTestData.AddWaitingAsync(db, old.Id, new DateOnly(2025, 10, 1));
            // Monday the 10th: two working days by Wednesday the 12th, within the five of the rule.
            await CaseManager.Tests.Web.Subsidies.SubsidyTestData.AddWaitingAsync(db, recent.Id, new DateOnly(2025, 11, 10));
            db.Reminders.Add(new Reminder
            {
                Id = Guid.NewGuid(), Kind = ReminderKind.SubsidyReviewEscalation, HouseholdId = older.Id, SubjectId = olderId,
                SubjectOn = new DateOnly(2025, 9, 15), DueOn = new DateOnly(2025, 9, 29), DedupKey = $"escalation:{olderId}", CreatedAt = FixedContext.Now.ToUniversalTime(),
            });
            await db.SaveChangesAsync();
        }

        Current.User = Supervisor;
        var waiting = await Supervision.GetWaitingSubsidiesAsync();

        Assert.Equal((2, 5), (waiting.Total, waiting.DelayWorkingDays));
        Assert.Equal([older.FileNumber, old.FileNumber], waiting.Lines.Select(l => l.FileNumber));
        Assert.Equal([true, false], waiting.Lines.Select(l => l.Escalated));
        // 2025-09-15 (a Monday) to 2025-11-12 (a Wednesday): eight weeks and two days.
        Assert.Equal(42, waiting.Lines[0].WorkingDaysWaited);
        Assert.All(waiting.Lines, l => Assert.Null(l.ReviewerName));
        Current.User = Marie;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Supervision.GetWaitingSubsidiesAsync());
    }

    [Fact]
    public async Task GetDashboardAsync_AsAdministrator_IsAllowedButMovingFilesIsNot()
    {
        await using (var db = Database.CreateDbContext())
        {
            Current.User = await TestUsers.CreateAsync(db, "admin@test.local", "Admin", null, CaseManager.Data.Entities.Roles.Admin);
        }

        Assert.NotNull(await Supervision.GetDashboardAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Supervision.RecordAbsenceAsync(Paul.Id, FixedContext.Today, FixedContext.Today, "Congé"));
    }

    [Fact]
    public async Task RecordAbsenceAsync_StartingToday_RedistributesTheOpenFilesEquitablyAndReturnGivesThemBack()
    {
        var files = new List<Household>();
        for (var i = 0; i < 6; i++)
        {
            files.Add(await SaveAsync(Marie));
        }

        var settled = await SaveAsync(Marie, b => b.SettledIn("01", "Rimouski"));
        Current.User = Supervisor;

        var away = await Supervision.RecordAbsenceAsync(Marie.Id, FixedContext.Today, FixedContext.Today.AddDays(20), "Congé de maladie");

        // Paul (1.0) and Sofia (0.5) share six files two to one.
        Assert.Equal(6, away.FilesMoved);
        var holders = new List<string?>();
        foreach (var file in files)
        {
            holders.Add(await CounsellorOfAsync(file.Id));
            var record = Assert.Single(await AssignmentsOfAsync(file.Id));
            Assert.Equal((AssignmentReason.AwayRedistributed, Marie.Id, away.AbsenceId), (record.Reason, record.FromCounsellorId, record.AbsenceId));
        }

        Assert.Equal(4, holders.Count(h => h == Paul.Id));
        Assert.Equal(2, holders.Count(h => h == Sofia.Id));
        Assert.Equal(Marie.Id, await CounsellorOfAsync(settled.Id));
        Assert.Equal(6, (await KindsOfAsync(Marie)).Count(k => k == ReminderKind.FileReassignedAway));

        // Meanwhile one file is moved on by hand, another is withdrawn: those stay where they are.
        var movedOn = files.First(f => holders[files.IndexOf(f)] == Paul.Id);
        await Supervision.ReassignAsync([new FileVersion(movedOn.Id, await VersionOfAsync(movedOn.Id))], Sofia.Id, "Suivi en espagnol");
        var closed = files.Last(f => holders[files.IndexOf(f)] == Paul.Id);
        await Service.ApplyTransitionAsync(closed.Id, await VersionOfAsync(closed.Id), new WithdrawRequest("job-montreal", "A trouvé un emploi"));
        Time.Advance(TimeSpan.FromDays(3));

        var dashboard = await Supervision.GetDashboardAsync();
        var absence = Assert.Single(dashboard.Absences);
        Assert.Equal(6, absence.FilesAway);
        Assert.True(dashboard.Counsellors.Single(c => c.CounsellorId == Marie.Id).IsAway);
        var back = await Supervision.ReturnAsync(absence.Id, absence.Version);

        Assert.Equal(4, back.FilesMoved);
        Assert.Equal(Sofia.Id, await CounsellorOfAsync(movedOn.Id));
        Assert.Equal(Paul.Id, await CounsellorOfAsync(closed.Id));
        foreach (var file in files.Where(f => f != movedOn && f != closed))
        {
            Assert.Equal(Marie.Id, await CounsellorOfAsync(file.Id));
            var last = (await AssignmentsOfAsync(file.Id)).Last();
            Assert.Equal((AssignmentReason.ReturnedFromAway, Marie.Id, away.AbsenceId), (last.Reason, last.ToCounsellorId, last.AbsenceId));
        }

        Assert.Equal(4, (await KindsOfAsync(Marie)).Count(k => k == ReminderKind.FileAssigned));
        Assert.False((await Supervision.GetDashboardAsync()).Counsellors.Single(c => c.CounsellorId == Marie.Id).IsAway);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Supervision.ReturnAsync(absence.Id, absence.Version));
    }

    [Fact]
    public async Task RecordAbsenceAsync_StartingLater_MovesNothingUntilRedistributed()
    {
        var file = await SaveAsync(Marie);
        Current.User = Supervisor;

        var away = await Supervision.RecordAbsenceAsync(Marie.Id, FixedContext.Today.AddDays(2), FixedContext.Today.AddDays(9), "Vacances");

        Assert.Equal(0, away.FilesMoved);
        Assert.Equal(Marie.Id, await CounsellorOfAsync(file.Id));
        var absence = Assert.Single((await Supervision.GetDashboardAsync()).Absences);
        var early = await Assert.ThrowsAsync<DomainRuleException>(() => Supervision.RedistributeAsync(absence.Id, absence.Version));
        Assert.Equal("Absence.NotStarted", early.Refusals.Single().Code);
        var overlapping = await Assert.ThrowsAsync<DomainRuleException>(
            () => Supervision.RecordAbsenceAsync(Marie.Id, FixedContext.Today.AddDays(5), FixedContext.Today.AddDays(12), "Autre"));
        Assert.Equal("Absence.Overlaps", overlapping.Refusals.Single().Code);

        Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, (await Supervision.RedistributeAsync(absence.Id, absence.Version)).FilesMoved);
        Assert.Equal(Paul.Id, await CounsellorOfAsync(file.Id));
    }

    [Fact]
    public async Task GetDashboardAsync_CountsFilesByStageOverdueTasksAndSilenceByCounsellorAndOrganization()
    {
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-2)));
        await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan).WithContact(FixedContext.Today.AddDays(-45)));
        await SaveAsync(Marie, b => b.OnHoldUntil(FixedContext.Today.AddDays(30)));
        await SaveAsync(Marie, b => b.WithdrawnFor("job-montreal"));
        var paulsFile = await SaveAsync(Paul, b => b.WithContact(FixedContext.Today.AddDays(-1)));
        await using (var db = Database.CreateDbContext())
        {
            var plan = Plan.Start(paulsFile.Id, FixedContext.Default);
            var goal = plan.AddGoal("employment", null, FixedContext.Default);
            plan.AddTask(goal.Id, "CV", TaskOwner.Household, FixedContext.Today.AddDays(-3), FixedContext.Default);
            plan.AddTask(goal.Id, "Lettre", TaskOwner.Household, FixedContext.Today.AddDays(3), FixedContext.Default);
            db.ActingAs(FixedContext.Default).Plans.Add(plan);
            await db.SaveChangesAsync();
        }

        Current.User = Supervisor;

        var dashboard = await Supervision.GetDashboardAsync();

        var marie = dashboard.Counsellors.Single(c => c.CounsellorId == Marie.Id);
        Assert.Equal(3, marie.Open);
        Assert.Equal(1, marie.OnHold);
        Assert.Equal(2, marie.OpenByStage[Stage.Outreach]);
        Assert.Equal(1, marie.OpenByStage[Stage.PersonalizedPlan]);
        Assert.Equal(1, marie.WithoutRecentContact);
        var paul = dashboard.Counsellors.Single(c => c.CounsellorId == Paul.Id);
        Assert.Equal((1, 1, 0), (paul.Open, paul.OverdueTasks, paul.WithoutRecentContact));
        // Four files among 2.5 FTE: Marie's share is 1.6, Sofia's 0.8.
        Assert.Equal(1.6m, marie.Share);
        Assert.Equal(0.8m, dashboard.Counsellors.Single(c => c.CounsellorId == Sofia.Id).Share);
        Assert.Equal(3m, marie.WeightedLoad);
        Assert.Equal(30, dashboard.NoContactDays);
        var organizations = dashboard.Organizations.ToDictionary(o => o.OrganizationId);
        Assert.Equal((3, 1), (organizations[1].Open, organizations[1].WithoutRecentContact));
        Assert.Equal((1, 1), (organizations[2].Open, organizations[2].OverdueTasks));
        Assert.Equal(0.5m, organizations[3].Capacity);
    }
}
