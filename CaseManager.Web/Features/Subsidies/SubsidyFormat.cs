using CaseManager.Domain.Subsidies;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Features.Subsidies;

/// <summary>How the subsidy writes its criteria's reasons and its amounts ("1 234,56 $" in French).</summary>
public static class SubsidyFormat
{
    public static string Amount(decimal? amount) => Stays.StayFormat.Amount(amount);

    /// <summary>A criterion's reason with its arguments, document types named in the person's language.</summary>
    public static string Reason(IStringLocalizer<SubsidiesText> text, CriterionResult result)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(result);
        var arguments = result.Arguments.Select(argument => (object)string.Join(", ", argument.Split(',').Select(part =>
            Enum.TryParse<SubsidyDocumentType>(part, out var type) && Enum.IsDefined(type) && !int.TryParse(part, out _)
                ? text.Enum(type)
                : part))).ToArray();
        return text[result.ReasonCode, arguments];
    }

    public static MudBlazor.Color Color(CriterionOutcome outcome) => outcome switch
    {
        CriterionOutcome.Met => MudBlazor.Color.Success,
        CriterionOutcome.NotMet => MudBlazor.Color.Error,
        CriterionOutcome.MissingProof => MudBlazor.Color.Warning,
    };

    public static string Icon(CriterionOutcome outcome) => outcome switch
    {
        CriterionOutcome.Met => MudBlazor.Icons.Material.Filled.CheckCircle,
        CriterionOutcome.NotMet => MudBlazor.Icons.Material.Filled.Cancel,
        CriterionOutcome.MissingProof => MudBlazor.Icons.Material.Filled.HelpOutline,
    };
}
