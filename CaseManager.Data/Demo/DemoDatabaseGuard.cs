using CaseManager.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManager.Data.Demo;

/// <summary>
/// Keeps demo data and benchmarks out of a real database. A database is a demo database when it
/// carries the <see cref="DatabaseMarker.Demo"/> marker; an empty one (no user account, no file)
/// becomes one (it is marked); any other is refused.
/// </summary>
public static class DemoDatabaseGuard
{
    /// <summary>True when demo data may be written here (the marker is there, or was just written); false for a real database.</summary>
    public static async Task<bool> ClaimAsync(CaseManagerDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await IsMarkedAsync(db, cancellationToken))
        {
            return true;
        }

        if (await db.Users.AnyAsync(cancellationToken) || await db.Households.AnyAsync(cancellationToken))
        {
            return false;
        }

        // Two demo starts on one empty database: the second insert does nothing.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO database_markers (name, created_at) VALUES ({DatabaseMarker.Demo}, {now.ToUniversalTime()}) ON CONFLICT (name) DO NOTHING",
            cancellationToken);
        return true;
    }

    public static Task<bool> IsMarkedAsync(CaseManagerDbContext db, CancellationToken cancellationToken = default) =>
        db.DatabaseMarkers.AnyAsync(m => m.Name == DatabaseMarker.Demo, cancellationToken);

    /// <summary>The operator's message when <see cref="ClaimAsync"/> refused.</summary>
    public static string RefusalMessage(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        return $"Refused: database '{target.Database}' on {target.Host}:{target.Port} has user accounts or files but was not created by the demo "
            + "data generator (no 'demo' row in database_markers). Demo data and benchmarks write only into an empty database "
            + "or one the demo created: point ConnectionStrings:CaseManager at another database.";
    }
}
