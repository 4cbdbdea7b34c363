using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Assignment;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Web.Features.Assignment;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;
using CaseManager.Web.Files;

namespace CaseManager.Web.Features.Households;

/// <summary>A household's file as its page shows it.</summary>
public sealed record HouseholdDetails(
    Household Household,
    string? CounsellorName,
    string OrganizationName,
    IReadOnlyDictionary<Stage, DateTimeOffset> StageDates,
    WorkflowFacts Facts)
{
    /// <summary>Whether the file may move to its next stage now, with the reasons if not.</summary>
    public WorkflowDecision AdvanceDecision(DateOnly today) =>
        Household.Stage.Next() is { } next ? Household.CanAdvanceTo(next, today, Facts) : WorkflowDecision.Allowed;

    public WorkflowDecision Evaluate(TransitionRequest request, DateOnly today) => Household.Evaluate(request, today, Facts);
}

public sealed record JournalPage(IReadOnlyList<JournalEntry> Entries, int Total);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>Another file with the same email or phone. Only what coordination needs: no personal details.</summary>
/// <summary>
/// Another file with the same email or phone. Only a file the person may open is named (its id,
/// number and counsellor); another counsellor's file is only said to exist (need to know).
/// </summary>
public sealed record PossibleDuplicate(Guid? Id, string? FileNumber, string? CounsellorName, bool SameEmail, bool SamePhone)
{
    public bool Accessible => Id is not null;
}

