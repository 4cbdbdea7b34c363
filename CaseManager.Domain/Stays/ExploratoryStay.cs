using CaseManager.Domain.Common;

namespace CaseManager.Domain.Stays;

/// <summary>What a stay's form gives: where, with whom, when, how the households travel and sleep.</summary>
public sealed record StayDetails(
    string RegionCode,
    Guid HostPartnerId,
    DateOnly StartOn,
    DateOnly EndOn,
    TransportMode? TransportMode = null,
    string? TransportDetails = null,
    string? LodgingPlace = null,
    string? LodgingDetails = null,
    string? Notes = null);

/// <summary>An item of the agenda as its form gives it.</summary>
public sealed record AgendaItemDetails(
    DateOnly Day, TimeOnly? Time, AgendaItemKind Kind, string Place, string? With, string? Notes);

/// <summary>A line of the budget as its form gives it; amounts in Canadian dollars.</summary>
public sealed record ExpenseDetails(ExpenseCategory Category, string? Description, decimal Planned, decimal? Actual);

/// <summary>
/// An exploratory stay (séjour exploratoire): households visit a host region with a regional
/// partner for a few days, meet employers and local actors, and see housing. The stay holds its
/// participants, agenda and budget; its status moves Planned → Confirmed → Completed (only from
/// its last day on), or to Cancelled with a reason. Changed only through these methods.
/// </summary>
public sealed class ExploratoryStay
{
    public const int MaxTextLength = 2000;
    public const int MaxShortTextLength = 300;

    /// <summary>An amount of the budget never reaches a million dollars: a typo, not a stay.</summary>
    public const decimal MaxAmount = 999_999.99m;

    private readonly List<StayParticipant> _participants = [];
    private readonly List<AgendaItem> _agenda = [];
    private readonly List<StayExpense> _expenses = [];

    private ExploratoryStay()
    {
    }

    public Guid Id { get; private set; }
    public string RegionCode { get; private set; } = "";

    /// <summary>The regional partner who hosts the stay (an id of the partner directory).</summary>
    public Guid HostPartnerId { get; private set; }

    public DateOnly StartOn { get; private set; }
    public DateOnly EndOn { get; private set; }
    public StayStatus Status { get; private set; }
    public TransportMode? TransportMode { get; private set; }
    public string? TransportDetails { get; private set; }
    public string? LodgingPlace { get; private set; }
    public string? LodgingDetails { get; private set; }
    public string? Notes { get; private set; }
    public string? CancellationReason { get; private set; }
    public DateOnly? CompletedOn { get; private set; }

    public string CreatedById { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin): every change writes the stay's row.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<StayParticipant> Participants => _participants;
    public IReadOnlyList<AgendaItem> Agenda => _agenda;
    public IReadOnlyList<StayExpense> Expenses => _expenses;

    /// <summary>How many people the stay brings, all households together.</summary>
    public int PeopleCount => _participants.Sum(p => p.PeopleCount);

    public int Nights => EndOn.DayNumber - StartOn.DayNumber;

    public bool IsOpen => Status is StayStatus.Planned or StayStatus.Confirmed;

    public decimal PlannedTotal => _expenses.Sum(e => e.Planned);

    public decimal ActualTotal => _expenses.Sum(e => e.Actual ?? 0m);

    /// <summary>Planned and actual amounts of each category, every category listed (zero when empty).</summary>
    public IReadOnlyList<BudgetLine> BudgetByCategory() => Enum.GetValues<ExpenseCategory>()
        .Select(c => new BudgetLine(
            c,
            _expenses.Where(e => e.Category == c).Sum(e => e.Planned),
            _expenses.Where(e => e.Category == c).Sum(e => e.Actual ?? 0m)))
        .ToList();

    public static ExploratoryStay Plan(StayDetails details, ActionContext context)
    {
        var stay = new ExploratoryStay
        {
            Id = Guid.CreateVersion7(context.Now),
            Status = StayStatus.Planned,
            CreatedById = context.Actor.Id,
            CreatedAt = context.Now,
        };
        stay.Apply(details, context);
        return stay;
    }

    public void UpdateDetails(StayDetails details, ActionContext context)
    {
        RequireOpen();
        Apply(details, context);
    }

    public void Confirm(ActionContext context)
    {
        RequireStatus(StayStatus.Planned);
        Require(_participants.Count > 0, "Stay.NoParticipants");
        Status = StayStatus.Confirmed;
        Touch(context);
    }

