using CaseManager.Web.Localization;
using CaseManager.Domain.Reminders;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Features.Admin;

/// <summary>Sentences of the admin pages built from codes and options.</summary>
internal static class AdminTextExtensions
{
    public static string Describe(this IStringLocalizer<AdminText> text, UserFieldError error) => text[error.Code, error.Arguments];

    /// <summary>"Au moins 8 caractères, dont une majuscule, une minuscule, un chiffre, un symbole." from Identity's options.</summary>
    public static string PasswordRules(this IStringLocalizer<AdminText> text, PasswordOptions options)
    {
        var kinds = new List<string>();
        if (options.RequireUppercase)
        {
            kinds.Add(text["Password.Rule.Upper"]);
        }

        if (options.RequireLowercase)
        {
            kinds.Add(text["Password.Rule.Lower"]);
        }

        if (options.RequireDigit)
        {
            kinds.Add(text["Password.Rule.Digit"]);
        }

        if (options.RequireNonAlphanumeric)
        {
            kinds.Add(text["Password.Rule.Symbol"]);
        }

        return kinds.Count == 0
            ? text["Password.RulesLengthOnly", options.RequiredLength]
            : text["Password.Rules", options.RequiredLength, string.Join(", ", kinds)];
    }

    /// <summary>A rule's title: "Aucun contact récent".</summary>
    public static string RuleTitle(this IStringLocalizer<AdminText> text, ReminderKind kind) => text[$"Reminders.Rule.{kind}.Title"];

    /// <summary>
    /// What the rule does with these values, in one sentence: "Avise l'intervenant(e) du dossier
    /// lorsqu'aucun contact… depuis 30 jours." A rule switched off says so.
    /// </summary>
    public static string RuleSummary(this IStringLocalizer<AdminText> text, ReminderKind kind, bool enabled, int delay, ReminderAudience audience)
    {
        if (!enabled)
        {
            return text["Reminders.Disabled"];
        }

        var who = audience switch
        {
            ReminderAudience.Counsellor => text["Reminders.Who.Counsellor"],
            ReminderAudience.Supervisors => text["Reminders.Who.Supervisors"],
            ReminderAudience.CounsellorAndSupervisors => text["Reminders.Who.CounsellorAndSupervisors"],
            ReminderAudience.Administrators => text["Reminders.Who.Administrators"],
        };
        return text[$"Reminders.Rule.{kind}.Summary", delay, who];
    }
}
