using CaseManager.Data;
using CaseManager.Domain.Intake;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

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
    public async Task<IReadOnlyList<ConsentLine>> ListAsync(Guid householdId, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await access.DemandFileAsync(db, householdId, user, "consents", cancellationToken);
        var rows = await db.ConsentRecords.AsNoTracking()
            .Where(c => c.HouseholdId == householdId)
            .Join(db.ConsentPurposes, c => c.PurposeCode, p => p.Code, (c, p) => new { Record = c, p.NameFr, p.NameEn, p.IsRequired, p.SortOrder })
            .OrderBy(r => r.SortOrder).ThenByDescending(r => r.Record.AnsweredAt)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ConsentLine(r.Record.Id, r.Record.PurposeCode, r.NameFr, r.NameEn, r.IsRequired, r.Record)).ToList();
    }

    /// <summary>Records that the person withdrew a consent they had given; refused if none is in force.</summary>
    public async Task WithdrawAsync(Guid consentId, string? note, CancellationToken cancellationToken = default)
    {
        var user = await access.DemandAsync(Operation.WorkOnFiles, cancellationToken);
        var context = clock.ContextFor(user.Actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var consent = await db.ConsentRecords.SingleOrDefaultAsync(c => c.Id == consentId, cancellationToken)
            ?? throw new NotFoundException($"Consent {consentId} does not exist.");
        await access.DemandFileAsync(db, consent.HouseholdId, user, "consent-withdraw", cancellationToken);
        consent.Withdraw(note, context);
        await db.ActingAs(context).SaveChangesAsync(cancellationToken);
        logger.LogInformation("Consent {Purpose} of household {HouseholdId} withdrawn by {UserId}.", consent.PurposeCode, consent.HouseholdId, user.Id);
    }
}
