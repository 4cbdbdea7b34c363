using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Reference;

namespace CaseManager.Data.Demo;

/// <summary>
/// Gives a demo household that reached the plan stage its personalized plan, built through the
/// domain (<see cref="Plan.Start"/>, goals, tasks, targets, milestones, the agreement) and dated
/// from its history: started the day the file reached the plan stage, agreed before the file first
/// left it. Tasks due in the past are mostly done; an active file keeps a few overdue and a few due
/// this week, so reminders and "my week" have something to show. Draws from its own seeded stream.
/// </summary>
internal sealed class DemoPlanBuilder(DemoReferences references, DateTimeOffset now, DateOnly today)
{
    /// <summary>Past-due tasks of an active file older than this are done (or cancelled) by now.</summary>
    private const int RecentDays = 30;

    private readonly DemoReferences _references = references;
    private readonly DateTimeOffset _now = now;
    private readonly DateOnly _today = today;
    private readonly HashSet<string> _needCodes = [.. references.NeedCodes];

    public Plan? Build(Household household, DemoPlan demo, DemoCounsellor counsellor)
    {
        var history = household.History.OrderBy(t => t.OccurredAt).ToList();
        var entry = history.FirstOrDefault(t => t.ToStage == Stage.PersonalizedPlan && t.FromStage == Stage.Outreach);
        if (entry is null)
        {
            return null;
        }

        var random = new Random(unchecked((demo.Seed * 31) + 0x504C414E));
        var actor = new Actor(counsellor.Id, counsellor.Name);
        var exit = history.FirstOrDefault(t => t.OccurredAt > entry.OccurredAt && t.FromStage == Stage.PersonalizedPlan && t.ToStage > Stage.PersonalizedPlan);
        var stopped = household.Status switch
        {
            CaseStatus.Active => null,
            CaseStatus.OnHold => history.LastOrDefault(t => t.Kind == TransitionKind.Hold),
            CaseStatus.Withdrawn or CaseStatus.Settled or CaseStatus.Closed =>
                history.FirstOrDefault(t => t.OccurredAt > entry.OccurredAt && t.Kind is TransitionKind.Withdraw or TransitionKind.Settle),
        };
        var file = new PlanTimeline(this, random, household, actor)
        {
            StartAt = entry.OccurredAt.AddMinutes(random.Between(5, 40)),
            ExitAt = exit?.OccurredAt,
            StoppedOn = stopped is null ? null : ProgramCalendar.DayOf(stopped.OccurredAt),
        };
        return file.Build();
    }

    /// <summary>One plan, built as a list of dated changes applied in time order.</summary>
    private sealed class PlanTimeline(DemoPlanBuilder builder, Random random, Household household, Actor counsellor)
    {
        private readonly List<(DateTimeOffset At, int Order, Action<ActionContext> Change)> _changes = [];
        private readonly HashSet<Guid> _done = [];
        private Plan _plan = null!;

        public required DateTimeOffset StartAt { get; init; }
        public DateTimeOffset? ExitAt { get; init; }
        public DateOnly? StoppedOn { get; init; }

        private DateOnly Today => builder._today;
        private DateOnly StartDay => ProgramCalendar.DayOf(Start);
        private DateTimeOffset Start => Min(StartAt, ExitAt?.AddMinutes(-2) ?? builder._now, builder._now);

        /// <summary>The last day work on the plan could happen: the file stopped, or today.</summary>
        private DateOnly LastDay => StoppedOn is { } stopped && stopped < Today ? stopped : Today;

        private bool IsActive => household.Status == CaseStatus.Active;

        public Plan Build()
        {
            var regionCode = household.PreferredRegionCodes.FirstOrDefault(c => builder._references.HostRegions.Any(r => r.Code == c))
                ?? builder._references.HostRegions[0].Code;
            var region = builder._references.HostRegions.First(r => r.Code == regionCode);
            var municipality = household.Settlement?.Municipality
                ?? (DemoVocabulary.HostRegions.TryGetValue(regionCode, out var known) ? random.Pick(known.Municipalities) : region.NameFr);
            string Fill(string text) => text
                .Replace("{region}", region.NameFr, StringComparison.Ordinal)
                .Replace("{municipalite}", municipality, StringComparison.Ordinal);

            var startContext = new ActionContext(counsellor, Start, StartDay);
            _plan = Plan.Start(household.Id, startContext);
            var span = Math.Clamp(LastDay.DayNumber - StartDay.DayNumber + 60, 45, 420);
            var scale = Math.Clamp(span / 120.0, 0.6, 2.5);

            var needs = household.NeedCodes.Where(builder._needCodes.Contains).Take(4).ToList();
            if (needs.Count == 0)
            {
                needs.Add(builder._references.NeedCodes[0]);
            }

            var goals = new List<(PlanGoal Goal, List<PlanTask> Tasks)>();
            foreach (var need in needs)
            {
                var ideas = DemoPlanVocabulary.ByNeed.GetValueOrDefault(need, DemoPlanVocabulary.Other);
                var goal = _plan.AddGoal(need, Fill(random.Pick(ideas.Goals)), startContext);
                var tasks = new List<PlanTask>();
                foreach (var idea in ideas.Tasks.OrderBy(_ => random.Next()).Take(random.Between(1, Math.Min(3, ideas.Tasks.Length))).OrderBy(i => i.Days))
                {
                    var due = StartDay.AddDays(Math.Max(1, (int)(idea.Days * scale) + random.Between(-3, 10)));
                    tasks.Add(_plan.AddTask(goal.Id, Fill(idea.Title), idea.Owner, due, startContext));
                }

                goals.Add((goal, tasks));
            }

            PlanTargets(startContext, regionCode, random);
            PlanMilestones(startContext, Fill);
            foreach (var (_, tasks) in goals)
            {
                foreach (var task in tasks)
                {
                    PlanTaskOutcome(task);
                }
            }

            if (IsActive)
            {
                PlanThisWeek(goals[0].Goal);
            }

            PlanAgreement();
            foreach (var (goal, tasks) in goals)
            {
                PlanGoalOutcome(goal, tasks, first: goal == goals[0].Goal);
            }

            foreach (var (at, _, change) in _changes.OrderBy(c => c.At).ThenBy(c => c.Order))
            {
                change(new ActionContext(counsellor, at, ProgramCalendar.DayOf(at)));
            }

            return _plan;
        }

