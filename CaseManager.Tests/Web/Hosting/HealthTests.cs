using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Web.Hosting;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Hangfire.Server;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>Liveness and readiness over HTTP: the overall status for anyone, the figures for administrators.</summary>
public sealed class HealthTests(DatabaseFixture database) : DatabaseTest(database), IAsyncDisposable
{
    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    [Fact]
    public async Task Get_LiveAnonymously_SaysHealthyAndNothingElse()
    {
        var response = await App.CreateBrowserlikeClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Get_ReadyAnonymously_GivesTheOverallStatusOnly(string path)
    {
        var response = await App.CreateBrowserlikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Get_ReadyAsAdministrator_ShowsEachCheckWithItsFigures(string path)
    {
        var client = await SignedInAsync(Roles.Admin);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal(["database", "hangfire", "smtp"], checks.EnumerateObject().Select(c => c.Name).Order().ToArray());
        foreach (var check in checks.EnumerateObject())
        {
            Assert.Equal("Healthy", check.Value.GetProperty("status").GetString());
        }

        Assert.True(checks.GetProperty("hangfire").GetProperty("data").TryGetProperty("enqueued", out _));
        Assert.Equal(Smtp4dev.SmtpPort, checks.GetProperty("smtp").GetProperty("data").GetProperty("port").GetInt32());
        Assert.DoesNotContain("Host=", body.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ReadyAsCounsellor_GivesTheOverallStatusOnly()
    {
        var client = await SignedInAsync(Roles.Counsellor);

        var response = await client.GetAsync("/health/ready");

        Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A server killed without stopping (kill -9) stays in Hangfire's list until the watchdog removes
    /// it: readiness is Degraded meanwhile, names it to the administrator and says nothing more to anyone else.
    /// </summary>
    [Fact]
    public async Task Get_ReadyWithADeadHangfireServer_IsDegradedAndNamesItToTheAdministratorOnly()
    {
        var storage = App.Services.GetRequiredService<JobStorage>();
        var dead = $"killed-host:4242:{Guid.NewGuid()}";
        var alive = $"alive-host:4343:{Guid.NewGuid()}";
        using var connection = storage.GetConnection();
        connection.AnnounceServer(dead, new ServerContext { Queues = ["default"], WorkerCount = 1 });
        connection.AnnounceServer(alive, new ServerContext { Queues = ["default"], WorkerCount = 1 });
        try
        {
            await using (var db = Database.CreateDbContext())
            {
                // Its last heartbeat, three minutes ago: then it was killed.
                await db.Database.ExecuteSqlAsync($"UPDATE hangfire.server SET lastheartbeat = lastheartbeat - interval '3 minutes' WHERE id = {dead}");
            }

            var anonymous = await App.CreateBrowserlikeClient().GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            Assert.Equal("""{"status":"Degraded"}""", await anonymous.Content.ReadAsStringAsync());

            var admin = await SignedInAsync(Roles.Admin);
            using var body = JsonDocument.Parse(await admin.GetStringAsync("/health/ready"));
            var hangfire = body.RootElement.GetProperty("checks").GetProperty("hangfire");
            Assert.Equal("Degraded", hangfire.GetProperty("status").GetString());
            Assert.Contains(dead, hangfire.GetProperty("description").GetString(), StringComparison.Ordinal);
            var data = hangfire.GetProperty("data");
            Assert.Equal([dead], data.GetProperty("deadServers").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
            Assert.Equal(1, data.GetProperty("servers").GetInt32());
        }
        finally
        {
            connection.RemoveServer(dead);
            connection.RemoveServer(alive);
        }
    }

    [Fact]
    public async Task Get_ReadyWhenSmtpIsDown_IsDegradedButStillServes()
    {
        await using var app = new CaseManagerAppFactory(Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var response = await app.CreateBrowserlikeClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Degraded"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CheckHealthAsync_RealSmtpServer_IsHealthy()
    {
        var check = new SmtpHealthCheck(new SmtpSettings("127.0.0.1", Smtp4dev.SmtpPort, SmtpSettings.DefaultFrom, SecureSocketOptions.None, null, null));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_NothingListening_IsUnhealthy()
    {
        var check = new SmtpHealthCheck(new SmtpSettings("127.0.0.1", ClosedPort(), SmtpSettings.DefaultFrom, SecureSocketOptions.None, null, null));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task CheckHealthAsync_ServerThatNeverGreets_IsUnhealthyWithinTheTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var check = new SmtpHealthCheck(new SmtpSettings("127.0.0.1", port, SmtpSettings.DefaultFrom, SecureSocketOptions.None, null, null));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("did not answer", result.Description, StringComparison.Ordinal);
    }

    /// <summary>A port nothing listens on (taken, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}@test.local";
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, email, role, 1, role);
        }

        var client = App.CreateBrowserlikeClient();
        var response = await HttpSignIn.PostAsync(client, email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
