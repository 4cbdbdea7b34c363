namespace CaseManager.Domain.Subsidies;

/// <summary>Where a moving-subsidy application stands.</summary>
public enum SubsidyStatus
{
    Draft,
    Submitted,
    UnderReview,
    InformationRequested,
    Approved,
    Refused,
    Paid,
    Withdrawn,
}

/// <summary>The eligibility criteria a rule set may enable.</summary>
public enum SubsidyCriterion
{
    /// <summary>The household's immigration status is in the accepted list.</summary>
    ImmigrationStatus,

    /// <summary>The destination is a host region (not an excluded region such as Montréal or Laval).</summary>
    HostRegion,

    /// <summary>A job, a job offer or a business project in the region, with its proof.</summary>
    Employment,

    /// <summary>A signed lease or a proof of address in the region.</summary>
    Housing,

    /// <summary>Took part in the program: an agreed plan and an information session attended (or the stage skipped with its reason).</summary>
    ProgramParticipation,

    /// <summary>No earlier subsidy approved or paid for this household.</summary>
    NoEarlierSubsidy,

    /// <summary>The move happens within N days of the application.</summary>
    MoveWithinDays,
}

/// <summary>How an application fares on one criterion.</summary>
public enum CriterionOutcome
{
    Met,
    NotMet,
    MissingProof,
}

/// <summary>The kinds of supporting documents of an application.</summary>
public enum SubsidyDocumentType
{
    JobOffer,
    EmploymentContract,
    BusinessProject,
    Lease,
    ProofOfAddress,
    StatusProof,
    MovingQuote,
    Other,
}

/// <summary>Why a reviewer refuses an application (each has its text in the interface).</summary>
public enum SubsidyRefusalReason
{
    NotEligible,
    MissingDocuments,
    NotInHostRegion,
    EarlierSubsidy,
    BudgetExhausted,
    Other,
}