        private void PlanTargets(ActionContext startContext, string regionCode, Random random)
        {
            var regions = new List<string> { regionCode };
            var second = household.PreferredRegionCodes.FirstOrDefault(c => c != regionCode && builder._references.HostRegions.Any(r => r.Code == c));
            if (second is not null && random.Chance(0.4))
            {
                regions.Add(second);
            }

            DateOnly? moveDate = household.Settlement is { } settlement && settlement.SettledOn > StartDay
                ? settlement.SettledOn.AddDays(-random.Between(0, Math.Min(30, settlement.SettledOn.DayNumber - StartDay.DayNumber)))
                : random.Chance(0.8) ? StartDay.AddDays(random.Between(150, 420)) : null;
            _plan.SetTargets(regions, moveDate, startContext);
        }

        private void PlanMilestones(ActionContext startContext, Func<string, string> fill)
        {
            var count = random.Between(1, 3);
            var reachedStage = household.History.Max(t => t.ToStage);
            foreach (var (title, minDays, maxDays, reachedWith) in DemoPlanVocabulary.Milestones.OrderBy(_ => random.Next()).Take(count))
            {
                var on = StartDay.AddDays(random.Between(minDays, maxDays));
                var milestone = _plan.AddMilestone(fill(title), on, startContext);
                // Reached only by a file that went that far (a stay reached means the stay stage was).
                if (on < LastDay && reachedStage >= reachedWith && random.Chance(0.85))
                {
                    Change(on, context => _plan.UpdateMilestone(milestone.Id, milestone.Title, milestone.On, reached: true, context));
                }
            }

            if (household.Settlement is { } settlement && settlement.SettledOn > StartDay)
            {
                var moved = _plan.AddMilestone(fill("Déménagement à {municipalite}"), settlement.SettledOn, startContext);
                Change(settlement.SettledOn, context => _plan.UpdateMilestone(moved.Id, moved.Title, moved.On, reached: true, context));
            }
        }

        /// <summary>Where a task stands today: done around its due date, still open, or cancelled when the file stopped.</summary>
        private void PlanTaskOutcome(PlanTask task)
        {
            var due = task.DueOn!.Value;
            if (due < LastDay)
            {
                var recent = IsActive && Today.DayNumber - due.DayNumber <= RecentDays;
                if (recent && random.Chance(0.25))
                {
                    // Overdue: still to do, or started.
                    if (random.Chance(0.3))
                    {
                        Change(Later(StartDay, due), context => _plan.SetTaskStatus(task.Id, PlanTaskStatus.InProgress, null, context));
                    }

                    return;
                }

                if (random.Chance(0.9))
                {
                    var doneOn = Clamp(due.AddDays(random.Between(-12, 6)), StartDay, LastDay.AddDays(-1) < StartDay ? StartDay : LastDay.AddDays(-1));
                    var comment = random.Chance(0.2) ? random.Pick(DemoPlanVocabulary.TaskComments) : null;
                    _done.Add(task.Id);
                    Change(doneOn, context => _plan.SetTaskStatus(task.Id, PlanTaskStatus.Done, comment, context, doneOn));
                    return;
                }

                Change(Later(StartDay, due), context => _plan.SetTaskStatus(task.Id, PlanTaskStatus.Cancelled, "Ne s'applique plus à la situation du ménage.", context));
                return;
            }

            // Not due yet when the file stopped (or today).
            switch (household.Status)
            {
                case CaseStatus.Active when random.Chance(0.25):
                case CaseStatus.OnHold when random.Chance(0.25):
                    Change(Later(StartDay, LastDay), context => _plan.SetTaskStatus(task.Id, PlanTaskStatus.InProgress, null, context));
                    break;
                case CaseStatus.Withdrawn:
                case CaseStatus.Closed when household.Settlement is null:
                    Change(LastDay, context => _plan.SetTaskStatus(task.Id, PlanTaskStatus.Cancelled, "Le ménage s'est désisté.", context));
                    break;
                case CaseStatus.Settled:
                case CaseStatus.Closed:
                    var doneOn = Clamp(due.AddDays(-random.Between(0, 30)), StartDay, LastDay);
                    _done.Add(task.Id);
                    Change(doneOn, context => _plan.SetTaskStatus(task.Id, PlanTaskStatus.Done, null, context, doneOn));
                    break;
                case CaseStatus.Active:
                case CaseStatus.OnHold:
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(task), household.Status, null);
            }
        }

