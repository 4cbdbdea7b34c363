using System.Data.Common;
using CaseManager.Data;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Jobs;
using CaseManager.Domain.Sessions;
using Hangfire;
using Hangfire.Common;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Jobs;

public sealed partial class ReminderSweepJobTests(DatabaseFixture database) : ReminderTestBase(database)
{
    private static readonly DateOnly Today = FixedContext.Today;

    /// <summary>The day each rule's case below falls due: two days after <see cref="FixedContext.Today"/>.</summary>
    private static readonly DateOnly DueDay = Today.AddDays(2);

    private static readonly string[] Queues = ["server_a", "server_b"];
    private static readonly string[] ServerNames = ["reminders-test-server_a", "reminders-test-server_b"];

    /// <summary>
    /// The kinds the sweep looks for about a file (a session's cancellation is recorded when it
    /// happens; the resources to verify are about no file: ResourceVerificationReminderTests).
    /// </summary>
    public static TheoryData<ReminderKind> Kinds() =>
        new(Enum.GetValues<ReminderKind>().Where(k => ReminderRule.IsSwept(k) && k != ReminderKind.ResourceVerificationDue));

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RunAsync_EachRule_FiresOnItsDayNotTheDayBeforeAndNeverTwice(ReminderKind kind)
    {
        await DisableAllRulesBut(kind);
        var household = await ArrangeDueOnAsync(kind, DueDay);

        SetClock(DueDay.AddDays(-1), 23, 30);
        var dayBefore = await Sweep.RunAsync(CancellationToken.None);
        SetClock(DueDay, 0, 30);
        var onTheDay = await Sweep.RunAsync(CancellationToken.None);
        SetClock(DueDay, 23, 30);
        var laterThatDay = await Sweep.RunAsync(CancellationToken.None);
        SetClock(DueDay.AddDays(1), 9);
        var dayAfter = await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0, 0), (dayBefore, onTheDay, laterThatDay, dayAfter));
        var reminder = Assert.Single(await RemindersAsync(kind));
        Assert.Equal((kind, household.Id, DueDay), (reminder.Kind, reminder.HouseholdId, reminder.DueOn));
        Assert.Equal(DueDay, AppClock.DateOf(reminder.CreatedAt));
    }

    [Fact]
    public async Task RunAsync_Twice_RecordsNothingTheSecondTime()
    {
        var expected = await ArrangeOneOfEverythingAsync();

        var first = await Sweep.RunAsync(CancellationToken.None);
        var second = await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((expected.Count, 0), (first, second));
        Assert.Equal(expected, await KeysAsync());
    }

    [Fact]
    public async Task RunAsync_StayDebriefDue_OnlyForHouseholdsThatCameAndHaveNoDebrief_Once()
    {
        await DisableAllRulesBut(ReminderKind.StayDebriefDue);
        var waiting = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
        var debriefed = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
        var absent = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
        var stayId = await AddStayAsync(waiting.Id, Today.AddDays(-3));
        await using (var db = Database.CreateDbContext())
        {
            var stay = await db.Stays.Include(s => s.Participants).SingleAsync(s => s.Id == stayId);
            var context = FixedContext.On(Today.AddDays(-3));
            stay.AddParticipant(debriefed.Id, 1, 1, context);
            stay.AddParticipant(absent.Id, 1, 1, context);
            stay.RecordAttendance(absent.Id, CaseManager.Domain.Stays.Attendance.Absent, context);
            stay.Complete(context);
            db.ActingAs(context).StayDebriefs.Add(CaseManager.Domain.Stays.StayDebrief.Record(
                stay, debriefed.Id, new CaseManager.Domain.Stays.DebriefDetails(4, null, null, []), context));
            await db.SaveChangesAsync();
        }

        var first = await Sweep.RunAsync(CancellationToken.None);
        var second = await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first, second));
        var reminder = Assert.Single(await RemindersAsync());
        Assert.Equal((waiting.Id, Today.AddDays(-3), Today), (reminder.HouseholdId, reminder.SubjectOn, reminder.DueOn));
        Assert.Equal($"StayDebriefDue:{reminder.SubjectId}:{Today.AddDays(-3):yyyy-MM-dd}", reminder.DedupKey);
    }

    [Fact]
    public async Task RunAsync_DisabledRules_FireNothing()
    {
        await ArrangeOneOfEverythingAsync();
        await DisableAllRulesBut();

        Assert.Equal(0, await Sweep.RunAsync(CancellationToken.None));

        Assert.Empty(await RemindersAsync());
        Assert.Empty(Jobs.Created);
    }

    [Fact]
    public async Task RunAsync_OneRuleSwitchedOff_FiresEveryOtherRule()
    {
        var expected = await ArrangeOneOfEverythingAsync();
        await SetRuleAsync(ReminderKind.NoContact, enabled: false);

        await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal(expected.Where(k => k.Kind != ReminderKind.NoContact).ToList(), await KeysAsync());
    }

    [Fact]
    public async Task RunAsync_WhenItRecordedSomething_QueuesTheDeliveryOnce()
    {
        await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-40)));

        await Sweep.RunAsync(CancellationToken.None);
        await Sweep.RunAsync(CancellationToken.None);

        var (job, state) = Assert.Single(Jobs.Created);
        Assert.Equal((typeof(ReminderDeliveryJob), nameof(ReminderDeliveryJob.RunAsync)), (job.Type, job.Method.Name));
        Assert.IsType<EnqueuedState>(state);
    }

    [Fact]
    public async Task RunAsync_CounsellorOnlyRule_WaitsForTheFileToHaveACounsellor()
    {
        var unassigned = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-70)).AssignedTo(null));
        await DisableAllRulesBut(ReminderKind.NoContact, ReminderKind.NoContactEscalation);

        await Sweep.RunAsync(CancellationToken.None);
        var beforeAssignment = await RemindersAsync();
        await using (var db = Database.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE households SET assigned_counsellor_id = {Marie.Id} WHERE id = {unassigned.Id}");
        }

        await Sweep.RunAsync(CancellationToken.None);

        // The escalation goes to the supervisors: a file without a counsellor is just what they must see.
        Assert.Equal([ReminderKind.NoContactEscalation], beforeAssignment.Select(r => r.Kind));
        Assert.Equal([ReminderKind.NoContact, ReminderKind.NoContactEscalation], (await RemindersAsync()).Select(r => r.Kind).Order());
    }

    [Fact]
    public async Task RunAsync_CounsellorRuleTurnedToSupervisors_CoversFilesWithoutCounsellor()
    {
        await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-40)).AssignedTo(null));
        await DisableAllRulesBut(ReminderKind.NoContact);

        var whileCounsellorOnly = await Sweep.RunAsync(CancellationToken.None);
        await SetRuleAsync(ReminderKind.NoContact, audience: ReminderAudience.CounsellorAndSupervisors);
        var withSupervisors = await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (whileCounsellorOnly, withSupervisors));
    }

    [Theory]
    [InlineData(CaseStatus.OnHold)]
    [InlineData(CaseStatus.Withdrawn)]
    [InlineData(CaseStatus.Settled)]
    [InlineData(CaseStatus.Closed)]
    public async Task RunAsync_QuietFileThatIsNotActive_IsNotRemindedOfContact(CaseStatus status)
    {
        await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-70)).AtStage(Stage.MovingSubsidy).WithStatus(status));
        await DisableAllRulesBut(ReminderKind.NoContact, ReminderKind.NoContactEscalation);

        Assert.Equal(0, await Sweep.RunAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(CaseStatus.OnHold)]
    [InlineData(CaseStatus.Withdrawn)]
    public async Task RunAsync_TasksOfAFileOnHoldOrWithdrawn_AreNotReminded(CaseStatus status)
    {
        var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
        await AddTaskAsync(household.Id, "Visiter Rimouski", Today.AddDays(1));
        await AddTaskAsync(household.Id, "Appeler le CLSC", Today.AddDays(-4));
        var version = await VersionOfAsync(household.Id);
        await Service.ApplyTransitionAsync(household.Id, version, status == CaseStatus.OnHold
            ? new HoldRequest(Today.AddDays(20), "Permis de travail du conjoint")
            : new WithdrawRequest("postponed", null));
        await DisableAllRulesBut(ReminderKind.TaskDueSoon, ReminderKind.TaskOverdue);

        Assert.Equal(0, await Sweep.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_ClosedFile_NeverGetsAnyReminder()
    {
        await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-400)).SettledIn("02", "Saguenay", Today.AddDays(-390)).ClosedAfter(CaseStatus.Settled)
            .OpenedOn(Today.AddDays(-420)));

        Assert.Equal(0, await Sweep.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_FileNeverContacted_CountsFromTheDayItWasOpenedInMontreal()
    {
        // Opened at 21 h 30 in Montréal: already the next day in UTC. Its 30 days count from the Montréal day.
        var openedOn = Today.AddDays(-30);
        var late = await SaveAsync(Marie, b => b.OpenedOn(openedOn));
        await using (var db = Database.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE households SET created_at = {AppClock.FromLocal(openedOn, new TimeOnly(21, 30))} WHERE id = {late.Id}");
        }

        await SaveAsync(Marie, b => b.OpenedOn(Today.AddDays(-29)));
        await DisableAllRulesBut(ReminderKind.NoContact);

        await Sweep.RunAsync(CancellationToken.None);

        var reminder = Assert.Single(await RemindersAsync());
        Assert.Equal((late.Id, openedOn, Today), (reminder.HouseholdId, reminder.SubjectOn, reminder.DueOn));
    }

    [Fact]
    public async Task RunAsync_AfterANewContactAndANewQuietPeriod_RemindsAgain()
    {
        var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-35)));
        await DisableAllRulesBut(ReminderKind.NoContact);
        await Sweep.RunAsync(CancellationToken.None);
        await Service.RecordContactAsync(household.Id, ContactChannel.Phone, Today, new TimeOnly(9, 0), "Relance");

        SetClock(Today.AddDays(29), 12);
        var beforeTheNewPeriod = await Sweep.RunAsync(CancellationToken.None);
        SetClock(Today.AddDays(30), 12);
        var onIt = await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (beforeTheNewPeriod, onIt));
        Assert.Equal([Today.AddDays(-35), Today], (await RemindersAsync()).Select(r => r.SubjectOn));
    }

    [Fact]
    public async Task RunAsync_RuleRetimedAfterItFired_DoesNotRemindTheSameThingAgain()
    {
        await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-40)));
        await DisableAllRulesBut(ReminderKind.NoContact);
        await Sweep.RunAsync(CancellationToken.None);

        await SetRuleAsync(ReminderKind.NoContact, delay: 20);
        var afterRetiming = await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal(0, afterRetiming);
        Assert.Single(await RemindersAsync());
    }

    [Fact]
    public async Task RunAsync_TaskMovedToANewDueDate_IsRemindedForTheNewDate()
    {
        var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
        var task = await AddTaskAsync(household.Id, "Visiter Rimouski", Today.AddDays(2));
        await DisableAllRulesBut(ReminderKind.TaskDueSoon);
        await Sweep.RunAsync(CancellationToken.None);

        await Plans.UpdateTaskAsync(household.Id, (await Plans.GetAsync(household.Id)).Version, task, "Visiter Rimouski",
            CaseManager.Domain.Plans.TaskOwner.Household, Today.AddDays(3), null);
        await Sweep.RunAsync(CancellationToken.None);
        await Plans.SetTaskStatusAsync(household.Id, null, task, CaseManager.Domain.Plans.PlanTaskStatus.Done);
        SetClock(Today.AddDays(1));
        await Sweep.RunAsync(CancellationToken.None);

        Assert.Equal([Today.AddDays(2), Today.AddDays(3)], (await RemindersAsync()).Select(r => r.SubjectOn));
    }

    [Fact]
    public async Task RunAsync_RetentionFollowUp_CreatesItsCheckOnceWithTheReminder()
    {
        var settledOn = Today.AddMonths(-3);
        var household = await SaveAsync(Marie, b => b.SettledIn("02", "Saguenay", settledOn));
        await DisableAllRulesBut(ReminderKind.RetentionThreeMonths);

        await Sweep.RunAsync(CancellationToken.None);
        await Sweep.RunAsync(CancellationToken.None);

        await using var db = Database.CreateDbContext();
        var check = await db.RetentionChecks.SingleAsync();
        var reminder = Assert.Single(await RemindersAsync());
        Assert.Equal((household.Id, 3, Today, false), (check.HouseholdId, check.MonthsAfter, check.DueOn, check.IsAnswered));
        Assert.Equal((check.Id, settledOn, Today), (reminder.SubjectId, reminder.SubjectOn, reminder.DueOn));
    }

    [Fact]
    public async Task RunAsync_RetentionCheckAlreadyAnswered_IsNotReminded()
    {
        var household = await SaveAsync(Marie, b => b.SettledIn("02", "Saguenay", Today.AddMonths(-6)));
        var answered = RetentionCheck.Due(household.Id, 6, Today.AddMonths(-6), FixedContext.Now.ToUniversalTime());
        answered.Answer(Today, true, true, true, null, FixedContext.Default);
        await using (var db = Database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).RetentionChecks.Add(answered);
            await db.SaveChangesAsync();
        }

        await DisableAllRulesBut(ReminderKind.RetentionSixMonths);
        await Sweep.RunAsync(CancellationToken.None);

        Assert.Empty(await RemindersAsync());
    }

    [Fact]
    public async Task RunAsync_RetentionCheckAlreadyThere_IsReusedNotDoubled()
    {
        var household = await SaveAsync(Marie, b => b.SettledIn("02", "Saguenay", Today.AddMonths(-6)));
        var existing = RetentionCheck.Due(household.Id, 6, Today.AddMonths(-6), FixedContext.Now.ToUniversalTime());
        await using (var db = Database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).RetentionChecks.Add(existing);
            await db.SaveChangesAsync();
        }

        await DisableAllRulesBut(ReminderKind.RetentionSixMonths);
        await Sweep.RunAsync(CancellationToken.None);

        await using var check = Database.CreateDbContext();
        Assert.Equal(existing.Id, (await check.RetentionChecks.SingleAsync()).Id);
        Assert.Equal(existing.Id, Assert.Single(await RemindersAsync()).SubjectId);
    }

    [Fact]
    public async Task RunAsync_SeveralSweepsAtOnce_RecordEachReminderOnce()
    {
        var expected = await ArrangeOneOfEverythingAsync(copies: 4);

        var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Sweep.RunAsync(CancellationToken.None)));

        Assert.Equal(expected.Count, created.Sum());
        Assert.Equal(expected, await KeysAsync());
        await using var db = Database.CreateDbContext();
        Assert.Equal(4 * 3, await db.RetentionChecks.CountAsync());
    }

    [Fact]
    public async Task RunAsync_InterruptedMidWay_LosesNothingOnceRunAgain()
    {
        var expected = await ArrangeOneOfEverythingAsync(copies: 2);
        using var stop = new CancellationTokenSource();
        var interceptor = new CancelAtStatement(4, stop);
        var interrupted = new ReminderSweepJob(ContextsWith(interceptor), Clock, Jobs, NullLogger<ReminderSweepJob>.Instance, Metrics);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.RunAsync(stop.Token));
        var afterInterruption = await KeysAsync();
        var rerun = await Sweep.RunAsync(CancellationToken.None);

        // The first three rules were written, the fourth was cut short and wrote nothing, the rest never ran.
        Assert.Equal(
            expected.Where(k => k.Kind is ReminderKind.TaskDueSoon or ReminderKind.TaskOverdue or ReminderKind.NoContact).ToList(),
            afterInterruption);
        Assert.Equal(expected.Count - afterInterruption.Count, rerun);
        Assert.Equal(expected, await KeysAsync());
    }

    [Fact]
    public async Task RunAsync_OnTwoHangfireServersAtOnce_RecordsEachReminderOnce()
    {
        var expected = await ArrangeOneOfEverythingAsync(copies: 5);
        // Hangfire logs through a process-wide provider, which an application host of an earlier test
        // may have set to its (now disposed) logger factory.
        LogProvider.SetCurrentLogProvider(new SilentLogProvider());
        var storage = new PostgreSqlStorage(
            new NpgsqlConnectionFactory(Database.ConnectionString, HangfireOptions()), HangfireOptions());
        var activator = new SweepActivator(() => Sweep);
        var servers = Queues
            .Select(queue => new BackgroundJobServer(
                new BackgroundJobServerOptions
                {
                    ServerName = $"reminders-test-{queue}",
                    Queues = [queue],
                    WorkerCount = 3,
                    Activator = activator,
                    SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
                    ServerCheckInterval = TimeSpan.FromSeconds(5),
                },
                storage))
            .ToList();
        try
        {
            var client = new BackgroundJobClient(storage);
            var ids = Enumerable.Range(0, 6)
                .Select(i => client.Create(Job.FromExpression<ReminderSweepJob>(job => job.RunAsync(CancellationToken.None)),
                    new EnqueuedState(i % 2 == 0 ? "server_a" : "server_b")))
                .ToList();

            var servedBy = await WaitForSuccessAsync(storage, ids, TimeSpan.FromSeconds(90));

            Assert.Equal(ServerNames, servedBy.Select(s => s[..s.IndexOf(':', StringComparison.Ordinal)]).Distinct().Order());
            Assert.Equal(expected, await KeysAsync());
            await using var db = Database.CreateDbContext();
            Assert.Equal(5 * 3, await db.RetentionChecks.CountAsync());
        }
        finally
        {
            foreach (var server in servers)
            {
                server.SendStop();
            }

            foreach (var server in servers)
            {
                server.Dispose();
            }
        }
    }

    /// <summary>
    /// Arranges a household whose only reminder under <paramref name="kind"/> falls due on
    /// <paramref name="dueDay"/> under the default rules.
    /// </summary>
    private async Task<Household> ArrangeDueOnAsync(ReminderKind kind, DateOnly dueDay)
    {
        switch (kind)
        {
            case ReminderKind.TaskDueSoon:
            {
                var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
                await AddTaskAsync(household.Id, "Mettre le CV à jour", dueDay.AddDays(3));
                return household;
            }

            case ReminderKind.TaskOverdue:
            {
                var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
                await AddTaskAsync(household.Id, "S'inscrire à la francisation", dueDay.AddDays(-1));
                return household;
            }

            case ReminderKind.NoContact:
                return await SaveAsync(Marie, b => b.WithContact(dueDay.AddDays(-30)));
            case ReminderKind.NoContactEscalation:
                return await SaveAsync(Marie, b => b.WithContact(dueDay.AddDays(-60)).OpenedOn(Today.AddDays(-90)));
            case ReminderKind.TargetMoveDateSoon:
            {
                var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
                await SetTargetMoveDateAsync(household.Id, dueDay.AddDays(14));
                return household;
            }

            case ReminderKind.HoldReviewDue:
                return await SaveAsync(Marie, b => b.OnHoldUntil(dueDay));
            case ReminderKind.SessionTomorrow:
            {
                // Registered to a session the day after the due day, at 18 h (the default rule: a day before).
                var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
                await RegisterToSessionAsync(household.Id, AppClock.FromLocal(dueDay.AddDays(1), new TimeOnly(18, 0)));
                return household;
            }

            case ReminderKind.SubsidyReviewOverdue:
            {
                // Waiting since six working days before the due day: more than the default five.
                var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
                await using var db = Database.CreateDbContext();
                await CaseManager.Tests.Web.Subsidies.SubsidyTestData.AddWaitingAsync(
                    db, household.Id, CaseManager.Tests.Web.Subsidies.SubsidyTestData.WorkingDaysBefore(dueDay, 6));
                return household;
            }

            case ReminderKind.SubsidyReviewEscalation:
            {
                // The first reminder fell due five working days before the due day (the default delay of both rules).
                var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
                await using var db = Database.CreateDbContext();
                var firstDue = CaseManager.Tests.Web.Subsidies.SubsidyTestData.WorkingDaysBefore(dueDay, 5);
                var waitingSince = CaseManager.Tests.Web.Subsidies.SubsidyTestData.WorkingDaysBefore(firstDue, 6);
                var id = await CaseManager.Tests.Web.Subsidies.SubsidyTestData.AddWaitingAsync(db, household.Id, waitingSince);
                db.Reminders.Add(new Reminder
                {
                    Id = Guid.NewGuid(), Kind = ReminderKind.SubsidyReviewOverdue, HouseholdId = household.Id, SubjectId = id, SubjectOn = waitingSince,
                    DueOn = firstDue, DedupKey = $"{ReminderKind.SubsidyReviewOverdue}:{id}:{waitingSince:yyyy-MM-dd}",
                    CreatedAt = AppClock.FromLocal(firstDue, new TimeOnly(1, 0)), DeliveredAt = AppClock.FromLocal(firstDue, new TimeOnly(1, 0)),
                });
                await db.SaveChangesAsync();
                return household;
            }

            case ReminderKind.SubsidySubmitted or ReminderKind.SubsidyInformationRequested or ReminderKind.SubsidyApproved or ReminderKind.SubsidyRefused:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not swept: recorded by the subsidy's change itself.");
            case ReminderKind.SessionCancelled:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not swept: recorded by the cancellation.");
            case ReminderKind.SessionSeatGranted:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not swept: recorded when the waiting list moves up.");
            case ReminderKind.RetentionThreeMonths or ReminderKind.RetentionSixMonths or ReminderKind.RetentionTwelveMonths:
            {
                var settledOn = dueDay.AddMonths(-ReminderRule.RetentionHorizon(kind)!.Value);
                return await SaveAsync(Marie, b => b.SettledIn("02", "Saguenay", settledOn).OpenedOn(settledOn.AddDays(-60)));
            }

            case ReminderKind.StayDebriefDue:
            {
                var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-5)));
                await AddStayAsync(household.Id, dueDay.AddDays(-3));
                return household;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>
    /// Files that are due today for every rule, <paramref name="copies"/> times over; returns the
    /// reminders a sweep must record, as (kind, file) in the order <see cref="KeysAsync"/> reads them.
    /// </summary>
    private async Task<List<(ReminderKind Kind, Guid HouseholdId)>> ArrangeOneOfEverythingAsync(int copies = 1)
    {
        var expected = new List<(ReminderKind, Guid)>();
        for (var copy = 0; copy < copies; copy++)
        {
            var counsellor = copy % 2 == 0 ? Marie : Paul;
            var quiet = await SaveAsync(counsellor, b => b.WithContact(Today.AddDays(-70)).OpenedOn(Today.AddDays(-90)));
            expected.Add((ReminderKind.NoContact, quiet.Id));
            expected.Add((ReminderKind.NoContactEscalation, quiet.Id));

            var lessQuiet = await SaveAsync(counsellor, b => b.WithContact(Today.AddDays(-35)));
            expected.Add((ReminderKind.NoContact, lessQuiet.Id));

            Current.User = counsellor;
            var planned = await SaveAsync(counsellor, b => b.WithContact(Today.AddDays(-5)));
            await AddTaskAsync(planned.Id, "Mettre le CV à jour", Today.AddDays(2));
            await AddTaskAsync(planned.Id, "S'inscrire à la francisation", Today.AddDays(-3));
            await SetTargetMoveDateAsync(planned.Id, Today.AddDays(10));
            expected.Add((ReminderKind.TaskDueSoon, planned.Id));
            expected.Add((ReminderKind.TaskOverdue, planned.Id));
            expected.Add((ReminderKind.TargetMoveDateSoon, planned.Id));
            Current.User = Marie;

            var onHold = await SaveAsync(counsellor, b => b.OnHoldUntil(Today.AddDays(-1)));
            expected.Add((ReminderKind.HoldReviewDue, onHold.Id));

            var registered = await SaveAsync(counsellor, b => b.WithContact(Today.AddDays(-5)));
            await RegisterToSessionAsync(registered.Id, AppClock.FromLocal(Today.AddDays(1), new TimeOnly(9, 0)));
            expected.Add((ReminderKind.SessionTomorrow, registered.Id));

            var settled = await SaveAsync(counsellor, b => b.SettledIn("02", "Saguenay", Today.AddMonths(-13)).OpenedOn(Today.AddDays(-500)));
            expected.Add((ReminderKind.RetentionThreeMonths, settled.Id));
            expected.Add((ReminderKind.RetentionSixMonths, settled.Id));
            expected.Add((ReminderKind.RetentionTwelveMonths, settled.Id));

            var visited = await SaveAsync(counsellor, b => b.WithContact(Today.AddDays(-5)));
            await AddStayAsync(visited.Id, Today.AddDays(-3));
            expected.Add((ReminderKind.StayDebriefDue, visited.Id));
        }

        return expected.OrderBy(k => k.Item1).ThenBy(k => k.Item2).ToList();
    }

    private async Task<List<(ReminderKind Kind, Guid HouseholdId)>> KeysAsync() =>
        (await RemindersAsync()).Select(r => (r.Kind, HouseholdId: r.HouseholdId!.Value)).OrderBy(k => k.Kind).ThenBy(k => k.HouseholdId).ToList();

    private PooledDbContextFactory<CaseManagerDbContext> ContextsWith(IInterceptor interceptor)
    {
        var options = new DbContextOptionsBuilder<CaseManagerDbContext>()
            .UseCaseManagerDatabase(Database.ConnectionString)
            .AddInterceptors(interceptor);
        return new PooledDbContextFactory<CaseManagerDbContext>((DbContextOptions<CaseManagerDbContext>)options.Options);
    }

    private static PostgreSqlStorageOptions HangfireOptions() => new()
    {
        SchemaName = "hangfire_reminders_test",
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>Waits for every job to succeed; returns the server that processed each one.</summary>
    private static async Task<List<string>> WaitForSuccessAsync(JobStorage storage, List<string> ids, TimeSpan timeout)
    {
        var monitoring = storage.GetMonitoringApi();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var details = ids.Select(monitoring.JobDetails).ToList();
            var failed = details.SelectMany(d => d.History).FirstOrDefault(h => h.StateName == FailedState.StateName);
            Assert.True(failed is null, $"A sweep failed: {(failed?.Data.TryGetValue("ExceptionMessage", out var message) == true ? message : "")}");
            if (details.All(d => d.History.Count > 0 && d.History[0].StateName == SucceededState.StateName))
            {
                return details.Select(d => d.History.First(h => h.StateName == ProcessingState.StateName).Data["ServerId"]).ToList();
            }

            Assert.True(DateTime.UtcNow < deadline, "The sweeps did not finish in time.");
            await Task.Delay(200);
        }
    }

    private sealed class SilentLogProvider : ILogProvider
    {
        public ILog GetLogger(string name) => new SilentLog();

        private sealed class SilentLog : ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }

    /// <summary>Builds the sweep the Hangfire servers run: on the test database, at the test's clock.</summary>
    private sealed class SweepActivator(Func<ReminderSweepJob> create) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(ReminderSweepJob) ? create() : throw new InvalidOperationException($"No {jobType} in this test.");
    }

    /// <summary>Cancels the sweep as its n-th rule's statement starts: that rule and the following ones are cut off.</summary>
    private sealed class CancelAtStatement(int n, CancellationTokenSource stop) : DbCommandInterceptor
    {
        private int _statements;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT INTO reminders", StringComparison.Ordinal) && Interlocked.Increment(ref _statements) == n)
            {
                stop.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>Plans a session starting at <paramref name="startsAt"/> and registers the household, as the supervisor.</summary>
    private async Task RegisterToSessionAsync(Guid householdId, DateTimeOffset startsAt)
    {
        var before = Current.User;
        Current.User = Supervisor;
        var sessions = new SessionService(Database.ContextFactory, Access, Clock, Jobs, NullLogger<SessionService>.Instance);
        var session = await sessions.CreateAsync(new SessionDetails(
            "Vivre en Mauricie", ["04"], [], startsAt, 90, SessionFormat.InPerson, "1100, rue Sainte-Catherine, Montréal", null, "fr", 30));
        await sessions.RegisterAsync(session, householdId);
        Current.User = before;
    }
}
