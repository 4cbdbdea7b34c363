using CaseManager.Data;

namespace CaseManager.Web.Features.Privacy.Anonymization;

/// <summary>
/// The personal values of one file as they were before anonymization: what must disappear from
/// free text elsewhere (emails in the outbox, comments that name the person).
/// </summary>
public sealed record PersonalValues(Guid HouseholdId, string? Email, IReadOnlyList<string> Values);

/// <summary>One batch of files being anonymized, inside the batch's transaction.</summary>
public sealed record AnonymizationBatch(
    CaseManagerDbContext Db, Guid[] HouseholdIds, IReadOnlyList<PersonalValues> Values, DateTimeOffset Now, string ActorId, string ActorName)
{
    /// <summary>Every value to scrub from free text, longest first (so "Awa Diallo" goes before "Awa").</summary>
    public IReadOnlyList<string> AllValues { get; } = Values.SelectMany(v => v.Values).Distinct().OrderByDescending(v => v.Length).ToList();

    public string[] Emails { get; } = Values.Where(v => v.Email is not null).Select(v => v.Email!.ToLowerInvariant()).Distinct().ToArray();
}

/// <summary>
/// Anonymizes one area of a file (profile, journal, plan, stays, intake, outbox…): destroys names,
/// contacts, birth dates, free text and documents, keeps what the program reports on (stage dates,
/// regions, reasons, counts). Each step must be idempotent: a batch may be retried after a crash.
/// A new area (the moving subsidy's applications and documents, say) adds one step and registers it.
/// </summary>
public interface IAnonymizationStep
{
    /// <summary>Steps run in this order; the household row itself goes last.</summary>
    int Order { get; }

    string Area { get; }

    Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken);
}
