using System.Text.RegularExpressions;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Households;

/// <summary>
/// Everything about a household that a counsellor edits on the profile tab. The aggregate copies
/// these values in after <see cref="Validate"/> accepts them.
/// </summary>
public sealed class HouseholdProfile
{
    public Person PrimaryApplicant { get; set; } = new();
    public Person? Spouse { get; set; }
    public List<Child> Children { get; set; } = [];
    public ContactInfo Contact { get; set; } = new();
    public List<string> Languages { get; set; } = [];
    public string? ImmigrationStatusCode { get; set; }
    public DateOnly? ArrivalDate { get; set; }
    public List<string> PreferredRegionCodes { get; set; } = [];
    public List<string> NeedCodes { get; set; } = [];

    /// <summary>
    /// A field-by-field check; an empty list means the profile may be saved. Every text is bounded
    /// and free of control and invisible characters, every list is bounded, every choice is one the
    /// program knows, every date is plausible (<see cref="ProfileLimits"/>).
    /// </summary>
    public IReadOnlyList<FieldRefusal> Validate(DateOnly today)
    {
        var errors = new List<FieldRefusal>();
        if (PrimaryApplicant is null)
        {
            errors.Add(new("PrimaryApplicant.FirstName", "Profile.Required"));
            errors.Add(new("PrimaryApplicant.LastName", "Profile.Required"));
        }
        else
        {
            ValidatePerson(PrimaryApplicant, "PrimaryApplicant", today, errors);
        }

        if (Spouse is not null)
        {
            ValidatePerson(Spouse, "Spouse", today, errors);
        }

        var children = Children ?? [];
        if (children.Count > ProfileLimits.MaxChildren)
        {
            errors.Add(new("Children", "Profile.TooManyChildren"));
        }

        for (var i = 0; i < Math.Min(children.Count, ProfileLimits.MaxChildren); i++)
        {
            var child = children[i];
            if (child is null)
            {
                errors.Add(new($"Children[{i}].FirstName", "Profile.Required"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(child.FirstName))
            {
                errors.Add(new($"Children[{i}].FirstName", "Profile.Required"));
            }

            CheckText(child.FirstName, ProfileLimits.NameMaxLength, "Profile.NameTooLong", $"Children[{i}].FirstName", errors);
            if (child.BirthDate > today)
            {
                errors.Add(new($"Children[{i}].BirthDate", "Profile.BirthDateInFuture"));
            }
            else if (child.BirthDate < today.AddYears(-ProfileLimits.MaxAgeYears))
            {
                errors.Add(new($"Children[{i}].BirthDate", "Profile.BirthDateTooOld"));
            }

            if (!Enum.IsDefined(child.Care))
            {
                errors.Add(new($"Children[{i}].Care", "Profile.ValueUnknown"));
            }
        }

        Contact ??= new ContactInfo();
        CheckText(Contact.Address, ProfileLimits.AddressMaxLength, "Profile.AddressTooLong", "Contact.Address", errors);
        CheckText(Contact.Borough, ProfileLimits.BoroughMaxLength, "Profile.BoroughTooLong", "Contact.Borough", errors);
        if (ProfileLimits.HasHiddenCharacters(Contact.Email) || ProfileLimits.HasHiddenCharacters(Contact.Phone))
        {
            errors.Add(new(ProfileLimits.HasHiddenCharacters(Contact.Email) ? "Contact.Email" : "Contact.Phone", "Profile.HiddenCharacters"));
        }

        var languages = Languages ?? [];
        if (languages.Count > ProfileLimits.MaxLanguages)
        {
            errors.Add(new("Languages", "Profile.TooManyLanguages"));
        }
        else if (languages.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > ProfileLimits.LanguageMaxLength || !l.All(c => char.IsAsciiLetter(c) || c == '-')))
        {
            errors.Add(new("Languages", "Profile.LanguageInvalid"));
        }

        if ((PreferredRegionCodes?.Count ?? 0) > ProfileLimits.MaxChoices)
        {
            errors.Add(new(nameof(PreferredRegionCodes), "Profile.TooManyChoices"));
        }

        if ((NeedCodes?.Count ?? 0) > ProfileLimits.MaxChoices)
        {
            errors.Add(new(nameof(NeedCodes), "Profile.TooManyChoices"));
        }

        if (!string.IsNullOrWhiteSpace(Contact.Email) && !ContactRules.IsValidEmail(Contact.Email))
        {
            errors.Add(new("Contact.Email", "Profile.EmailInvalid"));
        }

        if (!string.IsNullOrWhiteSpace(Contact.Phone) && !ContactRules.IsValidPhone(Contact.Phone))
        {
            errors.Add(new("Contact.Phone", "Profile.PhoneInvalid"));
        }

        if (ArrivalDate > today)
        {
            errors.Add(new("ArrivalDate", "Profile.DateInFuture"));
        }
        else if (ArrivalDate < today.AddYears(-ProfileLimits.MaxAgeYears))
        {
            errors.Add(new("ArrivalDate", "Profile.DateTooOld"));
        }

        return errors;
    }

    private static void ValidatePerson(Person person, string prefix, DateOnly today, List<FieldRefusal> errors)
    {
        if (string.IsNullOrWhiteSpace(person.FirstName))
        {
            errors.Add(new($"{prefix}.FirstName", "Profile.Required"));
        }

        if (string.IsNullOrWhiteSpace(person.LastName))
        {
            errors.Add(new($"{prefix}.LastName", "Profile.Required"));
        }

        CheckText(person.FirstName, ProfileLimits.NameMaxLength, "Profile.NameTooLong", $"{prefix}.FirstName", errors);
        CheckText(person.LastName, ProfileLimits.NameMaxLength, "Profile.NameTooLong", $"{prefix}.LastName", errors);
        CheckText(person.Occupation, ProfileLimits.OccupationMaxLength, "Profile.OccupationTooLong", $"{prefix}.Occupation", errors);
        if (person.BirthDate > today)
        {
            errors.Add(new($"{prefix}.BirthDate", "Profile.BirthDateInFuture"));
        }
        else if (person.BirthDate < today.AddYears(-ProfileLimits.MaxAgeYears))
        {
            errors.Add(new($"{prefix}.BirthDate", "Profile.BirthDateTooOld"));
        }

        if (!Enum.IsDefined(person.FrenchLevel))
        {
            errors.Add(new($"{prefix}.FrenchLevel", "Profile.ValueUnknown"));
        }

        if (!Enum.IsDefined(person.EmploymentStatus))
        {
            errors.Add(new($"{prefix}.EmploymentStatus", "Profile.ValueUnknown"));
        }
    }

    /// <summary>A text within its length, without control or invisible characters (one refusal per field).</summary>
    private static void CheckText(string? text, int maxLength, string tooLongCode, string field, List<FieldRefusal> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (text.Length > maxLength)
        {
            errors.Add(new(field, tooLongCode));
        }
        else if (ProfileLimits.HasHiddenCharacters(text))
        {
            errors.Add(new(field, "Profile.HiddenCharacters"));
        }
    }
}

/// <summary>A refusal tied to one field of a form, so the interface can show it under that field.</summary>
public sealed record FieldRefusal(string Field, string Code);

public static partial class ContactRules
{
    public static bool IsValidEmail(string email) =>
        email.Length <= 254 && EmailPattern().IsMatch(email.Trim());

    /// <summary>North American numbers (10 digits, optional leading 1) or international ones written with "+".</summary>
    public static bool IsValidPhone(string phone)
    {
        var trimmed = phone.Trim();
        if (!PhoneCharacters().IsMatch(trimmed))
        {
            return false;
        }

        var digits = DigitsOf(trimmed);
        if (trimmed.StartsWith('+'))
        {
            return digits.Length is >= 8 and <= 15;
        }

        return digits.Length == 10 || (digits.Length == 11 && digits[0] == '1');
    }

    public static string DigitsOf(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    /// <summary>Normalizes a phone number to the form the program stores: "514 555-0123" or "+33 ...".</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var trimmed = phone.Trim();
        var digits = DigitsOf(trimmed);
        var international = trimmed.StartsWith('+');

        // Country code 1 is North America, written "+1 514 …" or "1 514 …": stored like a local number.
        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
            international = false;
        }

        return !international && digits.Length == 10
            ? $"{digits[..3]} {digits[3..6]}-{digits[6..]}"
            : trimmed;
    }

    public static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ().\-]{7,25}$")]
    private static partial Regex PhoneCharacters();
}
