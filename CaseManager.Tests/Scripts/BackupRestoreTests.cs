using System.Diagnostics;
using System.Net;
using CaseManager.Data;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Support;
using CaseManager.Tests.Web.Subsidies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseManager.Tests.Scripts;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh against the test cluster, as an operator runs them:
/// a known file with a subsidy document and its audit is backed up, restored into a new database,
/// and the real application started on the restored database finds all of it.
/// </summary>
public sealed class BackupRestoreTests(DatabaseFixture database) : SubsidyTestBase(database)
{
    private readonly string _restored = $"casemanager_restore_{Guid.NewGuid():N}"[..40];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("casemanager-backup-");

    [Fact]
    public async Task BackupThenRestore_IntoANewDatabase_TheAppFindsTheFileItsDocumentAndItsAudit()
    {
        var household = await SubsidyHouseholdAsync();
        var application = await Subsidies.StartAsync(household.Id, Details());
        byte[] document = [.. PdfBytes, .. "offre signée"u8];
        var documentId = await Subsidies.AddDocumentAsync(application, SubsidyDocumentType.JobOffer, "offre.pdf", document);
        int audit;
        await using (var db = Database.CreateDbContext())
        {
            audit = await db.AuditEntries.CountAsync(a => a.HouseholdId == household.Id);
        }

        Assert.True(audit > 0);

        var backup = await RunAsync("backup.sh", "--dir", _folder.FullName);
        var file = Assert.Single(_folder.GetFiles("*.dump"));
        Assert.Contains($"Wrote {file.FullName}", backup, StringComparison.Ordinal);
        Assert.Matches(@"casemanager-casemanager_test-\d{8}T\d{6}Z\.dump$", file.Name);
        var restore = await RunAsync("restore.sh", file.FullName, _restored);
        Assert.Contains($"into {_restored}", restore, StringComparison.Ordinal);

        await using var app = new CaseManagerAppFactory(RestoredConnectionString());
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CaseManagerDbContext>>().CreateDbContextAsync())
        {
            var restored = await db.Households.AsNoTracking().SingleAsync(h => h.Id == household.Id);
            Assert.Equal(household.FileNumber, restored.FileNumber);
            var content = await db.SubsidyDocumentContents.AsNoTracking().SingleAsync(c => c.DocumentId == documentId);
            Assert.Equal(document, content.Data);
            Assert.Equal("offre.pdf", (await db.SubsidyDocuments.AsNoTracking().SingleAsync(d => d.Id == documentId)).FileName);
            Assert.Equal(audit, await db.AuditEntries.CountAsync(a => a.HouseholdId == household.Id));
        }

        // The application runs on it: database and Hangfire's schema answer.
        var health = await app.CreateBrowserlikeClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Restore_IntoADatabaseThatHoldsTables_IsRefusedUnlessForced()
    {
        await RunAsync("backup.sh", "--dir", _folder.FullName);
        var file = Assert.Single(_folder.GetFiles("*.dump"));
        await RunAsync("restore.sh", file.FullName, _restored);

        var refused = await RunAsync("restore.sh", [file.FullName, _restored], expectSuccess: false);
        var forced = await RunAsync("restore.sh", file.FullName, _restored, "--force");

        Assert.Contains("refusing to overwrite", refused, StringComparison.Ordinal);
        Assert.Contains($"into {_restored}", forced, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_WithKeep_LeavesOnlyTheNewestCopies()
    {
        // Older copies from earlier days, as a nightly timer leaves them.
        foreach (var day in new[] { "20260101", "20260102", "20260103" })
        {
            await File.WriteAllTextAsync(Path.Combine(_folder.FullName, $"casemanager-casemanager_test-{day}T020000Z.dump"), "old");
        }

        var output = await RunAsync("backup.sh", "--dir", _folder.FullName, "--keep", "2");

        var left = _folder.GetFiles("*.dump").Select(f => f.Name).Order().ToList();
        Assert.Equal(2, left.Count);
        Assert.Equal("casemanager-casemanager_test-20260103T020000Z.dump", left[0]);
        Assert.Contains("Removed", output, StringComparison.Ordinal);
    }

    private string RestoredConnectionString() =>
        new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = _restored }.ConnectionString;

    private Task<string> RunAsync(string script, params string[] arguments) => RunAsync(script, arguments, expectSuccess: true);

    /// <summary>Runs a script of scripts/ with bash, the app's connection string in its environment; returns its output.</summary>
    private async Task<string> RunAsync(string script, string[] arguments, bool expectSuccess)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__CaseManager"] = Database.ConnectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var text = await output + await error;
        Assert.True((process.ExitCode == 0) == expectSuccess, $"{script} exited with {process.ExitCode}:\n{text}");
        return text;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository's root (CaseManager.sln) was not found.");
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            // Dropping a database waits for a checkpoint: slow on a busy disk.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_restored}\" WITH (FORCE)", connection) { CommandTimeout = 300 };
            await drop.ExecuteNonQueryAsync();
        }

        _folder.Delete(recursive: true);
        await base.DisposeAsync();
    }
}
