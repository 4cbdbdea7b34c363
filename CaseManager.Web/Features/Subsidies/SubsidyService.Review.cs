using CaseManager.Domain.Households;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Subsidies;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Subsidies;

/// <summary>The review side: the queue, the review view and the decisions.</summary>
public sealed partial class SubsidyService
{
    /// <summary>A reviewer, and the regions whose applications they review (null for every region: a supervisor), as the access rules say.</summary>
    private sealed record Reviewer(UserIdentity User, IReadOnlyList<string>? RegionCodes)
    {
        public bool MaySee(SubsidyApplication application) => AccessRules.MayReview(User, application);
    }

    /// <summary>Whether the signed-in person reviews subsidies (the navigation asks; the methods check again).</summary>
    public async Task<bool> IsReviewerAsync(CancellationToken cancellationToken = default) =>
        (await access.PermissionsAsync(cancellationToken)).Can(Operation.ReviewSubsidies);

    public async Task<ReviewQueueResult> GetQueueAsync(
        ReviewQueueScope scope, string? regionCode, int page, int pageSize, bool oldestFirst = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reviewer = await RequireReviewerAsync(cancellationToken);
        var query = db.SubsidyApplications.AsNoTracking().Where(AccessRules.ApplicationsReviewedBy(reviewer.User));

        query = scope switch
        {
            ReviewQueueScope.Waiting => query.Where(a => a.Status == SubsidyStatus.Submitted || a.Status == SubsidyStatus.UnderReview),
            ReviewQueueScope.InformationRequested => query.Where(a => a.Status == SubsidyStatus.InformationRequested),
            ReviewQueueScope.Decided => query.Where(a => a.Status == SubsidyStatus.Approved || a.Status == SubsidyStatus.Refused || a.Status == SubsidyStatus.Paid),
        };
        if (!string.IsNullOrEmpty(regionCode))
        {
            query = query.Where(a => a.DestinationRegionCode == regionCode);
        }

        var total = await query.CountAsync(cancellationToken);
        var french = AppCultures.IsFrench;
        var rows = from a in query
                   join h in db.Households on a.HouseholdId equals h.Id
                   join r in db.Regions on a.DestinationRegionCode equals r.Code
                   select new
                   {
                       a.Id, h.PrimaryApplicant.LastName, h.PrimaryApplicant.FirstName,
                       Size = FileRules.SizeOf(h.Spouse != null, h.Children.Count),
                       Code = r.Code, Region = french ? r.NameFr : r.NameEn, a.Status, a.SubmittedOn, a.WaitingSince, a.ComputedAmount, a.ReviewerName,
                   };
        rows = oldestFirst
            ? rows.OrderBy(x => x.WaitingSince ?? x.SubmittedOn).ThenBy(x => x.Id)
            : rows.OrderByDescending(x => x.WaitingSince ?? x.SubmittedOn).ThenBy(x => x.Id);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var items = await rows.Skip(Math.Max(page, 0) * size).Take(size).ToListAsync(cancellationToken);
        var today = clock.Today;
        return new ReviewQueueResult(
            items.Select(x => new ReviewQueueItem(
                x.Id, $"{x.LastName}, {x.FirstName}", x.Size, x.Code, x.Region, x.Status, x.SubmittedOn,
                x.WaitingSince is { } since ? today.DayNumber - since.DayNumber : null, x.ComputedAmount, x.ReviewerName)).ToList(),
            total);
    }

    /// <summary>The review view of an application: only what the criteria need. Reading it is logged in the file's access log.</summary>
    public async Task<SubsidyReviewView> GetReviewAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reviewer = await RequireReviewerAsync(cancellationToken);
        var application = await Load(db).AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException($"Subsidy application {applicationId} does not exist.");
        await EnsureMaySeeAsync(reviewer, application, "subsidy review", cancellationToken);
        var people = await db.Households.AsNoTracking().Where(h => h.Id == application.HouseholdId)
            .Select(h => new
            {
                Primary = h.PrimaryApplicant.FirstName + " " + h.PrimaryApplicant.LastName,
                Spouse = h.Spouse != null ? h.Spouse.FirstName + " " + h.Spouse.LastName : null,
                Children = h.Children.Select(c => c.FirstName).ToList(),
            })
            .SingleAsync(cancellationToken);
        var french = AppCultures.IsFrench;
        var region = await db.Regions.Where(r => r.Code == application.DestinationRegionCode).Select(r => french ? r.NameFr : r.NameEn).SingleAsync(cancellationToken);
        var ruleSetVersion = await db.SubsidyRuleSets.Where(r => r.Id == application.RuleSetId).Select(r => (int?)r.VersionNumber).SingleOrDefaultAsync(cancellationToken);
        var documents = await Documents(db, d => d.ApplicationId == applicationId).Select(d => d.View).ToListAsync(cancellationToken);
        await access.LogFileAsync(application.HouseholdId, reviewer.User, AccessAction.Viewed, "subsidy review", cancellationToken);
        var names = new List<string> { people.Primary };
        if (people.Spouse is { } spouse)
        {
            names.Add(spouse);
        }

