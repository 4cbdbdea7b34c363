namespace CaseManager.Web.Localization;

/// <summary>
/// The application's texts: Strings.resx is French (Québec), the neutral language;
/// Strings.en.resx is English. Inject <c>IStringLocalizer&lt;Strings&gt;</c>.
/// </summary>
public sealed class Strings;
