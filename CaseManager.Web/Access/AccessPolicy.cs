using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Access;

/// <summary>
/// The access policy of a request or a circuit: resolves the signed-in person from the database
/// (active, roles, organization, the partner organization and the regions it serves; the cookie
/// only says who they claim to be) and applies <see cref="AccessRules"/>. Services demand an
/// operation here; a refusal is logged and thrown as <see cref="AccessDeniedException"/>, the one
/// place it is thrown. In a circuit the person is read again at each action of the user
/// (<see cref="AccessCircuitHandler"/>), so a deactivated account or a removed role stops at the
/// next click, without signing out.
/// </summary>
public sealed class AccessPolicy(
    IDbContextFactory<CaseManagerDbContext> contexts, ICurrentUser currentUser, AppClock clock, ILogger<AccessPolicy> logger)
{
    private Resolved? _resolved;

    /// <summary>The signed-in person as the database knows them now; <see cref="UserIdentity.Anonymous"/> when deactivated or unknown.</summary>
    public async Task<UserIdentity> PersonAsync(CancellationToken cancellationToken = default) =>
        await PersonAsync(await currentUser.GetAsync(), cancellationToken);

    /// <summary>The person <paramref name="claimed"/> names (a sign-in's claims), as the database knows them now; cached for the action.</summary>
    public async Task<UserIdentity> PersonAsync(UserIdentity claimed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var resolved = _resolved;
        if (resolved is null || resolved.ClaimedId != claimed.Id)
        {
            // One short query, shared by every question of the same action (never cancelled half-way).
            resolved = new Resolved(claimed.Id, ResolveAsync(claimed, CancellationToken.None));
            _resolved = resolved;
        }

        try
        {
            return await resolved.Person.WaitAsync(cancellationToken);
        }
        catch when (resolved.Person.IsFaulted)
        {
            // The database did not answer: the next question tries again.
            _ = Interlocked.CompareExchange(ref _resolved, null, resolved);
            throw;
        }
    }

    /// <summary>Forgets the person (the next question reads the database again): at each action in a circuit.</summary>
    public void Forget() => _resolved = null;

    public async Task<Permissions> PermissionsAsync(CancellationToken cancellationToken = default) => new(await PersonAsync(cancellationToken));

    /// <summary>The person, if the operation is theirs; otherwise the refusal is logged and thrown.</summary>
    public async Task<UserIdentity> DemandAsync(Operation operation, CancellationToken cancellationToken = default)
    {
        var person = await PersonAsync(cancellationToken);
        return AccessRules.Allows(person, operation) ? person : throw Refused(person, operation.ToString());
    }

    /// <summary>Refuses unless <paramref name="allowed"/> (a record-level rule of <see cref="AccessRules"/>); logged.</summary>
    public void Demand(UserIdentity person, bool allowed, string what)
    {
        if (!allowed)
        {
            throw Refused(person, what);
        }
    }

    /// <summary>
    /// The file may be opened by the person, or the refusal is written to the access log (its own
    /// unit of work, so it stays) and thrown. Throws <see cref="NotFoundException"/> for no such file.
    /// </summary>
    public async Task DemandFileAsync(Guid householdId, string? assignedCounsellorId, UserIdentity person, string source, CancellationToken cancellationToken)
    {
        if (AccessRules.MayOpenFile(person, householdId, assignedCounsellorId))
        {
            return;
        }

        await LogFileAsync(householdId, person, AccessAction.Denied, source, cancellationToken);
        throw Refused(person, $"open household {householdId}");
    }

    /// <summary>The same check when the file's counsellor is still to be read.</summary>
    public async Task DemandFileAsync(CaseManagerDbContext db, Guid householdId, UserIdentity person, string source, CancellationToken cancellationToken)
    {
        var file = await db.Households.Where(h => h.Id == householdId).Select(h => new { h.AssignedCounsellorId })
                       .SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException($"Household {householdId} does not exist.");
        await DemandFileAsync(householdId, file.AssignedCounsellorId, person, source, cancellationToken);
    }

    /// <summary>Refuses a record-level rule, writing the refusal to the file's access log.</summary>
    public async Task DemandForFileAsync(bool allowed, Guid householdId, UserIdentity person, string what, string source, CancellationToken cancellationToken)
    {
        if (!allowed)
        {
            await LogFileAsync(householdId, person, AccessAction.Denied, source, cancellationToken);
            throw Refused(person, what);
        }
    }

    /// <summary>An access-log row in its own unit of work, so it stays whatever happens next.</summary>
    public Task LogFileAsync(Guid householdId, UserIdentity person, AccessAction action, string source, CancellationToken cancellationToken) =>
        LogFilesAsync([householdId], person, action, source, cancellationToken);

    /// <summary>One access-log row per file, in one statement (a list that shows several files).</summary>
    public async Task LogFilesAsync(IEnumerable<Guid> householdIds, UserIdentity person, AccessAction action, string source, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var shortSource = source.Length > 300 ? source[..300] : source;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AccessLog.AddRange(householdIds.Distinct().Select(id => new AccessLogEntry
        {
            HouseholdId = id, UserId = person.Id, UserName = person.DisplayName, OccurredAt = now, Action = action, Source = shortSource,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private AccessDeniedException Refused(UserIdentity person, string what)
    {
        logger.LogWarning("{What} refused to user {UserId}.", what, person.Id);
        return new AccessDeniedException($"User '{person.Id}' may not: {what}.");
    }

    private async Task<UserIdentity> ResolveAsync(UserIdentity claimed, CancellationToken cancellationToken)
    {
        var person = claimed.HouseholdSessionId is { } session
            ? await HouseholdSessions.ResolveAsync(contexts, claimed, session, clock.Now, cancellationToken)
            : await LoadAsync(contexts, claimed, cancellationToken);
        if (claimed.IsAuthenticated && !person.IsAuthenticated)
        {
            logger.LogInformation("User {UserId} has a sign-in but is no longer active: treated as anonymous.", claimed.Id);
        }

        return person;
    }

    /// <summary>The person the claims name, as the database knows them now (anonymous when deactivated or unknown).</summary>
    private static async Task<UserIdentity> LoadAsync(
        IDbContextFactory<CaseManagerDbContext> contexts, UserIdentity claimed, CancellationToken cancellationToken)
    {
        if (!claimed.IsAuthenticated || claimed.IsHousehold)
        {
            return UserIdentity.Anonymous;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == claimed.Id && u.IsActive)
            .Select(u => new { u.DisplayName, u.OrganizationId })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return UserIdentity.Anonymous;
        }

        var roles = await db.ActiveRoles.Where(r => r.UserId == claimed.Id).Select(r => r.Role).ToListAsync(cancellationToken);
        var partner = roles.Contains(Roles.Partner)
            ? await db.PartnerUsers.Where(p => p.UserId == claimed.Id).Select(p => new { p.PartnerId, p.RegionCodes }).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new UserIdentity(claimed.Id, user.DisplayName, roles.ToHashSet(), user.OrganizationId)
        {
            PartnerId = partner?.PartnerId,
            PartnerRegions = partner?.RegionCodes ?? [],
        };
    }

    private sealed record Resolved(string ClaimedId, Task<UserIdentity> Person);
}
