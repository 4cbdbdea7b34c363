namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of a household's plan and of the plan templates' administration: PlansText.resx is
/// French (Québec), the neutral language; PlansText.en.resx is English. Inject
/// <c>IStringLocalizer&lt;PlansText&gt;</c>; refusal codes and enum labels stay in <see cref="Strings"/>
/// (<c>L.Describe</c>, <c>L.Enum</c>).
/// </summary>
public sealed class PlansText;
