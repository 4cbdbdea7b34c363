using System.Collections.Frozen;
using System.Linq.Expressions;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Sessions;
using CaseManager.Domain.Stays;
using CaseManager.Domain.Subsidies;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Web.Access;

/// <summary>
/// Who may see or do what: every rule of the program, in one place. Pure functions of the person
/// (as <see cref="AccessPolicy"/> resolves them from the database) and of the record; the same
/// rule answers a yes/no, filters a query (an expression PostgreSQL runs) and tells the pages what
/// to offer. Nothing outside this folder tests a role.
/// </summary>
public static class AccessRules
{
    private static readonly string[] FileWorkers = [Roles.Counsellor, Roles.Supervisor];

    /// <summary>The roles each operation is open to; the record-level narrowing is below.</summary>
    public static readonly FrozenDictionary<Operation, IReadOnlySet<string>> RolesOf = new Dictionary<Operation, string[]>
    {
        [Operation.WorkOnFiles] = FileWorkers,
        [Operation.SeeEveryFile] = [Roles.Supervisor],
        [Operation.AssignFiles] = [Roles.Supervisor],
        [Operation.ReviewDuplicates] = [Roles.Supervisor],
        [Operation.ReadSupervision] = [Roles.Supervisor, Roles.Admin],
        [Operation.ReadResults] = [Roles.Counsellor, Roles.Supervisor, Roles.Admin],
        [Operation.ReadProgramResults] = [Roles.Supervisor, Roles.Admin],
        [Operation.SetTargets] = [Roles.Admin],
        [Operation.ReadSessions] = [Roles.Counsellor, Roles.Supervisor, Roles.Partner],
        [Operation.ReadStays] = [Roles.Counsellor, Roles.Supervisor, Roles.Partner],
        [Operation.ReviewSubsidies] = [Roles.Supervisor, Roles.Partner],
        [Operation.ReadSubsidyAdministration] = [Roles.Supervisor, Roles.Admin],
        [Operation.ManageSubsidyAdministration] = [Roles.Admin],
        [Operation.ReadPartners] = [Roles.Counsellor, Roles.Supervisor, Roles.Admin],
        [Operation.ManagePartners] = [Roles.Admin],
        [Operation.ReadResources] = [Roles.Counsellor, Roles.Supervisor, Roles.Admin],
        [Operation.ManageResources] = [Roles.Admin],
        [Operation.ManageUsers] = [Roles.Admin],
        [Operation.ManageReminderSettings] = [Roles.Admin],
        [Operation.ManagePlanTemplates] = [Roles.Admin],
        [Operation.ManageApiKeys] = [Roles.Admin],
        [Operation.ReadSystemHealth] = [Roles.Admin],
        [Operation.UsePrivacyTools] = [Roles.PrivacyOfficer],
        [Operation.ReadRetentionSchedule] = [Roles.PrivacyOfficer, Roles.Admin],
        [Operation.SetRetentionSchedule] = [Roles.Admin],
        [Operation.UseCalendarFeed] = FileWorkers,
        // Every signed-in person, whatever their roles.
        [Operation.EditOwnPreferences] = Roles.All.ToArray(),
        // No staff role: a household signed in by its personal link, and nobody else.
        [Operation.UseHouseholdSpace] = [],
    }.ToFrozenDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value.ToFrozenSet());

    /// <summary>
    /// Whether the person may do the operation at all (a file, session or stay may narrow it
    /// further). The partner role counts only with an active partner organization.
    /// </summary>
    public static bool Allows(UserIdentity person, Operation operation)
    {
        if (!person.IsAuthenticated || !RolesOf.TryGetValue(operation, out var roles))
        {
            return false;
        }

        // A household is a person of its own kind: its space and nothing else; no staff person reaches it.
        if (person.IsHousehold || operation == Operation.UseHouseholdSpace)
        {
            return person.IsHousehold && operation == Operation.UseHouseholdSpace;
        }

        return operation == Operation.EditOwnPreferences ||
               person.Roles.Any(role => roles.Contains(role) && (role != Roles.Partner || person.PartnerId is not null));
    }

    /// <summary>The files the person works on: every file, their own, or none.</summary>
    public static FileScope FilesOf(UserIdentity person) =>
        Allows(person, Operation.SeeEveryFile) ? FileScope.Every
        : Allows(person, Operation.WorkOnFiles) && person.IsInRole(Roles.Counsellor) ? FileScope.AssignedTo(person.Id)
        : FileScope.Nothing;

    /// <summary>Whether the person may open a file assigned to <paramref name="assignedCounsellorId"/> (staff; a household opens only its own, below).</summary>
    public static bool MayOpenFile(UserIdentity person, string? assignedCounsellorId) => FilesOf(person).Includes(assignedCounsellorId);

    /// <summary>Whether the person may open this file: a household its own file only, staff as <see cref="FilesOf"/> says.</summary>
    public static bool MayOpenFile(UserIdentity person, Guid householdId, string? assignedCounsellorId) =>
        person.IsHousehold
            ? person.HouseholdId == householdId && Allows(person, Operation.UseHouseholdSpace)
            : MayOpenFile(person, assignedCounsellorId);

    /// <summary>In its space a household marks done or comments only the tasks of its plan assigned to it; the others it reads.</summary>
    public static bool MayChangeTask(UserIdentity person, Guid householdId, TaskOwner owner) =>
        Allows(person, Operation.UseHouseholdSpace) && person.HouseholdId == householdId && owner == TaskOwner.Household;

    /// <summary>Sessions: file workers see every session (participants narrowed by <see cref="MayOpenFile"/>); a partner those it runs.</summary>
    public static Expression<Func<InfoSession, bool>> SessionsOf(UserIdentity person)
    {
        if (Allows(person, Operation.WorkOnFiles))
        {
            return _ => true;
        }

        if (Allows(person, Operation.ReadSessions) && person.PartnerId is { } partnerId)
        {
            return s => s.PartnerIds.Contains(partnerId);
        }

        return _ => false;
    }

    public static bool MaySeeSession(UserIdentity person, IEnumerable<Guid> partnerIds) =>
        Allows(person, Operation.WorkOnFiles) ||
        (Allows(person, Operation.ReadSessions) && person.PartnerId is { } partnerId && partnerIds.Contains(partnerId));

    /// <summary>Stays as a query filter: file workers every stay; a partner the stays it hosts.</summary>
    public static Expression<Func<ExploratoryStay, bool>> StaysOf(UserIdentity person)
    {
        if (Allows(person, Operation.WorkOnFiles))
        {
            return _ => true;
        }

        if (Allows(person, Operation.ReadStays) && person.PartnerId is { } partnerId)
        {
            return s => s.HostPartnerId == partnerId;
        }

        return _ => false;
    }

    /// <summary>Stays: file workers every stay; a partner the stays it hosts.</summary>
    public static bool MaySeeStay(UserIdentity person, Guid? hostPartnerId) =>
        Allows(person, Operation.WorkOnFiles) ||
        (Allows(person, Operation.ReadStays) && person.PartnerId is { } partnerId && hostPartnerId == partnerId);

    /// <summary>The partner organization the person acts for in sessions and stays: none for a file worker (who sees as staff).</summary>
    public static Guid? ActingPartnerOf(UserIdentity person) => Allows(person, Operation.WorkOnFiles) ? null : person.PartnerId;

    /// <summary>Subsidy review: a supervisor every submitted application; a partner those whose destination it serves. Drafts are never reviewed.</summary>
    public static bool MayReview(UserIdentity person, SubsidyApplication application) =>
        application.SubmittedOn is not null && MayReviewRegion(person, application.DestinationRegionCode);

    /// <summary>The destination-region part of <see cref="MayReview"/> (the reminder job's SQL reads the same partners' regions from <c>access_partner_users</c>).</summary>
    public static bool MayReviewRegion(UserIdentity person, string? destinationRegionCode) =>
        Allows(person, Operation.ReviewSubsidies) &&
        (person.IsInRole(Roles.Supervisor) || (destinationRegionCode is not null && person.PartnerRegions.Contains(destinationRegionCode)));

    /// <summary>The review queue's filter: the same rule as <see cref="MayReview"/>, run by PostgreSQL.</summary>
    public static Expression<Func<SubsidyApplication, bool>> ApplicationsReviewedBy(UserIdentity person)
    {
        var regions = ReviewRegionsOf(person);
        if (regions is null)
        {
            return a => a.SubmittedOn != null;
        }

        return a => a.SubmittedOn != null && a.DestinationRegionCode != null && regions.Contains(a.DestinationRegionCode);
    }

    /// <summary>The regions whose applications the person reviews; null for every region (a supervisor).</summary>
    public static IReadOnlyList<string>? ReviewRegionsOf(UserIdentity person) =>
        !Allows(person, Operation.ReviewSubsidies) ? []
        : person.IsInRole(Roles.Supervisor) ? null
        : person.PartnerRegions;

    /// <summary>Whose week a person may read: their own, or (seeing every file) any counsellor's.</summary>
    public static bool MayReadWeekOf(UserIdentity person, string counsellorId) =>
        Allows(person, Operation.WorkOnFiles) && (counsellorId == person.Id || Allows(person, Operation.SeeEveryFile));

    /// <summary>Results: the program's reader narrows freely; a counsellor reads only their own files.</summary>
    public static bool MayReadResultsOf(UserIdentity person, int? organizationId, string? counsellorId) =>
        Allows(person, Operation.ReadProgramResults) ||
        (Allows(person, Operation.ReadResults) && organizationId is null && (counsellorId is null || counsellorId == person.Id));
}

/// <summary>
/// The files a person works on, as one value both a yes/no (<see cref="Includes"/>) and a query
/// filter (<see cref="Filter"/>) are read from, so a list never shows a file its page would refuse.
/// </summary>
public sealed record FileScope
{
    private FileScope(bool every, string? counsellorId)
    {
        IsEvery = every;
        CounsellorId = counsellorId;
    }

    public static FileScope Every { get; } = new(true, null);

    public static FileScope Nothing { get; } = new(false, null);

    public static FileScope AssignedTo(string counsellorId) => new(false, counsellorId);

    public bool IsEvery { get; }

    /// <summary>The counsellor whose files these are; null for every file or none.</summary>
    public string? CounsellorId { get; }

    public bool Includes(string? assignedCounsellorId) =>
        IsEvery || (CounsellorId is not null && assignedCounsellorId == CounsellorId);

    private Expression<Func<Household, bool>> Filter()
    {
        if (IsEvery)
        {
            return _ => true;
        }

        var counsellorId = CounsellorId;
        return counsellorId is null ? _ => false : h => h.AssignedCounsellorId == counsellorId;
    }

    public IQueryable<Household> Apply(IQueryable<Household> households) => IsEvery ? households : households.Where(Filter());
}
