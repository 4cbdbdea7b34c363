using CaseManager.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>A person who signs in to the demo; <see cref="OrganizationCode"/> null for those outside the three organizations.</summary>
internal sealed record DemoUser(string Email, string DisplayName, string Role, string? OrganizationCode);

/// <summary>A counsellor files are assigned to, as the generator needs it.</summary>
internal sealed record DemoCounsellor(string Id, string Name, int OrganizationId);

internal static class DemoUsers
{
    public const string CounsellorEmail = "intervenant@demo.local";
    public const string SupervisorEmail = "superviseur@demo.local";
    public const string PartnerEmail = "partenaire@demo.local";
    public const string AdminEmail = "admin@demo.local";
    public const string PrivacyOfficerEmail = "vie-privee@demo.local";

    /// <summary>14 counsellors (PROMIS 5, CFIQ 5, ALPA 4), 2 supervisors, 2 regional partners, an administrator, a privacy officer.</summary>
    public static readonly IReadOnlyList<DemoUser> All =
    [
        new(CounsellorEmail, "Marie Tremblay", Roles.Counsellor, "PROMIS"),
        new("karim.benali@demo.local", "Karim Benali", Roles.Counsellor, "PROMIS"),
        new("sophie.gagnon@demo.local", "Sophie Gagnon", Roles.Counsellor, "PROMIS"),
        new("jean-francois.roy@demo.local", "Jean-François Roy", Roles.Counsellor, "PROMIS"),
        new("aminata.diallo@demo.local", "Aminata Diallo", Roles.Counsellor, "PROMIS"),
        new("isabelle.cote@demo.local", "Isabelle Côté", Roles.Counsellor, "CFIQ"),
        new("nadia.haddad@demo.local", "Nadia Haddad", Roles.Counsellor, "CFIQ"),
        new("melanie.bouchard@demo.local", "Mélanie Bouchard", Roles.Counsellor, "CFIQ"),
        new("carolina.restrepo@demo.local", "Carolina Restrepo", Roles.Counsellor, "CFIQ"),
        new("genevieve.lavoie@demo.local", "Geneviève Lavoie", Roles.Counsellor, "CFIQ"),
        new("mathieu.pelletier@demo.local", "Mathieu Pelletier", Roles.Counsellor, "ALPA"),
        new("yasmine.belkacem@demo.local", "Yasmine Belkacem", Roles.Counsellor, "ALPA"),
        new("olivier.bergeron@demo.local", "Olivier Bergeron", Roles.Counsellor, "ALPA"),
        new("rose-andree.joseph@demo.local", "Rose-Andrée Joseph", Roles.Counsellor, "ALPA"),
        new(SupervisorEmail, "Julie Fortin", Roles.Supervisor, "PROMIS"),
        new("patrice.levesque@demo.local", "Patrice Lévesque", Roles.Supervisor, "ALPA"),
        new(PartnerEmail, "Annie Gauthier", Roles.Partner, null),
        new("stephane.morin@demo.local", "Stéphane Morin", Roles.Partner, null),
        new(AdminEmail, "Luc Girard", Roles.Admin, "PROMIS"),
        new(PrivacyOfficerEmail, "Chantal Dubé", Roles.PrivacyOfficer, "PROMIS"),
    ];

    /// <summary>Counsellors who work part time (full-time equivalents); the others work full time.</summary>
    private static readonly Dictionary<string, decimal> Capacities = new(StringComparer.Ordinal)
    {
        ["sophie.gagnon@demo.local"] = 0.8m,
        ["aminata.diallo@demo.local"] = 0.6m,
        ["melanie.bouchard@demo.local"] = 0.8m,
        ["genevieve.lavoie@demo.local"] = 0.6m,
        ["rose-andree.joseph@demo.local"] = 0.5m,
    };

