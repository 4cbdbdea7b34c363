using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Intake;

/// <summary>A key as the administration page lists it: never the key itself.</summary>
public sealed record ApiKeySummary(Guid Id, string Source, string Prefix, DateTimeOffset CreatedAt, string CreatedByName, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just created: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeySummary Key, string Secret);

/// <summary>
/// The intake API's keys: administrators create (the secret shown once, only its hash kept) and
/// revoke them; the API finds the active key a request carries.
/// </summary>
public sealed class IntakeApiKeyService(
    IDbContextFactory<CaseManagerDbContext> contexts, AccessPolicy access, AppClock clock, ILogger<IntakeApiKeyService> logger)
{
    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ManageApiKeys, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IntakeApiKeys.AsNoTracking()
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Source, k.Prefix, k.CreatedAt, k.CreatedByName, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<CreatedApiKey> CreateAsync(string source, CancellationToken cancellationToken = default)
    {
        var admin = await access.DemandAsync(Operation.ManageApiKeys, cancellationToken);
        var name = source?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new DomainRuleException("ApiKey.SourceRequired");
        }

        if (name.Length > IntakeApiKey.MaxSourceLength)
        {
            throw new DomainRuleException("ApiKey.SourceTooLong", IntakeApiKey.MaxSourceLength);
        }

        var secret = IntakeApiKey.NewSecret();
        var key = new IntakeApiKey
        {
            Id = Guid.CreateVersion7(clock.Now),
            Source = name,
            Prefix = secret[..8],
            Hash = IntakeApiKey.HashOf(secret),
            CreatedAt = clock.Now,
            CreatedById = admin.Id,
            CreatedByName = admin.DisplayName,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.IntakeApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Intake API key {KeyId} ({Source}) created by {UserId}.", key.Id, name, admin.Id);
        return new CreatedApiKey(new ApiKeySummary(key.Id, key.Source, key.Prefix, key.CreatedAt, key.CreatedByName, null, null), secret);
    }

    public async Task RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var admin = await access.DemandAsync(Operation.ManageApiKeys, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.IntakeApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new NotFoundException($"API key {id} does not exist.");
        if (key.RevokedAt is not null)
        {
            throw new DomainRuleException("ApiKey.AlreadyRevoked");
        }

        key.RevokedAt = clock.Now;
        key.RevokedById = admin.Id;
        key.RevokedByName = admin.DisplayName;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Intake API key {KeyId} revoked by {UserId}.", id, admin.Id);
    }

    /// <summary>The active key this secret belongs to (its last use recorded), or null: missing, unknown or revoked.</summary>
    public static async Task<IntakeApiKey?> AuthenticateAsync(CaseManagerDbContext db, string? secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200)
        {
            return null;
        }

        var hash = IntakeApiKey.HashOf(secret.Trim());
        var key = await db.IntakeApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, cancellationToken);
        if (key is not null)
        {
            await db.IntakeApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return key;
    }
}
