using CaseManager.Domain.Common;

namespace CaseManager.Tests.Support.Builders;

/// <summary>
/// The fixed instant and calendar day tests act at, never the clock: Wednesday 2025-11-12,
/// 14 h 30 in Montréal (EST, UTC−5). Builders place everything they do before this instant, so a
/// test acting with <see cref="Default"/> always acts last.
/// </summary>
public static class FixedContext
{
    public static readonly TimeSpan MontrealOffset = TimeSpan.FromHours(-5);

    public static readonly DateOnly Today = new(2025, 11, 12);

    public static readonly DateTimeOffset Now = new(2025, 11, 12, 14, 30, 0, MontrealOffset);

    public static readonly Actor Counsellor = new("counsellor-1", "Marie Tremblay");

    /// <summary>The counsellor acting now, on <see cref="Today"/>.</summary>
    public static ActionContext Default { get; } = new(Counsellor, Now, Today);

    /// <summary>Someone else acting now (to tell their history lines from the builder's).</summary>
    public static ActionContext As(Actor actor) => new(actor, Now, Today);

    /// <summary>The counsellor acting on <paramref name="day"/> at <paramref name="hour"/> h (Montréal time).</summary>
    public static ActionContext On(DateOnly day, int hour = 10) =>
        new(Counsellor, At(day, hour), day);

    /// <summary>The counsellor acting <paramref name="days"/> days from <see cref="Today"/> (negative: before).</summary>
    public static ActionContext DaysFromToday(int days, int hour = 10) => On(Today.AddDays(days), hour);

    public static DateTimeOffset At(DateOnly day, int hour = 10) =>
        new(day.ToDateTime(new TimeOnly(hour, 0)), MontrealOffset);
}
