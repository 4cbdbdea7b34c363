using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManager.Web.Infrastructure;

/// <summary>The save of something two people may edit at once.</summary>
public static class ConflictingSaves
{
    /// <summary>
    /// Saves, or throws <see cref="ConcurrencyConflictException"/> when someone else was first: a row
    /// changed since it was read (its xmin moved), or a row inserted under the same unique key.
    /// Nothing of this save is written then.
    /// </summary>
    public static async Task SaveOrConflictAsync(this DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConcurrencyConflictException();
        }
    }
}
