namespace CaseManager.Web.Access;

/// <summary>
/// Everything a person may be allowed to do in CaseManager, named once. Each operation has one
/// rule in <see cref="AccessRules"/>; the services demand an operation before they do it, the
/// pages ask <see cref="Permissions"/> whether to offer it, and the authorization policies of
/// pages and endpoints are built from the same rules. A new operation gets its rule there (the
/// matrix test fails until it does).
/// </summary>
public enum Operation
{
    /// <summary>Work on household files (caseload, the file, its plan, sessions and stays of its household): counsellors their own, supervisors every file.</summary>
    WorkOnFiles,

    /// <summary>See and change every file of the program, not only one's own.</summary>
    SeeEveryFile,

    /// <summary>Choose or change the counsellor of a file (at creation, in the caseload, in supervision).</summary>
    AssignFiles,

    /// <summary>The queue of possible duplicates and their merge.</summary>
    ReviewDuplicates,

    /// <summary>Read the supervision dashboard.</summary>
    ReadSupervision,

    /// <summary>Read results (a counsellor only those of their own files).</summary>
    ReadResults,

    /// <summary>Read the whole program's results, narrowed to any organization or counsellor.</summary>
    ReadProgramResults,

    /// <summary>Set the yearly settlement targets.</summary>
    SetTargets,

    /// <summary>Information sessions (a partner only those it runs).</summary>
    ReadSessions,

    /// <summary>Exploratory stays (a partner only those it hosts).</summary>
    ReadStays,

    /// <summary>Review moving-subsidy applications (a partner only those of the regions it serves).</summary>
    ReviewSubsidies,

    /// <summary>Read the subsidy programme's settings and budgets.</summary>
    ReadSubsidyAdministration,

    /// <summary>Change the subsidy programme's settings, budgets and payments.</summary>
    ManageSubsidyAdministration,

    /// <summary>Read the directory of regional partners.</summary>
    ReadPartners,

    /// <summary>Change the directory of regional partners.</summary>
    ManagePartners,

    /// <summary>Read the resource directory.</summary>
    ReadResources,

    /// <summary>Change and import the resource directory.</summary>
    ManageResources,

    /// <summary>User accounts and roles.</summary>
    ManageUsers,

    /// <summary>Reminder rules and their delays.</summary>
    ManageReminderSettings,

    /// <summary>The plan templates.</summary>
    ManagePlanTemplates,

    /// <summary>The intake API's keys.</summary>
    ManageApiKeys,

    /// <summary>Read the system's detailed health (servers, queues).</summary>
    ReadSystemHealth,

    /// <summary>The privacy officer's tools: access log, rights requests, incidents, retention runs.</summary>
    UsePrivacyTools,

    /// <summary>Read the retention schedule.</summary>
    ReadRetentionSchedule,

    /// <summary>Change the retention schedule.</summary>
    SetRetentionSchedule,

    /// <summary>The personal calendar feed of information sessions.</summary>
    UseCalendarFeed,

    /// <summary>One's own preferences (language, reminder emails).</summary>
    EditOwnPreferences,

    /// <summary>
    /// A household's own space, reached through its personal link: its own file only (where it
    /// stands, its plan, its details, its consents, a message to its counsellor). Open to a
    /// household and to nobody else; a household is open to nothing else.
    /// </summary>
    UseHouseholdSpace,
}
