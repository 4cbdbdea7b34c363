namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of a file's timeline, of "Ma semaine" and of the follow-up answers after a move:
/// TimelineText.resx is French (Québec), the neutral language; TimelineText.en.resx is English.
/// Inject <c>IStringLocalizer&lt;TimelineText&gt;</c>; shared words and refusal codes stay in
/// <see cref="Strings"/>.
/// </summary>
public sealed class TimelineText;
