using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaseManager.Data.Entities;
using Microsoft.AspNetCore.DataProtection;

namespace CaseManager.Web.Features.Account;

/// <summary>A browser a person signed in from before: its id, for its own failure count.</summary>
public sealed record KnownDevice(Guid Id);

/// <summary>
/// A browser a person signed in from keeps a long-lived cookie, protected by data protection (the
/// key ring every instance shares in PostgreSQL) and bound to that person and their security
/// stamp (a new password forgets every device). Its sign-ins are not slowed by an attacker's
/// failures on the account or the address; its own failures are counted under its id.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private const string CookiePrefix = "casemanager.device.";

    private readonly IDataProtector _protector = protection.CreateProtector("CaseManager.KnownDevice.v1");

    /// <summary>The browser's device for this person, or null when it has none (or a forged, stale or another person's one).</summary>
    public KnownDevice? Read(HttpContext context, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        if (!context.Request.Cookies.TryGetValue(CookieName(user), out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(value));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }

        return payload is not null
               && payload.UserId == user.Id
               && payload.Stamp == StampOf(user)
               && payload.IssuedAt + Lifetime > time.GetUtcNow()
            ? new KnownDevice(payload.DeviceId)
            : null;
    }

    /// <summary>After a successful sign-in: this browser is (still) one of the person's devices, for another year.</summary>
    public void Remember(HttpContext context, ApplicationUser user, KnownDevice? device)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var payload = new Payload(user.Id, device?.Id ?? Guid.NewGuid(), StampOf(user), now);
        context.Response.Cookies.Append(CookieName(user), _protector.Protect(JsonSerializer.Serialize(payload)), new CookieOptions
        {
            Expires = now + Lifetime,
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/account",
        });
    }

    /// <summary>One cookie per person, so that a shared computer knows each of its people; the name tells nothing about them.</summary>
    private static string CookieName(ApplicationUser user) =>
        CookiePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id)))[..16];

    private static string StampOf(ApplicationUser user) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.SecurityStamp ?? "")));

    private sealed record Payload(string UserId, Guid DeviceId, string Stamp, DateTimeOffset IssuedAt);
}
