using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Privacy;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Privacy;
using CaseManager.Web.Features.Privacy.Anonymization;
using Hangfire;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManager.Tests.Web.Privacy;

/// <summary>
/// The anonymizer against the real database: no personal value left in any column of any table
/// (public and Hangfire schemas, found through information_schema so a table added later is
/// scanned too), the report figures unchanged, an interrupted run resumed without damage.
/// </summary>
public sealed class AnonymizationTests(DatabaseFixture database) : PrivacyTestBase(database)
{
    private BackgroundJobClient? _hangfire;

    /// <summary>A real Hangfire client on the application's schema: approving a run writes its job there.</summary>
    protected override IBackgroundJobClient JobClient
    {
        get
        {
            if (_hangfire is null)
            {
                // Hangfire logs through a process-wide provider, which an application host of an earlier
                // test may have set to its (now disposed) logger factory.
                LogProvider.SetCurrentLogProvider(new SilentLogProvider());
                _hangfire = new BackgroundJobClient(new PostgreSqlStorage(
                    new NpgsqlConnectionFactory(Database.ConnectionString, HangfireOptions), HangfireOptions));
            }

            return _hangfire;
        }
    }

    private static PostgreSqlStorageOptions HangfireOptions => new() { SchemaName = "hangfire", PrepareSchemaIfNecessary = true };

