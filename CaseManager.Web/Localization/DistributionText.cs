namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of the equitable distribution and of supervision (dashboard, reassignment, absences,
/// assignment history): DistributionText.resx is French (Québec), the neutral language;
/// DistributionText.en.resx is English. Inject <c>IStringLocalizer&lt;DistributionText&gt;</c>;
/// the refusal codes of this feature are here too (<c>D.Describe</c>).
/// </summary>
public sealed class DistributionText;
