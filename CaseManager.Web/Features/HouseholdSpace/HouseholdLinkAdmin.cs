using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Web.Access;
using CaseManager.Web.Features.HouseholdReminders;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using CaseManager.Web.Localization;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.HouseholdSpace;

/// <summary>What the file shows of the household's space: a link waiting to be opened, the devices signed in, the last use.</summary>
public sealed record SpaceStatus(DateTimeOffset? LinkValidUntil, int Devices, DateTimeOffset? LastUsedAt, bool HasEmail);

/// <summary>
/// The counsellor's side of the household's space, from the file (through the policy and the file
/// runner, like every operation on a file): its status, sending a new personal link by email (in
/// the household's language, through the outbox) or by text message (through the text-message
/// outbox), and revoking every link and device. Each send and revocation is a line in the file's
/// journal (audited).
/// </summary>
public sealed class HouseholdLinkAdmin(
    IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, AppClock clock, HouseholdLinks links, IBackgroundJobClient jobs,
    HouseholdTextMessages texts)
{
    private readonly FileRunner _files = new(contexts, access, clock);

    public Task<SpaceStatus> GetStatusAsync(Guid householdId, CancellationToken cancellationToken = default) =>
        _files.ReadAsync(new FileCommand(householdId, "household-space-status") { LogAs = null }, async work =>
        {
            var now = clock.Now;
            var db = work.Db;
            var link = await db.HouseholdLinks.Where(l => l.HouseholdId == householdId && l.UsedAt == null && l.RevokedAt == null && l.ExpiresAt > now)
                .MaxAsync(l => (DateTimeOffset?)l.ExpiresAt, cancellationToken);
            var devices = await db.HouseholdSessions.Where(s => s.HouseholdId == householdId && s.RevokedAt == null && s.ExpiresAt > now).CountAsync(cancellationToken);
            var lastUsed = await db.HouseholdSessions.Where(s => s.HouseholdId == householdId).MaxAsync(s => s.LastSeenAt, cancellationToken);
            var hasEmail = await db.Households.AnyAsync(h => h.Id == householdId && h.Contact.Email != null, cancellationToken);
            return new SpaceStatus(link, devices, lastUsed, hasEmail);
        }, cancellationToken);

    /// <summary>A new personal link to the file's email, in the household's language; the earlier unused links end.</summary>
    public async Task SendByEmailAsync(Guid householdId, CancellationToken cancellationToken = default)
    {
        await _files.RunAsync(new FileCommand(householdId, "household-link-send") { InTransaction = true }, async work =>
        {
            var file = await work.Db.Households.AsNoTracking().Where(h => h.Id == householdId)
                .Select(h => new { h.Contact.Email, h.PrimaryApplicant.FirstName }).SingleAsync(cancellationToken);
            if (file.Email is null)
            {
                throw new DomainRuleException("Space.NoEmail");
            }

            var link = await links.IssueInAsync(work.Db, householdId, work.Person.Id, work.Context.Now, cancellationToken);
            var culture = HouseholdLinks.CultureOf(await HouseholdLinks.LanguageOfAsync(work.Db, householdId, cancellationToken));
            work.Db.OutgoingEmails.Add(SpaceEmails.Link(file.Email, file.FirstName, link, culture, $"household-link:{link.Id}", work.Context.Now));
            work.Db.JournalEntries.Add(work.File.AddNote(
                SpaceEmails.JournalLine("Journal.LinkSent", file.Email, HouseholdLinks.LocalizerDay(link.ExpiresAt)), work.Context));
        }, cancellationToken);
        jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
    }

    /// <summary>
    /// A new personal link by text message to the file's number, in the household's language (held
    /// until 8 h in quiet hours). When the channel refuses (not configured, no number, the number
    /// answered STOP) the refusal is told and nothing changes: no link, no journal line.
    /// </summary>
    public async Task SendByTextAsync(Guid householdId, CancellationToken cancellationToken = default)
    {
        await _files.RunAsync(new FileCommand(householdId, "household-link-text") { InTransaction = true }, async work =>
        {
            var link = await links.IssueInAsync(work.Db, householdId, work.Person.Id, work.Context.Now, cancellationToken);
            var culture = HouseholdLinks.CultureOf(await HouseholdLinks.LanguageOfAsync(work.Db, householdId, cancellationToken));
            var body = string.Format(culture, SpaceEmails.Text("Text.Link", culture), link.Address.AbsoluteUri,
                LocalizerExtensions.Day(AppClock.DateOf(link.ExpiresAt)));

            // In the same transaction: a refusal of the channel throws, and the link is rolled back with the rest.
            var queued = await texts.QueueInAsync(work.Db, householdId, body, $"household-link:{link.Id}", cancellationToken);
            if (queued.Refusal is { } refusal)
            {
                throw new DomainRuleException($"Space.Text.{refusal}");
            }

            work.Db.JournalEntries.Add(work.File.AddNote(
                SpaceEmails.JournalLine("Journal.LinkTexted", HouseholdLinks.LocalizerDay(link.ExpiresAt)), work.Context));
        }, cancellationToken);
        texts.SendSoon();
    }

    /// <summary>Ends every link of the household and signs out every device (a right kept whatever the file's state; the journal notes it when the file is open).</summary>
    public Task RevokeAsync(Guid householdId, CancellationToken cancellationToken = default) =>
        _files.RunAsync(new FileCommand(householdId, "household-link-revoke") { Needs = FileNeed.Readable, InTransaction = true }, async work =>
        {
            var now = work.Context.Now;
            var ended = await work.Db.HouseholdLinks.Where(l => l.HouseholdId == householdId && l.UsedAt == null && l.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.RevokedAt, now), cancellationToken);
            var signedOut = await work.Db.HouseholdSessions.Where(s => s.HouseholdId == householdId && s.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), cancellationToken);
            if (!work.File.IsReadOnly)
            {
                work.Db.JournalEntries.Add(work.File.AddNote(SpaceEmails.JournalLine("Journal.LinksRevoked", ended, signedOut), work.Context));
            }
        }, cancellationToken);
}
