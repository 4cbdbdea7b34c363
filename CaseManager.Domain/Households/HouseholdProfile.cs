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

    /// <summary>A field-by-field check; an empty list means the profile may be saved.</summary>
    public IReadOnlyList<FieldRefusal> Validate(DateOnly today)
    {
        var errors = new List<FieldRefusal>();
        ValidatePerson(PrimaryApplicant, "PrimaryApplicant", today, errors);
        if (Spouse is not null)
        {
            ValidatePerson(Spouse, "Spouse", today, errors);
        }

        for (var i = 0; i < Children.Count; i++)
        {
            var child = Children[i];
            if (string.IsNullOrWhiteSpace(child.FirstName))
            {
                errors.Add(new($"Children[{i}].FirstName", "Profile.Required"));
            }

            if (child.BirthDate > today)
            {
                errors.Add(new($"Children[{i}].BirthDate", "Profile.BirthDateInFuture"));
            }
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

        if (person.BirthDate > today)
        {
            errors.Add(new($"{prefix}.BirthDate", "Profile.BirthDateInFuture"));
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
