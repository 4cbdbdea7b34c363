namespace CaseManager.Web.Localization;

/// <summary>
/// The privacy officer's tools (access log, rights requests, retention, incidents) and the export
/// summary: PrivacyText.resx is French (Québec), the neutral language; PrivacyText.en.resx is English.
/// </summary>
public sealed class PrivacyText;
