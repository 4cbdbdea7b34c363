using CaseManager.Domain.Common;

namespace CaseManager.Domain.Intake;

/// <summary>Where a consent was given.</summary>
public enum ConsentSource
{
    RegistrationForm,
    Api,
    Counsellor,
}

/// <summary>
/// A person's answer for one purpose, with the notice version they read and when they answered.
/// A refusal is recorded too (Granted false). Withdrawing keeps the record and says when and by whom.
/// </summary>
public sealed class ConsentRecord : IHouseholdPart
{
    private ConsentRecord()
    {
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public string PurposeCode { get; private set; } = "";
    public int NoticeVersion { get; private set; }
    public bool Granted { get; private set; }
    public DateTimeOffset AnsweredAt { get; private set; }
    public ConsentSource Source { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnById { get; private set; }
    public string? WithdrawnByName { get; private set; }
    public string? WithdrawalNote { get; private set; }

    /// <summary>Granted and not withdrawn.</summary>
    public bool IsInForce => Granted && WithdrawnAt is null;

    public static ConsentRecord Answer(Guid householdId, string purposeCode, int noticeVersion, bool granted, ConsentSource source, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purposeCode);
        return new ConsentRecord
        {
            Id = Guid.CreateVersion7(at),
            HouseholdId = householdId,
            PurposeCode = purposeCode,
            NoticeVersion = noticeVersion,
            Granted = granted,
            AnsweredAt = at.ToUniversalTime(),
            Source = source,
        };
    }

    /// <summary>The person takes back a consent they gave; refused when none is in force.</summary>
    public void Withdraw(string? note, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsInForce)
        {
            throw new DomainRuleException("Consent.NotInForce");
        }

        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > 1000 })
        {
            throw new DomainRuleException("Consent.NoteTooLong", 1000);
        }

        WithdrawnAt = context.Now;
        WithdrawnById = context.Actor.Id;
        WithdrawnByName = context.Actor.Name;
        WithdrawalNote = trimmed;
    }

    /// <summary>When two files are merged, the merged file's consents follow the survivor.</summary>
    public void MoveTo(Guid survivorId) => HouseholdId = survivorId;
}
