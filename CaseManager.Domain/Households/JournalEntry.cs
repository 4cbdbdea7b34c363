using CaseManager.Domain.Common;

namespace CaseManager.Domain.Households;

public enum JournalEntryKind
{
    Note,
    Contact,
}

public enum ContactChannel
{
    Phone,
    InPerson,
    Video,
    Email,
    TextMessage,
}

/// <summary>A note or a contact in a file's journal, with its author and time.</summary>
public sealed class JournalEntry : IHouseholdPart
{
    public const int MaxTextLength = 4000;

    private JournalEntry()
    {
    }

    public Guid Id { get; private set; }
    public Guid HouseholdId { get; private set; }
    public JournalEntryKind Kind { get; private set; }
    public ContactChannel? Channel { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string Text { get; private set; } = "";
    public string AuthorId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    internal static JournalEntry Create(
        Guid householdId, JournalEntryKind kind, ContactChannel? channel, DateTimeOffset occurredAt, string text, ActionContext context)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException("Journal.TextRequired");
        }

        if (text.Length > MaxTextLength)
        {
            throw new DomainRuleException("Journal.TextTooLong", MaxTextLength);
        }

        return new JournalEntry
        {
            Id = Guid.CreateVersion7(context.Now),
            HouseholdId = householdId,
            Kind = kind,
            Channel = channel,
            OccurredAt = occurredAt.ToUniversalTime(),
            Text = text.Trim(),
            AuthorId = context.Actor.Id,
            AuthorName = context.Actor.Name,
            CreatedAt = context.Now,
        };
    }
}