    [Fact]
    public async Task RetentionRun_OnAFileWithEveryKindOfData_LeavesNoPersonalValueInAnyTable()
    {
        var household = await SaveAsync(Marie, b => FullHousehold.Shape(b).WithProfile(p => p.WithArrivalDate(null)).OpenedOn(FixedContext.Today.AddYears(-4)).WithContact().WithdrawnFor("postponed"));
        var control = await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Controlina", "Gardeboucle")).WithProfile(p => p.WithArrivalDate(null)).OpenedOn(FixedContext.Today.AddDays(-20)));
        await using (var db = Database.CreateDbContext())
        {
            await FullHousehold.AddEverythingAsync(db, household, Marie.Id, "marie.tremblay@test.local");
        }

        var phone = await PhoneOfAsync(household.Id);
        var values = FullHousehold.PersonalValues.Concat([household.FileNumber, phone!, FullHousehold.Reference]).ToList();
        foreach (var value in values)
        {
            Assert.NotEmpty(await ScanAsync(value)); // the scan finds each value before: it can fail
        }

        var figuresBefore = await ReportFiguresAsync();
        Assert.Contains(figuresBefore, f => f.StartsWith("Paid/07/", StringComparison.Ordinal)); // the subsidy figures are read
        Assert.Contains(figuresBefore, f => f.StartsWith("Refused/07/", StringComparison.Ordinal));
        Assert.Contains(figuresBefore, f => f.StartsWith("Employment/Met/", StringComparison.Ordinal));

        var runId = await Get<RetentionScheduleService>().ApproveAsync();
        Assert.NotNull(runId);
        Assert.True(await ProcessAsync(runId.Value));

        foreach (var value in values)
        {
            Assert.Empty(await ScanAsync(value));
        }

        Assert.Equal(figuresBefore, await ReportFiguresAsync());
        Assert.NotEmpty(await ScanAsync("Gardeboucle")); // the other file is untouched
        await using var check = Database.CreateDbContext();
        var anonymized = await check.Households.AsNoTracking().SingleAsync(h => h.Id == household.Id);
        Assert.NotNull(anonymized.AnonymizedAt);
        Assert.Null(anonymized.PrimaryApplicant.BirthDate);
        Assert.Equal(3, anonymized.Size);
        Assert.Equal(CaseStatus.Withdrawn, anonymized.Status);
        Assert.Equal("postponed", anonymized.WithdrawalReasonCode);
        Assert.Equal(household.History.Count, await check.StageTransitions.CountAsync(t => t.HouseholdId == household.Id));
        Assert.Equal(2, await check.JournalEntries.CountAsync(j => j.HouseholdId == household.Id));
        Assert.Single(await check.AuditEntries.Where(a => a.HouseholdId == household.Id && a.Field == "AnonymizedAt").ToListAsync());
        Assert.False(await check.AuditEntries.AnyAsync(a => a.HouseholdId == household.Id && (a.OldValue != null || a.NewValue != null)));
        // The subsidy: the applications, their history and the document's row stay for the reports; the bytes and the arguments go.
        var applications = await check.SubsidyApplications.AsNoTracking().Where(a => a.HouseholdId == household.Id).OrderBy(a => a.CreatedAt).ToListAsync();
        Assert.Equal([SubsidyStatus.Refused, SubsidyStatus.Paid], applications.Select(a => a.Status));
        Assert.All(applications, a => Assert.Equal("07", a.DestinationRegionCode));
        Assert.All(applications.SelectMany(a => a.Results), r => Assert.Empty(r.Arguments));
        Assert.All(applications, a => Assert.NotEmpty(a.Results));
        Assert.False(await check.SubsidyDocumentContents.AnyAsync());
        Assert.Equal(Scrub.Marker, (await check.SubsidyDocuments.SingleAsync(d => d.HouseholdId == household.Id)).FileName);
        var run = await check.AnonymizationRuns.SingleAsync();
        Assert.Equal((1, 1, AnonymizationRunStatus.Completed), (run.FileCount, run.DoneCount, run.Status));
        Assert.Equal(control.FileNumber, await check.Households.Where(h => h.Id == control.Id).Select(h => h.FileNumber).SingleAsync());
        // Hangfire holds the job, with the run's id as its only argument.
        var hangfireArguments = await ScalarsAsync("SELECT arguments FROM hangfire.job");
        Assert.Contains(hangfireArguments, a => a.Contains(runId.Value.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProcessAsync_StoppedAfterTheFirstBatchThenResumed_AnonymizesEachFileOnce()
    {
        var files = new List<Household>();
        for (var i = 0; i < 3; i++)
        {
            files.Add(await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant($"Resumia{i}", $"Batchworth{i}"))
                .WithProfile(p => p.WithArrivalDate(null)).OpenedOn(FixedContext.Today.AddYears(-5)).WithdrawnFor("postponed")));
        }

        var runId = (await Get<RetentionScheduleService>().ApproveAsync())!.Value;

        Assert.False(await ProcessAsync(runId, batchSize: 2, maxBatches: 1));

        await using (var db = Database.CreateDbContext())
        {
            var done = await db.AnonymizationRunItems.Where(i => i.RunId == runId && i.DoneAt != null).Select(i => i.HouseholdId).ToListAsync();
            Assert.Equal(2, done.Count);
            Assert.Equal(2, await db.Households.CountAsync(h => h.AnonymizedAt != null));
            var pending = files.Single(f => !done.Contains(f.Id));
            Assert.Equal(pending.FileNumber, await db.Households.Where(h => h.Id == pending.Id).Select(h => h.FileNumber).SingleAsync());
            Assert.NotEmpty(await ScanAsync(pending.PrimaryApplicant.LastName));
            var run = await db.AnonymizationRuns.SingleAsync(r => r.Id == runId);
            Assert.Equal((2, 1, AnonymizationRunStatus.Running), (run.DoneCount, run.Batches, run.Status));
        }

        var numbersAfterFirstBatch = await FileNumbersAsync();

        Assert.True(await ProcessAsync(runId, batchSize: 2));

        await using var check = Database.CreateDbContext();
        var final = await check.AnonymizationRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal((3, 3, 2, AnonymizationRunStatus.Completed), (final.FileCount, final.DoneCount, final.Batches, final.Status));
        Assert.NotNull(final.CompletedAt);
        Assert.Equal(3, await check.Households.CountAsync(h => h.AnonymizedAt != null));
        // The files of the first batch kept their new numbers: they were not anonymized twice.
        var numbersAtEnd = await FileNumbersAsync();
        Assert.All(numbersAfterFirstBatch.Where(n => n.Value.StartsWith("ANON-", StringComparison.Ordinal)), n => Assert.Equal(n.Value, numbersAtEnd[n.Key]));
        foreach (var file in files)
        {
            Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.HouseholdId == file.Id && a.Field == "AnonymizedAt"));
            Assert.Empty(await ScanAsync(file.PrimaryApplicant.LastName));
        }

