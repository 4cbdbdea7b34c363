using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;

namespace CaseManager.Web.Features.Intake;

/// <summary>A registration as the form or the API sends it.</summary>
public sealed class RegistrationRequest
{
    public HouseholdProfile Profile { get; set; } = new();

    /// <summary>"fr" or "en": the language the person wrote in, and of their confirmation email.</summary>
    public string Language { get; set; } = "fr";

    public HeardFrom? HeardFrom { get; set; }
    public string? HeardFromDetail { get; set; }

    /// <summary>Needs domain codes the person would like help with.</summary>
    public List<string> InterestCodes { get; set; } = [];

    /// <summary>The notice version the person was shown.</summary>
    public int NoticeVersion { get; set; }

    /// <summary>The answer for each purpose (code → granted). A purpose left out counts as refused.</summary>
    public Dictionary<string, bool> Consents { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Who sends a registration: the public form, or the API with one key.</summary>
public sealed record IntakeOrigin(RegistrationSource Source, ConsentSource ConsentSource, string Scope, Guid? ApiKeyId, string ActorName, string? IdempotencyKey)
{
    public const string WebScope = "web";

    public static IntakeOrigin Web(string? idempotencyKey) =>
        new(RegistrationSource.Website, ConsentSource.RegistrationForm, WebScope, null, "Inscription en ligne", idempotencyKey);

    public static IntakeOrigin Api(Guid keyId, string source, string? idempotencyKey) =>
        new(RegistrationSource.Api, ConsentSource.Api, $"api:{keyId:N}", keyId, $"API · {source}", idempotencyKey);
}

/// <summary>
/// What a registration produced. <see cref="Replayed"/>: the same idempotency key was seen before; nothing new was made.
/// <see cref="Repeat"/>: the email or phone matched an open file within the repeat window
/// (<see cref="IntakeOptions.RepeatWindowDays"/>): no file was opened, the repeat is in that file's
/// journal, and <see cref="Reference"/> is the one the person was given for it.
/// </summary>
public sealed record IntakeOutcome(Guid RegistrationId, string Reference, Guid HouseholdId, DateTimeOffset ReceivedAt, int DuplicatesFlagged, bool Replayed, bool Repeat = false);

/// <summary>The registration was refused, field by field (codes to translate in the person's language); nothing was saved.</summary>
public sealed class IntakeValidationException(IReadOnlyList<FieldRefusal> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code}")))
{
    public IReadOnlyList<FieldRefusal> Errors { get; } = errors;
}

/// <summary>
/// The idempotency key was already used for a registration with another content: nothing was
/// saved. Its first registration (reference, when) is named so the sender can tell which.
/// </summary>
public sealed class IdempotencyConflictException(string key, string reference, DateTimeOffset receivedAt)
    : Exception($"Idempotency key '{key}' was used for registration {reference} with another content.")
{
    public string Key { get; } = key;
    public string Reference { get; } = reference;
    public DateTimeOffset ReceivedAt { get; } = receivedAt;
}

/// <summary>The notice and purposes a registration form shows.</summary>
public sealed record IntakeForm(
    PrivacyNotice Notice,
    IReadOnlyList<ConsentPurpose> Purposes,
    IReadOnlyList<Domain.Reference.Region> HostRegions,
    IReadOnlyList<Domain.Reference.NeedsDomain> Interests,
    IReadOnlyList<Domain.Reference.ImmigrationStatus> ImmigrationStatuses);
