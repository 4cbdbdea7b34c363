using System.ComponentModel;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;

namespace CaseManager.Web.Features.Intake;

/// <summary>An adult of the household, as the intake API receives it.</summary>
public sealed record ApiPerson(
    string FirstName,
    string LastName,
    DateOnly? BirthDate = null,
    string? Occupation = null,
    FrenchLevel FrenchLevel = FrenchLevel.Unknown,
    EmploymentStatus EmploymentStatus = EmploymentStatus.Unknown);

public sealed record ApiChild(string FirstName, DateOnly BirthDate);

/// <summary>A registration posted to <c>POST /api/registrations</c>.</summary>
[Description("A household's registration to the regionalization program.")]
public sealed record ApiRegistration
{
    [Description("\"fr\" or \"en\": the person's language, of the validation messages and of the confirmation email.")]
    public string Language { get; init; } = "fr";

    public ApiPerson? PrimaryApplicant { get; init; }
    public ApiPerson? Spouse { get; init; }
    public List<ApiChild> Children { get; init; } = [];
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public string? Borough { get; init; }

    [Description("Spoken languages (ISO 639-1 codes); the person's language when empty.")]
    public List<string> Languages { get; init; } = [];

    [Description("A code of the program's immigration statuses, e.g. \"permanent-resident\".")]
    public string? ImmigrationStatus { get; init; }

    public DateOnly? ArrivalDate { get; init; }

    [Description("Host region codes (two digits), e.g. \"02\" for Saguenay–Lac-Saint-Jean.")]
    public List<string> PreferredRegions { get; init; } = [];

    [Description("Needs domain codes the person wants help with, e.g. \"employment\".")]
    public List<string> Interests { get; init; } = [];

    public HeardFrom? HeardFrom { get; init; }
    public string? HeardFromDetail { get; init; }

    [Description("The version of the privacy notice the person was shown (GET /api/privacy-notice).")]
    public int NoticeVersion { get; init; }

    [Description("The person's answer per consent purpose code; the required purpose must be true.")]
    public Dictionary<string, bool> Consents { get; init; } = [];

    public RegistrationRequest ToRequest() => new()
    {
        Profile = new HouseholdProfile
        {
            PrimaryApplicant = ToPerson(PrimaryApplicant) ?? new Person(),
            Spouse = ToPerson(Spouse),
            // A list sent as null is an empty list; a null item is a child without a name (refused by the domain).
            Children = (Children ?? []).Select(c => new Child { FirstName = c?.FirstName ?? "", BirthDate = c?.BirthDate ?? default }).ToList(),
            Contact = new ContactInfo { Email = Email, Phone = Phone, Address = Address, Borough = Borough },
            Languages = Languages ?? [],
            ImmigrationStatusCode = ImmigrationStatus,
            ArrivalDate = ArrivalDate,
            PreferredRegionCodes = PreferredRegions ?? [],
        },
        Language = Language,
        HeardFrom = HeardFrom,
        HeardFromDetail = HeardFromDetail,
        InterestCodes = Interests ?? [],
        NoticeVersion = NoticeVersion,
        Consents = new Dictionary<string, bool>(Consents ?? [], StringComparer.Ordinal),
    };

    private static Person? ToPerson(ApiPerson? person) => person is null
        ? null
        : new Person
        {
            FirstName = person.FirstName ?? "",
            LastName = person.LastName ?? "",
            BirthDate = person.BirthDate,
            Occupation = person.Occupation,
            FrenchLevel = person.FrenchLevel,
            EmploymentStatus = person.EmploymentStatus,
        };
}

/// <summary>
/// What the API answers when a registration is accepted (or replayed): no file number, no counsellor.
/// <c>repeat</c>: the person's email or phone matched an open file registered recently; no file was
/// opened and the reference is that file's.
/// </summary>
public sealed record ApiRegistrationReceipt(string Reference, DateTimeOffset ReceivedAt, bool Replayed, bool Repeat = false);

/// <summary>The privacy notice in force and the consent purposes, for a form that collects registrations elsewhere.</summary>
public sealed record ApiPrivacyNotice(int Version, DateOnly EffectiveOn, string Title, string Text, IReadOnlyList<ApiConsentPurpose> Purposes);

public sealed record ApiConsentPurpose(string Code, string Name, string Description, bool Required);
