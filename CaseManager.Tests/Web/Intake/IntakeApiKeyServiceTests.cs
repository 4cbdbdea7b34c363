using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Tests.Support;
using CaseManager.Tests.Web.Admin;
using CaseManager.Web.Features.Intake;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.Intake;

public sealed class IntakeApiKeyServiceTests(DatabaseFixture database) : AdminServiceTestBase(database)
{
    private IntakeApiKeyService Keys => Host.Services.GetRequiredService<IntakeApiKeyService>();

    [Fact]
    public async Task Create_StoresOnlyTheHashAndTheKeyAuthenticatesUntilRevoked()
    {
        var created = await Keys.CreateAsync("  Site web du programme ");

        Assert.StartsWith("cmk_", created.Secret, StringComparison.Ordinal);
        Assert.Equal("Site web du programme", created.Key.Source);
        await using (var db = Database.CreateDbContext())
        {
            var stored = await db.IntakeApiKeys.SingleAsync();
            Assert.Equal(IntakeApiKey.HashOf(created.Secret), stored.Hash);
            Assert.DoesNotContain(created.Secret, stored.Hash + stored.Prefix + stored.Source, StringComparison.Ordinal);
            Assert.Equal(created.Key.Id, (await IntakeApiKeyService.AuthenticateAsync(db, created.Secret, DateTimeOffset.UtcNow, default))?.Id);
            Assert.Null(await IntakeApiKeyService.AuthenticateAsync(db, created.Secret + "x", DateTimeOffset.UtcNow, default));
        }

        await Keys.RevokeAsync(created.Key.Id);

        await using var after = Database.CreateDbContext();
        Assert.Null(await IntakeApiKeyService.AuthenticateAsync(after, created.Secret, DateTimeOffset.UtcNow, default));
        var listed = Assert.Single(await Keys.ListAsync());
        Assert.NotNull(listed.RevokedAt);
        Assert.NotNull(listed.LastUsedAt);
        Assert.Equal("ApiKey.AlreadyRevoked", (await Assert.ThrowsAsync<DomainRuleException>(() => Keys.RevokeAsync(created.Key.Id))).Refusals.Single().Code);
    }

    [Fact]
    public async Task Create_WithoutASource_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Keys.CreateAsync("   "));

        Assert.Equal("ApiKey.SourceRequired", refused.Refusals.Single().Code);
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.IntakeApiKeys.CountAsync());
    }

    [Fact]
    public async Task Keys_AsACounsellor_AreRefused()
    {
        var created = await Keys.CreateAsync("Campagne");
        Host.Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Keys.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Keys.CreateAsync("Autre"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Keys.RevokeAsync(created.Key.Id));
    }
}