    /// <summary>
    /// The stay took place: allowed from its last day on, with at least one household. A household
    /// whose attendance was not recorded took part (the absent ones are recorded as such).
    /// </summary>
    public void Complete(ActionContext context)
    {
        RequireOpen();
        var refusals = new List<Refusal>();
        if (context.Today < EndOn)
        {
            refusals.Add(new Refusal("Stay.CompleteBeforeEnd", EndOn));
        }

        if (_participants.Count == 0)
        {
            refusals.Add(new Refusal("Stay.NoParticipants"));
        }
        else if (_participants.All(p => p.Attendance == Attendance.Absent))
        {
            refusals.Add(new Refusal("Stay.NobodyAttended"));
        }

        Throw(refusals);
        foreach (var participant in _participants.Where(p => p.Attendance == Attendance.Unknown))
        {
            participant.Attendance = Attendance.Present;
        }

        Status = StayStatus.Completed;
        CompletedOn = context.Today;
        Touch(context);
    }

    public void Cancel(string reason, ActionContext context)
    {
        RequireOpen();
        CancellationReason = RequiredText(reason, "Stay.CancellationReasonRequired");
        Status = StayStatus.Cancelled;
        Touch(context);
    }

    /// <summary>
    /// Adds a household; <paramref name="householdSize"/> is how many people it counts, the most it
    /// can bring.
    /// </summary>
    public StayParticipant AddParticipant(Guid householdId, int peopleCount, int householdSize, ActionContext context)
    {
        RequireOpen();
        Require(_participants.All(p => p.HouseholdId != householdId), "Stay.AlreadyParticipating");
        RequirePeople(peopleCount, householdSize);
        var participant = new StayParticipant(this, householdId, peopleCount, context);
        _participants.Add(participant);
        Touch(context);
        return participant;
    }

    public void ChangePeopleCount(Guid householdId, int peopleCount, int householdSize, ActionContext context)
    {
        RequireOpen();
        var participant = Participant(householdId);
        RequirePeople(peopleCount, householdSize);
        participant.PeopleCount = peopleCount;
        Touch(context);
    }

    public void RemoveParticipant(Guid householdId, ActionContext context)
    {
        RequireOpen();
        _participants.Remove(Participant(householdId));
        Touch(context);
    }

    /// <summary>Present or absent, from the stay's first day on; never on a cancelled stay.</summary>
    public void RecordAttendance(Guid householdId, Attendance attendance, ActionContext context)
    {
        Require(Status != StayStatus.Cancelled, "Stay.Cancelled");
        var participant = Participant(householdId);
        Require(attendance == Attendance.Unknown || context.Today >= StartOn, "Stay.AttendanceBeforeStart");
        Require(Status != StayStatus.Completed || attendance != Attendance.Unknown, "Stay.AttendanceRequiredOnceCompleted");
        if (Status == StayStatus.Completed && attendance == Attendance.Absent)
        {
            Require(_participants.Any(p => p.Id != participant.Id && p.Attendance == Attendance.Present), "Stay.NobodyAttended");
        }

        participant.Attendance = attendance;
        Touch(context);
    }

    public AgendaItem AddAgendaItem(AgendaItemDetails details, ActionContext context)
    {
        Require(Status != StayStatus.Cancelled, "Stay.Cancelled");
        var item = new AgendaItem(Id, Guid.CreateVersion7(context.Now));
        CopyAgenda(details, item);
        _agenda.Add(item);
        Touch(context);
        return item;
    }

    public void UpdateAgendaItem(Guid itemId, AgendaItemDetails details, ActionContext context)
    {
        Require(Status != StayStatus.Cancelled, "Stay.Cancelled");
        CopyAgenda(details, AgendaItem(itemId));
        Touch(context);
    }

    public void RemoveAgendaItem(Guid itemId, ActionContext context)
    {
        Require(Status != StayStatus.Cancelled, "Stay.Cancelled");
        _agenda.Remove(AgendaItem(itemId));
        Touch(context);
    }

    /// <summary>The agenda in the order of the stay: by day, then by time (items without a time first).</summary>
    public IReadOnlyList<AgendaItem> OrderedAgenda() =>
        _agenda.OrderBy(a => a.Day).ThenBy(a => a.Time ?? TimeOnly.MinValue).ThenBy(a => a.Id).ToList();

