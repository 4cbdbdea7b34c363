using CaseManager.Domain.Common;

namespace CaseManager.Domain.Households;

/// <summary>
/// A follow-up after the move (3, 6 or 12 months after settlement): is the household still in the
/// region, working, housed? The reminders engine creates it when it falls due; the counsellor
/// records the answer on the file.
/// </summary>
public sealed class RetentionCheck : IHouseholdPart
{
    public static readonly IReadOnlyList<int> Horizons = [3, 6, 12];

    public const int MaxCommentLength = 2000;

    private RetentionCheck()
    {
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }

    /// <summary>Months after the settlement date: 3, 6 or 12.</summary>
    public int MonthsAfter { get; private set; }

    public DateOnly DueOn { get; private set; }
    public DateOnly? AnsweredOn { get; private set; }
    public bool? StillInRegion { get; private set; }
    public bool? Working { get; private set; }
    public bool? Housed { get; private set; }
    public string? Comment { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsAnswered => AnsweredOn is not null;

    public static RetentionCheck Due(Guid householdId, int monthsAfter, DateOnly settledOn, DateTimeOffset now)
    {
        if (!Horizons.Contains(monthsAfter))
        {
            throw new ArgumentOutOfRangeException(nameof(monthsAfter), monthsAfter, "Follow-ups are at 3, 6 and 12 months.");
        }

        return new RetentionCheck
        {
            Id = Guid.CreateVersion7(now),
            HouseholdId = householdId,
            MonthsAfter = monthsAfter,
            DueOn = settledOn.AddMonths(monthsAfter),
            CreatedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>Records the household's answer; each question may stay unknown if it could not be asked.</summary>
    public void Answer(DateOnly on, bool? stillInRegion, bool? working, bool? housed, string? comment, ActionContext context)
    {
        if (on > context.Today)
        {
            throw new DomainRuleException("Retention.AnswerInFuture");
        }

        if (stillInRegion is null && working is null && housed is null && string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleException("Retention.AnswerEmpty");
        }

        if (comment is not null && comment.Trim().Length > MaxCommentLength)
        {
            throw new DomainRuleException("Retention.CommentTooLong", MaxCommentLength);
        }

        AnsweredOn = on;
        StillInRegion = stillInRegion;
        Working = working;
        Housed = housed;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AnsweredBy = context.Actor.Name;
    }
}
