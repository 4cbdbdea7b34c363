namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of the regional resource directory (search, edit, import, export), of the
/// suggestions on a household's file and of a resource attached to a plan task:
/// ResourcesText.resx is French (Québec), the neutral language; ResourcesText.en.resx is English.
/// Inject <c>IStringLocalizer&lt;ResourcesText&gt;</c>; the directory's refusal codes are here too
/// (<c>R.Describe</c>).
/// </summary>
public sealed class ResourcesText;
