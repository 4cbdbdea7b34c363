using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Support;

/// <summary>Creates real users (Identity tables) for tests, and the identities services see.</summary>
public static class TestUsers
{
    public const string Password = "Test123!";

    public static async Task<UserIdentity> CreateAsync(
        CaseManagerDbContext db, string email, string displayName, int? organizationId, params string[] roles)
    {
        var user = new ApplicationUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = displayName,
            OrganizationId = organizationId,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        user.PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(user, Password);
        db.Users.Add(user);
        foreach (var role in roles)
        {
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        }

        await db.SaveChangesAsync();
        return new UserIdentity(user.Id, displayName, roles.ToHashSet(), organizationId);
    }

    public static Task<UserIdentity> CounsellorAsync(CaseManagerDbContext db, string name = "Marie Tremblay", int organizationId = 1) =>
        CreateAsync(db, $"{Slug(name)}@test.local", name, organizationId, Roles.Counsellor);

    public static Task<UserIdentity> SupervisorAsync(CaseManagerDbContext db, string name = "Louise Gagnon") =>
        CreateAsync(db, $"{Slug(name)}@test.local", name, 1, Roles.Supervisor);

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '.');
}
