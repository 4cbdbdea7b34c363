using System.Text.RegularExpressions;
using CaseManager.Data.Entities;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Features.Households;

/// <summary>Reads an audit row in the person's language: "Enfant (Léa) · Date de naissance".</summary>
public static partial class FieldLabels
{
    public static string Describe(IStringLocalizer localizer, AuditEntry entry)
    {
        var field = entry.Field is null ? localizer[$"Field.{entry.EntityType}"].Value : Path(localizer, entry.Field);
        return entry.Action switch
        {
            AuditAction.Added => localizer["History.Added", field],
            AuditAction.Deleted => localizer["History.Deleted", field],
            AuditAction.Modified => field,
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Action, null),
        };
    }

    /// <summary>Stage and status values are shown by their names, everything else as it was recorded.</summary>
    public static string? Value(IStringLocalizer localizer, ReferenceLists lists, string? field, string? value)
    {
        if (value is null || field is null)
        {
            return value;
        }

        var last = field.Split('.')[^1];
        return last switch
        {
            "Stage" => localizer[$"Stage.{value}"],
            "Status" => localizer[$"CaseStatus.{value}"],
            "EmploymentStatus" or "FrenchLevel" or "Care" or "RegistrationSource" => localizer[$"{(last == "Care" ? "ChildCare" : last)}.{value}"],
            "PreferredRegionCodes" => string.Join(", ", value.Split(", ").Select(lists.RegionName)),
            "NeedCodes" => string.Join(", ", value.Split(", ").Select(code => ReferenceLists.Label(lists.Needs, code))),
            "WithdrawalReasonCode" => ReferenceLists.Label(lists.WithdrawalReasons, value),
            "ImmigrationStatusCode" => ReferenceLists.Label(lists.ImmigrationStatuses, value),
            _ => value,
        };
    }

    private static string Path(IStringLocalizer localizer, string path) =>
        string.Join(" · ", path.Split('.').Select(segment =>
        {
            var match = Indexed().Match(segment);
            return match.Success
                ? $"{Label(localizer, match.Groups[1].Value)} ({match.Groups[2].Value})"
                : Label(localizer, segment);
        }));

    private static string Label(IStringLocalizer localizer, string segment)
    {
        var text = localizer[$"Field.{segment}"];
        return text.ResourceNotFound ? segment : text.Value;
    }

    [GeneratedRegex(@"^(\w+)\[(.*)\]$")]
    private static partial Regex Indexed();
}
