using CaseManager.Domain.Common;

namespace CaseManager.Domain.Households;

/// <summary>
/// A household's file (dossier): the aggregate every stage of the program works on. Its state
/// changes only through the methods below, which ask <see cref="HouseholdWorkflow"/> first and
/// append to the stage history.
/// </summary>
public sealed class Household
{
    private readonly List<Child> _children = [];
    private readonly List<StageTransition> _history = [];

    private Household()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Human-readable and unique, by fiscal year: "2026-0412".</summary>
    public string FileNumber { get; private set; } = "";

    public Person PrimaryApplicant { get; private set; } = new();
    public Person? Spouse { get; private set; }
    public IReadOnlyList<Child> Children => _children;
    public ContactInfo Contact { get; private set; } = new();
    public List<string> Languages { get; private set; } = [];
    public string? ImmigrationStatusCode { get; private set; }
    public DateOnly? ArrivalDate { get; private set; }
    public List<string> PreferredRegionCodes { get; private set; } = [];
    public List<string> NeedCodes { get; private set; } = [];
    public RegistrationSource RegistrationSource { get; private set; }

    public string? AssignedCounsellorId { get; private set; }
    public int OrganizationId { get; private set; }

    public Stage Stage { get; private set; }
    public CaseStatus Status { get; private set; }
    public DateOnly? LastContactOn { get; private set; }
    public DateOnly? HoldUntil { get; private set; }
    public string? WithdrawalReasonCode { get; private set; }
    public Settlement? Settlement { get; private set; }

