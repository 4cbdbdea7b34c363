using System.Globalization;
using System.Text;

namespace CaseManager.Data.Demo;

/// <summary>Draws from a seeded <see cref="Random"/>: the same seed gives the same demo data.</summary>
internal static class DemoRandom
{
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>An integer between <paramref name="min"/> and <paramref name="max"/>, both included.</summary>
    public static int Between(this Random random, int min, int max) => max <= min ? min : random.Next(min, max + 1);

    /// <summary>A number between the bounds, skewed toward <paramref name="min"/> when <paramref name="power"/> is above 1.</summary>
    public static double Skewed(this Random random, double min, double max, double power) =>
        min + ((max - min) * Math.Pow(random.NextDouble(), power));

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static T Weighted<T>(this Random random, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = 0.0;
        foreach (var item in items)
        {
            total += weight(item);
        }

        var target = random.NextDouble() * total;
        foreach (var item in items)
        {
            target -= weight(item);
            if (target < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    /// <summary>A version-4 GUID made of seeded bytes, so that identifiers repeat with the seed.</summary>
    public static Guid NextGuid(this Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>"Hélène Côté-Nguyen" → "helene-cote-nguyen": what can go into an email address.</summary>
    public static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is ' ' or '-' && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}

/// <summary>The program's calendar (America/Montreal): the day of an instant, the instant of a local time.</summary>
internal static class ProgramCalendar
{
    private static readonly TimeZoneInfo Zone = FindZone();

    public static DateOnly DayOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static TimeOnly TimeOf(DateTimeOffset instant) =>
        TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The UTC instant of a local day and time (PostgreSQL stores instants in UTC).</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TimeZoneInfo FindZone()
    {
        // Newer tzdata packages keep America/Montreal only as a legacy link to America/Toronto.
        foreach (var id in new[] { "America/Montreal", "America/Toronto", "Eastern Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.Utc;
    }
}
