namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of registration (the public form, its notice and consents, the confirmation email,
/// the intake API's messages, API keys, duplicates and consents on the file): IntakeText.resx is
/// French (Québec), the neutral language; IntakeText.en.resx is English. Inject
/// <c>IStringLocalizer&lt;IntakeText&gt;</c>; the profile's field labels and refusals stay in <see cref="Strings"/>.
/// </summary>
public sealed class IntakeText;
