using CaseManager.Domain.Common;
using CaseManager.Domain.Households;

namespace CaseManager.Tests.Support.Builders;

/// <summary>
/// Opens a valid household through <see cref="Household.Open"/> and drives it to the stage and
/// status a test needs through the public domain methods only, so every household it builds is
/// one the rules could have produced:
/// <code>
/// new HouseholdBuilder().WithContact().WithNeeds("employment")
///     .AtStage(Stage.InfoSession).WithStatus(CaseStatus.OnHold).Build();
/// </code>
/// Time: the file is opened on <see cref="OpenedOn"/> (by default 60 days before
/// <see cref="FixedContext.Today"/>) and each later step happens one day after the previous one,
/// by <see cref="FixedContext.Counsellor"/>, so the history reads in order and a test acting with
/// <see cref="FixedContext.Default"/> acts after the builder. Stage entry dates are therefore
/// <c>OpenedOn + 1 day</c> per step (the contact, when recorded, is one of the steps).
/// </summary>
public sealed class HouseholdBuilder
{
    /// <summary>The need recorded when a test asks for a stage past Outreach without naming any.</summary>
    public const string DefaultNeed = "employment";

    public static readonly DateOnly DefaultOpenedOn = FixedContext.Today.AddDays(-60);

    private readonly HouseholdProfileBuilder _profile = new();
    private string _fileNumber = "2025-0001";
    private RegistrationSource _source = RegistrationSource.Website;
    private int _organizationId = 1;
    private string? _counsellorId = FixedContext.Counsellor.Id;
    private DateOnly _openedOn = DefaultOpenedOn;
    private bool _contact;
    private DateOnly? _contactOn;
    private Stage _stage = Stage.Outreach;
    private CaseStatus _status = CaseStatus.Active;
    private DateOnly _holdUntil = FixedContext.Today.AddDays(30);
    private string _holdReason = "Waiting for the spouse's work permit";
    private string _withdrawalReasonCode = "postponed";
    private string _settlementRegionCode = "02";
    private string _settlementMunicipality = "Saguenay";
    private DateOnly? _settledOn;
    private CaseStatus _closedFrom = CaseStatus.Withdrawn;

    public HouseholdBuilder WithFileNumber(string fileNumber)
    {
        _fileNumber = fileNumber;
        return this;
    }

    public HouseholdBuilder WithSource(RegistrationSource source)
    {
        _source = source;
        return this;
    }

    public HouseholdBuilder WithOrganization(int organizationId)
    {
        _organizationId = organizationId;
        return this;
    }

    public HouseholdBuilder AssignedTo(string? counsellorId)
    {
        _counsellorId = counsellorId;
        return this;
    }

    public HouseholdBuilder OpenedOn(DateOnly day)
    {
        _openedOn = day;
        return this;
    }

    /// <summary>Changes the profile the file is opened with (names, spouse, children, contact details…).</summary>
    public HouseholdBuilder WithProfile(Action<HouseholdProfileBuilder> change)
    {
        change(_profile);
        return this;
    }

    public HouseholdBuilder WithNeeds(params string[] needCodes)
    {
        _profile.WithNeeds(needCodes);
        return this;
    }

    /// <summary>Records a contact with the household (by default the day after opening), which sets LastContactOn.</summary>
    public HouseholdBuilder WithContact(DateOnly? on = null)
    {
        _contact = true;
        _contactOn = on;
        return this;
    }

    /// <summary>
    /// Advances the file one stage at a time up to <paramref name="stage"/>. Leaving Outreach needs a
    /// recorded contact and an identified need: when the test set neither, a contact is recorded and
    /// <see cref="DefaultNeed"/> is added.
    /// </summary>
    public HouseholdBuilder AtStage(Stage stage)
    {
        _stage = stage;
        return this;
    }

