using System.Globalization;
using CaseManager.Domain.Common;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Localization;

public static class AppCultures
{
    public const string French = "fr-CA";
    public const string English = "en-CA";
    public static readonly string[] Supported = [French, English];

    public static bool IsFrench => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    /// <summary>The supported culture closest to <paramref name="name"/>; French when in doubt.</summary>
    public static string Normalize(string? name) =>
        name is not null && name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : French;
}

/// <summary>Texts built from codes: refusals of the domain, enum values, dates in Québec format.</summary>
public static class LocalizerExtensions
{
    /// <summary>"Stage.Outreach", "CaseStatus.OnHold", "ContactChannel.Phone"…</summary>
    public static string Enum<TEnum>(this IStringLocalizer localizer, TEnum value)
        where TEnum : struct, Enum =>
        localizer[$"{typeof(TEnum).Name}.{value}"];

    public static string Describe(this IStringLocalizer localizer, Refusal refusal)
    {
        var arguments = refusal.Arguments.Select(argument => argument switch
        {
            Domain.Households.Stage stage => localizer.Enum(stage),
            Domain.Households.CaseStatus status => localizer.Enum(status),
            _ => argument,
        }).ToArray();
        return localizer[refusal.Code, arguments];
    }

    public static string Describe(this IStringLocalizer localizer, IEnumerable<Refusal> refusals) =>
        string.Join(" ", refusals.Select(localizer.Describe));

    /// <summary>2026-04-02 in both languages (Québec format).</summary>
    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>2026-04-02 14 h 30 in French, 2026-04-02 2:30 p.m. in English: in Montréal time.</summary>
    public static string Moment(DateTimeOffset? instant)
    {
        if (instant is null)
        {
            return "";
        }

        var local = Infrastructure.AppClock.ToLocal(instant.Value);
        var time = AppCultures.IsFrench
            ? local.ToString("HH' h 'mm", CultureInfo.InvariantCulture)
            : local.ToString("h:mm tt", CultureInfo.CurrentCulture);
        return $"{local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {time}";
    }
}
