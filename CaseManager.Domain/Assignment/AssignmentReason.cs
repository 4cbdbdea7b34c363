namespace CaseManager.Domain.Assignment;

/// <summary>Why a file went to a counsellor: every assignment records one.</summary>
public enum AssignmentReason
{
    /// <summary>The distribution chose the counsellor furthest below their weighted share.</summary>
    AutoBalanced,

    /// <summary>The distribution chose a counsellor who speaks the household's language, the balance allowing it.</summary>
    LanguageMatch,

    /// <summary>A counsellor opened the file and keeps it.</summary>
    CreatedByCounsellor,

    /// <summary>A supervisor named the counsellor when opening the file.</summary>
    ChosenBySupervisor,

    /// <summary>A supervisor moved the file to another counsellor.</summary>
    Reassigned,

    /// <summary>The counsellor went away; the distribution gave the file to another for the absence.</summary>
    AwayRedistributed,

    /// <summary>The counsellor came back; the file they had before the absence is theirs again.</summary>
    ReturnedFromAway,

    /// <summary>The file's counsellor as it stood when assignment history began (files older than the distribution).</summary>
    Initial,
}
