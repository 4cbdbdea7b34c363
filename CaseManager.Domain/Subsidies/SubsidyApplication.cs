using CaseManager.Domain.Common;
using CaseManager.Domain.Households;

namespace CaseManager.Domain.Subsidies;

/// <summary>What the application form gives.</summary>
public sealed record SubsidyApplicationDetails(
    string? DestinationRegionCode, string? DestinationMunicipality, DateOnly? PlannedMoveOn, decimal? EstimatedCost, string? Explanation);

/// <summary>
/// A household's application for the moving subsidy (stage 5). It moves through one transition
/// table (<see cref="Transitions"/>); each move is recorded in <see cref="History"/>. The
/// evaluation is frozen at submission against the rule set in force that day. Whoever created the
/// application never reviews or decides it. Changed only through these methods.
/// </summary>
public sealed class SubsidyApplication : IHouseholdPart
{
    public const int MaxTextLength = 2000;
    public const int MaxShortTextLength = 200;
    public const decimal MaxAmount = EligibilityRuleSet.MaxAmount;

    /// <summary>Every legal move; anything else is refused.</summary>
    public static readonly IReadOnlyDictionary<SubsidyStatus, IReadOnlySet<SubsidyStatus>> Transitions =
        new Dictionary<SubsidyStatus, IReadOnlySet<SubsidyStatus>>
        {
            [SubsidyStatus.Draft] = new HashSet<SubsidyStatus> { SubsidyStatus.Submitted, SubsidyStatus.Withdrawn },
            [SubsidyStatus.Submitted] = new HashSet<SubsidyStatus>
            {
                SubsidyStatus.UnderReview, SubsidyStatus.InformationRequested, SubsidyStatus.Approved, SubsidyStatus.Refused, SubsidyStatus.Withdrawn,
            },
            [SubsidyStatus.UnderReview] = new HashSet<SubsidyStatus>
            {
                SubsidyStatus.InformationRequested, SubsidyStatus.Approved, SubsidyStatus.Refused, SubsidyStatus.Withdrawn,
            },
            [SubsidyStatus.InformationRequested] = new HashSet<SubsidyStatus> { SubsidyStatus.Submitted, SubsidyStatus.Withdrawn },
            [SubsidyStatus.Approved] = new HashSet<SubsidyStatus> { SubsidyStatus.Paid },
            [SubsidyStatus.Refused] = new HashSet<SubsidyStatus>(),
            [SubsidyStatus.Paid] = new HashSet<SubsidyStatus>(),
            [SubsidyStatus.Withdrawn] = new HashSet<SubsidyStatus>(),
        };

    private readonly List<SubsidyStatusChange> _history = [];
    private List<CriterionResult> _results = [];

