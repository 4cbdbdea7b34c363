namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of the information sessions, the regional partners' directory and the calendar
/// feeds: SessionsText.resx is French (Québec), the neutral language; SessionsText.en.resx is
/// English. Inject <c>IStringLocalizer&lt;SessionsText&gt;</c>; refusal codes of sessions and
/// partners ("Session.*", "Partner.*") are keys of this pair too.
/// </summary>
public sealed class SessionsText;
