using CaseManager.Data;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Hosting;

/// <summary>
/// The person a benchmark acts as: a real active user of the demo database in the role, so the
/// access policy resolves them from the database as it does for anyone signed in.
/// </summary>
internal sealed class BenchmarkUser(UserIdentity user) : ICurrentUser
{
    public UserIdentity User { get; } = user;

    public Task<UserIdentity> GetAsync() => Task.FromResult(User);

    public static async Task<BenchmarkUser> InRoleAsync(CaseManagerDbContext db, string role)
    {
        var user = await db.Users.AsNoTracking()
                       .Where(u => db.ActiveRoles.Any(r => r.UserId == u.Id && r.Role == role))
                       .OrderBy(u => u.Email)
                       .Select(u => new { u.Id, u.DisplayName, u.OrganizationId })
                       .FirstOrDefaultAsync()
                   ?? throw new InvalidOperationException($"The benchmark needs an active user in role {role}: run it on a demo database (seed-demo).");
        return new BenchmarkUser(new UserIdentity(user.Id, user.DisplayName, new HashSet<string> { role }, user.OrganizationId));
    }
}
