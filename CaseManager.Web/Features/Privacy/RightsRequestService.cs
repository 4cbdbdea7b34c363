using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Privacy;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Privacy.Anonymization;
using CaseManager.Web.Features.Privacy.Export;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using CaseManager.Web.Localization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Privacy;

public sealed record RightsRequestQuery
{
    public RightsRequestStatus? Status { get; init; }
    public bool OpenOnly { get; init; }
    public bool OverdueOnly { get; init; }
    public string? Search { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record RightsRequestRow(
    Guid Id, RightsRequestType Type, string RequesterName, string? FileNumber, DateOnly ReceivedOn, DateOnly DueOn, int? DaysLeft, bool IsOverdue,
    string? AssigneeName, RightsRequestStatus Status);

public sealed record RightsRequestPage(IReadOnlyList<RightsRequestRow> Rows, int Total);

/// <summary>What the officer types for a request (new or edited).</summary>
public sealed record RightsRequestDraft
{
    public RightsRequestType Type { get; init; }
    public string RequesterName { get; init; } = "";
    public string? RequesterContact { get; init; }
    public Guid? HouseholdId { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public string? AssigneeId { get; init; }
    public RightsRequestStatus Status { get; init; } = RightsRequestStatus.Received;
    public DateOnly? AnsweredOn { get; init; }
    public string? RefusalReason { get; init; }
    public string? Notes { get; init; }
}

public sealed record HouseholdChoice(Guid Id, string FileNumber, string Name, string? PreferredCulture);

public sealed record OfficerChoice(string Id, string Name);

/// <summary>The archive of an export, ready to download.</summary>
public sealed record ExportArchive(string FileName, byte[] Content);

/// <summary>
/// The register of rights requests (access, rectification, portability, consent withdrawal,
/// deletion): the privacy officer records, assigns and answers them within the legal 30 days,
/// exports a file for access and portability, and approves the anonymization of a deletion.
/// </summary>
public sealed class RightsRequestService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    PrivacyAccess access,
    AccessPolicy householdAccess,
    HouseholdExporter exporter,
    RetentionScheduleService retention,
    HouseholdAnonymizer anonymizer,
    IBackgroundJobClient jobs,
    AppClock clock,
    ILogger<RightsRequestService> logger)
{
    public const int MaxPageSize = 100;

    public async Task<RightsRequestPage> SearchAsync(RightsRequestQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var requests = db.RightsRequests.AsNoTracking();
        if (query.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }

        if (query.OpenOnly || query.OverdueOnly)
        {
            requests = requests.Where(r => r.Status == RightsRequestStatus.Received || r.Status == RightsRequestStatus.InProgress);
        }

        if (query.OverdueOnly)
        {
            requests = requests.Where(r => r.DueOn < today);
        }

        foreach (var pattern in LikeSearch.WordPatterns(query.Search))
        {
            requests = requests.Where(r => EF.Functions.Like(CaseManagerDbContext.Unaccent(r.RequesterName), CaseManagerDbContext.Unaccent(pattern)) ||
                                           db.Households.Any(h => h.Id == r.HouseholdId && EF.Functions.Like(h.FileNumber, pattern)));
        }

        var total = await requests.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = await requests.OrderBy(r => r.Status == RightsRequestStatus.Received || r.Status == RightsRequestStatus.InProgress ? 0 : 1)
            .ThenBy(r => r.DueOn).ThenBy(r => r.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize)
            .Select(r => new { Request = r, FileNumber = db.Households.Where(h => h.Id == r.HouseholdId).Select(h => h.FileNumber).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return new RightsRequestPage(
            page.Select(x => new RightsRequestRow(
                x.Request.Id, x.Request.Type, x.Request.RequesterName, x.FileNumber, x.Request.ReceivedOn, x.Request.DueOn,
                x.Request.DaysLeft(today), x.Request.IsOverdue(today), x.Request.AssigneeName, x.Request.Status)).ToList(),
            total);
    }

    public async Task<RightsRequest> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RightsRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Rights request {id} does not exist.");
    }

    public async Task<Guid> CreateAsync(RightsRequestDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = new RightsRequest
        {
            Id = Guid.CreateVersion7(clock.Now),
            CreatedAt = clock.Now,
            CreatedByName = officer.DisplayName,
        };
        await ApplyAsync(db, request, draft, cancellationToken);
        db.RightsRequests.Add(request);
        access.Journal(db, officer, nameof(RightsRequest), request.Id, "Created", $"{request.Type}, {request.Status}");
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Rights request {RequestId} recorded by {UserId}.", request.Id, officer.Id);
        return request.Id;
    }

    /// <summary>Saves the request from the version read (<see cref="ConcurrencyConflictException"/> otherwise).</summary>
    public async Task UpdateAsync(Guid id, uint version, RightsRequestDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.RightsRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Rights request {id} does not exist.");
        if (request.Version != version)
        {
            throw new ConcurrencyConflictException();
        }

        db.Entry(request).Property(r => r.Version).OriginalValue = version;
        await ApplyAsync(db, request, draft, cancellationToken);
        var changed = db.Entry(request).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        access.Journal(db, officer, nameof(RightsRequest), id, "Updated", string.Join(", ", changed));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }

    /// <summary>Files by file number or name, for linking a request (at most 10).</summary>
    public async Task<IReadOnlyList<HouseholdChoice>> FindHouseholdsAsync(string? search, CancellationToken cancellationToken = default)
    {
        await access.RequireOfficerAsync(cancellationToken);
        var patterns = LikeSearch.WordPatterns(search).ToList();
        if (patterns.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var households = db.Households.AsNoTracking().Where(h => h.AnonymizedAt == null);
        foreach (var pattern in patterns)
        {
            households = households.Where(h => EF.Functions.Like(EF.Property<string>(h, "SearchText"), CaseManagerDbContext.Unaccent(pattern)));
        }

        var rows = await households.OrderBy(h => h.FileNumber).Take(10)
            .Select(h => new { h.Id, h.FileNumber, h.PrimaryApplicant.LastName, h.PrimaryApplicant.FirstName, Language = db.Registrations.Where(r => r.HouseholdId == h.Id).Select(r => r.Language).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new HouseholdChoice(r.Id, r.FileNumber, $"{r.LastName}, {r.FirstName}", r.Language)).ToList();
    }

    public async Task<HouseholdChoice?> HouseholdAsync(Guid? householdId, CancellationToken cancellationToken = default)
    {
        await access.RequireOfficerAsync(cancellationToken);
        if (householdId is null)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Households.AsNoTracking().Where(h => h.Id == householdId)
            .Select(h => new { h.Id, h.FileNumber, h.PrimaryApplicant.LastName, h.PrimaryApplicant.FirstName, Language = db.Registrations.Where(r => r.HouseholdId == h.Id).Select(r => r.Language).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : new HouseholdChoice(row.Id, row.FileNumber, $"{row.LastName}, {row.FirstName}", row.Language);
    }

    /// <summary>The privacy officers a request may be assigned to.</summary>
    public async Task<IReadOnlyList<OfficerChoice>> OfficersAsync(CancellationToken cancellationToken = default)
    {
        await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AccessPeople.PrivacyOfficers(db).AsNoTracking()
            .Where(u => u.IsActive)
            .OrderBy(u => u.DisplayName).Select(u => new OfficerChoice(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The archive for an access or portability request: the officer's choice about internal notes is
    /// recorded on the request, the export in the file's access log. Refused without a linked file.
    /// </summary>
    public async Task<ExportArchive> ExportAsync(Guid id, bool includeInternal, string? culture, string source, CancellationToken cancellationToken = default)
    {
        var officer = await access.RequireOfficerAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.RightsRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Rights request {id} does not exist.");
        if (request.HouseholdId is not { } householdId)
        {
            throw new DomainRuleException("Privacy.Export.NoFile");
        }

        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId)
            .Select(h => new { h.FileNumber, h.AnonymizedAt, Language = db.Registrations.Where(r => r.HouseholdId == h.Id).Select(r => r.Language).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        if (household.AnonymizedAt is not null)
        {
            throw new DomainRuleException("Privacy.Export.Anonymized");
        }

        var language = CultureInfo.GetCultureInfo(AppCultures.Normalize(culture ?? household.Language));
        var now = clock.Now;
        var tables = await exporter.ReadAsync(db, householdId, includeInternal, cancellationToken);
        var files = await exporter.ReadFilesAsync(db, householdId, includeInternal, cancellationToken);
        var labels = await ExportLabels.LoadAsync(db, language, cancellationToken);
        var content = HouseholdExporter.WriteArchive(tables, household.FileNumber, includeInternal, language, now, files, labels);

        request.ExportIncludedInternal = includeInternal;
        request.ExportedAt = now;
        request.ExportedByName = officer.DisplayName;
        request.UpdatedAt = now;
        if (request.Status == RightsRequestStatus.Received)
        {
            request.Status = RightsRequestStatus.InProgress;
        }

        access.Journal(db, officer, nameof(RightsRequest), id, "Exported", includeInternal ? "internal notes included" : "internal notes excluded");
        await db.SaveChangesAsync(cancellationToken);
        await householdAccess.LogFileAsync(householdId, officer, AccessAction.Exported, source, cancellationToken);
        return new ExportArchive($"dossier-{household.FileNumber}-{AppClock.DateOf(now):yyyy-MM-dd}.zip", content);
    }

    /// <summary>
    /// A deletion request: the officer approves, the file is anonymized at once by the same
    /// anonymizer as the retention runs (a one-file run, processed now and recorded like the others).
    /// </summary>
    public async Task<Guid> ApproveDeletionAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var officer = await access.RequireOfficerAsync(cancellationToken);
        Guid runId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var request = await db.RightsRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new NotFoundException($"Rights request {id} does not exist.");
            if (request.Type != RightsRequestType.Deletion)
            {
                throw new DomainRuleException("Privacy.Deletion.NotADeletion");
            }

            if (request.HouseholdId is not { } householdId)
            {
                throw new DomainRuleException("Privacy.Export.NoFile");
            }

            if (request.DeletionApprovedAt is not null || await db.Households.AnyAsync(h => h.Id == householdId && h.AnonymizedAt != null, cancellationToken))
            {
                throw new DomainRuleException("Privacy.Deletion.AlreadyDone");
            }

            var run = retention.NewRun(officer, AnonymizationRunKind.DeletionRequest, id, 1);
            db.AnonymizationRuns.Add(run);
            db.AnonymizationRunItems.Add(new AnonymizationRunItem { RunId = run.Id, HouseholdId = householdId });
            request.DeletionApprovedAt = clock.Now;
            request.DeletionApprovedByName = officer.DisplayName;
            request.UpdatedAt = clock.Now;
            if (request.Status == RightsRequestStatus.Received)
            {
                request.Status = RightsRequestStatus.InProgress;
            }

            access.Journal(db, officer, nameof(RightsRequest), id, "DeletionApproved", $"run {run.Id}");
            await db.SaveChangesAsync(cancellationToken);
            runId = run.Id;
        }

        if (!await anonymizer.ProcessAsync(runId, cancellationToken: cancellationToken))
        {
            jobs.Enqueue<AnonymizationJob>(job => job.RunAsync(runId, CancellationToken.None));
        }

        return runId;
    }

    private async Task ApplyAsync(CaseManagerDbContext db, RightsRequest request, RightsRequestDraft draft, CancellationToken cancellationToken)
    {
        var refusals = RightsRequest.Validate(draft.RequesterName, draft.ReceivedOn, draft.Status, draft.AnsweredOn, draft.RefusalReason, draft.Notes, clock.Today).ToList();
        string? assigneeName = null;
        if (draft.AssigneeId is not null)
        {
            assigneeName = await AccessPeople.PrivacyOfficers(db).Where(u => u.Id == draft.AssigneeId && u.IsActive)
                .Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            if (assigneeName is null)
            {
                refusals.Add(new Refusal("Privacy.Request.AssigneeInvalid"));
            }
        }

        if (draft.HouseholdId is { } householdId && !await db.Households.AnyAsync(h => h.Id == householdId, cancellationToken))
        {
            refusals.Add(new Refusal("Privacy.Request.FileUnknown"));
        }

        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }

        request.Type = draft.Type;
        request.RequesterName = draft.RequesterName.Trim();
        request.RequesterContact = string.IsNullOrWhiteSpace(draft.RequesterContact) ? null : draft.RequesterContact.Trim();
        request.HouseholdId = draft.HouseholdId;
        request.ReceivedOn = draft.ReceivedOn;
        request.DueOn = RightsRequest.DueDateFor(draft.ReceivedOn);
        request.AssigneeId = draft.AssigneeId;
        request.AssigneeName = assigneeName;
        request.Status = draft.Status;
        request.AnsweredOn = draft.AnsweredOn;
        request.RefusalReason = string.IsNullOrWhiteSpace(draft.RefusalReason) ? null : draft.RefusalReason.Trim();
        request.Notes = string.IsNullOrWhiteSpace(draft.Notes) ? null : draft.Notes.Trim();
        request.UpdatedAt = clock.Now;
    }
}
