using System.Globalization;
using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.Stays;

/// <summary>How stays write amounts and times: "1 234,56 $" and "14 h 30" in French.</summary>
public static class StayFormat
{
    /// <summary>Canadian dollars in the person's culture: "1 234,56 $" (fr-CA), "$1,234.56" (en-CA).</summary>
    public static string Amount(decimal? amount) =>
        amount is { } value ? value.ToString("C", CultureInfo.GetCultureInfo(AppCultures.IsFrench ? AppCultures.French : AppCultures.English)) : "";

    public static string Time(TimeOnly? time) => time is not { } value
        ? ""
        : AppCultures.IsFrench
            ? value.ToString("HH' h 'mm", CultureInfo.InvariantCulture)
            : value.ToString("h:mm tt", CultureInfo.GetCultureInfo(AppCultures.English));
}