    /// <summary>
    /// Puts the file in <paramref name="status"/> once it has reached its stage: OnHold until 30 days
    /// after <see cref="FixedContext.Today"/>, Withdrawn for "postponed", Settled in Saguenay (02),
    /// Closed after a withdrawal (see <see cref="ClosedAfter"/>).
    /// </summary>
    public HouseholdBuilder WithStatus(CaseStatus status)
    {
        _status = status;
        return this;
    }

    public HouseholdBuilder OnHoldUntil(DateOnly reviewOn, string reason = "Waiting for the spouse's work permit")
    {
        _status = CaseStatus.OnHold;
        _holdUntil = reviewOn;
        _holdReason = reason;
        return this;
    }

    public HouseholdBuilder WithdrawnFor(string reasonCode)
    {
        _status = CaseStatus.Withdrawn;
        _withdrawalReasonCode = reasonCode;
        return this;
    }

    public HouseholdBuilder SettledIn(string regionCode, string municipality, DateOnly? on = null)
    {
        _status = CaseStatus.Settled;
        _settlementRegionCode = regionCode;
        _settlementMunicipality = municipality;
        _settledOn = on;
        return this;
    }

    /// <summary>Closes the file after a withdrawal (the default) or after a settlement.</summary>
    public HouseholdBuilder ClosedAfter(CaseStatus withdrawnOrSettled)
    {
        if (withdrawnOrSettled is not (CaseStatus.Withdrawn or CaseStatus.Settled))
        {
            throw new ArgumentOutOfRangeException(nameof(withdrawnOrSettled), withdrawnOrSettled, "A file is closed after a withdrawal or a settlement.");
        }

        _status = CaseStatus.Closed;
        _closedFrom = withdrawnOrSettled;
        return this;
    }

    public Household Build()
    {
        var profile = _profile.Build();
        var leavesOutreach = _stage > Stage.Outreach;
        if (leavesOutreach && profile.NeedCodes.Count == 0)
        {
            profile.NeedCodes.Add(DefaultNeed);
        }

        var cursor = _openedOn;
        var household = Household.Open(_fileNumber, profile, _source, _organizationId, _counsellorId, FixedContext.On(cursor));

        ActionContext NextStep(DateOnly? notBefore = null)
        {
            cursor = cursor.AddDays(1);
            if (notBefore > cursor)
            {
                cursor = notBefore.Value;
            }

            return FixedContext.On(cursor);
        }

        if (_contact || leavesOutreach)
        {
            var context = NextStep(_contactOn);
            var day = _contactOn ?? context.Today;
            household.RecordContact(ContactChannel.Phone, FixedContext.At(day), day, "First call with the household.", context);
        }

        while (household.Stage < _stage)
        {
            // A file past the plan stage had its plan agreed.
            household.AdvanceTo(household.Stage.Next()!.Value, NextStep(), new WorkflowFacts(PlanAgreed: true, SessionAttended: true, StayCompleted: true));
        }

        switch (_status)
        {
            case CaseStatus.Active:
                break;
            case CaseStatus.OnHold:
                household.PutOnHold(_holdUntil, _holdReason, NextStep());
                break;
            case CaseStatus.Withdrawn:
                household.Withdraw(_withdrawalReasonCode, null, NextStep());
                break;
            case CaseStatus.Settled:
                Settle(household, NextStep(_settledOn));
                break;
            case CaseStatus.Closed:
                if (_closedFrom == CaseStatus.Settled)
                {
                    Settle(household, NextStep(_settledOn));
                }
                else
                {
                    household.Withdraw(_withdrawalReasonCode, null, NextStep());
                }

                household.Close("Follow-up completed.", NextStep());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(_status), _status, null);
        }

        if (cursor > FixedContext.Today)
        {
            throw new InvalidOperationException(
                $"The builder's last step falls on {cursor:yyyy-MM-dd}, after FixedContext.Today ({FixedContext.Today:yyyy-MM-dd}); open the file earlier.");
        }

        return household;
    }

    private void Settle(Household household, ActionContext context) =>
        household.Settle(_settlementRegionCode, regionIsHost: true, _settlementMunicipality, _settledOn ?? context.Today, context);
}
