using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Privacy;
using CaseManager.Web.Features.Privacy.Anonymization;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Privacy;

/// <summary>A file past its retention period: which rule, from which day.</summary>
public sealed record RetentionCandidate(Guid HouseholdId, string FileNumber, RetentionBasis Basis, DateOnly BasisOn, DateOnly DueOn);

public sealed record RetentionPreview(IReadOnlyList<RetentionCandidate> Files, IReadOnlyDictionary<RetentionBasis, int> CountByRule, DateOnly AsOf);

/// <summary>
/// A run as its page shows it: its progress, its last sign of life and the process that holds it;
/// <see cref="Stranded"/>: approved or running, silent past <see cref="AnonymizationRunSettings.StaleAfter"/>
/// (its server is gone), so "Reprendre" hands it to a new job.
/// </summary>
public sealed record AnonymizationRunRow(
    Guid Id, AnonymizationRunKind Kind, AnonymizationRunStatus Status, DateTimeOffset ApprovedAt, string ApprovedByName,
    int FileCount, int DoneCount, int Batches, DateTimeOffset? CompletedAt, uint Version,
    DateTimeOffset LastSignAt, string? HeldBy, bool Stranded)
{
    public bool CanPause => Status is AnonymizationRunStatus.Approved or AnonymizationRunStatus.Running;

    public bool CanResume => Status is AnonymizationRunStatus.Paused || Stranded;
}

