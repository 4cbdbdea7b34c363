using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;
using CaseManager.Web.Files;

namespace CaseManager.Web.Features.Households;

/// <summary>The household's answer to a follow-up after the move; each question may stay unknown (null).</summary>
public sealed record RetentionAnswer(DateOnly AnsweredOn, bool? StillInRegion, bool? Working, bool? Housed, string? Comment);

/// <summary>A follow-up as the answer dialog shows it: which file, which horizon, due when, answered or not.</summary>
public sealed record RetentionCheckSummary(
    Guid Id,
    Guid HouseholdId,
    string FileNumber,
    string HouseholdName,
    int MonthsAfter,
    DateOnly DueOn,
    DateOnly? AnsweredOn);

/// <summary>
/// Answering the follow-ups after a settlement (3, 6 and 12 months): is the household still in the
/// region, working, housed? The reminders engine creates the follow-ups; this records the answers,
/// for the file's counsellor or a supervisor, with the audit.
/// </summary>
public sealed class RetentionService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    AppClock clock,
    ILogger<RetentionService> logger)
{
    private readonly FileRunner _files = new(contexts, access, clock);

    public async Task<RetentionCheckSummary> GetAsync(Guid checkId, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
                from check in db.RetentionChecks.AsNoTracking()
                join household in db.Households on check.HouseholdId equals household.Id
                where check.Id == checkId
                select new
                {
                    Summary = new RetentionCheckSummary(
                        check.Id, check.HouseholdId, household.FileNumber,
                        household.PrimaryApplicant.LastName + ", " + household.PrimaryApplicant.FirstName,
                        check.MonthsAfter, check.DueOn, check.AnsweredOn),
                    household.AssignedCounsellorId,
                })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Retention check {checkId} does not exist.");
        await access.DemandFileAsync(found.Summary.HouseholdId, found.AssignedCounsellorId, user, "retention", cancellationToken);
        return found.Summary;
    }

    /// <summary>
    /// Records the answer. Refused, with a reason a person can read: an answer dated after today,
    /// an answer that says nothing, a follow-up already answered (someone else got there first),
    /// a closed file. Nothing is changed when refused.
    /// </summary>
    public async Task AnswerAsync(Guid checkId, RetentionAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var householdId = await HouseholdOfAsync(checkId, cancellationToken);
        await _files.RunAsync(new FileCommand(householdId, "retention"), async work =>
        {
            var check = await work.Db.RetentionChecks.SingleAsync(c => c.Id == checkId, cancellationToken);
            if (check.IsAnswered)
            {
                throw new DomainRuleException("Retention.AlreadyAnswered");
            }

            check.Answer(answer.AnsweredOn, answer.StillInRegion, answer.Working, answer.Housed, answer.Comment, work.Context);
        }, cancellationToken);
        logger.LogInformation("Retention check {CheckId} of household {HouseholdId} answered.", checkId, householdId);
    }

    /// <summary>The follow-up's file, asked only of someone who works on files (so nobody else learns whether it exists).</summary>
    private async Task<Guid> HouseholdOfAsync(Guid checkId, CancellationToken cancellationToken)
    {
        await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RetentionChecks.Where(c => c.Id == checkId).Select(c => (Guid?)c.HouseholdId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Retention check {checkId} does not exist.");
    }
}
