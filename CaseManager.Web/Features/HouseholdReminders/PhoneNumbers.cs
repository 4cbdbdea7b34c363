using CaseManager.Domain.Households;

namespace CaseManager.Web.Features.HouseholdReminders;

/// <summary>
/// Numbers as the provider wants them (E.164, +15145551234) from numbers as files store them
/// (<see cref="ContactRules.NormalizePhone"/>: "514 555-1234" for North America, as typed otherwise).
/// </summary>
public static class PhoneNumbers
{
    /// <summary>The number in E.164, or null when it cannot be one (too short, letters).</summary>
    public static string? ToE164(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return null;
        }

        var trimmed = stored.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        var e164 = trimmed.StartsWith('+') ? "+" + digits
            : digits.Length == 10 ? "+1" + digits
            : digits.Length == 11 && digits[0] == '1' ? "+" + digits
            : null;
        return e164 is not null && TextMessageOptions.E164Pattern().IsMatch(e164) ? e164 : null;
    }

    /// <summary>
    /// The SQL expression that gives the E.164 form of a stored number column (the same rule as
    /// <see cref="ToE164"/>), for statements that match the provider's numbers to files.
    /// </summary>
    public static string E164Sql(string column) => $"""
        (CASE WHEN {column} LIKE '+%' THEN '+' || regexp_replace({column}, '[^0-9]', '', 'g')
              WHEN length(regexp_replace({column}, '[^0-9]', '', 'g')) = 10 THEN '+1' || regexp_replace({column}, '[^0-9]', '', 'g')
              WHEN length(regexp_replace({column}, '[^0-9]', '', 'g')) = 11 AND regexp_replace({column}, '[^0-9]', '', 'g') LIKE '1%'
                   THEN '+' || regexp_replace({column}, '[^0-9]', '', 'g')
         END)
        """;
}
