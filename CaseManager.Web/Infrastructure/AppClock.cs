using CaseManager.Domain.Common;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// The program's clock: instants in UTC (what PostgreSQL stores), calendar days and times of day
/// in Montréal (what people read).
/// </summary>
public sealed class AppClock(TimeProvider time)
{
    public static readonly TimeZoneInfo Montreal = TimeZoneInfo.FindSystemTimeZoneById("America/Montreal");

    public DateTimeOffset Now => time.GetUtcNow().ToUniversalTime();

    public DateOnly Today => DateOf(Now);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Montreal);

    /// <summary>A day and a time of day in Montréal, as an instant in UTC.</summary>
    public static DateTimeOffset FromLocal(DateOnly day, TimeOnly timeOfDay)
    {
        var local = day.ToDateTime(timeOfDay, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Montreal.GetUtcOffset(local)).ToUniversalTime();
    }

    public ActionContext ContextFor(Actor actor) => new(actor, Now, Today);
}