    private SubsidyApplication()
    {
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public SubsidyStatus Status { get; private set; }

    public string? DestinationRegionCode { get; private set; }
    public string? DestinationMunicipality { get; private set; }
    public DateOnly? PlannedMoveOn { get; private set; }
    public decimal? EstimatedCost { get; private set; }
    public string? Explanation { get; private set; }

    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The last submission: the day the evaluation was frozen.</summary>
    public DateOnly? SubmittedOn { get; private set; }

    /// <summary>Since when the application waits for a reviewer (submission or resubmission); null when it does not wait.</summary>
    public DateOnly? WaitingSince { get; private set; }

    /// <summary>The rule set the frozen evaluation used.</summary>
    public Guid? RuleSetId { get; private set; }

    public int? HouseholdSizeAtSubmission { get; private set; }
    public decimal? ComputedAmount { get; private set; }

    /// <summary>The frozen evaluation, one row per criterion.</summary>
    public IReadOnlyList<CriterionResult> Results => _results;

    public string? ReviewerId { get; private set; }
    public string? ReviewerName { get; private set; }

    public string? InformationRequest { get; private set; }

    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public decimal? ApprovedAmount { get; private set; }
    public string? AmountReason { get; private set; }
    public SubsidyRefusalReason? RefusalReason { get; private set; }
    public string? DecisionComment { get; private set; }

    public DateOnly? PaidOn { get; private set; }
    public decimal? PaidAmount { get; private set; }
    public string? PaymentReference { get; private set; }

    public string? WithdrawalReason { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): two reviewers deciding at once.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<SubsidyStatusChange> History => _history;

    public bool IsEditable => Status is SubsidyStatus.Draft or SubsidyStatus.InformationRequested;

    public bool AwaitsDecision => Status is SubsidyStatus.Submitted or SubsidyStatus.UnderReview;

    public static bool CanMove(SubsidyStatus from, SubsidyStatus to) => Transitions[from].Contains(to);

    /// <summary>The statuses of an application still in progress: while one exists, no other starts.</summary>
    public static readonly IReadOnlySet<SubsidyStatus> OpenStatuses = new HashSet<SubsidyStatus>
    {
        SubsidyStatus.Draft, SubsidyStatus.Submitted, SubsidyStatus.UnderReview, SubsidyStatus.InformationRequested, SubsidyStatus.Approved,
    };

    /// <summary>
    /// Why a new application may not start for a file at <paramref name="stage"/> and
    /// <paramref name="status"/> whose applications are in <paramref name="existing"/>: an
    /// application starts only for an active file at the moving-subsidy stage with no other open
    /// one. Null when it may start.
    /// </summary>
    public static string? StartRefusal(Stage stage, CaseStatus status, IEnumerable<SubsidyStatus> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (stage != Stage.MovingSubsidy || status != CaseStatus.Active)
        {
            return "Subsidy.NotInSubsidyStage";
        }

        return existing.Any(OpenStatuses.Contains) ? "Subsidy.AlreadyOpen" : null;
    }

    public static SubsidyApplication Start(Guid householdId, SubsidyApplicationDetails details, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var application = new SubsidyApplication
        {
            Id = Guid.CreateVersion7(context.Now),
            HouseholdId = householdId,
            Status = SubsidyStatus.Draft,
            CreatedById = context.Actor.Id,
            CreatedByName = context.Actor.Name,
            CreatedAt = context.Now,
            UpdatedAt = context.Now,
        };
        application.Apply(details);
        application._history.Add(new SubsidyStatusChange(application, null, SubsidyStatus.Draft, null, context));
        return application;
    }

    public void UpdateDetails(SubsidyApplicationDetails details, ActionContext context)
    {
        if (!IsEditable)
        {
            throw new DomainRuleException("Subsidy.NotEditable");
        }

        Apply(details);
        UpdatedAt = context.Now;
    }

    /// <summary>Freezes <paramref name="evaluation"/> (made with <paramref name="ruleSet"/> on <see cref="ActionContext.Today"/>) and sends the application to review.</summary>
    public void Submit(EligibilityRuleSet ruleSet, int householdSize, SubsidyEvaluation evaluation, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(evaluation);
        EnsureCanMove(SubsidyStatus.Submitted);
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(DestinationRegionCode))
        {
            refusals.Add(new("Subsidy.DestinationRequired"));
        }

        if (PlannedMoveOn is null)
        {
            refusals.Add(new("Subsidy.MoveDateRequired"));
        }

        ThrowIfAny(refusals);
        Move(SubsidyStatus.Submitted, null, context);
        SubmittedOn = context.Today;
        WaitingSince = context.Today;
        RuleSetId = ruleSet.Id;
        HouseholdSizeAtSubmission = householdSize;
        ComputedAmount = evaluation.ComputedAmount;
        _results = [.. evaluation.Results];
        InformationRequest = null;
        ReviewerId = null;
        ReviewerName = null;
    }

    public void TakeForReview(ActionContext context)
    {
        EnsureCanMove(SubsidyStatus.UnderReview);
        EnsureNotCreator(context);
        Move(SubsidyStatus.UnderReview, null, context);
        ReviewerId = context.Actor.Id;
        ReviewerName = context.Actor.Name;
    }

    public void RequestInformation(string request, ActionContext context)
    {
        EnsureCanMove(SubsidyStatus.InformationRequested);
        EnsureNotCreator(context);
        var text = Text(request, MaxTextLength, "Subsidy.InformationRequestRequired");
        Move(SubsidyStatus.InformationRequested, text, context);
        InformationRequest = text;
        WaitingSince = null;
        ReviewerId ??= context.Actor.Id;
        ReviewerName ??= context.Actor.Name;
    }

