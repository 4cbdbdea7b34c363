using CaseManager.Web.Localization;
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

    /// <summary>A rule's title; a rule the resources do not know yet shows its code.</summary>
    public static string RuleTitle(this IStringLocalizer<AdminText> text, string code)
    {
        var title = text[$"Reminders.Rule.{code}.Title"];
        return title.ResourceNotFound ? code : title.Value;
    }

    public static string? RuleHelp(this IStringLocalizer<AdminText> text, string code)
    {
        var help = text[$"Reminders.Rule.{code}.Help"];
        return help.ResourceNotFound ? null : help.Value;
    }
}
