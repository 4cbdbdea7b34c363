using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CaseManager.Web.Localization;

/// <summary>
/// Supplies French (Québec) text for MudBlazor's built-in strings: pager labels, data grid filter
/// operators, close buttons, aria-labels, converter errors and the like.
/// </summary>
/// <remarks>
/// <para>
/// MudBlazor ships English only; its translations live in the separate MudBlazor.Translations
/// package, which is not available to this solution. This localizer reads our own
/// <c>MudBlazorFrench.resx</c> instead, which holds one entry per key of MudBlazor's
/// <c>LanguageResource</c>.
/// </para>
/// <para>
/// MudBlazor's <c>DefaultLocalizationInterceptor</c> asks this class only when the UI culture is not
/// English; it falls back to MudBlazor's English whenever the result has
/// <see cref="LocalizedString.ResourceNotFound"/> set. So when the UI language is not French this
/// class answers "not found" and the English text is used.
/// </para>
/// <para>
/// Registration (MudBlazor 9.x): <c>services.AddTransient&lt;MudLocalizer, FrenchMudLocalizer&gt;()</c>,
/// before or after <c>AddMudServices()</c>.
/// </para>
/// </remarks>
internal sealed class FrenchMudLocalizer : MudLocalizer
{
    /// <summary>Manifest name of the embedded <c>MudBlazorFrench.resx</c>.</summary>
    internal const string ResourceBaseName = "CaseManager.Web.Localization.MudBlazorFrench";

    private static readonly ResourceManager French = new(ResourceBaseName, typeof(FrenchMudLocalizer).Assembly);

    /// <summary>The French text for <paramref name="key"/>, or "not found" outside French.</summary>
    public override LocalizedString this[string key]
    {
        get
        {
            var text = FindFrench(key);
            return text is null ? NotFound(key) : new LocalizedString(key, text);
        }
    }

    /// <summary>
    /// The French text for <paramref name="key"/> formatted with <paramref name="arguments"/> in the
    /// current culture, or "not found" outside French. MudBlazor 9.x calls this overload for every key.
    /// </summary>
    public override LocalizedString this[string key, params object[] arguments]
    {
        get
        {
            var text = FindFrench(key);
            if (text is null)
            {
                return NotFound(key);
            }

            return arguments is { Length: > 0 }
                ? new LocalizedString(key, string.Format(CultureInfo.CurrentCulture, text, arguments))
                : new LocalizedString(key, text);
        }
    }

    // The resx is culture-neutral and written in French: read it with the invariant culture so the
    // ResourceManager does not probe for satellite assemblies that do not exist.
    private static string? FindFrench(string key) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr"
            ? French.GetString(key, CultureInfo.InvariantCulture)
            : null;

    private static LocalizedString NotFound(string key) => new(key, key, resourceNotFound: true);
}
