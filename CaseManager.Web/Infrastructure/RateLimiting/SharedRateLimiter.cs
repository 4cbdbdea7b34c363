using System.Collections.Concurrent;
using CaseManager.Web.Hosting;
using Npgsql;

namespace CaseManager.Web.Infrastructure.RateLimiting;

/// <summary>A fixed-window limit: <paramref name="PermitLimit"/> permits per partition every <paramref name="Window"/>.</summary>
public sealed record RateLimitRule(string Name, int PermitLimit, TimeSpan Window);

/// <summary>
/// A permit taken in one window, or the refusal with how long until the window ends. A permit is
/// given back (<see cref="SharedRateLimiter.ReleaseAsync"/>) when what it was taken for did not
/// happen, e.g. a registration refused for its fields: only accepted registrations count.
/// </summary>
public sealed record RateLimitLease(RateLimitRule Rule, string Partition, DateTimeOffset WindowStart, bool Acquired, TimeSpan RetryAfter);

/// <summary>
/// Fixed-window rate limits counted in PostgreSQL (table rate_limit_windows), so that every
/// instance of the application counts against the same figure. One statement takes a permit
/// atomically: the row of (limit, partition, window start) is created at 1 or incremented while it
/// is under the limit; no row back means the limit is reached. Windows that have ended are purged
/// (at most once a minute per limit and instance).
/// </summary>
public sealed class SharedRateLimiter(CaseManagerSettings settings, TimeProvider time, ILogger<SharedRateLimiter> logger)
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastPurge = new(StringComparer.Ordinal);

    public async Task<RateLimitLease> TryAcquireAsync(RateLimitRule rule, string partition, CancellationToken cancellationToken)
    {
        partition = partition.Length > Data.Entities.RateLimitWindow.MaxPartitionLength
            ? partition[..Data.Entities.RateLimitWindow.MaxPartitionLength]
            : partition;
        var now = time.GetUtcNow();
        var windowTicks = rule.Window.Ticks;
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % windowTicks), TimeSpan.Zero);
        var retryAfter = start + rule.Window - now;

        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await PurgeAsync(connection, rule, start, now, cancellationToken);
        await using var take = new NpgsqlCommand(
            """
            INSERT INTO rate_limit_windows AS w (limit_name, partition_key, window_start, count)
            VALUES (@name, @partition, @start, 1)
            ON CONFLICT (limit_name, partition_key, window_start) DO UPDATE SET count = w.count + 1
            WHERE w.count < @permits
            RETURNING w.count
            """,
            connection);
        take.Parameters.AddWithValue("name", rule.Name);
        take.Parameters.AddWithValue("partition", partition);
        take.Parameters.AddWithValue("start", start);
        take.Parameters.AddWithValue("permits", rule.PermitLimit);
        var count = await take.ExecuteScalarAsync(cancellationToken);
        var acquired = count is int;
        if (!acquired)
        {
            logger.LogWarning("Rate limit {Limit} reached for {Partition} until {WindowEnd:o}.", rule.Name, partition, start + rule.Window);
        }

        return new RateLimitLease(rule, partition, start, acquired, retryAfter);
    }

    /// <summary>Gives a permit back: what it was taken for did not count (refused, replayed, failed).</summary>
    public async Task ReleaseAsync(RateLimitLease lease, CancellationToken cancellationToken)
    {
        if (!lease.Acquired)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var release = new NpgsqlCommand(
            """
            UPDATE rate_limit_windows SET count = count - 1
            WHERE limit_name = @name AND partition_key = @partition AND window_start = @start AND count > 0
            """,
            connection);
        release.Parameters.AddWithValue("name", lease.Rule.Name);
        release.Parameters.AddWithValue("partition", lease.Partition);
        release.Parameters.AddWithValue("start", lease.WindowStart);
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task PurgeAsync(NpgsqlConnection connection, RateLimitRule rule, DateTimeOffset currentStart, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_lastPurge.TryGetValue(rule.Name, out var last) && now - last < PurgeInterval)
        {
            return;
        }

        _lastPurge[rule.Name] = now;
        await using var purge = new NpgsqlCommand("DELETE FROM rate_limit_windows WHERE limit_name = @name AND window_start < @start", connection);
        purge.Parameters.AddWithValue("name", rule.Name);
        purge.Parameters.AddWithValue("start", currentStart);
        await purge.ExecuteNonQueryAsync(cancellationToken);
    }
}
