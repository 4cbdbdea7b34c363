namespace CaseManager.Web.Localization;

/// <summary>
/// The administrator's pages' texts (users, reminder settings, settlement targets): AdminText.resx is French
/// (Québec), the neutral language; AdminText.en.resx is English. Inject
/// <c>IStringLocalizer&lt;AdminText&gt;</c>; shared words stay in <see cref="Strings"/>.
/// </summary>
public sealed class AdminText;
