using System.Globalization;
using System.Resources;
using CaseManager.Data;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Access;

/// <summary>
/// The household as a person of the access policy: its cookie names a device session, which is
/// read from the database at each request (open, not expired, its file neither merged away nor
/// anonymized). The person has no roles and reaches only its own file (<see cref="AccessRules"/>).
/// </summary>
public static class HouseholdSessions
{
    /// <summary>The household's own authentication scheme (its cookie), never the staff's.</summary>
    public const string Scheme = "household";

    private const string IdPrefix = "household:";
    private static readonly ResourceManager Texts = new(typeof(SpaceText));

    /// <summary>The household's id as the access log, the audit and the journal record who acted: "household:{file id}".</summary>
    public static string IdOf(Guid householdId) => IdPrefix + householdId.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>The household's name as the file's history shows it (in the program's language, like the other lines the system writes).</summary>
    public static string ActorName(string lastName, string firstName) =>
        string.Format(CultureInfo.GetCultureInfo(AppCultures.French), Texts.GetString("Actor.Name", CultureInfo.GetCultureInfo(AppCultures.French))!, lastName, firstName);

    internal static async Task<UserIdentity> ResolveAsync(
        IDbContextFactory<CaseManagerDbContext> contexts, UserIdentity claimed, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.HouseholdSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now)
            .Join(db.Households.Where(h => h.MergedIntoId == null && h.AnonymizedAt == null), s => s.HouseholdId, h => h.Id,
                (s, h) => new { h.Id, h.PrimaryApplicant.FirstName, h.PrimaryApplicant.LastName })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || claimed.Id != IdOf(found.Id))
        {
            return UserIdentity.Anonymous;
        }

        return new UserIdentity(IdOf(found.Id), ActorName(found.LastName, found.FirstName), new HashSet<string>(), null)
        {
            HouseholdId = found.Id,
            HouseholdSessionId = sessionId,
        };
    }
}
