using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Web.Features.Assignment;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseManager.Web.Features.Intake;

/// <summary>
/// Registrations from the public form and the intake API: validated (the profile's rules, the
/// reference lists, the consents), the file opened and assigned by the equitable distribution in
/// one transaction, each consent recorded with the notice version, possible duplicates flagged
/// (never merged), the confirmation email written to the outbox in the person's language. A
/// retried registration with the same idempotency key returns the first one's outcome. A
/// registration whose email or phone matches an open file registered within
/// <see cref="IntakeOptions.RepeatWindowDays"/> is a repeat: a line in that file's journal and its
/// reference, no new file.
/// </summary>
public sealed class IntakeService(
    IDbContextFactory<CaseManagerDbContext> contexts,
    FileDistributor distributor,
    AppClock clock,
    IBackgroundJobClient jobs,
    IOptions<IntakeOptions> options,
    ILogger<IntakeService> logger)
{
    public const int MaxInterests = 20;

    /// <summary>The notice in force today and the active purposes, in their order.</summary>
    public async Task<IntakeForm> GetFormAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notice = await CurrentNoticeAsync(db, clock.Today, cancellationToken)
            ?? throw new InvalidOperationException("No privacy notice is in force: registrations cannot be taken.");
        var purposes = await db.ConsentPurposes.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
        var regions = await db.Regions.AsNoTracking().Where(r => r.IsHostRegion).OrderBy(r => r.Code).ToListAsync(cancellationToken);
        var interests = await db.NeedsDomains.AsNoTracking().Where(n => n.IsActive).OrderBy(n => n.SortOrder).ToListAsync(cancellationToken);
        var statuses = await db.ImmigrationStatuses.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.SortOrder).ToListAsync(cancellationToken);
        return new IntakeForm(notice, purposes, regions, interests, statuses);
    }

    public static Task<PrivacyNotice?> CurrentNoticeAsync(CaseManagerDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        db.PrivacyNotices.AsNoTracking().Where(n => n.EffectiveOn <= today).OrderByDescending(n => n.Version).FirstOrDefaultAsync(cancellationToken);

    public async Task<IntakeOutcome> RegisterAsync(RegistrationRequest request, IntakeOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(origin);
        var key = string.IsNullOrWhiteSpace(origin.IdempotencyKey) ? null : origin.IdempotencyKey.Trim();
        if (key is { Length: > Registration.MaxIdempotencyKeyLength })
        {
            throw new IntakeValidationException([new FieldRefusal("IdempotencyKey", "Intake.IdempotencyKeyTooLong")]);
        }

        // Taken before anything normalizes the request: what was sent, for the key's conflict check.
        var requestHash = key is null ? null : HashOf(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (key is not null && await ReplayAsync(db, origin.Scope, key, requestHash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var context = clock.ContextFor(new Actor(origin.Scope, origin.ActorName));
        await ValidateAsync(db, request, context.Today, cancellationToken);
        var profile = request.Profile;
        var language = request.Language == "en" ? "en" : "fr";
        if (profile.Languages.Count == 0)
        {
            profile.Languages = [language];
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Every registration takes the distribution's lock first: a simultaneous post with the
            // same key, or from the same person, has committed by the time this one reads.
            await FileDistributor.LockAsync(db, cancellationToken);
            if (key is not null && await ReplayAsync(db, origin.Scope, key, requestHash, cancellationToken) is { } raced)
            {
                return raced;
            }

            if (await RecordRepeatAsync(db, request, language, key, requestHash, origin, context, cancellationToken) is { } repeat)
            {
                await transaction.CommitAsync(cancellationToken);
                if (await db.OutgoingEmails.AnyAsync(m => m.SentAt == null, cancellationToken))
                {
                    // A file opened by staff got its first registration: its confirmation waits in the outbox.
                    jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
                }

                return repeat;
            }

            var choice = await distributor.ChooseAsync(db, profile.Languages, context.Today, cancellationToken);

            var fileNumber = await FileNumbers.NextAsync(db, context.Today, cancellationToken);
            var household = Household.Open(fileNumber, profile, origin.Source, choice.OrganizationId, choice.CounsellorId, context);
            db.ActingAs(context).Households.Add(household);
            db.Assignments.Add(FileDistributor.RecordOf(household, choice, context));

            var registration = Registration.Record(
                household.Id, Registration.NewReference(), origin.Source, origin.Scope, key, origin.ApiKeyId, language,
                request.HeardFrom, request.HeardFromDetail, request.InterestCodes, request.NoticeVersion, context.Now, requestHash);
            db.Registrations.Add(registration);

            var purposes = await db.ConsentPurposes.Where(p => p.IsActive).Select(p => p.Code).ToListAsync(cancellationToken);
            foreach (var purpose in purposes)
            {
                var granted = request.Consents.TryGetValue(purpose, out var answer) && answer;
                db.ConsentRecords.Add(ConsentRecord.Answer(household.Id, purpose, request.NoticeVersion, granted, origin.ConsentSource, context.Now));
            }

            var flags = await FlagDuplicatesAsync(db, household, context.Now, cancellationToken);
            if (household.Contact.Email is { } email)
            {
                db.OutgoingEmails.Add(ConfirmationEmail(registration, household, email, context.Now));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation(
                "Registration {Reference} opened household {FileNumber} ({Source}); {Flags} possible duplicate(s).",
                registration.Reference, fileNumber, origin.Source, flags);
            if (household.Contact.Email is not null)
            {
                jobs.Enqueue<EmailSenderJob>(job => job.RunAsync(CancellationToken.None));
            }

            return new IntakeOutcome(registration.Id, registration.Reference, household.Id, registration.ReceivedAt, flags, Replayed: false);
        }
        catch (DbUpdateException exception) when (key is not null && exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return await ReplayAsync(again, origin.Scope, key, requestHash, cancellationToken) ?? throw new InvalidOperationException("Unique violation without a first registration.", exception);
        }
    }

    /// <summary>
    /// When the email or phone matches an open file (not merged away) opened or registered within
    /// the repeat window: a line in its journal (once a day per channel; only the channel and the day,
    /// nothing the person sent), and the outcome is its latest registration, whose reference the person
    /// was given. A file opened by staff has no registration yet: this one becomes its registration (its
    /// reference, consents and confirmation), still on that file. Sent with an idempotency key, the
    /// answer is kept under it like any other (<see cref="RepeatKey"/>): a retry gets the same receipt.
    /// Call it under the distribution's lock.
    /// </summary>
    private async Task<IntakeOutcome?> RecordRepeatAsync(
        CaseManagerDbContext db, RegistrationRequest request, string language, string? key, string? requestHash, IntakeOrigin origin,
        ActionContext context, CancellationToken cancellationToken)
    {
        var email = ContactRules.NormalizeEmail(request.Profile.Contact.Email);
        var phone = ContactRules.NormalizePhone(request.Profile.Contact.Phone);
        if (email is null && phone is null)
        {
            return null;
        }

        var since = context.Now.AddDays(-options.Value.RepeatWindowDays).ToUniversalTime();
        var open = FileDistributor.OpenStatuses;
        var match = await db.Households.AsNoTracking()
            .Where(h => h.MergedIntoId == null && open.Contains(h.Status) &&
                        ((email != null && h.Contact.Email == email) || (phone != null && h.Contact.Phone == phone)) &&
                        (h.CreatedAt >= since || db.Registrations.Any(r => r.HouseholdId == h.Id && r.ReceivedAt >= since)))
            .Select(h => new
            {
                h.Id,
                h.CreatedAt,
                Last = db.Registrations.Where(r => r.HouseholdId == h.Id).OrderByDescending(r => r.ReceivedAt)
                    .Select(r => new { r.Id, r.Reference, r.ReceivedAt }).FirstOrDefault(),
            })
            .OrderByDescending(m => m.Last != null ? m.Last.ReceivedAt : m.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (match is null)
        {
            return null;
        }

        var dayStart = new DateTimeOffset(context.Today.ToDateTime(TimeOnly.MinValue), context.Now.Offset).ToUniversalTime();
        var authorId = context.Actor.Id;
        var noted = await db.JournalEntries.AnyAsync(
            j => j.HouseholdId == match.Id && j.AuthorId == authorId && j.Kind == JournalEntryKind.Note && j.CreatedAt >= dayStart, cancellationToken);
        var household = await db.Households.SingleAsync(h => h.Id == match.Id, cancellationToken);
        if (!noted)
        {
            db.ActingAs(context).JournalEntries.Add(household.AddNote(RepeatNote(origin, context.Today), context));
        }

        IntakeOutcome outcome;
        if (match.Last is { } last)
        {
            if (key is not null && requestHash is not null)
            {
                db.RepeatKeys.Add(RepeatKey.Record(origin.Scope, key, requestHash, last.Id, context.Now));
            }

            outcome = new IntakeOutcome(last.Id, last.Reference, match.Id, last.ReceivedAt, 0, Replayed: false, Repeat: true);
        }
        else
        {
            // Opened by staff: the person's registration is recorded on that file, with the reference they are given.
            var registration = Registration.Record(
                household.Id, Registration.NewReference(), origin.Source, origin.Scope, key, origin.ApiKeyId, language,
                request.HeardFrom, request.HeardFromDetail, request.InterestCodes, request.NoticeVersion, context.Now, requestHash);
            db.ActingAs(context).Registrations.Add(registration);
            var purposes = await db.ConsentPurposes.Where(p => p.IsActive).Select(p => p.Code).ToListAsync(cancellationToken);
            foreach (var purpose in purposes)
            {
                var granted = request.Consents.TryGetValue(purpose, out var answer) && answer;
                db.ConsentRecords.Add(ConsentRecord.Answer(household.Id, purpose, request.NoticeVersion, granted, origin.ConsentSource, context.Now));
            }

            if (household.Contact.Email is { } to)
            {
                db.OutgoingEmails.Add(ConfirmationEmail(registration, household, to, context.Now));
            }

            outcome = new IntakeOutcome(registration.Id, registration.Reference, household.Id, registration.ReceivedAt, 0, Replayed: false, Repeat: true);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(
            "Registration ({Source}) repeats file {HouseholdId} (answered with {Reference}): recorded on its file, no file opened.",
            origin.Source, match.Id, outcome.Reference);
        return outcome;
    }

    /// <summary>The journal's line, in the program's language (French), like the other lines the system writes.</summary>
    private static string RepeatNote(IntakeOrigin origin, DateOnly day)
    {
        var culture = IntakeMessages.CultureOf("fr");
        var channel = IntakeMessages.Describe(origin.Source == RegistrationSource.Api ? "Intake.RepeatByApi" : "Intake.RepeatByForm", culture);
        return IntakeMessages.Describe("Intake.RepeatNote", culture, Localization.LocalizerExtensions.Day(day), channel);
    }

    /// <summary>
    /// Other files of the same household, in one statement: same email, same phone, or same name
    /// and birth date (accents and case ignored). Files merged away are left out.
    /// </summary>
    public static async Task<int> FlagDuplicatesAsync(CaseManagerDbContext db, Household household, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(household);
        var email = household.Contact.Email;
        var phone = household.Contact.Phone;
        var first = household.PrimaryApplicant.FirstName;
        var last = household.PrimaryApplicant.LastName;
        var birth = household.PrimaryApplicant.BirthDate;
        var matches = await db.Households.AsNoTracking()
            .Where(h => h.Id != household.Id && h.MergedIntoId == null &&
                        ((email != null && h.Contact.Email == email) ||
                         (phone != null && h.Contact.Phone == phone) ||
                         (birth != null && h.PrimaryApplicant.BirthDate == birth &&
                          CaseManagerDbContext.Unaccent(h.PrimaryApplicant.LastName) == CaseManagerDbContext.Unaccent(last) &&
                          CaseManagerDbContext.Unaccent(h.PrimaryApplicant.FirstName) == CaseManagerDbContext.Unaccent(first))))
            .Select(h => new
            {
                h.Id,
                SameEmail = email != null && h.Contact.Email == email,
                SamePhone = phone != null && h.Contact.Phone == phone,
                SameNameAndBirth = birth != null && h.PrimaryApplicant.BirthDate == birth &&
                                   CaseManagerDbContext.Unaccent(h.PrimaryApplicant.LastName) == CaseManagerDbContext.Unaccent(last) &&
                                   CaseManagerDbContext.Unaccent(h.PrimaryApplicant.FirstName) == CaseManagerDbContext.Unaccent(first),
            })
            .Take(50)
            .ToListAsync(cancellationToken);
        foreach (var match in matches)
        {
            var criteria = (match.SameEmail ? DuplicateCriteria.Email : DuplicateCriteria.None) |
                           (match.SamePhone ? DuplicateCriteria.Phone : DuplicateCriteria.None) |
                           (match.SameNameAndBirth ? DuplicateCriteria.NameAndBirthDate : DuplicateCriteria.None);
            db.DuplicateFlags.Add(DuplicateFlag.Raise(household.Id, match.Id, criteria, now));
        }

        return matches.Count;
    }

    /// <summary>
    /// The first registration made with this key, when this post is its retry; a post with the
    /// same key and another content is refused (<see cref="IdempotencyConflictException"/>).
    /// </summary>
    private static async Task<IntakeOutcome?> ReplayAsync(CaseManagerDbContext db, string scope, string key, string? requestHash, CancellationToken cancellationToken)
    {
        var earlier = await db.Registrations.AsNoTracking()
            .Where(r => r.Scope == scope && r.IdempotencyKey == key)
            .Select(r => new { r.Id, r.Reference, r.HouseholdId, r.ReceivedAt, r.RequestHash })
            .SingleOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            // A repeat recorded on an open file answered with that file's registration, under this key.
            var repeat = await db.RepeatKeys.AsNoTracking()
                .Where(k => k.Scope == scope && k.IdempotencyKey == key)
                .Join(db.Registrations, k => k.RegistrationId, r => r.Id, (k, r) => new { k.RequestHash, k.ReceivedAt, r.Id, r.Reference, r.HouseholdId, Registered = r.ReceivedAt })
                .SingleOrDefaultAsync(cancellationToken);
            if (repeat is null)
            {
                return null;
            }

            if (!string.Equals(repeat.RequestHash, requestHash, StringComparison.Ordinal))
            {
                throw new IdempotencyConflictException(key, repeat.Reference, repeat.ReceivedAt);
            }

            return new IntakeOutcome(repeat.Id, repeat.Reference, repeat.HouseholdId, repeat.Registered, 0, Replayed: true, Repeat: true);
        }

        if (earlier.RequestHash is not null && !string.Equals(earlier.RequestHash, requestHash, StringComparison.Ordinal))
        {
            throw new IdempotencyConflictException(key, earlier.Reference, earlier.ReceivedAt);
        }

        var flags = await db.DuplicateFlags.CountAsync(f => f.HouseholdId == earlier.HouseholdId, cancellationToken);
        return new IntakeOutcome(earlier.Id, earlier.Reference, earlier.HouseholdId, earlier.ReceivedAt, flags, Replayed: true);
    }

    /// <summary>
    /// The SHA-256 of the request as JSON, the consents in the order of their codes: the same
    /// registration sent again hashes the same, whatever order its consents came in.
    /// </summary>
    public static string HashOf(RegistrationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var canonical = new
        {
            request.Profile,
            request.Language,
            request.HeardFrom,
            request.HeardFromDetail,
            request.InterestCodes,
            request.NoticeVersion,
            Consents = request.Consents.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new { c.Key, c.Value }).ToList(),
        };
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(canonical);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(json));
    }

    /// <summary>Every rule at once: the profile's, the reference lists', contact, notice and consents.</summary>
    private static async Task ValidateAsync(CaseManagerDbContext db, RegistrationRequest request, DateOnly today, CancellationToken cancellationToken)
    {
        var errors = new List<FieldRefusal>();
        try
        {
            await HouseholdService.ValidateAsync(db, request.Profile, today, cancellationToken);
        }
        catch (HouseholdProfileException exception)
        {
            errors.AddRange(exception.Errors);
        }

        var contact = request.Profile.Contact;
        if (string.IsNullOrWhiteSpace(contact.Email) && string.IsNullOrWhiteSpace(contact.Phone))
        {
            errors.Add(new FieldRefusal("Contact.Email", "Intake.ContactRequired"));
        }

        if (request.Language is not ("fr" or "en"))
        {
            errors.Add(new FieldRefusal(nameof(RegistrationRequest.Language), "Intake.UnknownLanguage"));
        }

        if (request.HeardFrom is { } heard && !Enum.IsDefined(heard))
        {
            errors.Add(new FieldRefusal(nameof(RegistrationRequest.HeardFrom), "Intake.UnknownHeardFrom"));
        }

        if (request.HeardFromDetail is { Length: > 200 })
        {
            errors.Add(new FieldRefusal(nameof(RegistrationRequest.HeardFromDetail), "Intake.TooLong"));
        }

        var interests = request.InterestCodes.Distinct(StringComparer.Ordinal).ToList();
        if (interests.Count > MaxInterests ||
            (interests.Count > 0 && await db.NeedsDomains.CountAsync(n => interests.Contains(n.Code) && n.IsActive, cancellationToken) != interests.Count))
        {
            errors.Add(new FieldRefusal(nameof(RegistrationRequest.InterestCodes), "Intake.UnknownInterest"));
        }

        var notice = await CurrentNoticeAsync(db, today, cancellationToken);
        if (notice is null || request.NoticeVersion != notice.Version)
        {
            errors.Add(new FieldRefusal(nameof(RegistrationRequest.NoticeVersion), "Intake.NoticeNotCurrent"));
        }

        var purposes = await db.ConsentPurposes.AsNoTracking().Where(p => p.IsActive).ToListAsync(cancellationToken);
        foreach (var unknown in request.Consents.Keys.Where(code => purposes.All(p => p.Code != code)))
        {
            errors.Add(new FieldRefusal($"Consents.{unknown}", "Intake.UnknownPurpose"));
        }

        foreach (var required in purposes.Where(p => p.IsRequired && !(request.Consents.TryGetValue(p.Code, out var granted) && granted)))
        {
            errors.Add(new FieldRefusal($"Consents.{required.Code}", "Intake.ConsentRequired"));
        }

        if (errors.Count > 0)
        {
            throw new IntakeValidationException(errors);
        }
    }

    private static OutgoingEmail ConfirmationEmail(Registration registration, Household household, string email, DateTimeOffset now)
    {
        var culture = CultureInfo.GetCultureInfo(registration.Language == "en" ? Localization.AppCultures.English : Localization.AppCultures.French);
        var composed = IntakeEmails.Confirmation(household.PrimaryApplicant.FirstName, registration.Reference, culture);
        return new OutgoingEmail
        {
            Id = Guid.CreateVersion7(now),
            ToAddress = email,
            Subject = composed.Subject,
            TextBody = composed.Text,
            HtmlBody = composed.Html,
            DedupKey = $"registration:{registration.Id}",
            CreatedAt = now,
        };
    }
}