    /// <summary>Approves <paramref name="amount"/>; an amount other than the computed one needs its reason.</summary>
    public void Approve(decimal amount, string? reason, ActionContext context)
    {
        EnsureCanMove(SubsidyStatus.Approved);
        EnsureNotCreator(context);
        if (amount <= 0 || amount > MaxAmount)
        {
            throw new DomainRuleException("Subsidy.AmountRange", MaxAmount);
        }

        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (rounded != ComputedAmount && trimmed is null)
        {
            throw new DomainRuleException("Subsidy.AmountReasonRequired");
        }

        if (trimmed is { Length: > MaxTextLength })
        {
            throw new DomainRuleException("Subsidy.TextTooLong", MaxTextLength);
        }

        Move(SubsidyStatus.Approved, trimmed, context);
        Decide(context);
        ApprovedAmount = rounded;
        AmountReason = rounded != ComputedAmount ? trimmed : null;
    }

    public void Refuse(SubsidyRefusalReason reason, string comment, ActionContext context)
    {
        EnsureCanMove(SubsidyStatus.Refused);
        EnsureNotCreator(context);
        if (!Enum.IsDefined(reason))
        {
            throw new DomainRuleException("Subsidy.RefusalReasonRequired");
        }

        var text = Text(comment, MaxTextLength, "Subsidy.CommentRequired");
        Move(SubsidyStatus.Refused, text, context);
        Decide(context);
        RefusalReason = reason;
        DecisionComment = text;
    }

    public void RecordPayment(DateOnly paidOn, decimal amount, string reference, ActionContext context)
    {
        EnsureCanMove(SubsidyStatus.Paid);
        var refusals = new List<Refusal>();
        if (amount <= 0 || amount > MaxAmount)
        {
            refusals.Add(new("Subsidy.AmountRange", MaxAmount));
        }

        if (paidOn > context.Today)
        {
            refusals.Add(new("Subsidy.PaymentInFuture"));
        }

        if (DecidedOn is { } decided && paidOn < decided)
        {
            refusals.Add(new("Subsidy.PaymentBeforeDecision"));
        }

        if (string.IsNullOrWhiteSpace(reference))
        {
            refusals.Add(new("Subsidy.PaymentReferenceRequired"));
        }
        else if (reference.Trim().Length > MaxShortTextLength)
        {
            refusals.Add(new("Subsidy.TextTooLong", MaxShortTextLength));
        }

        ThrowIfAny(refusals);
        Move(SubsidyStatus.Paid, reference?.Trim(), context);
        PaidOn = paidOn;
        PaidAmount = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        PaymentReference = reference!.Trim();
    }

    public void Withdraw(string reason, ActionContext context)
    {
        EnsureCanMove(SubsidyStatus.Withdrawn);
        var text = Text(reason, MaxTextLength, "Subsidy.WithdrawalReasonRequired");
        Move(SubsidyStatus.Withdrawn, text, context);
        WithdrawalReason = text;
        WaitingSince = null;
    }

    /// <summary>Documents may be added or removed while the counsellor holds the application.</summary>
    public void EnsureDocumentsEditable()
    {
        if (!IsEditable)
        {
            throw new DomainRuleException("Subsidy.NotEditable");
        }
    }

    private void Decide(ActionContext context)
    {
        DecidedById = context.Actor.Id;
        DecidedByName = context.Actor.Name;
        DecidedOn = context.Today;
        WaitingSince = null;
        ReviewerId ??= context.Actor.Id;
        ReviewerName ??= context.Actor.Name;
    }

    private void EnsureNotCreator(ActionContext context)
    {
        if (context.Actor.Id == CreatedById)
        {
            throw new DomainRuleException("Subsidy.OwnApplication");
        }
    }

    /// <summary>An illegal move is refused before anything else is looked at.</summary>
    private void EnsureCanMove(SubsidyStatus to)
    {
        if (!CanMove(Status, to))
        {
            throw new DomainRuleException("Subsidy.IllegalTransition", Status, to);
        }
    }

