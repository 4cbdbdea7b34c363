using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Sessions;
using CaseManager.Domain.Subsidies;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Subsidies;

/// <summary>
/// The moving subsidy (stage 5). From the file, the file's counsellor or a supervisor starts an
/// application, uploads its documents, submits it (the evaluation is frozen against the rule set in
/// force that day), withdraws it and records the payment. Reviewers — partner users of the
/// destination region, and supervisors (the program staff who review) — see a queue and a view
/// that holds only what the criteria need, and decide; nobody decides an application they created.
/// Every change is audited under the household's file and tells the people concerned (reminders
/// recorded once under their key); every application row carries its xmin, so a second decision
/// based on an older version is refused.
/// </summary>
public sealed partial class SubsidyService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    AppClock clock,
    SubsidySettings settings,
    ILogger<SubsidyService> logger)
{
    public const int MaxPageSize = 100;

    // ---------------------------------------------------------------------------------------------
    // From the file: the file's counsellor or a supervisor.
    // ---------------------------------------------------------------------------------------------

    public async Task<HouseholdSubsidies> GetForHouseholdAsync(Guid householdId, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var household = await HouseholdAsync(db, householdId, user, "subsidy", cancellationToken);
        var applications = await db.SubsidyApplications.AsNoTracking().Include(a => a.History)
            .Where(a => a.HouseholdId == householdId).OrderByDescending(a => a.CreatedAt).ToListAsync(cancellationToken);
        var ids = applications.Select(a => a.Id).ToList();
        var documents = await Documents(db, d => ids.Contains(d.ApplicationId)).ToListAsync(cancellationToken);
        var french = AppCultures.IsFrench;
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => french ? r.NameFr : r.NameEn, cancellationToken);
        var ruleSets = await db.SubsidyRuleSets.AsNoTracking().ToListAsync(cancellationToken);
        var views = new List<SubsidyApplicationView>();
        foreach (var application in applications)
        {
            var docs = documents.Where(d => d.ApplicationId == application.Id).Select(d => d.View).ToList();
            SubsidyEvaluation evaluation;
            var preview = application.SubmittedOn is null || application.IsEditable;
            if (preview)
            {
                var rules = EligibilityRuleSet.InForce(ruleSets, clock.Today);
                var facts = await FactsAsync(db, household.Id, household.Size, household.ImmigrationStatusCode, application, docs.Select(d => d.Type), clock.Today, cancellationToken);
                evaluation = rules is null ? new SubsidyEvaluation([], 0m) : SubsidyEvaluator.Evaluate(rules, facts);
            }
            else
            {
                evaluation = new SubsidyEvaluation(application.Results, application.ComputedAmount ?? 0m);
            }

            views.Add(new SubsidyApplicationView(
                application.Id, application.Status,
                new SubsidyApplicationDetails(application.DestinationRegionCode, application.DestinationMunicipality, application.PlannedMoveOn,
                    application.EstimatedCost, application.Explanation),
                application.DestinationRegionCode is { } code ? regions.GetValueOrDefault(code) : null,
                application.CreatedByName, application.SubmittedOn,
                ruleSets.FirstOrDefault(r => r.Id == application.RuleSetId)?.VersionNumber,
                preview ? household.Size : application.HouseholdSizeAtSubmission ?? household.Size,
                evaluation, preview, docs, HistoryOf(application),
                application.InformationRequest, application.ReviewerName, application.DecidedByName, application.DecidedOn,
                application.ApprovedAmount, application.AmountReason, application.RefusalReason, application.DecisionComment,
                application.PaidOn, application.PaidAmount, application.PaymentReference, application.WithdrawalReason,
                new SubsidyFilePermissions(
                    Edit: application.IsEditable,
                    Submit: application.IsEditable,
                    Withdraw: SubsidyApplication.CanMove(application.Status, SubsidyStatus.Withdrawn),
                    RecordPayment: application.Status == SubsidyStatus.Approved),
                application.Version));
        }

        var refusal = SubsidyApplication.StartRefusal(household.Stage, household.Status, applications.Select(a => a.Status));
        return new HouseholdSubsidies(householdId, household.Stage, household.Status, refusal is null, refusal, views);
    }

    /// <summary>Starts a draft for a household in the MovingSubsidy stage that has no open application.</summary>
    public async Task<Guid> StartAsync(Guid householdId, SubsidyApplicationDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var household = await HouseholdAsync(db, householdId, user, "subsidy", cancellationToken);
        var existing = await db.SubsidyApplications.AsNoTracking().Where(a => a.HouseholdId == householdId).ToListAsync(cancellationToken);
        if (SubsidyApplication.StartRefusal(household.Stage, household.Status, existing.Select(a => a.Status)) is { } refusal)
        {
            throw new DomainRuleException(refusal);
        }

        await CheckRegionAsync(db, details.DestinationRegionCode, cancellationToken);
        var application = SubsidyApplication.Start(householdId, details, context);
        db.ActingAs(context).SubsidyApplications.Add(application);
        await db.SaveOrConflictAsync(cancellationToken);
        logger.LogInformation("Subsidy application {ApplicationId} started for household {HouseholdId} by {UserId}.", application.Id, householdId, user.Id);
        return application.Id;
    }

    public Task UpdateAsync(Guid applicationId, uint version, SubsidyApplicationDetails details, CancellationToken cancellationToken = default) =>
        ChangeFromFileAsync(applicationId, version, async (db, application, context) =>
        {
            await CheckRegionAsync(db, details.DestinationRegionCode, cancellationToken);
            application.UpdateDetails(details, context);
        }, cancellationToken);

    /// <summary>
    /// Freezes the evaluation against the rule set in force today and sends the application to its
    /// reviewers (a resubmission after a request for information is a new submission).
    /// </summary>
    /// <param name="details">The form as the person sees it, saved in the same change (null: as saved).</param>
    public Task SubmitAsync(Guid applicationId, uint version, SubsidyApplicationDetails? details = null, CancellationToken cancellationToken = default) =>
        ChangeFromFileAsync(applicationId, version, async (db, application, context) =>
        {
            if (details is not null)
            {
                await CheckRegionAsync(db, details.DestinationRegionCode, cancellationToken);
                application.UpdateDetails(details, context);
            }

            var ruleSets = await db.SubsidyRuleSets.AsNoTracking().Where(r => r.EffectiveFrom <= context.Today).ToListAsync(cancellationToken);
            var rules = EligibilityRuleSet.InForce(ruleSets, context.Today) ?? throw new DomainRuleException("Subsidy.NoRuleSet");
            var household = await db.Households.AsNoTracking().Where(h => h.Id == application.HouseholdId)
                .Select(h => new { h.ImmigrationStatusCode, Size = FileRules.SizeOf(h.Spouse != null, h.Children.Count) })
                .SingleAsync(cancellationToken);
            var types = await db.SubsidyDocuments.Where(d => d.ApplicationId == application.Id).Select(d => d.Type).ToListAsync(cancellationToken);
            var facts = await FactsAsync(db, application.HouseholdId, household.Size, household.ImmigrationStatusCode, application, types, context.Today, cancellationToken);
            application.Submit(rules, household.Size, SubsidyEvaluator.Evaluate(rules, facts), context);
            await NotifyAsync(db, ReminderKind.SubsidySubmitted, application, context, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The evaluation a submission would freeze now with <paramref name="details"/> (the form as the
    /// person sees it): what the person confirms before depositing. Nothing is saved.
    /// </summary>
    public async Task<SubsidyEvaluation> PreviewAsync(Guid applicationId, SubsidyApplicationDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await db.SubsidyApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException($"Subsidy application {applicationId} does not exist.");
        var household = await HouseholdAsync(db, application.HouseholdId, user, "subsidy", cancellationToken);
        await CheckRegionAsync(db, details.DestinationRegionCode, cancellationToken);
        application.UpdateDetails(details, context); // an untracked copy: the details are checked, never saved
        var ruleSets = await db.SubsidyRuleSets.AsNoTracking().Where(r => r.EffectiveFrom <= context.Today).ToListAsync(cancellationToken);
        var rules = EligibilityRuleSet.InForce(ruleSets, context.Today) ?? throw new DomainRuleException("Subsidy.NoRuleSet");
        var types = await db.SubsidyDocuments.Where(d => d.ApplicationId == application.Id).Select(d => d.Type).ToListAsync(cancellationToken);
        var facts = await FactsAsync(db, household.Id, household.Size, household.ImmigrationStatusCode, application, types, context.Today, cancellationToken);
        return SubsidyEvaluator.Evaluate(rules, facts);
    }

    public Task WithdrawAsync(Guid applicationId, uint version, string reason, CancellationToken cancellationToken = default) =>
        ChangeFromFileAsync(applicationId, version, (_, application, context) =>
        {
            application.Withdraw(reason, context);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Records the payment of an approved application (the file's counsellor or a supervisor).</summary>
    public Task RecordPaymentAsync(Guid applicationId, uint version, DateOnly paidOn, decimal amount, string reference, CancellationToken cancellationToken = default) =>
        ChangeFromFileAsync(applicationId, version, (_, application, context) =>
        {
            application.RecordPayment(paidOn, amount, reference, context);
            return Task.CompletedTask;
        }, cancellationToken);

    // ---------------------------------------------------------------------------------------------
    // Documents.
    // ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Adds a supporting document while the counsellor holds the application. Only PDF, JPEG and
    /// PNG files are taken, recognized by their first bytes (never by their name), up to the
    /// configured size.
    /// </summary>
    public async Task<Guid> AddDocumentAsync(Guid applicationId, SubsidyDocumentType type, string fileName, byte[] data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        if (!Enum.IsDefined(type))
        {
            throw new DomainRuleException("Subsidy.DocumentTypeRequired");
        }

        if (data.Length == 0 || data.Length > settings.MaxDocumentBytes)
        {
            throw new DomainRuleException("Subsidy.DocumentTooLarge", settings.MaxDocumentBytes / (1024 * 1024));
        }

        var contentType = DocumentFormats.Detect(data) ?? throw new DomainRuleException("Subsidy.DocumentFormat");
        var name = DocumentFormats.SafeFileName(fileName, contentType);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await db.SubsidyApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException($"Subsidy application {applicationId} does not exist.");
        await access.DemandFileAsync(db, application.HouseholdId, user, "subsidy document", cancellationToken);
        application.EnsureDocumentsEditable();
        var document = new SubsidyDocument(application, type, name, contentType, data.Length, context);
        db.ActingAs(context).SubsidyDocuments.Add(document);
        db.SubsidyDocumentContents.Add(new SubsidyDocumentContent { DocumentId = document.Id, Data = data });
        await db.SaveOrConflictAsync(cancellationToken);
        return document.Id;
    }

    public async Task RemoveDocumentAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var document = await db.SubsidyDocuments.SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken)
            ?? throw new NotFoundException($"Subsidy document {documentId} does not exist.");
        await access.DemandFileAsync(db, document.HouseholdId, user, "subsidy document", cancellationToken);
        var application = await db.SubsidyApplications.AsNoTracking().SingleAsync(a => a.Id == document.ApplicationId, cancellationToken);
        application.EnsureDocumentsEditable();
        db.ActingAs(context).SubsidyDocuments.Remove(document);
        await db.SaveOrConflictAsync(cancellationToken);
    }

    /// <summary>
    /// A document's bytes for <paramref name="user"/>: someone who may open the household's file,
    /// or a reviewer who may see the application. Every download is logged in the access log; a
    /// refusal too (as Denied).
    /// </summary>
    public async Task<SubsidyDocumentFile> OpenDocumentAsync(Guid documentId, string source, CancellationToken cancellationToken = default)
    {
        var user = await access.PersonAsync(cancellationToken);
        // Nobody signed in (or an account deactivated since) learns nothing, not even whether the document exists;
        // anyone else is judged on the document's file below, and a refusal is in that file's access log.
        access.Demand(user, user.IsAuthenticated, "download a subsidy document");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var document = await db.SubsidyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken)
            ?? throw new NotFoundException($"Subsidy document {documentId} does not exist.");
        var application = await db.SubsidyApplications.AsNoTracking().SingleAsync(a => a.Id == document.ApplicationId, cancellationToken);
        var counsellorId = await db.Households.Where(h => h.Id == document.HouseholdId).Select(h => h.AssignedCounsellorId).SingleAsync(cancellationToken);
        await access.DemandForFileAsync(
            AccessRules.MayOpenFile(user, counsellorId) || AccessRules.MayReview(user, application),
            document.HouseholdId, user, $"download document {documentId}", source, cancellationToken);

        var data = await db.SubsidyDocumentContents.AsNoTracking().Where(c => c.DocumentId == documentId).Select(c => c.Data).SingleAsync(cancellationToken);
        await access.LogFileAsync(document.HouseholdId, user, AccessAction.DocumentDownloaded, $"{source} ({document.FileName})", cancellationToken);
        return new SubsidyDocumentFile(document.FileName, document.ContentType, data);
    }

    // ---------------------------------------------------------------------------------------------
    // Shared helpers.
    // ---------------------------------------------------------------------------------------------

    private sealed record HouseholdFacts(Guid Id, Stage Stage, CaseStatus Status, string? ImmigrationStatusCode, int Size);

    private async Task<HouseholdFacts> HouseholdAsync(CaseManagerDbContext db, Guid householdId, UserIdentity user, string source, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId)
            .Select(h => new { h.AssignedCounsellorId, h.Stage, h.Status, h.ImmigrationStatusCode, Size = FileRules.SizeOf(h.Spouse != null, h.Children.Count) })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Household {householdId} does not exist.");
        await access.DemandFileAsync(householdId, household.AssignedCounsellorId, user, source, cancellationToken);
        return new HouseholdFacts(householdId, household.Stage, household.Status, household.ImmigrationStatusCode, household.Size);
    }

    /// <summary>The facts of an application's evaluation; plan, session and skipped stages come from the workflow's own query.</summary>
    private static async Task<SubsidyFacts> FactsAsync(
        CaseManagerDbContext db, Guid householdId, int size, string? statusCode, SubsidyApplication application,
        IEnumerable<SubsidyDocumentType> documents, DateOnly today, CancellationToken cancellationToken) =>
        new(
            size,
            statusCode,
            application.DestinationRegionCode,
            documents.ToHashSet(),
            await WorkflowFactsQuery.ReadAsync(db, householdId, cancellationToken),
            await WorkflowFactsQuery.HistoryAsync(db, householdId, cancellationToken),
            EarlierSubsidies: await db.SubsidyApplications.CountAsync(
                a => a.HouseholdId == householdId && a.Id != application.Id && (a.Status == SubsidyStatus.Approved || a.Status == SubsidyStatus.Paid), cancellationToken),
            application.PlannedMoveOn,
            today);

    private static List<SubsidyHistoryView> HistoryOf(SubsidyApplication application) =>
        application.History.OrderBy(h => h.Sequence).Select(h => new SubsidyHistoryView(h.From, h.To, h.Comment, h.At, h.ByName)).ToList();

    private sealed record DocumentRow(Guid ApplicationId, SubsidyDocumentView View);

    private static IQueryable<DocumentRow> Documents(CaseManagerDbContext db, System.Linq.Expressions.Expression<Func<SubsidyDocument, bool>> filter) =>
        db.SubsidyDocuments.AsNoTracking().Where(filter).OrderBy(d => d.UploadedAt).ThenBy(d => d.Id)
            .Select(d => new DocumentRow(d.ApplicationId, new SubsidyDocumentView(d.Id, d.Type, d.FileName, d.ContentType, d.Size, d.UploadedAt, d.UploadedByName)));

    private static async Task CheckRegionAsync(CaseManagerDbContext db, string? regionCode, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(regionCode) && !await db.Regions.AnyAsync(r => r.Code == regionCode.Trim(), cancellationToken))
        {
            throw new DomainRuleException("Profile.UnknownRegion");
        }
    }

    /// <summary>
    /// Records the reminder that tells the people concerned (the delivery job makes the in-app
    /// notification and the email, or the digest): once per application, kind and day, and only
    /// when its rule is on.
    /// </summary>
    private static async Task NotifyAsync(CaseManagerDbContext db, ReminderKind kind, SubsidyApplication application, ActionContext context, CancellationToken cancellationToken)
    {
        var rule = await db.ReminderRules.AsNoTracking().SingleOrDefaultAsync(r => r.Kind == kind, cancellationToken);
        if (rule is not { Enabled: true })
        {
            return;
        }

        var key = $"{kind}:{application.Id}:{context.Today:yyyy-MM-dd}";
        if (await db.Reminders.AnyAsync(r => r.DedupKey == key, cancellationToken))
        {
            return;
        }

        db.Reminders.Add(new Reminder
        {
            Id = Guid.CreateVersion7(context.Now),
            Kind = kind,
            HouseholdId = application.HouseholdId,
            SubjectId = application.Id,
            DueOn = context.Today,
            SubjectOn = context.Today,
            DedupKey = key,
            CreatedAt = context.Now,
        });
    }

    private async Task ChangeFromFileAsync(
        Guid applicationId, uint version, Func<CaseManagerDbContext, SubsidyApplication, ActionContext, Task> change, CancellationToken cancellationToken)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var application = await Load(db).SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken)
            ?? throw new NotFoundException($"Subsidy application {applicationId} does not exist.");
        await access.DemandFileAsync(db, application.HouseholdId, user, "subsidy", cancellationToken);
        await ApplyAsync(db, application, version, context, change, cancellationToken);
    }

    private static async Task ApplyAsync(
        CaseManagerDbContext db, SubsidyApplication application, uint version, ActionContext context,
        Func<CaseManagerDbContext, SubsidyApplication, ActionContext, Task> change, CancellationToken cancellationToken)
    {
        // The version the person saw: someone saved since, they are told; someone saving between
        // this read and the write, PostgreSQL's xmin refuses it.
        if (application.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(application).Property(a => a.Version).OriginalValue = version;
        await change(db.ActingAs(context), application, context);
        db.Entry(application).Property(a => a.UpdatedAt).IsModified = true;
        await db.SaveOrConflictAsync(cancellationToken);
    }

    private static IQueryable<SubsidyApplication> Load(CaseManagerDbContext db) => db.SubsidyApplications.Include(a => a.History);
}
