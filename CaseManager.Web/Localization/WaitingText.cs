namespace CaseManager.Web.Localization;

/// <summary>
/// The texts of what waits too long for someone to act (the supervision page's list of subsidy
/// applications waiting beyond the reminder's delay): WaitingText.resx is French (Québec), the
/// neutral language; WaitingText.en.resx is English.
/// </summary>
public sealed class WaitingText;
