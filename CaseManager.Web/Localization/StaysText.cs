namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of exploratory stays (list, stay page, dialogs, the household's stays), their enum
/// labels and their refusal codes: StaysText.resx is French (Québec), the neutral language;
/// StaysText.en.resx is English. Inject <c>IStringLocalizer&lt;StaysText&gt;</c>; a refusal of the
/// stays reads with <c>S.Describe</c>, one of the plan or the workflow with <c>L.Describe</c>.
/// </summary>
public sealed class StaysText;
