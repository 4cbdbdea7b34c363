using System.Diagnostics;
using System.Globalization;

namespace CaseManager.Web.Hosting;

/// <summary>
/// The benchmarks' timing loop: one warm-up call, then <c>runs</c> timed calls, summed up as the
/// median, the 95th percentile (nearest rank) and the worst, in milliseconds.
/// </summary>
internal static class BenchmarkTiming
{
    public static async Task<Timings> MeasureAsync(int runs, Func<Task> action)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        await action();
        var timings = new List<double>(runs);
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        var p95 = (int)Math.Ceiling(runs * 0.95) - 1;
        return new Timings(timings[runs / 2], timings[p95], timings[^1], runs);
    }

    /// <summary>What one measured case took.</summary>
    public sealed record Timings(double Median, double P95, double Worst, int Runs)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture, $"median {Median:F1} ms, p95 {P95:F1} ms, worst {Worst:F1} ms over {Runs} runs");
    }
}
