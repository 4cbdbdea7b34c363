using System.Globalization;
using CaseManager.Domain.Assignment;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Features.Assignment;

/// <summary>An assignment's reason and the distribution's figures, in the reader's language.</summary>
public static class AssignmentTexts
{
    public static string Reason(IStringLocalizer<DistributionText> text, AssignmentReason reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[$"AssignmentReason.{Key(reason)}"];
    }

    /// <summary>"4 dossiers ouverts, 0,6 ETC, 9 intervenant(e)s disponibles; langue commune : es", or null for a person's choice.</summary>
    public static string? Detail(IStringLocalizer<DistributionText> text, AssignmentLine line)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(line);
        if (line is not { LoadBefore: { } load, Capacity: { } capacity, Candidates: { } candidates })
        {
            return null;
        }

        var detail = text["History.Figures", load, capacity.ToString("0.0#", CultureInfo.CurrentCulture), candidates].Value;
        return line.MatchedLanguage is { } language ? $"{detail}; {text["History.Language", language]}" : detail;
    }

    /// <summary>Each reason's key: a new reason does not compile until it has its texts.</summary>
    private static string Key(AssignmentReason reason) => reason switch
    {
        AssignmentReason.AutoBalanced => nameof(AssignmentReason.AutoBalanced),
        AssignmentReason.LanguageMatch => nameof(AssignmentReason.LanguageMatch),
        AssignmentReason.CreatedByCounsellor => nameof(AssignmentReason.CreatedByCounsellor),
        AssignmentReason.ChosenBySupervisor => nameof(AssignmentReason.ChosenBySupervisor),
        AssignmentReason.Reassigned => nameof(AssignmentReason.Reassigned),
        AssignmentReason.AwayRedistributed => nameof(AssignmentReason.AwayRedistributed),
        AssignmentReason.ReturnedFromAway => nameof(AssignmentReason.ReturnedFromAway),
        AssignmentReason.Initial => nameof(AssignmentReason.Initial),
    };
}