    private void Move(SubsidyStatus to, string? comment, ActionContext context)
    {
        EnsureCanMove(to);
        _history.Add(new SubsidyStatusChange(this, Status, to, comment, context));
        Status = to;
        UpdatedAt = context.Now;
    }

    private void Apply(SubsidyApplicationDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var refusals = new List<Refusal>();
        if (details.EstimatedCost is { } cost && (cost < 0 || cost > MaxAmount))
        {
            refusals.Add(new("Subsidy.AmountRange", MaxAmount));
        }

        if (details.DestinationMunicipality?.Trim().Length > MaxShortTextLength)
        {
            refusals.Add(new("Subsidy.TextTooLong", MaxShortTextLength));
        }

        if (details.Explanation?.Trim().Length > MaxTextLength)
        {
            refusals.Add(new("Subsidy.TextTooLong", MaxTextLength));
        }

        ThrowIfAny(refusals);
        DestinationRegionCode = string.IsNullOrWhiteSpace(details.DestinationRegionCode) ? null : details.DestinationRegionCode.Trim();
        DestinationMunicipality = string.IsNullOrWhiteSpace(details.DestinationMunicipality) ? null : details.DestinationMunicipality.Trim();
        PlannedMoveOn = details.PlannedMoveOn;
        EstimatedCost = details.EstimatedCost is { } value ? Math.Round(value, 2, MidpointRounding.AwayFromZero) : null;
        Explanation = string.IsNullOrWhiteSpace(details.Explanation) ? null : details.Explanation.Trim();
    }

    private static string Text(string? value, int max, string requiredCode)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainRuleException(requiredCode);
        }

        var text = value.Trim();
        return text.Length > max ? throw new DomainRuleException("Subsidy.TextTooLong", max) : text;
    }

    private static void ThrowIfAny(List<Refusal> refusals)
    {
        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals.Distinct().ToList());
        }
    }
}

/// <summary>One move of an application's status: who, when, from what to what, and why.</summary>
public sealed class SubsidyStatusChange : IHouseholdPart
{
    private SubsidyStatusChange()
    {
    }

    internal SubsidyStatusChange(SubsidyApplication application, SubsidyStatus? from, SubsidyStatus to, string? comment, ActionContext context)
    {
        Id = Guid.CreateVersion7(context.Now);
        ApplicationId = application.Id;
        HouseholdId = application.HouseholdId;
        Sequence = application.History.Count + 1;
        From = from;
        To = to;
        Comment = comment;
        At = context.Now;
        ById = context.Actor.Id;
        ByName = context.Actor.Name;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid HouseholdId { get; private set; }

    /// <summary>1 for the draft, then one more per move: the order of the history, whatever the clock says.</summary>
    public int Sequence { get; private set; }

    public SubsidyStatus? From { get; private set; }
    public SubsidyStatus To { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ById { get; private set; } = "";
    public string ByName { get; private set; } = "";
}

/// <summary>
/// A supporting document's description; its bytes live apart (<see cref="SubsidyDocumentContent"/>)
/// so lists never load them, and an anonymization removes both.
/// </summary>
public sealed class SubsidyDocument : IHouseholdPart
{
    public const int MaxFileNameLength = 200;

    private SubsidyDocument()
    {
    }

    public SubsidyDocument(SubsidyApplication application, SubsidyDocumentType type, string fileName, string contentType, long size, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(context);
        Id = Guid.CreateVersion7(context.Now);
        ApplicationId = application.Id;
        HouseholdId = application.HouseholdId;
        Type = type;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        UploadedAt = context.Now;
        UploadedById = context.Actor.Id;
        UploadedByName = context.Actor.Name;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public SubsidyDocumentType Type { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
    public string UploadedById { get; private set; } = "";
    public string UploadedByName { get; private set; } = "";
}

/// <summary>The bytes of a supporting document, in their own table.</summary>
public sealed class SubsidyDocumentContent
{
    public Guid DocumentId { get; set; }
    public byte[] Data { get; set; } = [];
}

/// <summary>The subsidy budget of a fiscal year (April to March), named by its first year.</summary>
public sealed class SubsidyBudget
{
    public int FiscalYearStart { get; set; }
    public decimal Amount { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; set; }
}
