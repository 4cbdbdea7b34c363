using System.Globalization;
using System.Resources;
using CaseManager.Domain.Households;
using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.Intake;

/// <summary>A refusal code in the person's language: the intake's own texts first, then the profile's (Strings).</summary>
public static class IntakeMessages
{
    private static readonly ResourceManager Intake = new(typeof(IntakeText));
    private static readonly ResourceManager Shared = new(typeof(Strings));

    public static CultureInfo CultureOf(string? language) =>
        CultureInfo.GetCultureInfo(language == "en" ? AppCultures.English : AppCultures.French);

    public static string Describe(string code, CultureInfo culture, params object[] arguments)
    {
        var text = Intake.GetString(code, culture) ?? Shared.GetString(code, culture) ?? code;
        return arguments.Length == 0 ? text : string.Format(culture, text, arguments);
    }

    /// <summary>Problem-details errors: the JSON path of each field ("primaryApplicant.firstName", "email") and its messages.</summary>
    public static Dictionary<string, string[]> ForApi(IEnumerable<FieldRefusal> errors, CultureInfo culture) =>
        errors.GroupBy(e => JsonPath(e.Field), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => Describe(e.Code, culture)).Distinct().ToArray(), StringComparer.Ordinal);

    public static string JsonPath(string field)
    {
        var path = field switch
        {
            _ when field.StartsWith("Contact.", StringComparison.Ordinal) => field["Contact.".Length..],
            nameof(HouseholdProfile.ImmigrationStatusCode) => "ImmigrationStatus",
            nameof(HouseholdProfile.PreferredRegionCodes) => "PreferredRegions",
            nameof(RegistrationRequest.InterestCodes) => "Interests",
            _ when field.StartsWith("Consents.", StringComparison.Ordinal) => "consents." + field["Consents.".Length..],
            _ => field,
        };
        return string.Join('.', path.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
    }
}
