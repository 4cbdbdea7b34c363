using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Admin;

public sealed class UserAdminServiceTests(DatabaseFixture database) : AdminServiceTestBase(database)
{
    private const string GoodPassword = "Bienvenue-2026";

    private UserAdminService Service => Host.UserAdmin;

    private static NewUser Nadia(string? password = GoodPassword, params string[] roles) =>
        new("Nadia.Roy@Test.local", "Nadia Roy", 2, roles.Length == 0 ? [Roles.Counsellor, Roles.Supervisor] : roles, password);

    [Fact]
    public async Task CreateAsync_WithRolesAndOrganization_SavesTheAccountAndItsPasswordWorks()
    {
        var created = await Service.CreateAsync(Nadia());

        var user = await UserAsync(created.Id);
        Assert.Null(created.GeneratedPassword);
        Assert.Equal(("Nadia.Roy@Test.local", "NADIA.ROY@TEST.LOCAL", "Nadia Roy", 2, true), (user.Email, user.NormalizedEmail, user.DisplayName, user.OrganizationId, user.IsActive));
        Assert.Equal([Roles.Counsellor, Roles.Supervisor], await RolesOfAsync(created.Id));
        Assert.NotEqual(PasswordVerificationResult.Failed,
            new PasswordHasher<ApplicationUser>().VerifyHashedPassword(user, user.PasswordHash!, GoodPassword));
        Assert.False(string.IsNullOrEmpty(user.SecurityStamp));
        // Failures never lock an account (the sign-in slows the attacker down instead).
        Assert.False(user.LockoutEnabled);
    }

    [Fact]
    public async Task CreateAsync_WithoutPassword_GeneratesOneThatFollowsTheRulesAndSignsIn()
    {
        var created = await Service.CreateAsync(Nadia(password: null));

        Assert.NotNull(created.GeneratedPassword);
        Assert.True(created.GeneratedPassword.Length >= 16);
        var user = await UserAsync(created.Id);
        var canSignIn = await Host.WithIdentityAsync(async (_, signIn) =>
            (await signIn.CheckPasswordSignInAsync(user, created.GeneratedPassword, lockoutOnFailure: false)).Succeeded);
        Assert.True(canSignIn);
    }