        /// <summary>An active file: a follow-up due in the coming days, and sometimes one left overdue.</summary>
        private void PlanThisWeek(PlanGoal goal)
        {
            if (random.Chance(0.4))
            {
                var idea = random.Pick(DemoPlanVocabulary.FollowUps);
                var due = Today.AddDays(random.Between(0, 6));
                Change(Later(StartDay, Today.AddDays(-random.Between(1, 20))), context => _plan.AddTask(goal.Id, idea.Title, idea.Owner, due, context));
            }

            if (random.Chance(0.25))
            {
                var idea = random.Pick(DemoPlanVocabulary.FollowUps);
                var due = Today.AddDays(-random.Between(1, 14));
                Change(Later(StartDay, due.AddDays(-random.Between(7, 21))), context => _plan.AddTask(goal.Id, idea.Title, idea.Owner, due, context));
            }
        }

        /// <summary>Agreed before the file first left the plan stage; at the plan stage, about a third are agreed already.</summary>
        private void PlanAgreement()
        {
            var agreedWith = AgreedWith();
            if (ExitAt is { } exitAt)
            {
                var exitDay = ProgramCalendar.DayOf(exitAt);
                var on = exitDay.AddDays(-random.Between(0, Math.Min(14, exitDay.DayNumber - StartDay.DayNumber)));
                var at = ProgramCalendar.At(on, new TimeOnly(9, 0).AddMinutes(random.Between(0, 420)));
                at = Min(Max(at, Start.AddMinutes(1)), exitAt.AddMinutes(-1), builder._now);
                var recordedOn = ProgramCalendar.DayOf(at);
                var agreedOn = on > recordedOn ? recordedOn : on;
                _changes.Add((at, int.MaxValue, context => _plan.Agree(agreedOn, agreedWith, context)));
                return;
            }

            if (LastDay.DayNumber - StartDay.DayNumber >= 10 && random.Chance(0.35))
            {
                var on = StartDay.AddDays(random.Between(7, LastDay.DayNumber - StartDay.DayNumber));
                Change(on, context => _plan.Agree(on, agreedWith, context));
            }
        }

        /// <summary>From what its tasks will be once every change is applied. An active file's first goal stays open: it gets this week's follow-ups.</summary>
        private void PlanGoalOutcome(PlanGoal goal, List<PlanTask> tasks, bool first)
        {
            var done = tasks.Count(t => _done.Contains(t.Id));
            GoalStatus? status = household.Status switch
            {
                CaseStatus.Settled or CaseStatus.Closed when household.Settlement is not null => done > 0 ? GoalStatus.Achieved : null,
                CaseStatus.Withdrawn or CaseStatus.Closed => random.Chance(0.5) ? GoalStatus.Abandoned : null,
                _ when done == tasks.Count && !(first && IsActive) => random.Chance(0.6) ? GoalStatus.Achieved : GoalStatus.InProgress,
                _ when done > 0 => GoalStatus.InProgress,
                _ => null,
            };
            if (status is { } value)
            {
                Change(LastDay, context => _plan.UpdateGoal(goal.Id, goal.Description, value, context), order: int.MaxValue - 1);
            }
        }

        private string AgreedWith()
        {
            var primary = household.PrimaryApplicant;
            return household.Spouse switch
            {
                null => primary.FullName,
                { } spouse when spouse.LastName == primary.LastName => $"{primary.FirstName} et {spouse.FirstName} {primary.LastName}",
                { } spouse => $"{primary.FullName} et {spouse.FullName}",
            };
        }

        /// <summary>A change on <paramref name="day"/> during office hours, never after now nor before the plan started.</summary>
        private void Change(DateOnly day, Action<ActionContext> change, int order = 0)
        {
            var at = ProgramCalendar.At(day, new TimeOnly(9, 0).AddMinutes(random.Between(0, 450)));
            at = Min(Max(at, Start.AddMinutes(1)), builder._now, builder._now);
            _changes.Add((at, order, change));
        }

        private DateOnly Later(DateOnly from, DateOnly to) =>
            to <= from ? from : from.AddDays(random.Between(0, to.DayNumber - from.DayNumber));

        private static DateOnly Clamp(DateOnly day, DateOnly min, DateOnly max) => day < min ? min : day > max ? max : day;

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) => a < b ? (a < c ? a : c) : (b < c ? b : c);
    }
}
