using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Features.Sessions;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Jobs;

public sealed partial class ReminderSweepJobTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private SessionService InfoSessions => new(Database.ContextFactory, Access, Clock, Jobs, NullLogger<SessionService>.Instance);

    /// <summary>
    /// Fourteen months of one household under the default rules, a day at a time on a fake clock,
    /// swept at 0 h 30 and at 23 h 30 every day (23 h 30 in Montréal is already tomorrow in UTC):
    /// opened, contacted, a plan with tasks (one done in time, one late, one falling due while the
    /// file is on hold), on hold, reactivated, settled, followed up at 3, 6 and 12 months. Two
    /// daylight-saving changes fall inside (2026-03-08, 2026-11-01). Every reminder is recorded on
    /// the day it falls due, none early, none twice; the one exception is by design: a task that
    /// fell overdue while the file was on hold is told on the day the file is reactivated.
    /// </summary>
    [Fact]
    public async Task FourteenMonthsOfOneHousehold_EachReminderOnItsDay_NoneEarly_NoneTwice()
    {
        var start = D(2025, 11, 17);
        var end = start.AddMonths(14);
        Guid household = default, taskA = default, taskB = default, taskC = default, taskD = default, session = default, seat = default;

        async Task Transition(TransitionRequest request) =>
            await Service.ApplyTransitionAsync(household, await VersionOfAsync(household), request);

        async Task<uint> PlanVersion() => (await Plans.GetAsync(household)).Version;

        var days = new Dictionary<DateOnly, Func<Task>>
        {
            [D(2025, 11, 17)] = async () =>
                household = (await Service.CreateAsync(new HouseholdProfileBuilder().WithNeeds("employment").Build(), null)).Id,
            [D(2025, 11, 19)] = () => Service.RecordContactAsync(household, ContactChannel.Phone, D(2025, 11, 19), new TimeOnly(10, 0), "Premier appel."),
            [D(2025, 11, 20)] = async () =>
            {
                await Transition(new AdvanceRequest(Stage.PersonalizedPlan));
                var goal = await Plans.AddGoalAsync(household, 0, "employment", "Un emploi de préposé(e) au Saguenay");
                taskA = await Plans.AddTaskAsync(household, await PlanVersion(), goal, "Mettre le CV à jour", TaskOwner.Household, D(2025, 11, 28));
                taskB = await Plans.AddTaskAsync(household, await PlanVersion(), goal, "S'inscrire à la francisation", TaskOwner.Household, D(2025, 12, 5));
                taskC = await Plans.AddTaskAsync(household, await PlanVersion(), goal, "Appeler l'employeur de Saguenay", TaskOwner.Counsellor, D(2025, 12, 12));
                await Plans.SetTargetsAsync(household, await PlanVersion(), ["02"], D(2026, 1, 5));
                await Plans.AgreeAsync(household, await PlanVersion(), D(2025, 11, 20), "Amina Diallo");
            },
            [D(2025, 11, 21)] = async () =>
            {
                await Transition(new AdvanceRequest(Stage.InfoSession));
                session = await InfoSessions.CreateAsync(new SessionDetails(
                    "Vivre au Saguenay", ["02"], [], AppClock.FromLocal(D(2025, 12, 21), new TimeOnly(9, 0)), 120, SessionFormat.Online,
                    null, "https://rencontre.example.org/saguenay", "fr", 20));
                seat = (await InfoSessions.RegisterAsync(session, household)).RegistrationId;
            },
            // The session's day: the household came, which the InfoSession stage requires before the file moves on.
            [D(2025, 12, 21)] = () => InfoSessions.RecordAttendanceAsync(session, seat, Attendance.Present),
            [D(2025, 11, 27)] = () => Plans.SetTaskStatusAsync(household, null, taskA, PlanTaskStatus.Done),
            [D(2025, 12, 8)] = () => Transition(new HoldRequest(D(2025, 12, 15), "En attente du permis de travail du conjoint")),
            [D(2025, 12, 17)] = () => Transition(new ReactivateRequest("Permis reçu")),
            [D(2025, 12, 23)] = async () =>
            {
                await Service.RecordContactAsync(household, ContactChannel.InPerson, D(2025, 12, 23), new TimeOnly(9, 30), "Rencontre.");
                await Transition(new AdvanceRequest(Stage.ExploratoryStay));
                // The household knows Saguenay already: no stay, the reason is recorded on the file.
                await using (var db = Database.CreateDbContext())
                {
                    var context = FixedContext.On(D(2025, 12, 23));
                    db.ActingAs(context).StayWaivers.Add(CaseManager.Domain.Stays.StayWaiver.Record(household, "Connaît déjà Saguenay", context));
                    await db.SaveChangesAsync();
                }

                await Plans.SetTaskStatusAsync(household, null, taskB, PlanTaskStatus.Done);
                await Plans.SetTaskStatusAsync(household, null, taskC, PlanTaskStatus.Done);
                var goal = (await Plans.GetAsync(household)).Plan!.Goals[0].Id;
                taskD = await Plans.AddTaskAsync(household, await PlanVersion(), goal, "Appel de suivi après le déménagement", TaskOwner.Counsellor, D(2026, 2, 10));
            },
            [D(2025, 12, 29)] = () => Transition(new AdvanceRequest(Stage.MovingSubsidy)),
            [D(2026, 1, 6)] = () => Transition(new SettleRequest("02", true, "Saguenay", D(2026, 1, 5))),
            [D(2026, 2, 13)] = () => Plans.SetTaskStatusAsync(household, null, taskD, PlanTaskStatus.Done),
        };

        for (var day = start; day <= end; day = day.AddDays(1))
        {
            SetClock(day, 0, 30);
            await Sweep.RunAsync(CancellationToken.None);
            if (days.TryGetValue(day, out var work))
            {
                SetClock(day, 10);
                await work();
            }

            SetClock(day, 23, 30);
            await Sweep.RunAsync(CancellationToken.None);
        }

        (ReminderKind Kind, DateOnly SubjectOn, DateOnly DueOn, DateOnly RecordedOn)[] expected =
        [
            (ReminderKind.TaskDueSoon, D(2025, 11, 28), D(2025, 11, 25), D(2025, 11, 25)),
            (ReminderKind.TaskDueSoon, D(2025, 12, 5), D(2025, 12, 2), D(2025, 12, 2)),
            (ReminderKind.TaskOverdue, D(2025, 12, 5), D(2025, 12, 6), D(2025, 12, 6)),
            // Task C fell due on 12-12 while the file was on hold: nothing then, overdue on reactivation.
            (ReminderKind.HoldReviewDue, D(2025, 12, 15), D(2025, 12, 15), D(2025, 12, 15)),
            (ReminderKind.TaskOverdue, D(2025, 12, 12), D(2025, 12, 13), D(2025, 12, 17)),
            (ReminderKind.NoContact, D(2025, 11, 19), D(2025, 12, 19), D(2025, 12, 19)),
            (ReminderKind.SessionTomorrow, D(2025, 12, 21), D(2025, 12, 20), D(2025, 12, 20)),
            (ReminderKind.TargetMoveDateSoon, D(2026, 1, 5), D(2025, 12, 22), D(2025, 12, 22)),
            // Settled on 2026-01-05: no more contact reminders; the plan's tasks still count.
            (ReminderKind.TaskDueSoon, D(2026, 2, 10), D(2026, 2, 7), D(2026, 2, 7)),
            (ReminderKind.TaskOverdue, D(2026, 2, 10), D(2026, 2, 11), D(2026, 2, 11)),
            (ReminderKind.RetentionThreeMonths, D(2026, 1, 5), D(2026, 4, 5), D(2026, 4, 5)),
            (ReminderKind.RetentionSixMonths, D(2026, 1, 5), D(2026, 7, 5), D(2026, 7, 5)),
            (ReminderKind.RetentionTwelveMonths, D(2026, 1, 5), D(2027, 1, 5), D(2027, 1, 5)),
        ];
        var actual = (await RemindersAsync())
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.DueOn)
            .Select(r => (r.Kind, r.SubjectOn, r.DueOn, AppClock.DateOf(r.CreatedAt)))
            .ToArray();
        Assert.Equal(expected, actual);

        await using var db = Database.CreateDbContext();
        var checks = await db.RetentionChecks.AsNoTracking().OrderBy(c => c.MonthsAfter).Select(c => new { c.MonthsAfter, c.DueOn }).ToListAsync();
        Assert.Equal([(3, D(2026, 4, 5)), (6, D(2026, 7, 5)), (12, D(2027, 1, 5))], checks.Select(c => (c.MonthsAfter, c.DueOn)));
        Assert.All((await RemindersAsync()).Where(r => r.Kind is ReminderKind.TaskDueSoon or ReminderKind.TaskOverdue),
            r => Assert.Contains(r.SubjectId, new[] { taskA, taskB, taskC, taskD }));
    }
}