    /// <summary>Set when a supervisor merged this file into another: the file kept (this one is closed).</summary>
    public Guid? MergedIntoId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Set when the file was anonymized (retention or deletion request): only statistics remain.</summary>
    public DateTimeOffset? AnonymizedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): a save based on an older version is refused.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<StageTransition> History => _history;

    /// <summary>How many people the household counts.</summary>
    public int Size => FileRules.SizeOf(Spouse is not null, _children.Count);

    /// <summary>A closed file is read-only (<see cref="FileRules"/>).</summary>
    public bool IsReadOnly => FileRules.IsReadOnly(Status);

    /// <summary>Only an active file takes part in sessions, stays and a subsidy (<see cref="FileRules"/>).</summary>
    public bool TakesPart => FileRules.TakesPart(Status);

    /// <summary>What the rules of a file read, for code that needs no more of the aggregate.</summary>
    public FileHead Head => new(Id, FileNumber, AssignedCounsellorId, Stage, Status, Size);

    public static Household Open(
        string fileNumber,
        HouseholdProfile profile,
        RegistrationSource source,
        int organizationId,
        string? counsellorId,
        ActionContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileNumber);
        var errors = profile.Validate(context.Today);
        if (errors.Count > 0)
        {
            throw new HouseholdProfileException(errors);
        }

        var household = new Household
        {
            Id = Guid.CreateVersion7(context.Now),
            FileNumber = fileNumber,
            RegistrationSource = source,
            OrganizationId = organizationId,
            AssignedCounsellorId = counsellorId,
            Stage = Stage.Outreach,
            Status = CaseStatus.Active,
            CreatedAt = context.Now,
            UpdatedAt = context.Now,
        };
        household.CopyProfile(profile);
        household._history.Add(household.NewTransition(TransitionKind.Opened, null, null, null, context));
        return household;
    }

    public HouseholdProfile ToProfile() => new()
    {
        PrimaryApplicant = PrimaryApplicant.Copy(),
        Spouse = Spouse?.Copy(),
        Children = _children.Select(c => c.Copy()).ToList(),
        Contact = Contact.Copy(),
        Languages = [.. Languages],
        ImmigrationStatusCode = ImmigrationStatusCode,
        ArrivalDate = ArrivalDate,
        PreferredRegionCodes = [.. PreferredRegionCodes],
        NeedCodes = [.. NeedCodes],
    };

    public void UpdateProfile(HouseholdProfile profile, ActionContext context)
    {
        EnsureNotClosed();
        var errors = profile.Validate(context.Today);
        if (errors.Count > 0)
        {
            throw new HouseholdProfileException(errors);
        }

        CopyProfile(profile);
        Touch(context);
    }

    public void AssignTo(string counsellorId, int organizationId, ActionContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(counsellorId);
        EnsureNotClosed();
        AssignedCounsellorId = counsellorId;
        OrganizationId = organizationId;
        Touch(context);
    }

    /// <summary>Records a contact with the household; the last-contact date follows the latest one.</summary>
    public JournalEntry RecordContact(ContactChannel channel, DateTimeOffset occurredAt, DateOnly occurredOn, string text, ActionContext context)
    {
        EnsureNotClosed();
        if (occurredAt > context.Now || occurredOn > context.Today)
        {
            throw new DomainRuleException("Journal.ContactInFuture");
        }

        var entry = JournalEntry.Create(Id, JournalEntryKind.Contact, channel, occurredAt, text, context);
        if (LastContactOn is null || occurredOn > LastContactOn)
        {
            LastContactOn = occurredOn;
        }

        Touch(context);
        return entry;
    }

    /// <summary>A note does not change the file itself, so it does not compete with a profile edit.</summary>
    public JournalEntry AddNote(string text, ActionContext context) => Head.AddNote(text, context);

    /// <summary>
    /// Whether a move is legal now. <paramref name="facts"/> says what is known outside the
    /// household (its plan agreed…); without them, nothing is.
    /// </summary>
    public WorkflowDecision Evaluate(TransitionRequest request, DateOnly today, WorkflowFacts? facts = null) =>
        HouseholdWorkflow.Evaluate(this, request, today, facts ?? WorkflowFacts.None);

    /// <summary>Whether the file may advance to <paramref name="target"/>, with the reasons if not.</summary>
    public WorkflowDecision CanAdvanceTo(Stage target, DateOnly today, WorkflowFacts? facts = null) =>
        Evaluate(new AdvanceRequest(target), today, facts);

    public void AdvanceTo(Stage target, ActionContext context, WorkflowFacts? facts = null) =>
        Apply(new AdvanceRequest(target), context, facts);

    public void SkipTo(Stage target, string reason, ActionContext context, WorkflowFacts? facts = null) =>
        Apply(new SkipRequest(target, reason), context, facts);

    public void GoBackTo(Stage target, string reason, ActionContext context) =>
        Apply(new GoBackRequest(target, reason), context);

    public void PutOnHold(DateOnly reviewOn, string reason, ActionContext context) =>
        Apply(new HoldRequest(reviewOn, reason), context);

    public void Withdraw(string reasonCode, string? comment, ActionContext context) =>
        Apply(new WithdrawRequest(reasonCode, comment), context);

    public void Reactivate(string? comment, ActionContext context) =>
        Apply(new ReactivateRequest(comment), context);

    public void Settle(string regionCode, bool regionIsHost, string municipality, DateOnly settledOn, ActionContext context) =>
        Apply(new SettleRequest(regionCode, regionIsHost, municipality, settledOn), context);

    public void Close(string reason, ActionContext context) =>
        Apply(new CloseRequest(reason), context);

    /// <summary>
    /// This file and <paramref name="survivor"/> are one household: this one is closed and points
    /// to the survivor, which keeps the earliest contact. The history says so on both sides.
    /// </summary>
    public void MergeInto(Household survivor, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        if (IsReadOnly || survivor.IsReadOnly)
        {
            throw new DomainRuleException("Duplicate.FileClosed");
        }

        if (survivor.Id == Id)
        {
            throw new DomainRuleException("Duplicate.SameFile");
        }

        var fromStage = Stage;
        var fromStatus = Status;
        Status = CaseStatus.Closed;
        MergedIntoId = survivor.Id;
        _history.Add(NewTransition(TransitionKind.Close, fromStage, fromStatus, null, context, $"merged → {survivor.FileNumber}"));
        Touch(context);

        if (LastContactOn is { } contact && (survivor.LastContactOn is null || contact > survivor.LastContactOn))
        {
            survivor.LastContactOn = contact;
        }

        survivor.Touch(context);
    }

    /// <summary>The day the file last entered each stage it has reached (for the stepper).</summary>
    public IReadOnlyDictionary<Stage, DateTimeOffset> StageEntryDates()
    {
        var dates = new Dictionary<Stage, DateTimeOffset>();
        foreach (var transition in _history.OrderBy(t => t.OccurredAt))
        {
            if (transition.Kind is TransitionKind.Opened or TransitionKind.Advance or TransitionKind.Skip or TransitionKind.GoBack)
            {
                dates[transition.ToStage] = transition.OccurredAt;
            }

            if (transition.Kind is TransitionKind.GoBack)
            {
                foreach (var later in dates.Keys.Where(s => s > transition.ToStage).ToList())
                {
                    dates.Remove(later);
                }
            }
        }

        return dates;
    }

    /// <summary>Applies any move of the transition table, or throws with the reasons it is refused.</summary>
    public void Apply(TransitionRequest request, ActionContext context, WorkflowFacts? facts = null)
    {
        var decision = Evaluate(request, context.Today, facts);
        if (!decision.IsAllowed)
        {
            throw new DomainRuleException(decision.Refusals);
        }

        var fromStage = Stage;
        var fromStatus = Status;
        string? reasonCode = null;
        string? comment;
        switch (request)
        {
            case AdvanceRequest advance:
                Stage = advance.Target;
                comment = null;
                break;
            case SkipRequest skip:
                Stage = skip.Target;
                comment = skip.Reason.Trim();
                break;
            case GoBackRequest back:
                Stage = back.Target;
                comment = back.Reason.Trim();
                break;
            case HoldRequest hold:
                HoldUntil = hold.ReviewOn;
                comment = hold.Reason.Trim();
                break;
            case WithdrawRequest withdraw:
                reasonCode = withdraw.ReasonCode;
                WithdrawalReasonCode = withdraw.ReasonCode;
                comment = withdraw.Comment?.Trim();
                break;
            case ReactivateRequest reactivate:
                HoldUntil = null;
                WithdrawalReasonCode = null;
                comment = reactivate.Comment?.Trim();
                break;
            case SettleRequest settle:
                Settlement = new Settlement
                {
                    RegionCode = settle.RegionCode,
                    Municipality = settle.Municipality.Trim(),
                    SettledOn = settle.SettledOn,
                };
                comment = null;
                break;
            case CloseRequest close:
                comment = close.Reason.Trim();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, null);
        }

        Status = HouseholdWorkflow.Table[request.Kind].To;
        if (Status != CaseStatus.OnHold)
        {
            HoldUntil = null;
        }

        _history.Add(NewTransition(request.Kind, fromStage, fromStatus, reasonCode, context, string.IsNullOrEmpty(comment) ? null : comment));
        Touch(context);
    }

    private StageTransition NewTransition(
        TransitionKind kind, Stage? fromStage, CaseStatus? fromStatus, string? reasonCode, ActionContext context, string? comment = null) =>
        new()
        {
            Id = Guid.CreateVersion7(context.Now),
            HouseholdId = Id,
            Kind = kind,
            FromStage = fromStage,
            ToStage = Stage,
            FromStatus = fromStatus,
            ToStatus = Status,
            ReasonCode = reasonCode,
            Comment = comment,
            OccurredAt = context.Now,
            ActorId = context.Actor.Id,
            ActorName = context.Actor.Name,
        };

    private void CopyProfile(HouseholdProfile profile)
    {
        CopyPerson(profile.PrimaryApplicant, PrimaryApplicant);
        if (profile.Spouse is null)
        {
            Spouse = null;
        }
        else
        {
            Spouse ??= new Person();
            CopyPerson(profile.Spouse, Spouse);
        }

        // Children keep their identity so the audit reads "birth date changed", not "removed, added".
        var incoming = profile.Children.ToDictionary(c => c.Id == Guid.Empty ? Guid.NewGuid() : c.Id);
        _children.RemoveAll(c => !incoming.ContainsKey(c.Id));
        foreach (var (id, source) in incoming)
        {
            var child = _children.FirstOrDefault(c => c.Id == id);
            if (child is null)
            {
                child = new Child { Id = id };
                _children.Add(child);
            }

            child.FirstName = source.FirstName.Trim();
            child.BirthDate = source.BirthDate;
            child.Care = source.Care;
        }

        Contact.Email = ContactRules.NormalizeEmail(profile.Contact.Email);
        Contact.Phone = ContactRules.NormalizePhone(profile.Contact.Phone);
        Contact.Address = Clean(profile.Contact.Address);
        Contact.Borough = Clean(profile.Contact.Borough);
        ReplaceIfDifferent(Languages, profile.Languages);
        ImmigrationStatusCode = Clean(profile.ImmigrationStatusCode);
        ArrivalDate = profile.ArrivalDate;
        ReplaceIfDifferent(PreferredRegionCodes, profile.PreferredRegionCodes);
        ReplaceIfDifferent(NeedCodes, profile.NeedCodes);
    }

    private static void CopyPerson(Person source, Person target)
    {
        target.FirstName = source.FirstName.Trim();
        target.LastName = source.LastName.Trim();
        target.BirthDate = source.BirthDate;
        target.Occupation = Clean(source.Occupation);
        target.EmploymentStatus = source.EmploymentStatus;
        target.FrenchLevel = source.FrenchLevel;
    }

    private static void ReplaceIfDifferent(List<string> target, IEnumerable<string> source)
    {
        var cleaned = source.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        if (!target.SequenceEqual(cleaned))
        {
            target.Clear();
            target.AddRange(cleaned);
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private void EnsureNotClosed() => FileRules.EnsureWritable(Status);

    private void Touch(ActionContext context) => UpdatedAt = context.Now;
}

public sealed class HouseholdProfileException(IReadOnlyList<FieldRefusal> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code}")))
{
    public IReadOnlyList<FieldRefusal> Errors { get; } = errors;
}
