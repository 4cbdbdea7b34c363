namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of the moving subsidy (the file's tab, the review queue and view, the administration
/// of rule sets and budgets), their enum labels, criterion reasons and refusal codes:
/// SubsidiesText.resx is French (Québec), the neutral language; SubsidiesText.en.resx is English.
/// Inject <c>IStringLocalizer&lt;SubsidiesText&gt;</c>; a refusal reads with <c>T.Describe</c>.
/// </summary>
public sealed class SubsidiesText;
