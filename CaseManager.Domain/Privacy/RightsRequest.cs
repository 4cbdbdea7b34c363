using CaseManager.Domain.Common;

namespace CaseManager.Domain.Privacy;

/// <summary>The rights a person may exercise under Québec's Law 25 (private sector act, ss. 27-30, 28.1).</summary>
public enum RightsRequestType
{
    Access,
    Rectification,
    Portability,
    ConsentWithdrawal,
    Deletion,
}

public enum RightsRequestStatus
{
    Received,
    InProgress,
    Answered,
    Refused,
    Closed,
}

/// <summary>
/// A person's request about their personal information, from the day it is received to its
/// answer. The law gives 30 days to answer: <see cref="DueOn"/> is computed, never typed.
/// </summary>
public sealed class RightsRequest
{
    public const int LegalDays = 30;
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;

    public Guid Id { get; set; }
    public RightsRequestType Type { get; set; }
    public string RequesterName { get; set; } = "";
    public string? RequesterContact { get; set; }
    public Guid? HouseholdId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public string? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }
    public RightsRequestStatus Status { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? RefusalReason { get; set; }
    public string? Notes { get; set; }

    /// <summary>The officer's choice for the last export: were internal notes and inferred data included?</summary>
    public bool? ExportIncludedInternal { get; set; }
    public DateTimeOffset? ExportedAt { get; set; }
    public string? ExportedByName { get; set; }

    /// <summary>A deletion request: when the officer approved the anonymization of the file, and who.</summary>
    public DateTimeOffset? DeletionApprovedAt { get; set; }
    public string? DeletionApprovedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; set; }

    public static DateOnly DueDateFor(DateOnly receivedOn) => receivedOn.AddDays(LegalDays);

    public bool IsOpen => Status is RightsRequestStatus.Received or RightsRequestStatus.InProgress;

    /// <summary>Days left to the due date (negative once overdue); null once answered, refused or closed.</summary>
    public int? DaysLeft(DateOnly today) => IsOpen ? DueOn.DayNumber - today.DayNumber : null;

    public bool IsOverdue(DateOnly today) => IsOpen && today > DueOn;

    /// <summary>What is wrong with these values, as refusal codes (empty: valid).</summary>
    public static IReadOnlyList<Refusal> Validate(
        string requesterName, DateOnly receivedOn, RightsRequestStatus status, DateOnly? answeredOn, string? refusalReason, string? notes, DateOnly today)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(requesterName))
        {
            refusals.Add(new Refusal("Privacy.Request.RequesterRequired"));
        }
        else if (requesterName.Trim().Length > MaxNameLength)
        {
            refusals.Add(new Refusal("Privacy.Request.RequesterTooLong", MaxNameLength));
        }

        if (receivedOn > today)
        {
            refusals.Add(new Refusal("Privacy.Request.ReceivedInFuture"));
        }

        if (status is RightsRequestStatus.Answered or RightsRequestStatus.Refused && answeredOn is null)
        {
            refusals.Add(new Refusal("Privacy.Request.AnswerDateRequired"));
        }

        if (answeredOn is { } answered && (answered < receivedOn || answered > today))
        {
            refusals.Add(new Refusal("Privacy.Request.AnswerDateInvalid"));
        }

        if (status is RightsRequestStatus.Refused && string.IsNullOrWhiteSpace(refusalReason))
        {
            refusals.Add(new Refusal("Privacy.Request.RefusalReasonRequired"));
        }

        if ((notes?.Length ?? 0) > MaxTextLength || (refusalReason?.Length ?? 0) > MaxTextLength)
        {
            refusals.Add(new Refusal("Privacy.TextTooLong", MaxTextLength));
        }

        return refusals;
    }
}
