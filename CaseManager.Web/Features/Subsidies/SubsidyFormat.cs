using CaseManager.Domain.Subsidies;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Features.Subsidies;

/// <summary>How the subsidy writes its criteria's reasons and its amounts ("1 234,56 $" in French).</summary>
public static class SubsidyFormat
{
    public static string Amount(decimal? amount) => Stays.StayFormat.Amount(amount);

    /// <summary>
    /// A criterion's reason with its arguments, every code named in the person's language: an
    /// immigration status or a region by its label in the reference tables, a document type by its
    /// text in the resources. Numbers, dates and a skip's reason are written as they are.
    /// </summary>
    public static string Reason(IStringLocalizer<SubsidiesText> text, CriterionResult result, CriterionLabels labels)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(labels);
        var arguments = result.Arguments.Select(argument => (object)(result.Criterion switch
        {
            SubsidyCriterion.ImmigrationStatus => labels.StatusName(argument),
            SubsidyCriterion.HostRegion => labels.RegionName(argument),
            SubsidyCriterion.Employment or SubsidyCriterion.Housing => string.Join(", ", argument.Split(',').Select(part =>
                Enum.TryParse<SubsidyDocumentType>(part, out var type) && Enum.IsDefined(type) && !int.TryParse(part, out _) ? text.Enum(type) : part)),
            SubsidyCriterion.ProgramParticipation or SubsidyCriterion.NoEarlierSubsidy or SubsidyCriterion.MoveWithinDays => argument,
        })).ToArray();
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

/// <summary>The names of the codes a criterion's reason carries, in the person's language at the time it is written.</summary>
public sealed record CriterionLabels(Func<string, string> RegionName, Func<string, string> StatusName)
{
    /// <summary>From the reference tables (a code the tables do not know is written as it is).</summary>
    public static CriterionLabels From(ReferenceLists lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return new(lists.RegionName, code => ReferenceLists.Label(lists.ImmigrationStatuses, code));
    }
}
