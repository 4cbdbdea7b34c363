namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of the household's personal space, its links and the file's panel about it:
/// SpaceText.resx is French (Québec), the neutral language; SpaceText.en.resx is English. Inject
/// <c>IStringLocalizer&lt;SpaceText&gt;</c>.
/// </summary>
public sealed class SpaceText;
