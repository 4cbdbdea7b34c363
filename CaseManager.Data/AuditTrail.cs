using System.Collections;
using System.Globalization;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Stays;
using CaseManager.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CaseManager.Data;

/// <summary>
/// Turns the tracked changes to household files into audit rows just before they are saved, so
/// the audit and the change commit or fail together.
/// </summary>
internal static class AuditTrail
{
    /// <summary>Bookkeeping that changes on every save and says nothing to a reader.</summary>
    private static readonly HashSet<string> Ignored = [nameof(Household.UpdatedAt), nameof(Household.Version), "SearchText"];

    public static void Record(CaseManagerDbContext db, ActionContext? context)
    {
        var rows = new List<AuditEntry>();
        var entries = db.ChangeTracker.Entries().ToList();
        // A new file is one "Added" row: its parts are part of its creation.
        var created = entries.Where(e => e is { State: EntityState.Added, Entity: Household })
            .Select(e => ((Household)e.Entity).Id)
            .ToHashSet();
        foreach (var entry in entries)
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached || entry.Entity is StageTransition or AuditEntry)
            {
                continue;
            }

            if (HouseholdIdOf(entry) is not { } householdId ||
                (entry.Entity is not Household && created.Contains(householdId)))
            {
                continue;
            }

            if (context is null)
            {
                throw new InvalidOperationException(
                    "A household's file is being changed without saying who acts: call ActingAs(context) before saving.");
            }

            rows.AddRange(Describe(entry, householdId, context));
        }

        db.AuditEntries.AddRange(rows);
    }

    private static Guid? HouseholdIdOf(EntityEntry entry) => entry.Entity switch
    {
        Household household => household.Id,
        IHouseholdPart part => part.HouseholdId,
        _ when IsOwnedByHousehold(entry) => (Guid?)entry.Property("HouseholdId").CurrentValue,
        _ => null,
    };

    private static bool IsOwnedByHousehold(EntityEntry entry)
    {
        for (var type = entry.Metadata; type.IsOwned(); type = type.FindOwnership()!.PrincipalEntityType)
        {
            if (type.FindOwnership()!.PrincipalEntityType.ClrType == typeof(Household))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<AuditEntry> Describe(EntityEntry entry, Guid householdId, ActionContext context)
    {
        var path = PathOf(entry);
        var entityType = entry.Metadata.ClrType.Name;
        AuditEntry Row(AuditAction action, string? field, string? oldValue, string? newValue) => new()
        {
            HouseholdId = householdId,
            OccurredAt = context.Now,
            UserId = context.Actor.Id,
            UserName = context.Actor.Name,
            EntityType = entityType,
            Action = action,
            Field = field,
            OldValue = oldValue,
            NewValue = newValue,
        };

        switch (entry.State)
        {
            case EntityState.Added:
                yield return Row(AuditAction.Added, path, null, Summary(entry.Entity));
                break;
            case EntityState.Deleted:
                yield return Row(AuditAction.Deleted, path, Summary(entry.Entity), null);
                break;
            case EntityState.Modified:
                foreach (var property in entry.Properties)
                {
                    if (!property.IsModified || Ignored.Contains(property.Metadata.Name) || property.Metadata.IsShadowProperty())
                    {
                        continue;
                    }

                    var oldValue = FormatProperty(entry, property.Metadata.Name, property.OriginalValue);
                    var newValue = FormatProperty(entry, property.Metadata.Name, property.CurrentValue);
                    if (oldValue != newValue)
                    {
                        var field = path is null ? property.Metadata.Name : $"{path}.{property.Metadata.Name}";
                        yield return Row(AuditAction.Modified, field, oldValue, newValue);
                    }
                }

                break;
            case EntityState.Detached:
            case EntityState.Unchanged:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(entry), entry.State, null);
        }
    }

    /// <summary>"PrimaryApplicant", "Children[Léa]", or null for the household row itself.</summary>
    private static string? PathOf(EntityEntry entry)
    {
        if (!entry.Metadata.IsOwned())
        {
            return entry.Entity switch
            {
                Household => null,
                PlanGoal goal => $"PlanGoal[{goal.NeedCode}]",
                PlanTask task => $"PlanTask[{task.Title}]",
                Milestone milestone => $"Milestone[{milestone.Title}]",
                RetentionCheck check => $"RetentionCheck[{check.MonthsAfter}]",
                StayParticipant participant => $"StayParticipant[{participant.StayId}]",
                StayDebrief debrief => $"StayDebrief[{debrief.StayId}]",
                DebriefNextStep step => $"DebriefNextStep[{step.Text}]",
                SessionRegistration registration => $"SessionRegistration[{registration.SessionId}]",
                ExternalSessionAttendance external => $"ExternalSessionAttendance[{Format(external.AttendedOn)}]",
                ConsentRecord consent => $"Consent[{consent.PurposeCode}]",
                DuplicateFlag flag => $"DuplicateFlag[{flag.OtherHouseholdId}]",
                _ => entry.Metadata.ClrType.Name,
            };
        }

        var navigation = entry.Metadata.FindOwnership()!.PrincipalToDependent!.Name;
        return entry.Entity is Child child ? $"{navigation}[{child.FirstName}]" : navigation;
    }

    private static string Summary(object entity) => entity switch
    {
        Household household => household.FileNumber,
        Person person => person.FullName,
        Child child => $"{child.FirstName} ({Format(child.BirthDate)})",
        JournalEntry journal => journal.Kind.ToString(),
        Plan => "Plan",
        PlanGoal goal => goal.NeedCode,
        PlanTask task => task.Title,
        Milestone milestone => $"{milestone.Title} ({Format(milestone.On)})",
        RetentionCheck check => Format(check.DueOn)!,
        StayParticipant participant => $"{participant.PeopleCount}",
        StayDebrief debrief => $"{debrief.Interest}/{StayDebrief.MaxInterest}",
        DebriefNextStep step => step.Text,
        StayWaiver waiver => waiver.Reason,
        SessionRegistration registration => $"{registration.SessionId} {registration.Status}",
        ExternalSessionAttendance external => $"{external.OrganizerName} {external.RegionCode} {Format(external.AttendedOn)}",
        ConsentRecord consent => $"{consent.PurposeCode} {(consent.Granted ? "granted" : "refused")} (notice v{consent.NoticeVersion})",
        DuplicateFlag flag => $"{flag.Criteria} {flag.Status}",
        Settlement settlement => $"{settlement.RegionCode} {settlement.Municipality} {Format(settlement.SettledOn)}",
        _ => entity.GetType().Name,
    };

    /// <summary>A part moved to another file (a merge of duplicates) reads by the files' numbers when they are at hand.</summary>
    private static string? FormatProperty(EntityEntry entry, string property, object? value) =>
        property is nameof(IHouseholdPart.HouseholdId) or nameof(Household.MergedIntoId) && value is Guid id &&
        entry.Context.ChangeTracker.Entries<Household>().FirstOrDefault(h => h.Entity.Id == id) is { } file
            ? file.Entity.FileNumber
            : Format(value);

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object>().Select(Format)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