/// <summary>
/// Everything a counsellor or supervisor does to a household's file. Each operation opens its own
/// DbContext, checks who asks, lets the domain decide, and saves the change with its audit.
/// </summary>
public sealed partial class HouseholdService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    AppClock clock,
    ILogger<HouseholdService> logger)
{
    private static readonly FileDistributor Distribution = new();

    private readonly FileRunner _files = new(contexts, access, clock);

    /// <summary>Opens a file for reading; the opening is logged, and so is a refusal.</summary>
    public Task<HouseholdDetails> GetAsync(Guid id, string source, CancellationToken cancellationToken = default) =>
        _files.ReadHouseholdAsync(new FileCommand(id, source), async (work, household) =>
        {
            var db = work.Db;
            var counsellorName = household.AssignedCounsellorId is null
                ? null
                : await db.Users.Where(u => u.Id == household.AssignedCounsellorId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            var organizationName = await db.Organizations.Where(o => o.Id == household.OrganizationId).Select(o => o.Code).SingleOrDefaultAsync(cancellationToken) ?? "";
            return new HouseholdDetails(household, counsellorName, organizationName, household.StageEntryDates(),
                await WorkflowFactsQuery.ReadAsync(db, id, cancellationToken));
        }, cancellationToken);

    /// <summary>
    /// Opens a new file by hand. A counsellor keeps the file they open; a supervisor names the
    /// counsellor, or names nobody and the equitable distribution chooses. Either way the file's
    /// first assignment is recorded with its reason.
    /// </summary>
    public async Task<Household> CreateAsync(HouseholdProfile profile, string? counsellorId, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var choosesCounsellor = AccessRules.Allows(user, Operation.AssignFiles);
        var distribute = choosesCounsellor && string.IsNullOrEmpty(counsellorId);
        var assignee = choosesCounsellor ? counsellorId : user.Id;
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, profile, context.Today, cancellationToken);
        var organizationId = distribute
            ? 0
            : await db.Users.Where(u => u.Id == assignee).Select(u => u.OrganizationId).SingleOrDefaultAsync(cancellationToken)
              ?? throw new DomainRuleException("Household.CounsellorWithoutOrganization");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var choice = distribute ? await Distribution.ChooseAsync(db, profile.Languages, context.Today, cancellationToken) : null;
        var fileNumber = await FileNumbers.NextAsync(db, context.Today, cancellationToken);
        var household = Household.Open(
            fileNumber, profile, RegistrationSource.Manual, choice?.OrganizationId ?? organizationId, choice?.CounsellorId ?? assignee, context);
        db.ActingAs(context).Households.Add(household);
        // Files of the same household (email, phone, or name and birth date) go to the supervisors' queue.
        await Intake.IntakeService.FlagDuplicatesAsync(db, household, context.Now, cancellationToken);
        db.Assignments.Add(choice is not null
            ? FileDistributor.RecordOf(household, choice, context)
            : AssignmentRecord.Manual(household.Id, null, assignee!, organizationId,
                choosesCounsellor ? AssignmentReason.ChosenBySupervisor : AssignmentReason.CreatedByCounsellor, null, null, context));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Household {FileNumber} opened by {UserId}.", fileNumber, user.Id);
        return household;
    }

    public async Task UpdateProfileAsync(Guid id, uint version, HouseholdProfile profile, CancellationToken cancellationToken = default)
    {
        await _files.ChangeHouseholdAsync(new FileCommand(id, "edit"), version, async (work, household) =>
        {
            await ValidateAsync(work.Db, profile, work.Context.Today, cancellationToken);
            household.UpdateProfile(profile, work.Context);
        }, cancellationToken);
    }

    /// <summary>Any move of the workflow: advance, skip, go back, hold, withdraw, reactivate, settle, close.</summary>
    public async Task ApplyTransitionAsync(Guid id, uint version, TransitionRequest request, CancellationToken cancellationToken = default)
    {
        // The workflow judges every status itself (a closed file refuses every move), so the file only needs to be readable.
        await _files.ChangeHouseholdAsync(new FileCommand(id, "edit") { Needs = FileNeed.Readable }, version, async (work, household) =>
        {
            var db = work.Db;
            var checkedRequest = request switch
            {
                // What the database knows wins over what the form said.
                SettleRequest settle => settle with
                {
                    RegionIsHost = await db.Regions.AnyAsync(r => r.Code == settle.RegionCode && r.IsHostRegion, cancellationToken),
                },
                WithdrawRequest withdraw when !string.IsNullOrWhiteSpace(withdraw.ReasonCode) &&
                    !await db.WithdrawalReasons.AnyAsync(r => r.Code == withdraw.ReasonCode && r.IsActive, cancellationToken)
                    => throw new DomainRuleException("Workflow.UnknownWithdrawalReason"),
                _ => request,
            };
            household.Apply(checkedRequest, work.Context, await WorkflowFactsQuery.ReadAsync(db, id, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>
    /// Records a contact; the file's last-contact date follows. A contact overwrites nothing anyone
    /// else wrote, so it does not need the version the person saw.
    /// </summary>
    public async Task RecordContactAsync(
        Guid id, ContactChannel channel, DateOnly day, TimeOnly time, string text, CancellationToken cancellationToken = default)
    {
        await _files.ChangeHouseholdAsync(new FileCommand(id, "edit"), version: null, (work, household) =>
        {
            work.Db.JournalEntries.Add(household.RecordContact(channel, AppClock.FromLocal(day, time), day, text, work.Context));
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>A note never conflicts with someone else's edit of the file: it only adds a line to the journal.</summary>
    public Task AddNoteAsync(Guid id, string text, CancellationToken cancellationToken = default) =>
        _files.RunAsync(new FileCommand(id, "note"), work =>
        {
            work.Db.JournalEntries.Add(work.File.AddNote(text, work.Context));
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<JournalPage> GetJournalAsync(Guid id, int take, CancellationToken cancellationToken = default) =>
        _files.ReadAsync(new FileCommand(id, "journal"), async work =>
    {
        var query = work.Db.JournalEntries.AsNoTracking().Where(j => j.HouseholdId == id);
        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(j => j.OccurredAt).ThenByDescending(j => j.CreatedAt).Take(take).ToListAsync(cancellationToken);
        return new JournalPage(entries, total);
    }, cancellationToken);

    public Task<AuditPage> GetAuditAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken = default) =>
        _files.ReadAsync(new FileCommand(id, "history"), async work =>
    {
        var query = work.Db.AuditEntries.AsNoTracking().Where(a => a.HouseholdId == id);
        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditPage(entries, total);
    }, cancellationToken);

    /// <summary>
    /// Other files with this email or phone (possible duplicates, never merged silently). Another
    /// counsellor's file is reported without its number or counsellor, so nobody can test whether
    /// a person is a client; every file found is logged in the access log. Opening the file anyway
    /// flags the pair for the supervisors (<see cref="CreateAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<PossibleDuplicate>> FindPossibleDuplicatesAsync(
        string? email, string? phone, Guid? exceptId, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var normalizedEmail = ContactRules.NormalizeEmail(email);
        var normalizedPhone = phone is not null && ContactRules.IsValidPhone(phone) ? ContactRules.NormalizePhone(phone) : null;
        if (normalizedEmail is null && normalizedPhone is null)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matches = await db.Households.AsNoTracking()
            .Where(h => h.Id != exceptId &&
                        ((normalizedEmail != null && h.Contact.Email == normalizedEmail) ||
                         (normalizedPhone != null && h.Contact.Phone == normalizedPhone)))
            .OrderBy(h => h.FileNumber)
            .Take(10)
            .Select(h => new
            {
                h.Id,
                h.FileNumber,
                h.AssignedCounsellorId,
                Counsellor = db.Users.Where(u => u.Id == h.AssignedCounsellorId).Select(u => u.DisplayName).FirstOrDefault(),
                SameEmail = normalizedEmail != null && h.Contact.Email == normalizedEmail,
                SamePhone = normalizedPhone != null && h.Contact.Phone == normalizedPhone,
            })
            .ToListAsync(cancellationToken);
        if (matches.Count > 0)
        {
            await access.LogFilesAsync(matches.Select(m => m.Id), user, AccessAction.DuplicateLookup, "/households/new", cancellationToken);
        }

        return matches
            .Select(m => AccessRules.MayOpenFile(user, m.AssignedCounsellorId)
                ? new PossibleDuplicate(m.Id, m.FileNumber, m.Counsellor, m.SameEmail, m.SamePhone)
                : new PossibleDuplicate(null, null, null, m.SameEmail, m.SamePhone))
            .ToList();
    }

    /// <summary>The domain's rules of a profile, and its codes checked against the reference lists: all errors at once.</summary>
    internal static async Task ValidateAsync(CaseManagerDbContext db, HouseholdProfile profile, DateOnly today, CancellationToken cancellationToken)
    {
        var errors = profile.Validate(today).ToList();
        var regions = profile.PreferredRegionCodes.Distinct().ToList();
        if (regions.Count > 0 && await db.Regions.CountAsync(r => regions.Contains(r.Code) && r.IsHostRegion, cancellationToken) != regions.Count)
        {
            errors.Add(new FieldRefusal(nameof(HouseholdProfile.PreferredRegionCodes), "Profile.UnknownRegion"));
        }

        var needs = profile.NeedCodes.Distinct().ToList();
        if (needs.Count > 0 && await db.NeedsDomains.CountAsync(n => needs.Contains(n.Code), cancellationToken) != needs.Count)
        {
            errors.Add(new FieldRefusal(nameof(HouseholdProfile.NeedCodes), "Profile.UnknownNeed"));
        }

        if (!string.IsNullOrWhiteSpace(profile.ImmigrationStatusCode) &&
            !await db.ImmigrationStatuses.AnyAsync(s => s.Code == profile.ImmigrationStatusCode, cancellationToken))
        {
            errors.Add(new FieldRefusal(nameof(HouseholdProfile.ImmigrationStatusCode), "Profile.UnknownImmigrationStatus"));
        }

        if (errors.Count > 0)
        {
            throw new HouseholdProfileException(errors);
        }
    }
}