    public StayExpense AddExpense(ExpenseDetails details, ActionContext context)
    {
        Require(Status != StayStatus.Cancelled, "Stay.Cancelled");
        var expense = new StayExpense(Id, Guid.CreateVersion7(context.Now));
        CopyExpense(details, expense);
        _expenses.Add(expense);
        Touch(context);
        return expense;
    }

    public void UpdateExpense(Guid expenseId, ExpenseDetails details, ActionContext context)
    {
        Require(Status != StayStatus.Cancelled, "Stay.Cancelled");
        CopyExpense(details, Expense(expenseId));
        Touch(context);
    }

    public void RemoveExpense(Guid expenseId, ActionContext context)
    {
        Require(Status != StayStatus.Cancelled, "Stay.Cancelled");
        _expenses.Remove(Expense(expenseId));
        Touch(context);
    }

    public StayParticipant Participant(Guid householdId) =>
        _participants.FirstOrDefault(p => p.HouseholdId == householdId) ?? throw new DomainRuleException("Stay.NotParticipating");

    /// <summary>Marks a change made elsewhere (a debrief): the stay's version moves.</summary>
    public void Touch(ActionContext context) => UpdatedAt = context.Now;

    private void Apply(StayDetails details, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(details);
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(details.RegionCode))
        {
            refusals.Add(new Refusal("Stay.RegionRequired"));
        }

        if (details.HostPartnerId == Guid.Empty)
        {
            refusals.Add(new Refusal("Stay.HostPartnerRequired"));
        }

        if (details.EndOn < details.StartOn)
        {
            refusals.Add(new Refusal("Stay.EndBeforeStart"));
        }
        else if (_agenda.Any(a => a.Day < details.StartOn || a.Day > details.EndOn))
        {
            refusals.Add(new Refusal("Stay.AgendaOutsideDates"));
        }

        var texts = new[] { details.TransportDetails, details.LodgingDetails, details.Notes };
        if (texts.Any(t => t?.Trim().Length > MaxTextLength) || details.LodgingPlace?.Trim().Length > MaxShortTextLength)
        {
            refusals.Add(new Refusal("Stay.TextTooLong"));
        }