    [Fact]
    public async Task GeneratePassword_ManyTimes_AlwaysPassesIdentitysValidators()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => Service.GeneratePassword()).ToList();

        var failures = await Host.WithIdentityAsync(async (users, _) =>
        {
            var errors = new List<string>();
            foreach (var password in passwords)
            {
                foreach (var validator in users.PasswordValidators)
                {
                    var result = await validator.ValidateAsync(users, new ApplicationUser(), password);
                    errors.AddRange(result.Errors.Select(e => $"{password}: {e.Code}"));
                }
            }

            return errors;
        });
        Assert.Empty(failures);
        Assert.Equal(50, passwords.Distinct().Count());
    }

    [Theory]
    [InlineData("marie.tremblay@test.local")]
    [InlineData("MARIE.TREMBLAY@test.local")]
    [InlineData("  marie.tremblay@test.local ")]
    public async Task CreateAsync_DuplicateEmail_IsRefusedAndNothingIsCreated(string email)
    {
        var before = await UserCountAsync();

        var refused = await Assert.ThrowsAsync<UserAdminException>(() => Service.CreateAsync(Nadia() with { Email = email }));

        var error = Assert.Single(refused.Errors);
        Assert.Equal((UserAdminService.Fields.Email, "User.EmailTaken"), (error.Field, error.Code));
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task CreateAsync_WeakPassword_IsRefusedRuleByRuleAndNothingIsCreated()
    {
        var refused = await Assert.ThrowsAsync<UserAdminException>(() => Service.CreateAsync(Nadia(password: "abc")));

        Assert.All(refused.Errors, e => Assert.Equal(UserAdminService.Fields.Password, e.Field));
        Assert.Equal(
            ["Password.RequiresDigit", "Password.RequiresNonAlphanumeric", "Password.RequiresUpper", "Password.TooShort"],
            refused.Errors.Select(e => e.Code).Order());
        Assert.Equal(8, refused.Errors.Single(e => e.Code == "Password.TooShort").Arguments.Single());
        Assert.Null(await UserByEmailAsync("nadia.roy@test.local"));
    }

    [Fact]
    public async Task CreateAsync_SeveralBadInputs_ReportsThemAllAtOnce()
    {
        var input = new NewUser("not-an-email", " ", null, [], "abc");

        var refused = await Assert.ThrowsAsync<UserAdminException>(() => Service.CreateAsync(input));

        var codes = refused.Errors.Select(e => (e.Field, e.Code)).ToList();
        Assert.Contains((UserAdminService.Fields.Email, "User.EmailInvalid"), codes);
        Assert.Contains((UserAdminService.Fields.DisplayName, "User.DisplayNameRequired"), codes);
        Assert.Contains((UserAdminService.Fields.Roles, "User.RoleRequired"), codes);
        Assert.Contains((UserAdminService.Fields.Password, "Password.TooShort"), codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData(Roles.Counsellor, null, "User.OrganizationRequired")]
    [InlineData(Roles.Supervisor, null, "User.OrganizationRequired")]
    [InlineData(Roles.Counsellor, 99, "User.UnknownOrganization")]
    [InlineData("Janitor", 1, "User.UnknownRole")]
    public async Task CreateAsync_RoleOrOrganizationNotAllowed_IsRefused(string role, int? organizationId, string code)
    {
        var refused = await Assert.ThrowsAsync<UserAdminException>(() => Service.CreateAsync(Nadia(roles: role) with { OrganizationId = organizationId }));

        Assert.Contains(refused.Errors, e => e.Code == code);
        Assert.Null(await UserByEmailAsync("nadia.roy@test.local"));
    }

    [Theory]
    [InlineData(Roles.PrivacyOfficer)]
    [InlineData(Roles.Admin)]
    public async Task CreateAsync_RoleOutsideFileWork_NeedsNoOrganization(string role)
    {
        var created = await Service.CreateAsync(Nadia(roles: role) with { OrganizationId = null });

        Assert.Equal([role], await RolesOfAsync(created.Id));
    }

    [Fact]
    public async Task CreateAsync_PartnerWithItsPartnerOrganization_NeedsNoProgramOrganization()
    {
        var partner = await PartnerAsync();

        var created = await Service.CreateAsync(Nadia(roles: Roles.Partner) with { OrganizationId = null, PartnerOrganizationId = partner.Id });

        Assert.Equal([Roles.Partner], await RolesOfAsync(created.Id));
        Assert.Equal(partner.Id, (await UserAsync(created.Id)).PartnerOrganizationId);
        Assert.Equal(partner.Id, (await Service.GetAsync(created.Id)).PartnerOrganizationId);
    }

    [Fact]
    public async Task CreateAsync_PartnerWithoutPartnerOrganization_IsRefusedAndCreatesNothing()
    {
        var refused = await Assert.ThrowsAsync<UserAdminException>(() => Service.CreateAsync(Nadia(roles: Roles.Partner) with { OrganizationId = null }));

        Assert.Contains(refused.Errors, e => e is { Field: UserAdminService.Fields.PartnerOrganizationId, Code: "User.PartnerRequired" });
        Assert.Null(await UserByEmailAsync("nadia.roy@test.local"));
    }

    [Fact]
    public async Task CreateAsync_PartnerOfAnInactivePartnerOrganization_IsRefused()
    {
        var partner = await PartnerAsync();
        await using (var db = Database.CreateDbContext())
        {
            db.RegionalPartners.Attach(partner);
            partner.IsActive = false;
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<UserAdminException>(() =>
            Service.CreateAsync(Nadia(roles: Roles.Partner) with { OrganizationId = null, PartnerOrganizationId = partner.Id }));

        Assert.Contains(refused.Errors, e => e.Code == "User.UnknownPartner");
    }

    [Fact]
    public async Task UpdateAsync_NameOrganizationAndRoles_AreSavedAndTheSecurityStampChanges()
    {
        var partner = await PartnerAsync();
        var before = await UserAsync(Marie.Id);
        var details = await Service.GetAsync(Marie.Id);

        await Service.UpdateAsync(Marie.Id, details.ConcurrencyStamp,
            new UserChanges(" Marie Tremblay-Roy ", 3, [Roles.Supervisor, Roles.Partner]) { PartnerOrganizationId = partner.Id });

        var after = await UserAsync(Marie.Id);
        Assert.Equal(("Marie Tremblay-Roy", 3, partner.Id), (after.DisplayName, after.OrganizationId, after.PartnerOrganizationId));
        Assert.Equal([Roles.Partner, Roles.Supervisor], await RolesOfAsync(Marie.Id));
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
    }

    [Fact]
    public async Task UpdateAsync_SameRoles_KeepsTheSecurityStamp()
    {
        var before = await UserAsync(Marie.Id);
        var details = await Service.GetAsync(Marie.Id);

        await Service.UpdateAsync(Marie.Id, details.ConcurrencyStamp, new UserChanges("Marie T.", 1, [Roles.Counsellor]));

        var after = await UserAsync(Marie.Id);
        Assert.Equal("Marie T.", after.DisplayName);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
    }

    [Fact]
    public async Task UpdateAsync_FromAVersionSomeoneElseSavedSince_IsRefusedAndKeepsTheirSave()
    {
        var seenByFirst = await Service.GetAsync(Marie.Id);
        var seenBySecond = await Service.GetAsync(Marie.Id);
        await Service.UpdateAsync(Marie.Id, seenByFirst.ConcurrencyStamp, new UserChanges("Marie (first)", 1, [Roles.Counsellor]));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Service.UpdateAsync(Marie.Id, seenBySecond.ConcurrencyStamp, new UserChanges("Marie (second)", 2, [Roles.Partner])));

        Assert.Equal(("Marie (first)", 1), ((await UserAsync(Marie.Id)).DisplayName, (await UserAsync(Marie.Id)).OrganizationId));
        Assert.Equal([Roles.Counsellor], await RolesOfAsync(Marie.Id));
    }

    [Fact]
    public async Task UpdateAsync_TwoAdministratorsAtTheSameTime_OnlyOneSaveIsWritten()
    {
        var seen = await Service.GetAsync(Marie.Id);
        await using var otherAdmin = new AdminTestHost(Database.ConnectionString, Admin);

        var results = await Task.WhenAll(
            Outcome(Service.UpdateAsync(Marie.Id, seen.ConcurrencyStamp, new UserChanges("Marie A", 1, [Roles.Counsellor]))),
            Outcome(otherAdmin.UserAdmin.UpdateAsync(Marie.Id, seen.ConcurrencyStamp, new UserChanges("Marie B", 1, [Roles.Counsellor]))));

        Assert.Single(results, r => r is null);
        Assert.IsType<ConcurrencyConflictException>(Assert.Single(results, r => r is not null));

        static async Task<Exception?> Outcome(Task save)
        {
            try
            {
                await save;
                return null;
            }
            catch (ConcurrencyConflictException conflict)
            {
                return conflict;
            }
        }
    }

    [Fact]
    public async Task UpdateAsync_RemovingOwnAdminRole_IsRefusedWithAClearReason()
    {
        var details = await Service.GetAsync(Admin.Id);

        var refused = await Assert.ThrowsAsync<UserAdminException>(() =>
            Service.UpdateAsync(Admin.Id, details.ConcurrencyStamp, new UserChanges("Alice Admin", null, [Roles.PrivacyOfficer])));

        Assert.Equal((UserAdminService.Fields.Roles, "User.CannotRemoveOwnAdmin"), (Assert.Single(refused.Errors).Field, refused.Errors[0].Code));
        Assert.Equal([Roles.Admin], await RolesOfAsync(Admin.Id));
    }

    [Fact]
    public async Task UpdateAsync_WithoutAnyRole_IsRefusedAndChangesNothing()
    {
        var details = await Service.GetAsync(Marie.Id);

        var refused = await Assert.ThrowsAsync<UserAdminException>(() =>
            Service.UpdateAsync(Marie.Id, details.ConcurrencyStamp, new UserChanges("Someone else", 1, [])));

        Assert.Contains(refused.Errors, e => e.Code == "User.RoleRequired");
        Assert.Equal("Marie Tremblay", (await UserAsync(Marie.Id)).DisplayName);
        Assert.Equal([Roles.Counsellor], await RolesOfAsync(Marie.Id));
    }

    [Fact]
    public async Task SetActiveAsync_Deactivate_ChangesTheSecurityStampAndTheUserCannotSignIn()
    {
        var before = await UserAsync(Marie.Id);

        await Service.SetActiveAsync(Marie.Id, active: false);

        var after = await UserAsync(Marie.Id);
        Assert.False(after.IsActive);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        var (canSignIn, passwordSignIn) = await Host.WithIdentityAsync(async (_, signIn) =>
            (await signIn.CanSignInAsync(after), await signIn.CheckPasswordSignInAsync(after, TestUsers.Password, lockoutOnFailure: false)));
        Assert.False(canSignIn);
        Assert.True(passwordSignIn.IsNotAllowed);
    }

    [Fact]
    public async Task SetActiveAsync_Reactivate_LetsTheUserSignInAgain()
    {
        await Service.SetActiveAsync(Marie.Id, active: false);

        await Service.SetActiveAsync(Marie.Id, active: true);

        var user = await UserAsync(Marie.Id);
        Assert.True(user.IsActive);
        Assert.True(await Host.WithIdentityAsync((_, signIn) => signIn.CanSignInAsync(user)));
    }

    [Fact]
    public async Task SetActiveAsync_DeactivatingOneself_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<UserAdminException>(() => Service.SetActiveAsync(Admin.Id, active: false));

        Assert.Equal("User.CannotDeactivateSelf", Assert.Single(refused.Errors).Code);
        Assert.True((await UserAsync(Admin.Id)).IsActive);
    }

    [Fact]
    public async Task SetActiveAsync_UnknownUser_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Service.SetActiveAsync("no-such-user", active: false));
    }

    [Fact]
    public async Task ResetPasswordAsync_NewPassword_ReplacesTheOldOneUnlocksAndEndsSessions()
    {
        await using (var db = Database.CreateDbContext())
        {
            var locked = await db.Users.SingleAsync(u => u.Id == Marie.Id);
            locked.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(10);
            locked.AccessFailedCount = 4;
            await db.SaveChangesAsync();
        }

        var before = await UserAsync(Marie.Id);

        var generated = await Service.ResetPasswordAsync(Marie.Id, GoodPassword);

        var after = await UserAsync(Marie.Id);
        Assert.Null(generated);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Null(after.LockoutEnd);
        Assert.Equal(0, after.AccessFailedCount);
        var hasher = new PasswordHasher<ApplicationUser>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(after, after.PasswordHash!, GoodPassword));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(after, after.PasswordHash!, TestUsers.Password));
    }

    [Fact]
    public async Task ResetPasswordAsync_WithoutPassword_ReturnsAGeneratedOneThatWorks()
    {
        var generated = await Service.ResetPasswordAsync(Marie.Id, newPassword: null);

        var user = await UserAsync(Marie.Id);
        Assert.NotNull(generated);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<ApplicationUser>().VerifyHashedPassword(user, user.PasswordHash!, generated));
    }

    [Fact]
    public async Task ResetPasswordAsync_WeakPassword_IsRefusedAndTheOldPasswordStillWorks()
    {
        var before = await UserAsync(Marie.Id);

        var refused = await Assert.ThrowsAsync<UserAdminException>(() => Service.ResetPasswordAsync(Marie.Id, "password"));

        Assert.Contains(refused.Errors, e => e.Code == "Password.RequiresDigit");
        var after = await UserAsync(Marie.Id);
        Assert.Equal((before.PasswordHash, before.SecurityStamp), (after.PasswordHash, after.SecurityStamp));
    }

    [Fact]
    public async Task SearchAsync_FiltersSortsAndPagesInTheDatabase()
    {
        await Service.CreateAsync(new NewUser("helene.cote@test.local", "Hélène Côté", 2, [Roles.Counsellor], GoodPassword));
        await Service.CreateAsync(new NewUser("bob.partner@test.local", "Bob Partner", null, [Roles.Partner], GoodPassword) { PartnerOrganizationId = (await PartnerAsync()).Id });
        await Service.SetActiveAsync(Marie.Id, active: false);

        var byAccentlessName = await Service.SearchAsync(new UserQuery { Search = "helene COTE" });
        var byEmail = await Service.SearchAsync(new UserQuery { Search = "bob.partner@" });
        var counsellors = await Service.SearchAsync(new UserQuery { Role = Roles.Counsellor });
        var inactive = await Service.SearchAsync(new UserQuery { Status = UserStatusFilter.Inactive });
        var firstPage = await Service.SearchAsync(new UserQuery { SortBy = UserSort.Name, Descending = true, PageSize = 2 });
        var secondPage = await Service.SearchAsync(new UserQuery { SortBy = UserSort.Name, Descending = true, PageSize = 2, Page = 1 });

        var helene = Assert.Single(byAccentlessName.Rows);
        Assert.Equal(("Hélène Côté", "CFIQ", true), (helene.DisplayName, helene.OrganizationCode, helene.IsActive));
        Assert.Equal([Roles.Counsellor], helene.Roles);
        Assert.Equal("Bob Partner", Assert.Single(byEmail.Rows).DisplayName);
        Assert.Equal(["Hélène Côté", "Marie Tremblay"], counsellors.Rows.Select(r => r.DisplayName));
        Assert.Equal("Marie Tremblay", Assert.Single(inactive.Rows).DisplayName);
        Assert.Equal(4, firstPage.Total);
        Assert.Equal(["Marie Tremblay", "Hélène Côté"], firstPage.Rows.Select(r => r.DisplayName));
        Assert.Equal(["Bob Partner", "Alice Admin"], secondPage.Rows.Select(r => r.DisplayName));
    }

    [Fact]
    public async Task SearchAsync_LikeWildcards_AreTakenLiterally()
    {
        var page = await Service.SearchAsync(new UserQuery { Search = "%" });

        Assert.Empty(page.Rows);
    }

    public static TheoryData<string> Operations() => ["search", "get", "organizations", "create", "update", "deactivate", "reset-password"];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task AnyOperation_AsNonAdministrator_ThrowsAccessDeniedAndChangesNothing(string operation)
    {
        var details = await Service.GetAsync(Marie.Id);
        var before = await UserAsync(Marie.Id);
        Host.Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Run(operation, details.ConcurrencyStamp));

        var after = await UserAsync(Marie.Id);
        Assert.Equal((before.ConcurrencyStamp, before.IsActive), (after.ConcurrencyStamp, after.IsActive));
        Assert.Null(await UserByEmailAsync("nadia.roy@test.local"));
    }

    [Fact]
    public async Task AnyOperation_AsAdministratorWhoseRoleWasJustRemoved_ThrowsAccessDenied()
    {
        // The session still says Admin (the cookie is revalidated within a minute); the database does not.
        await using (var db = Database.CreateDbContext())
        {
            await db.UserRoles.Where(ur => ur.UserId == Admin.Id).ExecuteDeleteAsync();
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SearchAsync(new UserQuery()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateAsync(Nadia()));
    }

    [Fact]
    public async Task AnyOperation_AsDeactivatedAdministrator_ThrowsAccessDenied()
    {
        await using (var db = Database.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == Admin.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SetActiveAsync(Marie.Id, active: false));
        Assert.True((await UserAsync(Marie.Id)).IsActive);
    }

    private Task Run(string operation, string stamp) => operation switch
    {
        "search" => Service.SearchAsync(new UserQuery()),
        "get" => Service.GetAsync(Marie.Id),
        "organizations" => Service.GetOrganizationsAsync(),
        "create" => Service.CreateAsync(Nadia()),
        "update" => Service.UpdateAsync(Marie.Id, stamp, new UserChanges("Hacked", 1, [Roles.Admin])),
        "deactivate" => Service.SetActiveAsync(Marie.Id, active: false),
        "reset-password" => Service.ResetPasswordAsync(Marie.Id, GoodPassword),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private async Task<CaseManager.Domain.Partners.RegionalPartner> PartnerAsync()
    {
        await using var db = Database.CreateDbContext();
        return await TestPartners.CreateAsync(db);
    }
}
