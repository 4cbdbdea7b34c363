using CaseManager.Domain.Households;
using CaseManager.Domain.Sessions;
using CaseManager.Domain.Stays;
using Microsoft.EntityFrameworkCore;
using SessionAttendance = CaseManager.Domain.Sessions.Attendance;
using StayAttendance = CaseManager.Domain.Stays.Attendance;

namespace CaseManager.Data;

/// <summary>
/// The one query for what the workflow knows about a file from outside the household: its stage
/// gates (the file's page, its moves) and the moving subsidy's participation criterion read it,
/// so the two can never disagree.
/// </summary>
public static class WorkflowFactsQuery
{
    /// <summary>Its plan agreed, a session attended (here or outside the system), its stay completed (or waived).</summary>
    public static async Task<WorkflowFacts> ReadAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new WorkflowFacts(
            PlanAgreed: await db.Plans.AnyAsync(p => p.HouseholdId == householdId && p.AgreedOn != null, cancellationToken),
            SessionAttended: await SessionAttendedAsync(db, householdId, cancellationToken),
            StayCompleted: await StayRequirementMetAsync(db, householdId, cancellationToken));
    }

    /// <summary>
    /// What the session stage requires: the household was recorded present at a session of the
    /// program (on the day or afterwards), or its file records a session it attended outside the system.
    /// </summary>
    public static async Task<bool> SessionAttendedAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.SessionRegistrations.AnyAsync(
                   r => r.HouseholdId == householdId && r.Status == RegistrationStatus.Registered && r.Attendance == SessionAttendance.Present, cancellationToken) ||
               await db.ExternalSessionAttendances.AnyAsync(a => a.HouseholdId == householdId, cancellationToken);
    }

    /// <summary>What the stay stage requires: the household attended a completed stay, or its file records why it will not do one.</summary>
    public static async Task<bool> StayRequirementMetAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.StayParticipants.AnyAsync(p => p.HouseholdId == householdId && p.Attendance == StayAttendance.Present &&
                                                       db.Stays.Any(s => s.Id == p.StayId && s.Status == StayStatus.Completed), cancellationToken) ||
               await db.StayWaivers.AnyAsync(w => w.HouseholdId == householdId, cancellationToken);
    }

    /// <summary>The file's stage history (skips keep their reason), in the order it happened.</summary>
    public static async Task<IReadOnlyList<StageTransition>> HistoryAsync(CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.StageTransitions.AsNoTracking().Where(t => t.HouseholdId == householdId)
            .OrderBy(t => t.OccurredAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);
    }
}