        Throw(refusals);
        RegionCode = details.RegionCode.Trim();
        HostPartnerId = details.HostPartnerId;
        StartOn = details.StartOn;
        EndOn = details.EndOn;
        TransportMode = details.TransportMode;
        TransportDetails = Clean(details.TransportDetails);
        LodgingPlace = Clean(details.LodgingPlace);
        LodgingDetails = Clean(details.LodgingDetails);
        Notes = Clean(details.Notes);
        Touch(context);
    }

    private void CopyAgenda(AgendaItemDetails details, AgendaItem item)
    {
        ArgumentNullException.ThrowIfNull(details);
        var refusals = new List<Refusal>();
        if (details.Day < StartOn || details.Day > EndOn)
        {
            refusals.Add(new Refusal("Stay.AgendaOutsideDates"));
        }

        if (string.IsNullOrWhiteSpace(details.Place))
        {
            refusals.Add(new Refusal("Stay.AgendaPlaceRequired"));
        }

        if (details.Place?.Trim().Length > MaxShortTextLength || details.With?.Trim().Length > MaxShortTextLength ||
            details.Notes?.Trim().Length > MaxTextLength)
        {
            refusals.Add(new Refusal("Stay.TextTooLong"));
        }

        Throw(refusals);
        item.Day = details.Day;
        item.Time = details.Time;
        item.Kind = details.Kind;
        item.Place = details.Place!.Trim();
        item.With = Clean(details.With);
        item.Notes = Clean(details.Notes);
    }

    private static void CopyExpense(ExpenseDetails details, StayExpense expense)
    {
        ArgumentNullException.ThrowIfNull(details);
        var refusals = new List<Refusal>();
        if (details.Planned < 0 || details.Actual < 0)
        {
            refusals.Add(new Refusal("Stay.NegativeAmount"));
        }

        if (details.Planned > MaxAmount || details.Actual > MaxAmount)
        {
            refusals.Add(new Refusal("Stay.AmountTooLarge"));
        }

        if (decimal.Round(details.Planned, 2) != details.Planned || (details.Actual is { } actual && decimal.Round(actual, 2) != actual))
        {
            refusals.Add(new Refusal("Stay.AmountCents"));
        }

        if (details.Description?.Trim().Length > MaxShortTextLength)
        {
            refusals.Add(new Refusal("Stay.TextTooLong"));
        }

        Throw(refusals);
        expense.Category = details.Category;
        expense.Description = Clean(details.Description);
        expense.Planned = details.Planned;
        expense.Actual = details.Actual;
    }

    private static void RequirePeople(int peopleCount, int householdSize)
    {
        Require(peopleCount >= 1, "Stay.PeopleCountAtLeastOne");
        Require(peopleCount <= householdSize, "Stay.PeopleCountAboveHouseholdSize", householdSize);
    }

    private void RequireOpen()
    {
        switch (Status)
        {
            case StayStatus.Planned:
            case StayStatus.Confirmed:
                return;
            case StayStatus.Completed:
                throw new DomainRuleException("Stay.Completed");
            case StayStatus.Cancelled:
                throw new DomainRuleException("Stay.Cancelled");
            default:
                throw new ArgumentOutOfRangeException(nameof(Status), Status, null);
        }
    }

    private void RequireStatus(StayStatus expected)
    {
        if (Status != expected)
        {
            throw new DomainRuleException("Stay.IllegalTransition", Status, expected);
        }
    }

    private AgendaItem AgendaItem(Guid id) =>
        _agenda.FirstOrDefault(a => a.Id == id) ?? throw new DomainRuleException("Stay.AgendaItemNotFound");

    private StayExpense Expense(Guid id) =>
        _expenses.FirstOrDefault(e => e.Id == id) ?? throw new DomainRuleException("Stay.ExpenseNotFound");

    private static void Require(bool condition, string code, params object[] arguments)
    {
        if (!condition)
        {
            throw new DomainRuleException(code, arguments);
        }
    }

    private static void Throw(List<Refusal> refusals)
    {
        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }
    }

    internal static string RequiredText(string? text, string code, int maxLength = MaxTextLength)
    {
        Require(!string.IsNullOrWhiteSpace(text), code);
        var trimmed = text!.Trim();
        Require(trimmed.Length <= maxLength, "Stay.TextTooLong");
        return trimmed;
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Planned and actual amounts of one category of the budget.</summary>
public sealed record BudgetLine(ExpenseCategory Category, decimal Planned, decimal Actual);

/// <summary>A household taking part in a stay, and how many of its people come.</summary>
public sealed class StayParticipant : IHouseholdPart
{
    private StayParticipant()
    {
    }

    internal StayParticipant(ExploratoryStay stay, Guid householdId, int peopleCount, ActionContext context)
    {
        Id = Guid.CreateVersion7(context.Now);
        StayId = stay.Id;
        HouseholdId = householdId;
        PeopleCount = peopleCount;
        AddedAt = context.Now;
        AddedById = context.Actor.Id;
    }

    public Guid Id { get; private set; }
    public Guid StayId { get; private set; }
    public Guid HouseholdId { get; private set; }
    public int PeopleCount { get; internal set; }
    public Attendance Attendance { get; internal set; }
    public DateTimeOffset AddedAt { get; private set; }
    public string AddedById { get; private set; } = "";
}

/// <summary>A meeting or visit of the stay's agenda.</summary>
public sealed class AgendaItem
{
    private AgendaItem()
    {
    }

    internal AgendaItem(Guid stayId, Guid id)
    {
        StayId = stayId;
        Id = id;
    }

    public Guid Id { get; private set; }
    public Guid StayId { get; private set; }
    public DateOnly Day { get; internal set; }
    public TimeOnly? Time { get; internal set; }
    public AgendaItemKind Kind { get; internal set; }
    public string Place { get; internal set; } = "";
    public string? With { get; internal set; }
    public string? Notes { get; internal set; }
}

/// <summary>A line of the stay's budget: planned, and actual once known (Canadian dollars).</summary>
public sealed class StayExpense
{
    private StayExpense()
    {
    }

    internal StayExpense(Guid stayId, Guid id)
    {
        StayId = stayId;
        Id = id;
    }

    public Guid Id { get; private set; }
    public Guid StayId { get; private set; }
    public ExpenseCategory Category { get; internal set; }
    public string? Description { get; internal set; }
    public decimal Planned { get; internal set; }
    public decimal? Actual { get; internal set; }
}