        Assert.True(await ProcessAsync(runId)); // once more: nothing to do, nothing changes
        Assert.Equal(3, await check.AuditEntries.CountAsync(a => a.Field == "AnonymizedAt"));
    }

    [Fact]
    public async Task PauseAsync_ThenResume_StopsBetweenBatchesAndFinishes()
    {
        for (var i = 0; i < 2; i++)
        {
            await SaveAsync(Marie, b => b.WithProfile(p => p.WithArrivalDate(null)).OpenedOn(FixedContext.Today.AddYears(-5)).WithdrawnFor("postponed"));
        }

        var service = Get<RetentionScheduleService>();
        var runId = (await service.ApproveAsync())!.Value;
        await service.PauseAsync(runId);

        Assert.False(await ProcessAsync(runId, batchSize: 1));
        await using (var db = Database.CreateDbContext())
        {
            Assert.Equal(0, await db.Households.CountAsync(h => h.AnonymizedAt != null));
        }

        await service.ResumeAsync(runId);
        Assert.True(await ProcessAsync(runId, batchSize: 1));
        await using var check = Database.CreateDbContext();
        Assert.Equal(2, await check.Households.CountAsync(h => h.AnonymizedAt != null));
    }

    /// <summary>
    /// kill -9 during a run: the job that held it did a batch and went silent (its transaction of the
    /// batch in progress died with its connection). The page says so once the heartbeat is stale and
    /// offers "Reprendre"; the new job finishes the run; the old job coming back stops; each file is
    /// anonymized exactly once.
    /// </summary>
    [Fact]
    public async Task ResumeAsync_RunWhoseServerDied_IsStrandedThenFinishedByANewJobWithEachFileOnce()
    {
        var files = new List<Household>();
        for (var i = 0; i < 5; i++)
        {
            files.Add(await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant($"Strandia{i}", $"Killnine{i}"))
                .WithProfile(p => p.WithArrivalDate(null)).OpenedOn(FixedContext.Today.AddYears(-5)).WithdrawnFor("postponed")));
        }

        var service = Get<RetentionScheduleService>();
        var anonymizer = Get<HouseholdAnonymizer>();
        var runId = (await service.ApproveAsync())!.Value;
        var killed = Guid.NewGuid();
        var cancel = TestContext.Current.CancellationToken;
        Assert.False(await anonymizer.ProcessHoldingAsync(runId, killed, 2, 1, cancel)); // one batch, then the process is killed: its lease stays

        var alive = Assert.Single(await service.RunsAsync());
        Assert.Equal((AnonymizationRunStatus.Running, 2, AnonymizationRunSettings.ThisProcess, false, false),
            (alive.Status, alive.DoneCount, alive.HeldBy, alive.Stranded, alive.CanResume));
        Assert.Equal(Time.GetUtcNow(), alive.LastSignAt);
        // While its holder looks alive: "Reprendre" is refused, and a job handed the run meanwhile stops without touching it.
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => service.ResumeAsync(runId));
        Assert.Equal("Privacy.Run.StillAlive", Assert.Single(refused.Refusals).Code);
        Assert.False(await anonymizer.ProcessAsync(runId, 2, null, cancel));
        Assert.Equal(2, (await service.RunsAsync()).Single().DoneCount);

        Time.Advance(AnonymizationRunSettings.DefaultStaleAfter + TimeSpan.FromSeconds(1));
        var stranded = Assert.Single(await service.RunsAsync());
        Assert.True(stranded.Stranded);
        Assert.True(stranded.CanResume);

        await service.ResumeAsync(runId);
        var handedOff = Assert.Single(await service.RunsAsync());
        Assert.Equal((AnonymizationRunStatus.Approved, null, false), (handedOff.Status, handedOff.HeldBy, handedOff.Stranded));
        // Hangfire holds a second job for the run (the approval's and the resumption's).
        Assert.Equal(2, (await ScalarsAsync("SELECT arguments FROM hangfire.job")).Count(a => a.Contains(runId.ToString(), StringComparison.Ordinal)));

        var resumed = Guid.NewGuid();
        Assert.False(await anonymizer.ProcessHoldingAsync(runId, resumed, 2, 1, cancel)); // the new job takes the run
        Assert.False(await anonymizer.ProcessHoldingAsync(runId, killed, 2, null, cancel)); // the old one comes back: it lost its lease, it stops
        Assert.Equal(4, (await service.RunsAsync()).Single().DoneCount);
        Assert.True(await anonymizer.ProcessHoldingAsync(runId, resumed, 2, null, cancel));

        await using var check = Database.CreateDbContext();
        var run = await check.AnonymizationRuns.SingleAsync(r => r.Id == runId);
        Assert.Equal((5, 5, 3, AnonymizationRunStatus.Completed, (Guid?)null), (run.FileCount, run.DoneCount, run.Batches, run.Status, run.LeaseToken));
        foreach (var file in files)
        {
            Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.HouseholdId == file.Id && a.Field == "AnonymizedAt"));
            Assert.Empty(await ScanAsync(file.PrimaryApplicant.LastName));
        }

        Assert.Contains(await check.PrivacyJournal.ToListAsync(), j => j.Action == "Resumed" && j.SubjectId == runId.ToString());
    }

    /// <summary>Every text, json, array and bytea column of every table of the public and Hangfire schemas holding <paramref name="value"/>.</summary>
    private async Task<List<string>> ScanAsync(string value)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE' AND (c.table_schema = 'public' OR c.table_schema LIKE 'hangfire%')
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        Assert.Contains(columns, c => c.Schema == "hangfire");
        var hits = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var condition = type == "bytea"
                ? $"position(convert_to(@v, 'UTF8') in \"{column}\") > 0"
                : $"\"{column}\"::text ILIKE '%' || @v || '%'";
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE {condition}", connection);
            command.Parameters.AddWithValue("v", value);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                hits.Add($"{schema}.{table}.{column}");
            }
        }

        return hits;
    }

    /// <summary>
    /// What the program reports on: files per stage and status, settlements per region, withdrawals per reason, stage moves per day;
    /// subsidy applications per status and destination with their dates and amounts, their status moves per day, their criterion
    /// outcomes, their documents per type.
    /// </summary>
    private async Task<List<string>> ReportFiguresAsync() =>
    [
        .. await ScalarsAsync("SELECT stage || '/' || status || ':' || count(*) FROM households GROUP BY stage, status ORDER BY 1"),
        .. await ScalarsAsync("SELECT coalesce(settlement_region_code, '-') || ':' || count(*) FROM households WHERE status = 'Settled' GROUP BY settlement_region_code ORDER BY 1"),
        .. await ScalarsAsync("SELECT coalesce(withdrawal_reason_code, '-') || ':' || count(*) FROM households WHERE status = 'Withdrawn' GROUP BY withdrawal_reason_code ORDER BY 1"),
        .. await ScalarsAsync("SELECT kind || '/' || to_stage || '/' || occurred_at::date || ':' || count(*) FROM stage_transitions GROUP BY kind, to_stage, occurred_at::date ORDER BY 1"),
        .. await ScalarsAsync("SELECT array_to_string(preferred_region_codes, ',') || ':' || count(*) FROM households GROUP BY preferred_region_codes ORDER BY 1"),
        .. await ScalarsAsync("""
            SELECT k || ':' || count(*) FROM (
                SELECT concat_ws('/', status, destination_region_code, submitted_on, decided_on, paid_on, planned_move_on, household_size_at_submission,
                                 estimated_cost, computed_amount, approved_amount, paid_amount, refusal_reason) AS k
                FROM subsidy_applications) x
            GROUP BY k ORDER BY 1
            """),
        .. await ScalarsAsync("""
            SELECT k || ':' || count(*) FROM (SELECT concat_ws('/', "from", "to", "at"::date) AS k FROM subsidy_status_changes) x GROUP BY k ORDER BY 1
            """),
        .. await ScalarsAsync("""
            SELECT k || ':' || count(*) FROM (
                SELECT concat_ws('/', e->>'Criterion', e->>'Outcome', e->>'ReasonCode') AS k FROM subsidy_applications, jsonb_array_elements(evaluation) e) x
            GROUP BY k ORDER BY 1
            """),
        .. await ScalarsAsync("SELECT type || ':' || count(*) FROM subsidy_documents GROUP BY type ORDER BY 1"),
    ];

    private async Task<List<string>> ScalarsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<string?> PhoneOfAsync(Guid id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Households.Where(h => h.Id == id).Select(h => h.Contact.Phone).SingleAsync();
    }

    private async Task<Dictionary<Guid, string>> FileNumbersAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Households.ToDictionaryAsync(h => h.Id, h => h.FileNumber);
    }

    private sealed class SilentLogProvider : ILogProvider
    {
        public ILog GetLogger(string name) => new SilentLog();

        private sealed class SilentLog : ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
        }
    }
}
