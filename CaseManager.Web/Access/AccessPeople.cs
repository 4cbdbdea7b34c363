using CaseManager.Data;
using CaseManager.Data.Entities;

namespace CaseManager.Web.Access;

/// <summary>
/// The people who hold a place in the program, as queries PostgreSQL runs: the counsellors files
/// are assigned to, the privacy officers rights requests are assigned to. With
/// <see cref="AccessRules"/>, the only place a role is named; features add their own conditions
/// (active, capacity, organization) to these queries.
/// </summary>
public static class AccessPeople
{
    /// <summary>Users holding the counsellor role (active or not: add <c>u.IsActive</c> where it matters).</summary>
    public static IQueryable<ApplicationUser> Counsellors(CaseManagerDbContext db) => InRole(db, Roles.Counsellor);

    /// <summary>Users holding the privacy officer's role (active or not).</summary>
    public static IQueryable<ApplicationUser> PrivacyOfficers(CaseManagerDbContext db) => InRole(db, Roles.PrivacyOfficer);

    private static IQueryable<ApplicationUser> InRole(CaseManagerDbContext db, string role)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
    }
}
