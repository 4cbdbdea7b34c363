using System.Net;
using System.Net.Sockets;
using CaseManager.Data;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseManager.Web.Features.Account;

/// <summary>
/// The <c>SignIn:Throttle</c> settings. A key (an account, a client address, a known device) may
/// fail a few times freely; after that each attempt waits <see cref="FirstDelay"/>, doubled for each
/// further failure up to <see cref="MaxDelay"/>. A key quiet for <see cref="Memory"/> starts again.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn:Throttle";

    public int AccountFreeFailures { get; set; } = 5;

    /// <summary>Higher than an account's: an office or a household behind one address.</summary>
    public int AddressFreeFailures { get; set; } = 20;

    public int DeviceFreeFailures { get; set; } = 5;

    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Memory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a key that failed <paramref name="failures"/> times waits after its last failure.</summary>
    public TimeSpan DelayAfter(SignInKey key, int failures)
    {
        ArgumentNullException.ThrowIfNull(key);
        var free = key.Kind switch
        {
            SignInKeyKind.Account => AccountFreeFailures,
            SignInKeyKind.Address => AddressFreeFailures,
            SignInKeyKind.Device => DeviceFreeFailures,
        };
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - free, 30);
        var ticks = Math.Min((double)MaxDelay.Ticks, FirstDelay.Ticks * Math.Pow(2, doublings));
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Whether a key that failed this many times is being slowed down (its episode is under way).</summary>
    public bool IsThrottled(SignInKey key, int failures) => DelayAfter(key, failures) > TimeSpan.Zero;

    public const string Rules =
        Section + ": AccountFreeFailures, AddressFreeFailures and DeviceFreeFailures must be at least 1, FirstDelay positive, MaxDelay at least FirstDelay and Memory at least MaxDelay.";

    public bool IsValid =>
        AccountFreeFailures >= 1 && AddressFreeFailures >= 1 && DeviceFreeFailures >= 1
        && FirstDelay > TimeSpan.Zero && MaxDelay >= FirstDelay && Memory >= MaxDelay;
}

public enum SignInKeyKind
{
    Account,
    Address,
    Device,
}

/// <summary>What failures are counted under.</summary>
public sealed record SignInKey(SignInKeyKind Kind, string Value)
{
    public string Stored => Kind switch
    {
        SignInKeyKind.Account => "account:",
        SignInKeyKind.Address => "address:",
        SignInKeyKind.Device => "device:",
    } + Value;

    /// <summary>The email as typed, normalized: an unknown email is counted exactly like a known one.</summary>
    public static SignInKey Account(string normalizedEmail) =>
        new(SignInKeyKind.Account, normalizedEmail.Length > 250 ? normalizedEmail[..250] : normalizedEmail);

    /// <summary>The client's address (as ForwardedHeaders resolved it); an IPv6 client by its /64 network, which one person usually holds whole.</summary>
    public static SignInKey Address(IPAddress? address)
    {
        if (address is null)
        {
            return new SignInKey(SignInKeyKind.Address, "unknown");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new SignInKey(SignInKeyKind.Address, new IPAddress(bytes) + "/64");
        }

        return new SignInKey(SignInKeyKind.Address, address.ToString());
    }

    public static SignInKey Device(Guid id) => new(SignInKeyKind.Device, id.ToString("N"));
}

/// <summary>A key's failures after one more was counted.</summary>
public sealed record SignInFailures(SignInKey Key, int Failures, DateTimeOffset FirstFailureAt);

/// <summary>
/// Failed sign-ins counted in PostgreSQL (table sign_in_throttles), so that two instances behind
/// the proxy slow down the same attacker: a statement counts a failure atomically per key, the
/// wait before the next attempt grows with the count, and the owner is told once per episode.
/// </summary>
public sealed class SignInThrottler(IDbContextFactory<CaseManagerDbContext> contexts, TimeProvider time, IOptions<SignInThrottleOptions> options)
{
    private SignInThrottleOptions Settings => options.Value;

    /// <summary>How long until these keys may try again (zero: now).</summary>
    public async Task<TimeSpan> WaitAsync(IReadOnlyList<SignInKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = time.GetUtcNow();
        var stored = keys.Select(k => k.Stored).ToArray();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.SignInThrottles.AsNoTracking()
            .Where(t => stored.Contains(t.Key) && t.LastFailureAt > now - Settings.Memory)
            .Select(t => new { t.Key, t.Failures, t.LastFailureAt })
            .ToListAsync(cancellationToken);
        var wait = TimeSpan.Zero;
        foreach (var row in rows)
        {
            var key = keys.First(k => k.Stored == row.Key);
            var until = row.LastFailureAt + Settings.DelayAfter(key, row.Failures);
            if (until - now > wait)
            {
                wait = until - now;
            }
        }

        return wait;
    }

    /// <summary>Counts one failure under each key (a key quiet for the memory starts again at 1) and forgets the quiet ones.</summary>
    public async Task<IReadOnlyList<SignInFailures>> RecordFailureAsync(IReadOnlyList<SignInKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = time.GetUtcNow();
        var forget = now - Settings.Memory;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SignInThrottles.Where(t => t.LastFailureAt < forget).ExecuteDeleteAsync(cancellationToken);
        var rows = await db.Database.QueryAsync(
            """
            INSERT INTO sign_in_throttles AS t (key, failures, first_failure_at, last_failure_at)
            SELECT DISTINCT k, 1, @now, @now FROM unnest(@keys) AS k
            ON CONFLICT (key) DO UPDATE SET
                failures = CASE WHEN t.last_failure_at < @forget THEN 1 ELSE t.failures + 1 END,
                first_failure_at = CASE WHEN t.last_failure_at < @forget THEN @now ELSE t.first_failure_at END,
                last_failure_at = @now
            RETURNING t.key, t.failures, t.first_failure_at
            """,
            reader => (Key: reader.GetString(0), Failures: reader.GetInt32(1), First: reader.GetFieldValue<DateTimeOffset>(2)),
            cancellationToken,
            new NpgsqlParameter("now", now),
            new NpgsqlParameter("forget", forget),
            new NpgsqlParameter("keys", keys.Select(k => k.Stored).ToArray()));
        return [.. rows.Select(r => new SignInFailures(keys.First(k => k.Stored == r.Key), r.Failures, r.First))];
    }

    /// <summary>
    /// Whether the owner of a throttled key is to be told now: true once per episode, on whichever
    /// instance claims it first (one conditional statement).
    /// </summary>
    public async Task<bool> ClaimNoticeAsync(SignInFailures failures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!Settings.IsThrottled(failures.Key, failures.Failures))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var stored = failures.Key.Stored;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = await db.SignInThrottles
            .Where(t => t.Key == stored && (t.NotifiedAt == null || t.NotifiedAt < t.FirstFailureAt))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.NotifiedAt, now), cancellationToken);
        return claimed == 1;
    }
}
