using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Web.Access;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Infrastructure.RateLimiting;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseManager.Web.Features.HouseholdSpace;

/// <summary>A device the personal link signed in: the household's cookie is made from it.</summary>
public sealed record OpenedSpace(Guid SessionId, Guid HouseholdId, DateTimeOffset ExpiresAt, string Language);

/// <summary>
/// The household's personal links: issued (a new one ends the household's earlier unused links),
/// opened once before they expire (the device is then signed in for <see cref="HouseholdSpaceOptions.SessionDays"/>,
/// in PostgreSQL), and asked for again from the public site by the email or phone of the file,
/// with the same answer, in about the same time, whether or not a file matches; the link goes only
/// to the email on file. No person is asked here: the staff's sending and revocation go through
/// <see cref="HouseholdLinkAdmin"/> (the policy and the file runner), and this class is what they call.
/// </summary>
public sealed class HouseholdLinks(
    IDbContextFactory<CaseManagerDbContext> contexts,
    AppClock clock,
    AppLinks appLinks,
    IOptions<HouseholdSpaceOptions> options,
    SharedRateLimiter limiter,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<HouseholdLinks> logger) : IHouseholdLinks
{
    /// <summary>Who issued a link the household asked for from the public site.</summary>
    public const string IssuedByRequest = "household-request";

    /// <summary>The shortest time the public request answers in, whether or not a file matched.</summary>
    public static readonly TimeSpan RequestAnswerTime = TimeSpan.FromMilliseconds(1200);

    private const int MaxFilesPerRequest = 3;

    public async Task<Uri> IssueAsync(Guid householdId, string issuedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuedBy);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await IssueInAsync(db, householdId, issuedBy, clock.Now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return link.Address;
    }

    /// <summary>
    /// Issues a link in the caller's transaction: the file's row is locked, the household's unused
    /// links are ended, the new one is added (saved by the caller).
    /// </summary>
    internal async Task<IssuedLink> IssueInAsync(CaseManagerDbContext db, Guid householdId, string issuedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM households WHERE id = {householdId} FOR UPDATE").ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            throw new NotFoundException($"Household {householdId} does not exist.");
        }

        await db.HouseholdLinks
            .Where(l => l.HouseholdId == householdId && l.UsedAt == null && l.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.RevokedAt, now), cancellationToken);
        var (token, hash) = LinkTokens.New();
        var expires = now.AddHours(options.Value.LinkValidHours);
        var id = Guid.CreateVersion7(now);
        db.HouseholdLinks.Add(new HouseholdLink
        {
            Id = id,
            HouseholdId = householdId,
            TokenHash = hash,
            IssuedAt = now,
            IssuedBy = issuedBy.Length > HouseholdLink.MaxIssuedByLength ? issuedBy[..HouseholdLink.MaxIssuedByLength] : issuedBy,
            ExpiresAt = expires,
        });
        logger.LogInformation("Personal link issued to household {HouseholdId} by {IssuedBy}, valid until {Expires:o}.", householdId, issuedBy, expires);
        return new IssuedLink(id, new Uri(appLinks.BaseUrl, $"espace/lien/{token}"), expires);
    }

    /// <summary>
    /// Opens the link: once, before it expires, unless ended; its file neither merged away nor
    /// anonymized. Returns the device session to sign in, or null (nothing says why: a forged, used,
    /// expired or ended link looks the same).
    /// </summary>
    public async Task<OpenedSpace?> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = LinkTokens.HashOf(token);
        if (hash is null)
        {
            return null;
        }

        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One statement takes the link: two devices opening it at once cannot both have it.
        var taken = await db.HouseholdLinks
            .Where(l => l.TokenHash == hash && l.UsedAt == null && l.RevokedAt == null && l.ExpiresAt > now &&
                        db.Households.Any(h => h.Id == l.HouseholdId && h.MergedIntoId == null && h.AnonymizedAt == null))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.UsedAt, now), cancellationToken);
        if (taken == 0)
        {
            logger.LogInformation("A personal link that does not open (unknown, used, expired or ended) was tried.");
            return null;
        }

        var link = await db.HouseholdLinks.AsNoTracking().SingleAsync(l => l.TokenHash == hash, cancellationToken);
        var session = new HouseholdDeviceSession
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = link.HouseholdId,
            LinkId = link.Id,
            StartedAt = now,
            ExpiresAt = now.AddDays(options.Value.SessionDays),
            LastSeenAt = now,
        };
        db.HouseholdSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var language = await LanguageOfAsync(db, link.HouseholdId, cancellationToken);
        logger.LogInformation("Household {HouseholdId} opened its space with a personal link.", link.HouseholdId);
        return new OpenedSpace(session.Id, link.HouseholdId, session.ExpiresAt, language);
    }

    /// <summary>Ends this device's session (the household signs out of it).</summary>
    public async Task SignOutAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.HouseholdSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RevokedAt, now), cancellationToken);
    }

    /// <summary>
    /// A household asks for a new link by the email or phone of its file. Whether a file matches
    /// or not, nothing is said and the answer takes at least <see cref="RequestAnswerTime"/>; a
    /// matching file with an email on file gets a new link there (never to the address typed when
    /// it differs: a phone number only finds the file), and a line in its journal. The same
    /// address or number asks at most <see cref="HouseholdSpaceOptions.RequestPerAddressLimit"/> times a window.
    /// </summary>
    public async Task RequestAsync(string? emailOrPhone, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            await SendIfKnownAsync(emailOrPhone, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The person is told the same thing whatever happened; the failure is for the operators.
            logger.LogError(exception, "A household's request for a new personal link failed.");
        }

        var left = RequestAnswerTime - time.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, time, cancellationToken);
        }
    }

    /// <summary>The email or phone as the file keeps it, or null for neither (checked by the domain's own rules).</summary>
    public static (string? Email, string? Phone) Normalize(string? emailOrPhone)
    {
        var text = emailOrPhone?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > ProfileLimits.EmailMaxLength || ProfileLimits.HasHiddenCharacters(text))
        {
            return (null, null);
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            return ContactRules.IsValidEmail(text) ? (ContactRules.NormalizeEmail(text), null) : (null, null);
        }

        return ContactRules.IsValidPhone(text) ? (null, ContactRules.NormalizePhone(text)) : (null, null);
    }

    private async Task SendIfKnownAsync(string? emailOrPhone, CancellationToken cancellationToken)
    {
        var (email, phone) = Normalize(emailOrPhone);
        if (email is null && phone is null)
        {
            return;
        }

        var perAddress = await limiter.TryAcquireAsync(options.Value.RequestPerAddress, email ?? phone!, cancellationToken);
        if (!perAddress.Acquired)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var files = await db.Households.AsNoTracking()
            .Where(h => h.MergedIntoId == null && h.AnonymizedAt == null && h.Contact.Email != null &&
                        ((email != null && h.Contact.Email == email) || (phone != null && h.Contact.Phone == phone)))
            .OrderByDescending(h => h.CreatedAt)
            .Take(MaxFilesPerRequest)
            .Select(h => new { h.Id, h.Status, Email = h.Contact.Email!, h.PrimaryApplicant.FirstName, h.PrimaryApplicant.LastName })
            .ToListAsync(cancellationToken);
        if (files.Count == 0)
        {
            return;
        }

        foreach (var file in files)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var context = clock.ContextFor(new Actor(HouseholdSessions.IdOf(file.Id), HouseholdSessions.ActorName(file.LastName, file.FirstName)));
            var link = await IssueInAsync(db, file.Id, IssuedByRequest, context.Now, cancellationToken);
            var culture = CultureOf(await LanguageOfAsync(db, file.Id, cancellationToken));
            db.OutgoingEmails.Add(SpaceEmails.Link(file.Email, file.FirstName, link, culture, $"household-link:{link.Id}", context.Now));
            if (!FileRules.IsReadOnly(file.Status))
            {
                var head = await FileRunner.Heads(db.Households.Where(h => h.Id == file.Id)).SingleAsync(cancellationToken);
                db.ActingAs(context).JournalEntries.Add(head.AddNote(SpaceEmails.JournalLine("Journal.LinkRequested", LocalizerDay(link.ExpiresAt)), context));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
    }

    /// <summary>The household's language for its space and its emails: French or English, as its languages say, else as it registered.</summary>
    internal static async Task<string> LanguageOfAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken)
    {
        var languages = await db.Households.Where(h => h.Id == householdId).Select(h => h.Languages).SingleOrDefaultAsync(cancellationToken) ?? [];
        var french = languages.Contains("fr");
        var english = languages.Contains("en");
        if (french != english)
        {
            return french ? "fr" : "en";
        }

        var registered = await db.Registrations.Where(r => r.HouseholdId == householdId).OrderByDescending(r => r.ReceivedAt)
            .Select(r => r.Language).FirstOrDefaultAsync(cancellationToken);
        return registered == "en" ? "en" : "fr";
    }

    internal static CultureInfo CultureOf(string language) =>
        CultureInfo.GetCultureInfo(language == "en" ? Localization.AppCultures.English : Localization.AppCultures.French);

    internal static string LocalizerDay(DateTimeOffset instant) =>
        Localization.LocalizerExtensions.Day(AppClock.DateOf(instant));
}

/// <summary>A link just issued: its address (with the token, shown only now) and when it stops opening.</summary>
internal sealed record IssuedLink(Guid Id, Uri Address, DateTimeOffset ExpiresAt);
