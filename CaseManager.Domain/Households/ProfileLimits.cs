namespace CaseManager.Domain.Households;

/// <summary>
/// The bounds of a household's profile, checked by <see cref="HouseholdProfile.Validate"/> for the
/// form, the intake API and imports alike, and held by the database columns too (the entity
/// configuration reads the same constants).
/// </summary>
public static class ProfileLimits
{
    public const int NameMaxLength = 100;
    public const int OccupationMaxLength = 200;
    public const int AddressMaxLength = 300;
    public const int BoroughMaxLength = 120;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 30;

    /// <summary>A household is a primary applicant, maybe a spouse, and its children: a few dozen people at most.</summary>
    public const int MaxChildren = 20;

    public const int MaxLanguages = 10;

    /// <summary>A language as the program writes it: an ISO 639 code ("fr", "ar", "ff") or a short tag ("pt-BR").</summary>
    public const int LanguageMaxLength = 10;

    /// <summary>Every region, and every needs domain, at most (the lists are short reference lists).</summary>
    public const int MaxChoices = 30;

    /// <summary>No one is older than this: an older birth date is a typing mistake (or 0001-01-01).</summary>
    public const int MaxAgeYears = 120;

    /// <summary>Whether the text holds a control character or an invisible formatting one (zero-width, bidirectional overrides).</summary>
    public static bool HasHiddenCharacters(string? text) =>
        text is not null && text.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
}
