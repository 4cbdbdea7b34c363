using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Web.Access;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.MyWeek;

/// <summary>One follow-up of a batch that was not recorded, and why (someone answered it first, the file was closed…).</summary>
public sealed record FollowUpBulkFailure(Guid CheckId, string FileNumber, IReadOnlyList<Refusal> Refusals);

public sealed record FollowUpBulkResult(int Done, IReadOnlyList<FollowUpBulkFailure> Failed);

/// <summary>
/// "Ma semaine": several follow-ups after a move answered at once ("toujours dans la région", "a
/// quitté la région", "aucune réponse") or dismissed with a reason. The batch is checked whole
/// first (size, reason, every file one the person may work on: <see cref="AccessRules.FilesOf"/>),
/// then each follow-up goes through <see cref="RetentionService.AnswerAsync"/> — its rules, its
/// access check, its audited save on the file — one by one; one refused does not stop the others.
/// </summary>
public sealed class FollowUpBulkService(
    IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, RetentionService retention, AppClock clock)
{
    public const int MaxBatch = 100;
    public const int MaxReasonLength = 500;

    /// <summary>Records the same answer on every follow-up: still in the region (true), gone (false), or unknown with <paramref name="comment"/>.</summary>
    public async Task<FollowUpBulkResult> AnswerAsync(
        IReadOnlyCollection<Guid> checkIds, bool? stillInRegion, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkIds);
        var files = await DemandBatchAsync(checkIds, cancellationToken);
        var answer = new RetentionAnswer(clock.Today, stillInRegion, Working: null, Housed: null, comment);
        var failed = new List<FollowUpBulkFailure>();
        foreach (var (checkId, fileNumber) in files)
        {
            try
            {
                await retention.AnswerAsync(checkId, answer, cancellationToken);
            }
            catch (DomainRuleException refused)
            {
                failed.Add(new FollowUpBulkFailure(checkId, fileNumber, refused.Refusals));
            }
            catch (ConcurrencyConflictException)
            {
                failed.Add(new FollowUpBulkFailure(checkId, fileNumber, [new Refusal("Retention.AlreadyAnswered")]));
            }
        }

        return new FollowUpBulkResult(files.Count - failed.Count, failed);
    }

    /// <summary>
    /// Closes every follow-up without an answer, the reason recorded as its comment (required, at
    /// most <see cref="MaxReasonLength"/> characters): too old to ask, the household unreachable…
    /// </summary>
    public async Task<FollowUpBulkResult> DismissAsync(IReadOnlyCollection<Guid> checkIds, string? reason, CancellationToken cancellationToken = default)
    {
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainRuleException("FollowUps.ReasonRequired");
        }

        if (trimmed.Length > MaxReasonLength)
        {
            throw new DomainRuleException("FollowUps.ReasonTooLong", MaxReasonLength);
        }

        return await AnswerAsync(checkIds, stillInRegion: null, trimmed, cancellationToken);
    }

    /// <summary>The batch's follow-ups and their file numbers, once it is known to be one the person may act on whole.</summary>
    private async Task<IReadOnlyList<(Guid CheckId, string FileNumber)>> DemandBatchAsync(IReadOnlyCollection<Guid> checkIds, CancellationToken cancellationToken)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var ids = checkIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainRuleException("FollowUps.NoneSelected");
        }

        if (ids.Count > MaxBatch)
        {
            throw new DomainRuleException("FollowUps.TooMany", MaxBatch);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = AccessRules.FilesOf(user).Apply(db.Households);
        var found = await (
                from check in db.RetentionChecks
                join household in db.Households on check.HouseholdId equals household.Id
                where ids.Contains(check.Id)
                orderby household.FileNumber, check.DueOn
                select new { check.Id, check.HouseholdId, household.FileNumber, Allowed = mine.Any(h => h.Id == household.Id) })
            .ToListAsync(cancellationToken);
        if (found.Count != ids.Count)
        {
            throw new NotFoundException("Some of the follow-ups do not exist.");
        }

        if (found.FirstOrDefault(f => !f.Allowed) is { } forbidden)
        {
            await access.DemandForFileAsync(false, forbidden.HouseholdId, user, $"act on follow-ups of household {forbidden.HouseholdId}", "my-week-bulk", cancellationToken);
        }

        return found.Select(f => (f.Id, f.FileNumber)).ToList();
    }
}
