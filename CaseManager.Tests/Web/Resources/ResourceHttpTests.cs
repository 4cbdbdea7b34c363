using System.Net;
using System.Text;
using CaseManager.Data.Entities;
using CaseManager.Domain.Resources;
using CaseManager.Tests.Support;

namespace CaseManager.Tests.Web.Resources;

/// <summary>The directory's pages and CSV export over HTTP, by role.</summary>
public sealed class ResourceHttpTests(DatabaseFixture database) : DatabaseTest(database)
{
    private CaseManagerAppFactory? _app;

    [Fact]
    public async Task GetExport_AsCounsellor_StreamsTheFilteredListAsUtf8CsvWithABom()
    {
        await using (var db = Database.CreateDbContext())
        {
            var now = DateTimeOffset.UtcNow;
            db.Resources.AddRange(
                new Resource { Id = Guid.CreateVersion7(), Name = "École des Érables", RegionCode = "05", CategoryCode = "childcare-school", CreatedAt = now, UpdatedAt = now },
                new Resource { Id = Guid.CreateVersion7(), Name = "École de Rimouski", RegionCode = "01", CategoryCode = "childcare-school", CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        var client = await SignedInAsync(Roles.Counsellor);

        var response = await client.GetAsync("/resources/export.csv?q=ecole&region=05");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        // The person reads French: the separator Excel expects in French.
        Assert.StartsWith("nom;description;categorie;region", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("École des Érables;;childcare-school;05", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Partner, "/resources")]
    [InlineData(Roles.Counsellor, "/resources/import")]
    [InlineData(Roles.Supervisor, "/resources/import")]
    public async Task Get_PageOutsideTheRole_IsRefused(string role, string path)
    {
        var client = await SignedInAsync(role);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetExport_AsPartner_IsRefused()
    {
        var client = await SignedInAsync(Roles.Partner);

        var response = await client.GetAsync("/resources/export.csv");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}@test.local";
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, email, role, 1, role);
        }

        _app ??= new CaseManagerAppFactory(Database.ConnectionString);
        var client = _app.CreateBrowserlikeClient();
        var response = await HttpSignIn.PostAsync(client, email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
