using CaseManager.Data;
using CaseManager.Domain.Intake;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;
using CaseManager.Web.Files;

namespace CaseManager.Web.Features.Intake;

/// <summary>A consent as the file shows it, with its purpose's names.</summary>
public sealed record ConsentLine(Guid Id, string PurposeCode, string PurposeFr, string PurposeEn, bool Required, ConsentRecord Record);

/// <summary>
/// A file's consents: the file's counsellor and the supervisors read them and record a withdrawal
/// the person asked for. Every withdrawal is audited on the file.
/// </summary>
public sealed class ConsentService(
    IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, AppClock clock, ILogger<ConsentService> logger)
{
    private readonly FileRunner _files = new(contexts, access, clock);

    public Task<IReadOnlyList<ConsentLine>> ListAsync(Guid householdId, CancellationToken cancellationToken = default) =>
        _files.ReadAsync(new FileCommand(householdId, "consents") { LogAs = null }, async work =>
        {
            var db = work.Db;
            var rows = await db.ConsentRecords.AsNoTracking()
                .Where(c => c.HouseholdId == householdId)
                .Join(db.ConsentPurposes, c => c.PurposeCode, p => p.Code, (c, p) => new { Record = c, p.NameFr, p.NameEn, p.IsRequired, p.SortOrder })
                .OrderBy(r => r.SortOrder).ThenByDescending(r => r.Record.AnsweredAt)
                .ToListAsync(cancellationToken);
            return (IReadOnlyList<ConsentLine>)rows.Select(r => new ConsentLine(r.Record.Id, r.Record.PurposeCode, r.NameFr, r.NameEn, r.IsRequired, r.Record)).ToList();
        }, cancellationToken);

    /// <summary>
    /// Records that the person withdrew a consent they had given; refused if none is in force. A
    /// withdrawal is the person's right whatever the file's state, so a closed file takes it too.
    /// </summary>
    public async Task WithdrawAsync(Guid consentId, string? note, CancellationToken cancellationToken = default)
    {
        var householdId = await HouseholdOfAsync(consentId, cancellationToken);
        var purpose = await _files.RunAsync(new FileCommand(householdId, "consent-withdraw") { Needs = FileNeed.Readable }, async work =>
        {
            var consent = await work.Db.ConsentRecords.SingleAsync(c => c.Id == consentId, cancellationToken);
            consent.Withdraw(note, work.Context);
            return consent.PurposeCode;
        }, cancellationToken);
        logger.LogInformation("Consent {Purpose} of household {HouseholdId} withdrawn.", purpose, householdId);
    }

    /// <summary>The consent's file, asked only of someone who works on files (so nobody else learns whether it exists).</summary>
    private async Task<Guid> HouseholdOfAsync(Guid consentId, CancellationToken cancellationToken)
    {
        await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ConsentRecords.Where(c => c.Id == consentId).Select(c => (Guid?)c.HouseholdId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Consent {consentId} does not exist.");
    }
}
