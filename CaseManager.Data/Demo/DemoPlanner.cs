using CaseManager.Domain.Households;

namespace CaseManager.Data.Demo;

/// <summary>Where a demo file stands today; the closed ones say where they were before closing.</summary>
internal enum DemoOutcome
{
    Active,
    OnHold,
    Withdrawn,
    Settled,
    ClosedAfterWithdrawal,
    ClosedAfterSettlement,
}

/// <summary>
/// A household to make: its own seed, where it ends up, and when it registered.
/// <see cref="Order"/> is its rank by registration time (file numbers and assignment follow it).
/// </summary>
internal sealed record DemoPlan(int Order, int Seed, DemoOutcome Outcome, Stage Stage, RegistrationSource Source, DateTimeOffset OpenedAt);

/// <summary>
/// Draws the mix of files before any is built: about two thirds active, their stages thinning
/// from Outreach to MovingSubsidy, 5 % on hold, 15 % withdrawn, 10 % settled, 3 % closed. Older
/// files are further along: each outcome and stage has the range of ages it plausibly takes.
/// </summary>
internal static class DemoPlanner
{
    private static readonly (Stage Stage, double Weight, double MinDays, double MaxDays, double Skew)[] ActiveStages =
    [
        (Stage.Outreach, 0.32, 0, 400, 1.8),
        (Stage.PersonalizedPlan, 0.25, 15, 700, 1.3),
        (Stage.InfoSession, 0.19, 40, 850, 1.1),
        (Stage.ExploratoryStay, 0.14, 70, double.MaxValue, 1.0),
        (Stage.MovingSubsidy, 0.10, 100, double.MaxValue, 0.9),
    ];

    private static readonly (Stage Stage, double Weight)[] HeldStages =
    [
        (Stage.Outreach, 0.2), (Stage.PersonalizedPlan, 0.3), (Stage.InfoSession, 0.2), (Stage.ExploratoryStay, 0.2), (Stage.MovingSubsidy, 0.1),
    ];

    private static readonly (RegistrationSource Source, double Weight)[] Sources =
    [
        (RegistrationSource.Website, 0.76), (RegistrationSource.Referral, 0.08), (RegistrationSource.Phone, 0.07),
        (RegistrationSource.Event, 0.05), (RegistrationSource.Manual, 0.04),
    ];

    public static List<DemoPlan> Plan(DemoOptions options, DateTimeOffset now, DateOnly today, DateOnly windowStart)
    {
        // A stream of its own: the users drawn from the seed before do not shift the households.
        var random = new Random(unchecked((options.Seed * 397) ^ 0x5DEECE6));
        var windowOpensAt = ProgramCalendar.At(windowStart, new TimeOnly(0, 0));
        var maxAge = Math.Max(0, (now - windowOpensAt).TotalDays - 0.5);
        var drafts = new List<(DateTimeOffset OpenedAt, int Index, int Seed, DemoOutcome Outcome, Stage Stage, RegistrationSource Source)>(options.Households);
        var seeds = new HashSet<int>();
        for (var index = 0; index < options.Households; index++)
        {
            // Two households drawn from the same seed would be twins.
            int seed;
            do
            {
                seed = random.Next();
            }
            while (!seeds.Add(seed));

            var (outcome, stage, age) = Draw(random, maxAge);
            var source = random.Weighted(Sources, s => s.Weight).Source;
            var openedAt = now - TimeSpan.FromDays(Math.Min(age, maxAge));
            if (source != RegistrationSource.Website)
            {
                // Someone at the office opened it, during office hours.
                var day = ProgramCalendar.DayOf(openedAt);
                var time = new TimeOnly(9, 0).AddMinutes(random.Between(0, 420));
                openedAt = ProgramCalendar.At(day, time);
                if (openedAt > now)
                {
                    openedAt = ProgramCalendar.At(day.AddDays(-1), time);
                }

                if (openedAt < windowOpensAt)
                {
                    openedAt = ProgramCalendar.At(windowStart, time);
                }
            }

            drafts.Add((openedAt, index, seed, outcome, stage, source));
        }

        drafts.Sort((a, b) => a.OpenedAt != b.OpenedAt ? a.OpenedAt.CompareTo(b.OpenedAt) : a.Index.CompareTo(b.Index));
        return drafts.Select((d, order) => new DemoPlan(order, d.Seed, d.Outcome, d.Stage, d.Source, d.OpenedAt)).ToList();
    }

    private static (DemoOutcome Outcome, Stage Stage, double AgeDays) Draw(Random random, double maxAge)
    {
        double Age(double min, double max, double skew) => Math.Min(maxAge, random.Skewed(Math.Min(min, maxAge), Math.Min(max, maxAge), skew));

        var draw = random.NextDouble();
        switch (draw)
        {
            case < 0.67:
                var active = random.Weighted(ActiveStages, s => s.Weight);
                return (DemoOutcome.Active, active.Stage, Age(active.MinDays, active.MaxDays, active.Skew));
            case < 0.72:
                return (DemoOutcome.OnHold, random.Weighted(HeldStages, s => s.Weight).Stage, Age(30, maxAge - 30, 1.1));
            case < 0.87:
                return (DemoOutcome.Withdrawn, Stage.Outreach, Age(14, maxAge, 0.9));
            case < 0.97:
                return (DemoOutcome.Settled, Stage.MovingSubsidy, Age(200, maxAge, 0.9));
            case < 0.988:
                return (DemoOutcome.ClosedAfterSettlement, Stage.MovingSubsidy, Age(400, maxAge, 0.8));
            default:
                return (DemoOutcome.ClosedAfterWithdrawal, Stage.Outreach, Age(120, maxAge, 0.8));
        }
    }
}