    /// <summary>Languages besides French that the demo counsellors speak.</summary>
    private static readonly Dictionary<string, string[]> SpokenLanguages = new(StringComparer.Ordinal)
    {
        [CounsellorEmail] = ["en"],
        ["karim.benali@demo.local"] = ["ar", "en"],
        ["aminata.diallo@demo.local"] = ["wo", "ff"],
        ["isabelle.cote@demo.local"] = ["en"],
        ["nadia.haddad@demo.local"] = ["ar"],
        ["carolina.restrepo@demo.local"] = ["es", "pt"],
        ["mathieu.pelletier@demo.local"] = ["en", "es"],
        ["yasmine.belkacem@demo.local"] = ["ar", "fa"],
        ["rose-andree.joseph@demo.local"] = ["ht"],
    };

    /// <summary>
    /// Adds the demo users that do not exist yet (by normalized email) with their role, and gives
    /// existing ones their role if they lack it. Returns the counsellors, in the order of <see cref="All"/>.
    /// </summary>
    public static async Task<IReadOnlyList<DemoCounsellor>> EnsureAsync(
        CaseManagerDbContext db, DemoReferences references, Random random, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var normalizedEmails = All.Select(u => Normalize(u.Email)).ToList();
        var existing = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail != null && normalizedEmails.Contains(u.NormalizedEmail))
            .ToDictionaryAsync(u => u.NormalizedEmail!, cancellationToken);
        var existingIds = existing.Values.Select(u => u.Id).ToList();
        var existingRoles = await db.UserRoles.AsNoTracking()
            .Where(r => existingIds.Contains(r.UserId))
            .Select(r => new { r.UserId, r.RoleId })
            .ToListAsync(cancellationToken);

        // One hash serves every demo user: they share the published demo password, and hashing
        // it twenty times would cost seconds.
        var hasher = new PasswordHasher<ApplicationUser>();
        string? passwordHash = null;
        var counsellors = new List<DemoCounsellor>();
        foreach (var demo in All)
        {
            // Drawn for every user, new or not, so the households that follow do not depend on what
            // existed. The ids and stamps themselves are new in every database (not drawn from the
            // seeded generator): a cookie of one demo instance must never be valid on another.
            _ = random.NextGuid();
            _ = random.NextGuid();
            _ = random.NextGuid();
            var id = Guid.NewGuid().ToString();
            var securityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
            var concurrencyStamp = Guid.NewGuid().ToString();
            var organizationId = demo.OrganizationCode is null ? (int?)null : references.OrganizationId(demo.OrganizationCode);
            var roleId = references.RoleId(demo.Role);

            if (existing.TryGetValue(Normalize(demo.Email), out var user))
            {
                if (!existingRoles.Any(r => r.UserId == user.Id && r.RoleId == roleId))
                {
                    db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
                }
            }
            else
            {
                user = new ApplicationUser
                {
                    Id = id,
                    UserName = demo.Email,
                    NormalizedUserName = Normalize(demo.Email),
                    Email = demo.Email,
                    NormalizedEmail = Normalize(demo.Email),
                    EmailConfirmed = true,
                    SecurityStamp = securityStamp,
                    ConcurrencyStamp = concurrencyStamp,
                    LockoutEnabled = true,
                    DisplayName = demo.DisplayName,
                    OrganizationId = organizationId,
                    PreferredCulture = "fr-CA",
                    CreatedAt = createdAt,
                    Capacity = Capacities.GetValueOrDefault(demo.Email, 1.0m),
                    Languages = ["fr", .. SpokenLanguages.GetValueOrDefault(demo.Email, [])],
                };
                user.PasswordHash = passwordHash ??= hasher.HashPassword(user, DemoData.Password);
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
            }

            if (demo.Role == Roles.Counsellor)
            {
                counsellors.Add(new DemoCounsellor(
                    user.Id,
                    string.IsNullOrWhiteSpace(user.DisplayName) ? demo.DisplayName : user.DisplayName,
                    user.OrganizationId ?? organizationId ?? references.Organizations[0].Id));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return counsellors;
    }

    /// <summary>What ASP.NET Core Identity's default normalizer does.</summary>
    public static string Normalize(string value) => value.Normalize().ToUpperInvariant();
}