/// <summary>
/// The retention schedule (administrators edit it), the preview of what it would anonymize today
/// (the privacy officer reads it), and the approval that freezes the list of files in a run a
/// Hangfire job then processes. Nothing is anonymized without an approved run.
/// </summary>
public sealed class RetentionScheduleService(
    IDbContextFactory<CaseManagerDbContext> contexts, PrivacyAccess access, AppClock clock, IBackgroundJobClient jobs, AnonymizationRunSettings runSettings,
    ILogger<RetentionScheduleService> logger)
{
    /// <summary>At most this many files in one preview or run (the next run takes the rest).</summary>
    public const int MaxFilesPerRun = 5000;

    public async Task<IReadOnlyList<RetentionRule>> RulesAsync(CancellationToken cancellationToken = default)
    {
        await access.RequireOfficerOrAdminAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RetentionRules.AsNoTracking().OrderBy(r => r.Basis).ToListAsync(cancellationToken);
    }

    /// <summary>An administrator changes one line of the schedule (from the version read).</summary>
    public async Task UpdateRuleAsync(RetentionBasis basis, int years, bool enabled, uint version, CancellationToken cancellationToken = default)
    {
        var admin = await access.RequireAdminAsync(cancellationToken);
        if (years is < RetentionRule.MinYears or > RetentionRule.MaxYears)
        {
            throw new DomainRuleException("Privacy.Retention.YearsInvalid", RetentionRule.MinYears, RetentionRule.MaxYears);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.RetentionRules.SingleOrDefaultAsync(r => r.Basis == basis, cancellationToken)
            ?? throw new NotFoundException($"Retention rule {basis} does not exist.");
        if (rule.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(rule).Property(r => r.Version).OriginalValue = version;
        var detail = $"years {rule.Years}→{years}, enabled {rule.IsEnabled}→{enabled}";
        rule.Years = years;
        rule.IsEnabled = enabled;
        rule.UpdatedAt = clock.Now;
        rule.UpdatedByName = admin.DisplayName;
        access.Journal(db, admin, "RetentionRule", basis, "Updated", detail);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }

    /// <summary>The files past their period today, per rule (nothing is changed).</summary>
    public async Task<RetentionPreview> PreviewAsync(CancellationToken cancellationToken = default)
    {
        await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ComputePreviewAsync(db, clock.Today, cancellationToken);
    }

    /// <summary>
    /// The officer approves the preview as computed now: the list of files is frozen in a new run
    /// and the job is enqueued (with the run's id only). Returns the run's id, or null if nothing is due.
    /// </summary>
    public async Task<Guid?> ApproveAsync(CancellationToken cancellationToken = default)
    {
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preview = await ComputePreviewAsync(db, clock.Today, cancellationToken);
        if (preview.Files.Count == 0)
        {
            return null;
        }

        var run = NewRun(officer, AnonymizationRunKind.Retention, null, preview.Files.Count);
        db.AnonymizationRuns.Add(run);
        db.AnonymizationRunItems.AddRange(preview.Files.Select(f => new AnonymizationRunItem
        {
            RunId = run.Id, HouseholdId = f.HouseholdId, Basis = f.Basis, BasisOn = f.BasisOn,
        }));
        access.Journal(db, officer, "AnonymizationRun", run.Id, "Approved",
            string.Join(", ", preview.CountByRule.Select(c => $"{c.Key}: {c.Value}")));
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<AnonymizationJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        logger.LogInformation("Anonymization run {RunId} approved by {UserId}: {Count} files.", run.Id, officer.Id, run.FileCount);
        return run.Id;
    }

    public async Task<IReadOnlyList<AnonymizationRunRow>> RunsAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.AnonymizationRuns.AsNoTracking().OrderByDescending(r => r.ApprovedAt).Take(Math.Clamp(take, 1, 200))
            .ToListAsync(cancellationToken);
        var now = clock.Now;
        return runs.Select(r =>
        {
            var lastSign = r.HeartbeatAt ?? r.ApprovedAt;
            var open = r.Status is AnonymizationRunStatus.Approved or AnonymizationRunStatus.Running;
            return new AnonymizationRunRow(r.Id, r.Kind, r.Status, r.ApprovedAt, r.ApprovedByName, r.FileCount, r.DoneCount, r.Batches, r.CompletedAt, r.Version,
                lastSign, r.HeldBy, open && runSettings.IsStale(lastSign, now));
        }).ToList();
    }

    /// <summary>Pauses a run after its current batch.</summary>
    public async Task PauseAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.AnonymizationRuns.Where(r => r.Id == runId && (r.Status == AnonymizationRunStatus.Approved || r.Status == AnonymizationRunStatus.Running))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, AnonymizationRunStatus.Paused), cancellationToken);
        if (updated == 0)
        {
            throw new DomainRuleException("Privacy.Run.NotRunning");
        }

        access.Journal(db, officer, "AnonymizationRun", runId, "Paused");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// "Reprendre": a paused run, or a stranded one (approved or running, silent past the stale
    /// delay: its server is gone), is handed to a new job, which takes the files not yet done. The
    /// lease is released, so the new job takes the run; should the old job come back, the first of
    /// the two to reach the run holds it and the other stops (each file is still done once).
    /// A run that is progressing is refused, so two clicks start nothing twice.
    /// </summary>
    public async Task ResumeAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.Now;
        var silentSince = now - runSettings.StaleAfter;
        // One statement: PostgreSQL re-reads the condition on the row once a running batch commits.
        var updated = await db.AnonymizationRuns
            .Where(r => r.Id == runId && (r.Status == AnonymizationRunStatus.Paused ||
                ((r.Status == AnonymizationRunStatus.Approved || r.Status == AnonymizationRunStatus.Running) && (r.HeartbeatAt ?? r.ApprovedAt) < silentSince)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, AnonymizationRunStatus.Approved)
                .SetProperty(r => r.HeartbeatAt, now)
                .SetProperty(r => r.HeldBy, (string?)null)
                .SetProperty(r => r.LeaseToken, (Guid?)null), cancellationToken);
        if (updated == 0)
        {
            var status = await db.AnonymizationRuns.Where(r => r.Id == runId).Select(r => (AnonymizationRunStatus?)r.Status).SingleOrDefaultAsync(cancellationToken);
            throw new DomainRuleException(status is AnonymizationRunStatus.Approved or AnonymizationRunStatus.Running ? "Privacy.Run.StillAlive" : "Privacy.Run.AlreadyCompleted");
        }

        access.Journal(db, officer, "AnonymizationRun", runId, "Resumed");
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<AnonymizationJob>(job => job.RunAsync(runId, CancellationToken.None));
    }

    internal AnonymizationRun NewRun(Infrastructure.UserIdentity officer, AnonymizationRunKind kind, Guid? requestId, int count) => new()
    {
        Id = Guid.CreateVersion7(clock.Now),
        Kind = kind,
        Status = AnonymizationRunStatus.Approved,
        RightsRequestId = requestId,
        ApprovedAt = clock.Now,
        ApprovedById = officer.Id,
        ApprovedByName = officer.DisplayName,
        FileCount = count,
    };

    /// <summary>
    /// One set-based query per rule. The basis day: the last withdrawal or closing transition; for
    /// a settled file, the latest of the settlement, its follow-ups (due or answered) and the last contact.
    /// Files already anonymized, or waiting in an unfinished run, are left out.
    /// </summary>
    internal static async Task<RetentionPreview> ComputePreviewAsync(CaseManagerDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var rules = await db.RetentionRules.AsNoTracking().Where(r => r.IsEnabled).ToListAsync(cancellationToken);
        var files = new List<RetentionCandidate>();
        foreach (var rule in rules)
        {
            // Past the period: the basis day plus N years is today or earlier (Montréal days).
            var limit = today.AddYears(-rule.Years);
            var before = AppClock.FromLocal(limit.AddDays(1), TimeOnly.MinValue);
            var candidates = db.Households.AsNoTracking()
                .Where(h => h.AnonymizedAt == null && h.MergedIntoId == null &&
                            !db.AnonymizationRunItems.Any(i => i.HouseholdId == h.Id && i.DoneAt == null &&
                                db.AnonymizationRuns.Any(r => r.Id == i.RunId && r.Status != AnonymizationRunStatus.Completed)));
            List<(Guid Id, string FileNumber, DateOnly BasisOn)> due;
            switch (rule.Basis)
            {
                case RetentionBasis.Withdrawn:
                case RetentionBasis.Closed:
                {
                    var (status, kind) = rule.Basis == RetentionBasis.Withdrawn
                        ? (CaseStatus.Withdrawn, TransitionKind.Withdraw)
                        : (CaseStatus.Closed, TransitionKind.Close);
                    var rows = await candidates.Where(h => h.Status == status)
                        .Select(h => new
                        {
                            h.Id,
                            h.FileNumber,
                            Last = db.StageTransitions.Where(t => t.HouseholdId == h.Id && t.Kind == kind).Max(t => (DateTimeOffset?)t.OccurredAt),
                        })
                        .Where(x => x.Last != null && x.Last < before)
                        .ToListAsync(cancellationToken);
                    due = rows.Select(x => (x.Id, x.FileNumber, AppClock.DateOf(x.Last!.Value))).ToList();
                    break;
                }

                case RetentionBasis.Settled:
                {
                    var rows = await candidates.Where(h => h.Status == CaseStatus.Settled && h.Settlement != null)
                        .Select(h => new
                        {
                            h.Id,
                            h.FileNumber,
                            SettledOn = h.Settlement!.SettledOn,
                            h.LastContactOn,
                            LastCheck = db.RetentionChecks.Where(c => c.HouseholdId == h.Id).Max(c => (DateOnly?)(c.AnsweredOn ?? c.DueOn)),
                        })
                        .Where(x => x.SettledOn <= limit && (x.LastContactOn == null || x.LastContactOn <= limit) && (x.LastCheck == null || x.LastCheck <= limit))
                        .ToListAsync(cancellationToken);
                    due = rows.Select(x => (x.Id, x.FileNumber, Latest(x.SettledOn, x.LastContactOn, x.LastCheck))).ToList();
                    break;
                }

                default:
                    throw new InvalidOperationException($"Unknown retention basis {rule.Basis}.");
            }

            files.AddRange(due.Select(d => new RetentionCandidate(d.Id, d.FileNumber, rule.Basis, d.BasisOn, d.BasisOn.AddYears(rule.Years))));
        }

        var list = files.GroupBy(f => f.HouseholdId).Select(g => g.First()).OrderBy(f => f.DueOn).ThenBy(f => f.FileNumber).Take(MaxFilesPerRun).ToList();
        var counts = Enum.GetValues<RetentionBasis>().ToDictionary(b => b, b => list.Count(f => f.Basis == b));
        return new RetentionPreview(list, counts, today);
    }

    private static DateOnly Latest(DateOnly first, params DateOnly?[] others) =>
        others.Where(o => o is not null).Select(o => o!.Value).Append(first).Max();
}
