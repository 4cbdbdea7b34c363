using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Privacy;

/// <summary>
/// The privacy tools' questions to the access policy (officer, administrator, either), named for
/// the privacy services, and the privacy journal (the audit of the officer's records).
/// </summary>
public sealed class PrivacyAccess(AccessPolicy access, AppClock clock)
{
    public Task<UserIdentity> RequireOfficerAsync(CancellationToken cancellationToken = default) =>
        access.DemandAsync(Operation.UsePrivacyTools, cancellationToken);

    /// <summary>The retention schedule is the administrators' (the officer approves runs, not the schedule).</summary>
    public Task<UserIdentity> RequireAdminAsync(CancellationToken cancellationToken = default) =>
        access.DemandAsync(Operation.SetRetentionSchedule, cancellationToken);

    /// <summary>Reading the retention schedule: the officer and the administrators.</summary>
    public Task<UserIdentity> RequireOfficerOrAdminAsync(CancellationToken cancellationToken = default) =>
        access.DemandAsync(Operation.ReadRetentionSchedule, cancellationToken);

    /// <summary>Adds a privacy-journal row to the unit of work (saved with the change it describes).</summary>
    public void Journal(CaseManagerDbContext db, UserIdentity user, string subjectType, object subjectId, string action, string? detail = null)
    {
        db.PrivacyJournal.Add(new PrivacyJournalEntry
        {
            OccurredAt = clock.Now,
            UserId = user.Id,
            UserName = user.DisplayName,
            SubjectType = subjectType,
            SubjectId = subjectId.ToString() ?? "",
            Action = action,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
        });
    }
}
