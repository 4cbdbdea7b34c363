using System.Security.Cryptography;
using System.Text;

namespace CaseManager.Data.Entities;

/// <summary>
/// A key the program's website or a campaign tool sends in <c>X-Api-Key</c> to post registrations.
/// Only its SHA-256 hash is stored; the key itself is shown once, when an administrator creates it.
/// </summary>
public sealed class IntakeApiKey
{
    public const int MaxSourceLength = 100;

    public Guid Id { get; set; }

    /// <summary>What the key is for, e.g. "Site web du programme" or "Campagne printemps 2026".</summary>
    public string Source { get; set; } = "";

    /// <summary>The key's first characters ("cmk_AB12"), so people can tell keys apart.</summary>
    public string Prefix { get; set; } = "";

    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedById { get; set; } = "";
    public string CreatedByName { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedById { get; set; }
    public string? RevokedByName { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    /// <summary>A new secret: "cmk_" and 40 URL-safe characters (240 bits).</summary>
    public static string NewSecret() =>
        "cmk_" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 40);

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
