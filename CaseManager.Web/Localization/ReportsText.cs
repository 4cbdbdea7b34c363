namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of the results dashboard (its tables, charts, exports and printable page) and of the
/// period and scope choices: ReportsText.resx is French (Québec), the neutral language;
/// ReportsText.en.resx is English. Inject <c>IStringLocalizer&lt;ReportsText&gt;</c>.
/// </summary>
public sealed class ReportsText;
