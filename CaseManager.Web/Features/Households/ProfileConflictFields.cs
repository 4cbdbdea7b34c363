using CaseManager.Domain.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CaseManager.Web.Features.Households;

/// <summary>The fields of a household's profile a conflict compares and reapplies, labelled and shown as the history shows them.</summary>
public static class ProfileConflictFields
{
    public static IReadOnlyList<ConflictField<HouseholdProfile>> For(IStringLocalizer localizer, ReferenceLists lists)
    {
        static ConflictField<HouseholdProfile> Field<TValue>(
            string label, Func<HouseholdProfile, TValue> get, Action<HouseholdProfile, TValue> set, Func<TValue, string?> show, Func<TValue, TValue>? clone = null) =>
            ConflictField.Of(label, get, set, show, clone);

        ConflictField<HouseholdProfile> Text(string path, Func<HouseholdProfile, string?> get, Action<HouseholdProfile, string?> set) =>
            Field(FieldLabels.Path(localizer, path, lists), get, set, value => FieldLabels.Value(localizer, lists, path, value));

        ConflictField<HouseholdProfile> Codes(string path, Func<HouseholdProfile, List<string>> get, Action<HouseholdProfile, List<string>> set) =>
            Field(FieldLabels.Path(localizer, path, lists), get, set,
                codes => codes.Count == 0 ? null : FieldLabels.Value(localizer, lists, path, string.Join(", ", codes)), codes => [.. codes]);

        return
        [
            Text("PrimaryApplicant.FirstName", p => p.PrimaryApplicant.FirstName, (p, v) => p.PrimaryApplicant.FirstName = v ?? ""),
            Text("PrimaryApplicant.LastName", p => p.PrimaryApplicant.LastName, (p, v) => p.PrimaryApplicant.LastName = v ?? ""),
            Field(FieldLabels.Path(localizer, "PrimaryApplicant.BirthDate", lists),
                p => p.PrimaryApplicant.BirthDate, (p, v) => p.PrimaryApplicant.BirthDate = v, v => LocalizerExtensions.Day(v)),
            Text("PrimaryApplicant.Occupation", p => p.PrimaryApplicant.Occupation, (p, v) => p.PrimaryApplicant.Occupation = v),
            Field(FieldLabels.Path(localizer, "PrimaryApplicant.EmploymentStatus", lists),
                p => p.PrimaryApplicant.EmploymentStatus, (p, v) => p.PrimaryApplicant.EmploymentStatus = v, v => localizer.Enum(v)),
            Field(FieldLabels.Path(localizer, "PrimaryApplicant.FrenchLevel", lists),
                p => p.PrimaryApplicant.FrenchLevel, (p, v) => p.PrimaryApplicant.FrenchLevel = v, v => localizer.Enum(v)),
            Field(FieldLabels.Path(localizer, "Spouse", lists),
                p => p.Spouse, (p, v) => p.Spouse = v, Adult, v => v?.Copy()),
            Field(FieldLabels.Path(localizer, "Children", lists),
                p => p.Children, (p, v) => p.Children = v,
                children => children.Count == 0 ? null : string.Join("; ", children.Select(c => $"{c.FirstName} ({LocalizerExtensions.Day(c.BirthDate)}, {localizer.Enum(c.Care)})")),
                children => children.Select(c => c.Copy()).ToList()),
            Text("Contact.Email", p => p.Contact.Email, (p, v) => p.Contact.Email = v),
            Text("Contact.Phone", p => p.Contact.Phone, (p, v) => p.Contact.Phone = v),
            Text("Contact.Address", p => p.Contact.Address, (p, v) => p.Contact.Address = v),
            Text("Contact.Borough", p => p.Contact.Borough, (p, v) => p.Contact.Borough = v),
            Field(FieldLabels.Path(localizer, "Languages", lists),
                p => p.Languages, (p, v) => p.Languages = v, v => v.Count == 0 ? null : string.Join(", ", v), v => [.. v]),
            Text("ImmigrationStatusCode", p => p.ImmigrationStatusCode, (p, v) => p.ImmigrationStatusCode = v),
            Field(FieldLabels.Path(localizer, "ArrivalDate", lists),
                p => p.ArrivalDate, (p, v) => p.ArrivalDate = v, v => LocalizerExtensions.Day(v)),
            Codes("PreferredRegionCodes", p => p.PreferredRegionCodes, (p, v) => p.PreferredRegionCodes = v),
            Codes("NeedCodes", p => p.NeedCodes, (p, v) => p.NeedCodes = v),
        ];

        string? Adult(Person? person) => person is null
            ? null
            : $"{person.FirstName} {person.LastName} ({LocalizerExtensions.Day(person.BirthDate)}, {localizer.Enum(person.EmploymentStatus)}, {localizer.Enum(person.FrenchLevel)}, {person.Occupation})";
    }
}
