using System.Text.RegularExpressions;
using CaseManager.Data.Entities;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Features.Households;

/// <summary>Reads an audit row in the person's language: "Enfant (Léa) · Date de naissance".</summary>
public static partial class FieldLabels
{
    /// <param name="lists">Names the needs domain of a plan's goal ("Objectif (Emploi)") when given.</param>
    public static string Describe(IStringLocalizer localizer, AuditEntry entry, ReferenceLists? lists = null)
    {
        var field = entry.Field is null ? localizer[$"Field.{entry.EntityType}"].Value : Path(localizer, entry.Field, lists);
        return entry.Action switch
        {
            AuditAction.Added => localizer["History.Added", field],
            AuditAction.Deleted => localizer["History.Deleted", field],
            AuditAction.Modified => field,
        };
    }

    /// <summary>Stage and status values are shown by their names, everything else as it was recorded.</summary>
    public static string? Value(IStringLocalizer localizer, ReferenceLists lists, string? field, string? value)
    {
        if (value is null || field is null)
        {
            return value;
        }

        var segments = field.Split('.');
        var last = segments[^1];
        return last switch
        {
            "Stage" => localizer[$"Stage.{value}"],
            // A plan's goals and tasks have statuses of their own.
            "Status" when segments[0].StartsWith("PlanTask[", StringComparison.Ordinal) => localizer[$"PlanTaskStatus.{value}"],
            "Status" when segments[0].StartsWith("PlanGoal[", StringComparison.Ordinal) => localizer[$"GoalStatus.{value}"],
            "Status" => localizer[$"CaseStatus.{value}"],
            "Owner" => localizer[$"TaskOwner.{value}"],
            "Reached" => localizer[value == bool.TrueString ? "Common.Yes" : "Common.No"],
            "TargetRegionCodes" => string.Join(", ", value.Split(", ").Select(lists.RegionName)),
            _ when segments.Length == 1 && last.StartsWith("PlanGoal[", StringComparison.Ordinal) => ReferenceLists.Label(lists.Needs, value),
            "EmploymentStatus" or "FrenchLevel" or "Care" or "RegistrationSource" => localizer[$"{(last == "Care" ? "ChildCare" : last)}.{value}"],
            "PreferredRegionCodes" => string.Join(", ", value.Split(", ").Select(lists.RegionName)),
            "NeedCodes" => string.Join(", ", value.Split(", ").Select(code => ReferenceLists.Label(lists.Needs, code))),
            "WithdrawalReasonCode" => ReferenceLists.Label(lists.WithdrawalReasons, value),
            "ImmigrationStatusCode" => ReferenceLists.Label(lists.ImmigrationStatuses, value),
            _ => value,
        };
    }

    /// <summary>A field's path in words: "PrimaryApplicant.FirstName" reads "Requérant(e) principal(e) · Prénom".</summary>
    public static string Path(IStringLocalizer localizer, string path, ReferenceLists? lists) =>
        string.Join(" · ", path.Split('.').Select(segment =>
        {
            var match = Indexed().Match(segment);
            if (!match.Success)
            {
                return Label(localizer, segment);
            }

            var index = match.Groups[2].Value;
            if (match.Groups[1].Value == "PlanGoal" && lists is not null)
            {
                index = ReferenceLists.Label(lists.Needs, index);
            }

            return $"{Label(localizer, match.Groups[1].Value)} ({index})";
        }));

    private static string Label(IStringLocalizer localizer, string segment)
    {
        var text = localizer[$"Field.{segment}"];
        return text.ResourceNotFound ? segment : text.Value;
    }

    [GeneratedRegex(@"^(\w+)\[(.*)\]$")]
    private static partial Regex Indexed();
}
