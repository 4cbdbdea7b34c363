using CaseManager.Domain.Common;
using CaseManager.Domain.Households;

namespace CaseManager.Domain.Intake;

/// <summary>How a person heard of the program (asked on the registration form).</summary>
public enum HeardFrom
{
    Website,
    SocialMedia,
    FamilyOrFriend,
    Organization,
    Event,
    Media,
    Employer,
    Other,
}

/// <summary>
/// One registration received (the form or the intake API) and the file it opened: what the form
/// asked beyond the profile (interests, how they heard), the language they wrote in, the notice
/// they read, and the idempotency key that makes a retried post return this same registration.
/// </summary>
public sealed class Registration : IHouseholdPart
{
    public const int MaxIdempotencyKeyLength = 100;
    public const int RequestHashLength = 64;

    private Registration()
    {
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }

    /// <summary>What the person is told ("INS-7K3Q9P"): not the file number, which stays internal.</summary>
    public string Reference { get; private set; } = "";

    public RegistrationSource Source { get; private set; }

    /// <summary>Who sent it: "web" for the form, "api:{key id}" for the intake API. Idempotency keys are unique per scope.</summary>
    public string Scope { get; private set; } = "";

    public string? IdempotencyKey { get; private set; }

    /// <summary>
    /// The SHA-256 (hex) of what was sent, kept with the idempotency key: a later post with the
    /// same key and another content is a conflict, not a retry. Null for registrations older than it.
    /// </summary>
    public string? RequestHash { get; private set; }
    public Guid? ApiKeyId { get; private set; }
    public string Language { get; private set; } = "fr";
    public HeardFrom? HeardFrom { get; private set; }
    public string? HeardFromDetail { get; private set; }

    /// <summary>Needs domain codes the person would like help with.</summary>
    public List<string> InterestCodes { get; private set; } = [];

    public int NoticeVersion { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    public static Registration Record(
        Guid householdId, string reference, RegistrationSource source, string scope, string? idempotencyKey, Guid? apiKeyId,
        string language, HeardFrom? heardFrom, string? heardFromDetail, IEnumerable<string> interestCodes, int noticeVersion, DateTimeOffset at,
        string? requestHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        return new Registration
        {
            Id = Guid.CreateVersion7(at),
            HouseholdId = householdId,
            Reference = reference,
            Source = source,
            Scope = scope,
            IdempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim(),
            RequestHash = requestHash,
            ApiKeyId = apiKeyId,
            Language = language,
            HeardFrom = heardFrom,
            HeardFromDetail = string.IsNullOrWhiteSpace(heardFromDetail) ? null : heardFromDetail.Trim(),
            InterestCodes = interestCodes.Distinct(StringComparer.Ordinal).ToList(),
            NoticeVersion = noticeVersion,
            // To the microsecond, as the database keeps it: the first receipt and every later one say the same time.
            ReceivedAt = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero),
        };
    }

    /// <summary>When two files are merged, the merged file's registration follows the survivor.</summary>
    public void MoveTo(Guid survivorId) => HouseholdId = survivorId;

    /// <summary>Random, unambiguous (no 0/O, 1/I): "INS-" and eight characters.</summary>
    public static string NewReference() =>
        "INS-" + System.Security.Cryptography.RandomNumberGenerator.GetString("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 8);
}
