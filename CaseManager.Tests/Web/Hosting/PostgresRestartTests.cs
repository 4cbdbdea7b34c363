using System.Diagnostics;
using System.Net;
using CaseManager.Data;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>
/// PostgreSQL restarted under a running application: pages and services work again afterwards
/// without restarting the application. On a second, private cluster (scripts/lib/postgres.sh),
/// since the test cluster is shared with every other test.
/// </summary>
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private const string ClusterName = "restart-test";
    private int _port;

    private string ConnectionString => $"Host=127.0.0.1;Port={_port};Database=casemanager_restart;Username=postgres;Timeout=5";

    public async ValueTask InitializeAsync()
    {
        _port = int.Parse(Environment.GetEnvironmentVariable("CASEMANAGER_TEST_PORT") ?? "55432", System.Globalization.CultureInfo.InvariantCulture) + 7;
        await Shell($"pg_start {ClusterName} {_port}");
        await Shell($"pg_psql {_port} -d postgres -c 'DROP DATABASE IF EXISTS casemanager_restart WITH (FORCE)' -c 'CREATE DATABASE casemanager_restart'");
        await using var db = new CaseManagerDbContext(
            (DbContextOptions<CaseManagerDbContext>)new DbContextOptionsBuilder<CaseManagerDbContext>().UseCaseManagerDatabase(ConnectionString).Options);
        await db.Database.MigrateAsync();
        await CaseManager.Data.Seed.ReferenceDataSeeder.SeedAsync(db);
    }

    [Fact]
    public async Task PagesAndServices_AfterPostgresRestarts_WorkAgainWithoutRestartingTheApplication()
    {
        await using var app = new CaseManagerAppFactory(ConnectionString);
        using var client = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inscription")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await Shell($"pg_stop {ClusterName}");
        var down = await client.GetAsync("/inscription");
        var readyWhileDown = await client.GetAsync("/health/ready");
        await Shell($"pg_start {ClusterName} {_port}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown.StatusCode);

        // The form reads the database (its notice and lists): down, it could not be shown.
        Assert.False(down.StatusCode == HttpStatusCode.OK && (await down.Content.ReadAsStringAsync()).Contains("noticeVersion", StringComparison.Ordinal));
        var page = await EventuallyAsync(async () =>
        {
            var response = await client.GetAsync("/inscription");
            return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("noticeVersion", StringComparison.Ordinal);
        });
        Assert.True(page, "The registration form did not come back after PostgreSQL restarted.");
        using var scope = app.Services.CreateScope();
        var form = await scope.ServiceProvider.GetRequiredService<IntakeService>().GetFormAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(form.HostRegions);
        Assert.True(await EventuallyAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK),
            "/health/ready did not become healthy again after PostgreSQL restarted.");
        // The next reminder sweep runs (it reads every rule and writes nothing twice).
        await scope.ServiceProvider.GetRequiredService<CaseManager.Web.Jobs.ReminderSweepJob>().RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Up to 3 tries a second apart: the first request after the restart may meet a pooled connection the server closed.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> attempt)
    {
        for (var i = 0; i < 3; i++)
        {
            try
            {
                if (await attempt())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Tried again below.
            }

            await Task.Delay(1000);
        }

        return false;
    }

    private static async Task Shell(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", $"source scripts/lib/postgres.sh && {command}"])
        {
            WorkingDirectory = NginxProxy.RepositoryRoot,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed: {error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Shell($"pg_stop {ClusterName}");
    }
}
