using CaseManager.Data;
using CaseManager.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Privacy.Anonymization;

/// <summary>How long a run may go without a sign of life before it counts as stranded (<c>Hangfire:StaleRunSeconds</c>).</summary>
public sealed record AnonymizationRunSettings(TimeSpan StaleAfter)
{
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(120);

    public static AnonymizationRunSettings Default { get; } = new(DefaultStaleAfter);

    /// <summary>The process that holds a run, as its heartbeat names it.</summary>
    public static string ThisProcess { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Whether a run approved or running, whose last sign of life was at <paramref name="lastSign"/>, has lost its server by <paramref name="now"/>.</summary>
    public bool IsStale(DateTimeOffset lastSign, DateTimeOffset now) => lastSign < now - StaleAfter;
}

/// <summary>
/// Processes an approved <see cref="AnonymizationRun"/> in batches: one transaction per batch, each
/// file marked done in the run with the batch, so a run stopped half-way (a crash, a pause, a
/// deployment) resumes with the files not yet done and never touches a done one twice.
/// Each call holds the run by a lease on its row (<see cref="AnonymizationRun.LeaseToken"/>,
/// renewed by every batch with the heartbeat): a second job on the same run (Hangfire handing the
/// job again, or the officer's "Reprendre") takes it over only once the holder is silent, and a
/// holder that comes back after losing its lease stops. The row lock of each batch keeps every
/// file anonymized exactly once whatever the jobs do.
/// </summary>
public sealed class HouseholdAnonymizer(
    IDbContextFactory<CaseManagerDbContext> contexts, IEnumerable<IAnonymizationStep> steps, TimeProvider time, AnonymizationRunSettings settings,
    ILogger<HouseholdAnonymizer> logger)
{
    public const int DefaultBatchSize = 50;

    /// <summary>Shorter values (a two-letter first name) would match inside unrelated words of other texts.</summary>
    private const int MinScrubLength = 3;

    private readonly IReadOnlyList<IAnonymizationStep> _steps = steps.OrderBy(s => s.Order).ToList();

    public IReadOnlyList<string> Areas => _steps.Select(s => s.Area).ToList();

    /// <summary>
    /// Runs batches until the run is done, paused, held by another live job, or
    /// <paramref name="maxBatches"/> were run. Returns whether the run is complete. However it ends
    /// (done, stopped, cancelled by a shutdown, failed), the lease is released, so the job Hangfire
    /// hands next takes the run at once; only a process killed outright leaves it, until it is stale.
    /// </summary>
    public async Task<bool> ProcessAsync(Guid runId, int batchSize = DefaultBatchSize, int? maxBatches = null, CancellationToken cancellationToken = default)
    {
        var lease = Guid.NewGuid();
        try
        {
            return await ProcessHoldingAsync(runId, lease, batchSize, maxBatches, cancellationToken);
        }
        finally
        {
            await ReleaseAsync(runId, lease);
        }
    }

    /// <summary>
    /// The batches of one job under the lease <paramref name="lease"/>, which it keeps when it
    /// returns: what a job between two batches holds, or a killed one leaves (tests play both).
    /// </summary>
    internal async Task<bool> ProcessHoldingAsync(Guid runId, Guid lease, int batchSize, int? maxBatches, CancellationToken cancellationToken)
    {
        var batches = 0;
        while (maxBatches is null || batches < maxBatches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await RunBatchAsync(runId, lease, batchSize, cancellationToken);
            if (outcome is BatchOutcome.Completed)
            {
                return true;
            }

            if (outcome is BatchOutcome.Paused or BatchOutcome.HeldElsewhere)
            {
                return false;
            }

            batches++;
        }

        return false;
    }

    /// <summary>Gives the run's lease back if this job still holds it (the heartbeat stays: the last progress).</summary>
    private async Task ReleaseAsync(Guid runId, Guid lease)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.AnonymizationRuns.Where(r => r.Id == runId && r.LeaseToken == lease)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseToken, (Guid?)null).SetProperty(r => r.HeldBy, (string?)null), CancellationToken.None);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The database is away: the lease goes stale on its own and the next job takes the run then.
            logger.LogWarning(exception, "The lease of anonymization run {RunId} could not be released.", runId);
        }
    }

    private enum BatchOutcome
    {
        Done,
        Completed,
        Paused,

        /// <summary>Another job holds the run and is alive: this one stops.</summary>
        HeldElsewhere,
    }

    private async Task<BatchOutcome> RunBatchAsync(Guid runId, Guid lease, int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The run's row is locked for the batch: a second job on the same run waits, then finds the files done.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM anonymization_runs WHERE id = {runId} FOR UPDATE", cancellationToken);
        var run = await db.AnonymizationRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            logger.LogWarning("Anonymization run {RunId} does not exist.", runId);
            return BatchOutcome.Completed;
        }

        if (run.Status is AnonymizationRunStatus.Completed)
        {
            return BatchOutcome.Completed;
        }

        if (run.Status is AnonymizationRunStatus.Paused)
        {
            return BatchOutcome.Paused;
        }

        var now = time.GetUtcNow().ToUniversalTime();
        if (run.LeaseToken is { } holder && holder != lease && !settings.IsStale(run.HeartbeatAt ?? run.ApprovedAt, now))
        {
            logger.LogInformation("Anonymization run {RunId} is held by {HeldBy}, alive at {HeartbeatAt}: this job stops.", runId, run.HeldBy, run.HeartbeatAt);
            return BatchOutcome.HeldElsewhere;
        }

        if (run.LeaseToken != lease)
        {
            logger.LogInformation("Anonymization run {RunId} taken by {Process} (held before by {HeldBy}).", runId, AnonymizationRunSettings.ThisProcess, run.HeldBy ?? "-");
        }

        run.LeaseToken = lease;
        run.HeldBy = AnonymizationRunSettings.ThisProcess;
        run.HeartbeatAt = now;
        var ids = await db.AnonymizationRunItems.Where(i => i.RunId == runId && i.DoneAt == null)
            .OrderBy(i => i.HouseholdId).Select(i => i.HouseholdId).Take(batchSize).ToArrayAsync(cancellationToken);
        run.StartedAt ??= now;
        if (ids.Length == 0)
        {
            run.Status = AnonymizationRunStatus.Completed;
            run.CompletedAt = now;
            run.LeaseToken = null;
            run.HeldBy = null;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Anonymization run {RunId} completed: {Count} files in {Batches} batches.", runId, run.DoneCount, run.Batches);
            return BatchOutcome.Completed;
        }

        run.Status = AnonymizationRunStatus.Running;
        var values = await CollectAsync(db, ids, cancellationToken);
        var batch = new AnonymizationBatch(db, ids, values, now, run.ApprovedById, run.ApprovedByName);
        foreach (var step in _steps)
        {
            await step.ApplyAsync(batch, cancellationToken);
        }

        await db.AnonymizationRunItems.Where(i => i.RunId == runId && ids.Contains(i.HouseholdId))
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.DoneAt, now), cancellationToken);
        run.DoneCount += ids.Length;
        run.Batches++;
        run.HeartbeatAt = time.GetUtcNow().ToUniversalTime();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Anonymization run {RunId}: batch of {Count} files done.", runId, ids.Length);
        return BatchOutcome.Done;
    }

    /// <summary>What each file holds that names the person, read before anything is changed.</summary>
    private static async Task<IReadOnlyList<PersonalValues>> CollectAsync(CaseManagerDbContext db, Guid[] ids, CancellationToken cancellationToken)
    {
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id) && h.AnonymizedAt == null)
            .Select(h => new
            {
                h.Id,
                h.FileNumber,
                h.PrimaryApplicant.FirstName,
                h.PrimaryApplicant.LastName,
                SpouseFirst = h.Spouse == null ? null : h.Spouse.FirstName,
                SpouseLast = h.Spouse == null ? null : h.Spouse.LastName,
                h.Contact.Email,
                h.Contact.Phone,
                h.Contact.Address,
                Children = h.Children.Select(c => c.FirstName).ToList(),
            })
            .ToListAsync(cancellationToken);
        var references = await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.HouseholdId))
            .Select(r => new { r.HouseholdId, r.Reference }).ToListAsync(cancellationToken);
        return households.Select(h =>
        {
            var values = new List<string?>
            {
                h.FileNumber, $"{h.FirstName} {h.LastName}", $"{h.LastName}, {h.FirstName}", h.FirstName, h.LastName,
                h.SpouseFirst, h.SpouseLast, h.Email, h.Phone, h.Address,
            };
            if (h.Phone is not null)
            {
                values.Add(new string(h.Phone.Where(char.IsDigit).ToArray()));
            }

            values.AddRange(h.Children);
            values.AddRange(references.Where(r => r.HouseholdId == h.Id).Select(r => r.Reference));
            var kept = values.Where(v => v is not null && v.Trim().Length >= MinScrubLength).Select(v => v!.Trim()).Distinct().ToList();
            return new PersonalValues(h.Id, h.Email, kept);
        }).ToList();
    }
}
