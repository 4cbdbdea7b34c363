using CaseManager.Domain.Common;

namespace CaseManager.Domain.Assignment;

/// <summary>
/// A period a counsellor is away (from–to, both days included), recorded by a supervisor. While it
/// runs the distribution skips them; their open files may be redistributed, and given back on
/// their return.
/// </summary>
public sealed class CounsellorAbsence
{
    public const int MaxReasonLength = 300;

    private CounsellorAbsence()
    {
    }

    public Guid Id { get; private set; }
    public string CounsellorId { get; private set; } = "";
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string Reason { get; private set; } = "";
    public string RecordedById { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>When the counsellor's open files were handed to the others for the absence.</summary>
    public DateTimeOffset? RedistributedAt { get; private set; }

    /// <summary>When the counsellor was marked back (early or on time) and their files given back.</summary>
    public DateTimeOffset? ReturnedAt { get; private set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>Whether the counsellor is away on <paramref name="day"/>.</summary>
    public bool CoversDay(DateOnly day) => ReturnedAt is null && From <= day && day <= To;

    public static CounsellorAbsence Record(string counsellorId, DateOnly from, DateOnly to, string reason, ActionContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(counsellorId);
        ArgumentNullException.ThrowIfNull(context);
        var refusals = new List<Refusal>();
        if (to < from)
        {
            refusals.Add(new Refusal("Absence.EndBeforeStart"));
        }

        if (to < context.Today)
        {
            refusals.Add(new Refusal("Absence.AlreadyOver"));
        }

        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            refusals.Add(new Refusal("Absence.ReasonRequired"));
        }
        else if (trimmed.Length > MaxReasonLength)
        {
            refusals.Add(new Refusal("Absence.ReasonTooLong", MaxReasonLength));
        }

        if (refusals.Count > 0)
        {
            throw new DomainRuleException(refusals);
        }

        return new CounsellorAbsence
        {
            Id = Guid.CreateVersion7(context.Now),
            CounsellorId = counsellorId,
            From = from,
            To = to,
            Reason = trimmed,
            RecordedById = context.Actor.Id,
            RecordedByName = context.Actor.Name,
            RecordedAt = context.Now,
        };
    }

    /// <summary>The open files are handed over: only once, and only once the absence has begun.</summary>
    public void MarkRedistributed(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RedistributedAt is not null || ReturnedAt is not null)
        {
            throw new DomainRuleException("Absence.AlreadyRedistributed");
        }

        if (From > context.Today)
        {
            throw new DomainRuleException("Absence.NotStarted");
        }

        RedistributedAt = context.Now;
    }

    /// <summary>The counsellor is back: the absence ends today at the latest.</summary>
    public void MarkReturned(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ReturnedAt is not null)
        {
            throw new DomainRuleException("Absence.AlreadyReturned");
        }

        ReturnedAt = context.Now;
        if (To > context.Today)
        {
            To = context.Today < From ? From : context.Today;
        }
    }
}
