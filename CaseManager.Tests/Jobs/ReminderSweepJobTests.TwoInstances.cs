using CaseManager.Tests.Support;
using CaseManager.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Jobs;

public sealed partial class ReminderSweepJobTests
{
    /// <summary>
    /// Two application instances on one database, each with its own services (as each runs its
    /// own Hangfire server), sweep at the same moment: each reminder exists once.
    /// </summary>
    [Fact]
    public async Task RunAsync_FromTwoApplicationInstancesAtOnce_RecordsEachReminderOnce()
    {
        var expected = await ArrangeOneOfEverythingAsync(copies: 3);
        await using var first = new CaseManagerAppFactory(Database.ConnectionString, Time);
        await using var second = new CaseManagerAppFactory(Database.ConnectionString, Time);
        var sweeps = new[] { first, second, first, second }
            .Select(app => app.Services.GetRequiredService<ReminderSweepJob>())
            .ToList();

        var created = await Task.WhenAll(sweeps.Select(sweep => Task.Run(() => sweep.RunAsync(CancellationToken.None))));

        Assert.Equal(expected.Count, created.Sum());
        Assert.Equal(expected, await KeysAsync());
    }
}
