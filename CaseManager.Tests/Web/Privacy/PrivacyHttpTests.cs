using System.IO.Compression;
using System.Net;
using CaseManager.Data.Entities;
using CaseManager.Domain.Privacy;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Privacy;

/// <summary>The privacy officer's pages and downloads over HTTP, on the real application, by role.</summary>
public sealed class PrivacyHttpTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static readonly string[] OfficerPages =
    [
        "/privacy/requests", "/privacy/requests/new", $"/privacy/requests/{Guid.Empty}", "/privacy/access-log", "/privacy/retention",
        "/privacy/incidents", $"/privacy/files/{Guid.Empty}",
    ];

    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString);

    [Fact]
    public async Task Get_PrivacyPagesAndDownloads_AreRefusedToEveryOtherRole()
    {
        var (_, requestId) = await RequestWithFileAsync();
        string[] paths = [.. OfficerPages, $"/privacy/requests/{requestId}/export?internal=true", "/privacy/incidents/export.csv"];
        foreach (var role in new[] { Roles.Counsellor, Roles.Supervisor, Roles.Partner, Roles.Admin })
        {
            var client = await SignedInAsync(role);
            foreach (var path in paths)
            {
                var response = await client.GetAsync(path);

                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role} {path}: {response.StatusCode}");
                Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }

        await using var db = Database.CreateDbContext();
        Assert.False(await db.AccessLog.AnyAsync());
        Assert.Null((await db.RightsRequests.SingleAsync()).ExportedAt);
    }

    [Fact]
    public async Task Get_PrivacyPagesAsOfficer_AreServed_AndTheScheduleIsTheAdministrators()
    {
        var officer = await SignedInAsync(Roles.PrivacyOfficer);
        foreach (var path in OfficerPages)
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(path)).StatusCode);
        }

        var refused = await officer.GetAsync("/admin/retention");
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var admin = await SignedInAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/retention")).StatusCode);
    }

    [Fact]
    public async Task Get_ExportAsOfficer_DownloadsTheArchive_AndLogsIt()
    {
        var (householdId, requestId) = await RequestWithFileAsync();
        var officer = await SignedInAsync(Roles.PrivacyOfficer);

        var response = await officer.GetAsync($"/privacy/requests/{requestId}/export?internal=false&lang=en-CA");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Contains(zip.Entries, e => e.FullName == "household.json");
        Assert.DoesNotContain(zip.Entries, e => e.FullName == "journal.csv");
        await using var db = Database.CreateDbContext();
        var logged = await db.AccessLog.SingleAsync();
        Assert.Equal((householdId, AccessAction.Exported, $"/privacy/requests/{requestId}/export"), (logged.HouseholdId, logged.Action, logged.Source));
        Assert.False((await db.RightsRequests.SingleAsync()).ExportIncludedInternal);

        var csv = await officer.GetAsync("/privacy/incidents/export.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("id;description;circumstances", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private async Task<(Guid HouseholdId, Guid RequestId)> RequestWithFileAsync()
    {
        var household = new HouseholdBuilder().WithFileNumber("2025-00901").AssignedTo(null).Build();
        var request = new RightsRequest
        {
            Id = Guid.NewGuid(), Type = RightsRequestType.Access, RequesterName = "Requérante", HouseholdId = household.Id,
            ReceivedOn = FixedContext.Today, DueOn = RightsRequest.DueDateFor(FixedContext.Today), CreatedAt = FixedContext.Now.ToUniversalTime(),
            UpdatedAt = FixedContext.Now.ToUniversalTime(),
        };
        await using var db = Database.CreateDbContext();
        db.ActingAs(FixedContext.Default).Households.Add(household);
        db.RightsRequests.Add(request);
        await db.SaveChangesAsync();
        return (household.Id, request.Id);
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
}