        names.AddRange(people.Children);
        var own = application.CreatedById == reviewer.User.Id;
        return new SubsidyReviewView(
            application.Id, application.Status, names, application.HouseholdSizeAtSubmission ?? names.Count, application.DestinationRegionCode!, region,
            application.DestinationMunicipality, application.PlannedMoveOn, application.EstimatedCost, application.Explanation,
            application.SubmittedOn, application.WaitingSince is { } since ? clock.Today.DayNumber - since.DayNumber : null, ruleSetVersion,
            new SubsidyEvaluation(application.Results, application.ComputedAmount ?? 0m), documents, HistoryOf(application),
            application.InformationRequest, application.ReviewerName, application.ApprovedAmount, application.AmountReason,
            application.RefusalReason, application.DecisionComment, own, !own && application.AwaitsDecision, application.Version);
    }

    public Task TakeForReviewAsync(Guid applicationId, uint version, CancellationToken cancellationToken = default) =>
        DecideAsync(applicationId, version, (_, application, context) =>
        {
            application.TakeForReview(context);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Sends the application back to the counsellor with what is missing; the counsellor is told.</summary>
    public Task RequestInformationAsync(Guid applicationId, uint version, string request, CancellationToken cancellationToken = default) =>
        DecideAsync(applicationId, version, async (db, application, context) =>
        {
            application.RequestInformation(request, context);
            await NotifyAsync(db, ReminderKind.SubsidyInformationRequested, application, context, cancellationToken);
        }, cancellationToken);

    public Task ApproveAsync(Guid applicationId, uint version, decimal amount, string? reason, CancellationToken cancellationToken = default) =>
        DecideAsync(applicationId, version, async (db, application, context) =>
        {
            application.Approve(amount, reason, context);
            await NotifyAsync(db, ReminderKind.SubsidyApproved, application, context, cancellationToken);
        }, cancellationToken);

    public Task RefuseAsync(Guid applicationId, uint version, SubsidyRefusalReason reason, string comment, CancellationToken cancellationToken = default) =>
        DecideAsync(applicationId, version, async (db, application, context) =>
        {
            application.Refuse(reason, comment, context);
            await NotifyAsync(db, ReminderKind.SubsidyRefused, application, context, cancellationToken);
        }, cancellationToken);

    private async Task DecideAsync(
        Guid applicationId, uint version, Func<CaseManagerDbContext, SubsidyApplication, ActionContext, Task> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reviewer = await RequireReviewerAsync(cancellationToken);
        var context = clock.ContextFor(reviewer.User.Actor);
        var application = await Load(db).SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException($"Subsidy application {applicationId} does not exist.");
        await EnsureMaySeeAsync(reviewer, application, "subsidy decision", cancellationToken);
        if (application.CreatedById == reviewer.User.Id)
        {
            // A reviewer never decides an application they created (the domain refuses it too).
            throw new DomainRuleException("Subsidy.OwnApplication");
        }

        await ApplyAsync(db, application, version, context, change, cancellationToken);
        logger.LogInformation("Subsidy application {ApplicationId} now {Status} by {UserId}.", applicationId, application.Status, reviewer.User.Id);
    }

    private Task EnsureMaySeeAsync(Reviewer reviewer, SubsidyApplication application, string source, CancellationToken cancellationToken) =>
        access.DemandForFileAsync(reviewer.MaySee(application), application.HouseholdId, reviewer.User,
            $"review subsidy application {application.Id}", source, cancellationToken);

    private async Task<Reviewer> RequireReviewerAsync(CancellationToken cancellationToken)
    {
        var user = await access.DemandAsync(Operation.ReviewSubsidies, cancellationToken);
        return new Reviewer(user, AccessRules.ReviewRegionsOf(user));
    }
}
