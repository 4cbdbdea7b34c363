using System.Security.Cryptography;
using CaseManager.Data;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using CaseManager.Web.Access;

namespace CaseManager.Web.Features.Admin;

public enum UserSort
{
    Name,
    Email,
    Organization,
    Active,
}

public enum UserStatusFilter
{
    All,
    Active,
    Inactive,
}

/// <summary>What the users list asks for: filters, sort and page. Everything is done in PostgreSQL.</summary>
public sealed record UserQuery
{
    public string? Search { get; init; }
    public string? Role { get; init; }
    public UserStatusFilter Status { get; init; } = UserStatusFilter.All;
    public UserSort SortBy { get; init; } = UserSort.Name;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record UserRow(
    string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, int? OrganizationId, string? OrganizationCode, bool IsActive);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total);

/// <summary>A user as the edit form shows them; <see cref="ConcurrencyStamp"/> is the version the admin saw.</summary>
public sealed record UserDetails(
    string Id, string Email, string DisplayName, int? OrganizationId, IReadOnlyList<string> Roles, bool IsActive, string ConcurrencyStamp,
    decimal Capacity = 1.0m, IReadOnlyList<string>? Languages = null)
{
    /// <summary>The regional partner a partner user belongs to.</summary>
    public Guid? PartnerOrganizationId { get; init; }
}

public sealed record OrganizationOption(int Id, string Code, string Name);

public sealed record PartnerOption(Guid Id, string Name, string? Municipality);

/// <summary>A new account. A null <see cref="Password"/> asks for one to be generated (and shown once).</summary>
public sealed record NewUser(
    string Email, string DisplayName, int? OrganizationId, IReadOnlyCollection<string> Roles, string? Password,
    decimal Capacity = 1.0m, IReadOnlyCollection<string>? Languages = null)
{
    /// <summary>The regional partner of a partner user: required with the Partner role, ignored without it.</summary>
    public Guid? PartnerOrganizationId { get; init; }
}

/// <summary>A counsellor's capacity and languages (null: left as they are) are the distribution's settings.</summary>
public sealed record UserChanges(
    string DisplayName, int? OrganizationId, IReadOnlyCollection<string> Roles, decimal? Capacity = null, IReadOnlyCollection<string>? Languages = null)
{
    /// <summary>The regional partner of a partner user: required with the Partner role, ignored without it.</summary>
    public Guid? PartnerOrganizationId { get; init; }
}

/// <summary>The account created; <see cref="GeneratedPassword"/> is set only when the service chose the password.</summary>
public sealed record CreatedUser(string Id, string? GeneratedPassword);

/// <summary>Why an input was refused: <see cref="Code"/> is a key of AdminText, <see cref="Field"/> the input it is about ("" for the whole form).</summary>
public sealed record UserFieldError(string Field, string Code, params object[] Arguments);

/// <summary>The administrator's input was refused; nothing was changed.</summary>
public sealed class UserAdminException(IReadOnlyList<UserFieldError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code}")))
{
    public IReadOnlyList<UserFieldError> Errors { get; } = errors;
}

/// <summary>
/// The administrator's work on accounts: list, create, edit, deactivate, reactivate, reset a
/// password. There is no self-registration: accounts exist because an administrator made them.
/// Every write goes through Identity's <see cref="UserManager{TUser}"/> taken from a fresh DI
/// scope (a fresh DbContext) per operation, never one held by the circuit, inside one
/// transaction: a refused input changes nothing.
/// </summary>
public sealed class UserAdminService(
    IServiceScopeFactory scopes,
    IDbContextFactory<CaseManagerDbContext> contexts,
    AccessPolicy access,
    IOptions<IdentityOptions> identityOptions,
    AppClock clock,
    ILogger<UserAdminService> logger)
{
    public const int MaxPageSize = 100;
    public const int DisplayNameMaxLength = 200;

    /// <summary>A full-time equivalent, from 0 (receives no new file) to 1.0, in hundredths.</summary>
    private static void ValidateCapacity(decimal capacity, List<UserFieldError> errors)
    {
        if (capacity < 0m || capacity > 1m || decimal.Round(capacity, 2) != capacity)
        {
            errors.Add(new UserFieldError(Fields.Capacity, "User.CapacityOutOfRange"));
        }
    }

    /// <summary>Language codes as the households' files hold them: lower case, once each.</summary>
    private static List<string> NormalizeLanguages(IReadOnlyCollection<string>? languages) =>
        (languages ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim().ToLowerInvariant()).Distinct().Take(20).ToList();

    /// <summary>The form's field names, as <see cref="UserFieldError.Field"/> reports them.</summary>
    public static class Fields
    {
        public const string Email = nameof(NewUser.Email);
        public const string DisplayName = nameof(NewUser.DisplayName);
        public const string OrganizationId = nameof(NewUser.OrganizationId);
        public const string PartnerOrganizationId = nameof(NewUser.PartnerOrganizationId);
        public const string Roles = nameof(NewUser.Roles);
        public const string Password = nameof(NewUser.Password);
        public const string Capacity = nameof(NewUser.Capacity);
        public const string Form = "";
    }

    /// <summary>The rules a password must follow (Identity's options, the same the sign-in uses).</summary>
    public PasswordOptions PasswordRules => identityOptions.Value.Password;

    public async Task<UserPage> SearchAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ManageUsers, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        users = query.Status switch
        {
            UserStatusFilter.All => users,
            UserStatusFilter.Active => users.Where(u => u.IsActive),
            UserStatusFilter.Inactive => users.Where(u => !u.IsActive),
        };
        if (!string.IsNullOrEmpty(query.Role))
        {
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == query.Role)));
        }

        // Each word anywhere in the name or the email, accents and case ignored ("helene" finds Hélène).
        foreach (var pattern in LikeSearch.WordPatterns(query.Search))
        {
            users = users.Where(u =>
                EF.Functions.Like(CaseManagerDbContext.Unaccent(u.DisplayName), CaseManagerDbContext.Unaccent(pattern)) ||
                EF.Functions.Like(CaseManagerDbContext.Unaccent(u.Email ?? ""), CaseManagerDbContext.Unaccent(pattern)));
        }

        var total = await users.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await Sort(db, users, query.SortBy, query.Descending)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.OrganizationId,
                u.IsActive,
                Organization = db.Organizations.Where(o => o.Id == u.OrganizationId).Select(o => o.Code).FirstOrDefault(),
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        return new UserPage(
            rows.Select(r => new UserRow(r.Id, r.DisplayName, r.Email ?? "", InProgramOrder(r.Roles), r.OrganizationId, r.Organization, r.IsActive)).ToList(),
            total);
    }

    public async Task<UserDetails> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ManageUsers, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.OrganizationId,
                u.IsActive,
                u.ConcurrencyStamp,
                u.PartnerOrganizationId,
                u.Capacity,
                u.Languages,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"User {id} does not exist.");
        return new UserDetails(user.Id, user.Email ?? "", user.DisplayName, user.OrganizationId, InProgramOrder(user.Roles), user.IsActive, user.ConcurrencyStamp ?? "",
            user.Capacity, user.Languages)
        {
            PartnerOrganizationId = user.PartnerOrganizationId,
        };
    }

    /// <summary>The active regional partners (and the one given, even inactive), for the partner of a partner account.</summary>
    public async Task<IReadOnlyList<PartnerOption>> GetPartnersAsync(Guid? keep = null, CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ManageUsers, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RegionalPartners.AsNoTracking().Where(p => p.IsActive || p.Id == keep).OrderBy(p => p.Name)
            .Select(p => new PartnerOption(p.Id, p.Name, p.Municipality))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The program's organizations (three), for the organization of an account.</summary>
    public async Task<IReadOnlyList<OrganizationOption>> GetOrganizationsAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(Operation.ManageUsers, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Organizations.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new OrganizationOption(o.Id, o.Code, o.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<CreatedUser> CreateAsync(NewUser input, CancellationToken cancellationToken = default)
    {
        var admin = await access.DemandAsync(Operation.ManageUsers, cancellationToken);
        var email = input.Email?.Trim() ?? "";
        var displayName = input.DisplayName?.Trim() ?? "";
        var roles = InProgramOrder(input.Roles ?? []);
        var generated = input.Password is null ? GeneratePassword() : null;
        var password = generated ?? input.Password!;

        var errors = new List<UserFieldError>();
        if (email.Length == 0)
        {
            errors.Add(new UserFieldError(Fields.Email, "User.EmailRequired"));
        }
        else if (!ContactRules.IsValidEmail(email))
        {
            errors.Add(new UserFieldError(Fields.Email, "User.EmailInvalid"));
        }

        ValidateProfile(displayName, input.Roles ?? [], errors);
        if (password.Length == 0)
        {
            errors.Add(new UserFieldError(Fields.Password, "User.PasswordRequired"));
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<CaseManagerDbContext>();
        await ValidateOrganizationAsync(db, input.OrganizationId, roles, errors, cancellationToken);
        await ValidatePartnerAsync(db, input.PartnerOrganizationId, roles, null, errors, cancellationToken);
        ValidateCapacity(input.Capacity, errors);

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            OrganizationId = input.OrganizationId,
            PartnerOrganizationId = roles.Contains(Roles.Partner) ? input.PartnerOrganizationId : null,
            Capacity = input.Capacity,
            Languages = NormalizeLanguages(input.Languages),
            IsActive = true,
            CreatedAt = clock.Now,
        };

        // Identity's own checks (unique email, password rules) all at once, before anything is written.
        if (email.Length > 0)
        {
            foreach (var validator in users.UserValidators)
            {
                AddErrors(errors, await validator.ValidateAsync(users, user));
            }
        }

        if (password.Length > 0)
        {
            foreach (var validator in users.PasswordValidators)
            {
                AddErrors(errors, await validator.ValidateAsync(users, user, password));
            }
        }

        ThrowIfAny(errors);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                ThrowIfFailed(await users.CreateAsync(user, password));
                ThrowIfFailed(await users.AddToRolesAsync(user, roles));
            }
            catch (DbUpdateException saved) when (saved.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another administrator created the same email a moment ago.
                throw new UserAdminException([new UserFieldError(Fields.Email, "User.EmailTaken")]);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("User {UserId} created by {AdminId} with roles {Roles}.", user.Id, admin.Id, string.Join(",", roles));
        return new CreatedUser(user.Id, generated);
    }

    /// <summary>
    /// Changes the display name, the organization and the roles. <paramref name="concurrencyStamp"/>
    /// is the version the administrator saw: if someone saved the account since, nothing is written.
    /// A change of roles ends the person's open sessions (new security stamp).
    /// </summary>
    public async Task UpdateAsync(string id, string concurrencyStamp, UserChanges changes, CancellationToken cancellationToken = default)
    {
        var admin = await access.DemandAsync(Operation.ManageUsers, cancellationToken);
        var displayName = changes.DisplayName?.Trim() ?? "";
        var roles = InProgramOrder(changes.Roles ?? []);
        var errors = new List<UserFieldError>();
        ValidateProfile(displayName, changes.Roles ?? [], errors);
        if (id == admin.Id && !roles.Contains(Roles.Admin))
        {
            errors.Add(new UserFieldError(Fields.Roles, "User.CannotRemoveOwnAdmin"));
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<CaseManagerDbContext>();
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException($"User {id} does not exist.");
        if (user.ConcurrencyStamp != concurrencyStamp)
        {
            throw new ConcurrencyConflictException();
        }

        await ValidateOrganizationAsync(db, changes.OrganizationId, roles, errors, cancellationToken);
        await ValidatePartnerAsync(db, changes.PartnerOrganizationId, roles, user.PartnerOrganizationId, errors, cancellationToken);
        if (changes.Capacity is { } capacity)
        {
            ValidateCapacity(capacity, errors);
        }

        ThrowIfAny(errors);

        var currentRoles = await users.GetRolesAsync(user);
        var removed = currentRoles.Except(roles).ToList();
        var added = roles.Except(currentRoles).ToList();
        user.DisplayName = displayName;
        user.OrganizationId = changes.OrganizationId;
        user.PartnerOrganizationId = roles.Contains(Roles.Partner) ? changes.PartnerOrganizationId : null;
        user.Capacity = changes.Capacity ?? user.Capacity;
        user.Languages = changes.Languages is null ? user.Languages : NormalizeLanguages(changes.Languages);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // UserManager.UpdateAsync writes only if the stamp in the database is still the one
            // read above; otherwise it returns ConcurrencyFailure and nothing is written.
            ThrowIfFailed(await users.UpdateAsync(user));
            if (removed.Count > 0)
            {
                ThrowIfFailed(await users.RemoveFromRolesAsync(user, removed));
            }

            if (added.Count > 0)
            {
                ThrowIfFailed(await users.AddToRolesAsync(user, added));
            }

            if (removed.Count > 0 || added.Count > 0)
            {
                ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation(
            "User {UserId} changed by {AdminId}: roles added {Added}, removed {Removed}.",
            id, admin.Id, string.Join(",", added), string.Join(",", removed));
    }

    /// <summary>
    /// Deactivates or reactivates an account. A deactivated person cannot sign in, and a new
    /// security stamp ends their open sessions at the next check (a minute at most).
    /// An administrator cannot deactivate themselves.
    /// </summary>
    public async Task SetActiveAsync(string id, bool active, CancellationToken cancellationToken = default)
    {
        var admin = await access.DemandAsync(Operation.ManageUsers, cancellationToken);
        if (!active && id == admin.Id)
        {
            throw new UserAdminException([new UserFieldError(Fields.Form, "User.CannotDeactivateSelf")]);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException($"User {id} does not exist.");
        if (user.IsActive == active)
        {
            return;
        }

        user.IsActive = active;
        // UpdateSecurityStampAsync saves the user with its new stamp: one write for both.
        ThrowIfFailed(active ? await users.UpdateAsync(user) : await users.UpdateSecurityStampAsync(user));
        logger.LogInformation("User {UserId} {Action} by {AdminId}.", id, active ? "reactivated" : "deactivated", admin.Id);
    }

    /// <summary>
    /// Sets a new password (or generates one when <paramref name="newPassword"/> is null, and
    /// returns it to be shown once). The person's open sessions end, and a locked-out account is
    /// unlocked.
    /// </summary>
    public async Task<string?> ResetPasswordAsync(string id, string? newPassword, CancellationToken cancellationToken = default)
    {
        var admin = await access.DemandAsync(Operation.ManageUsers, cancellationToken);
        var generated = newPassword is null ? GeneratePassword() : null;
        var password = generated ?? newPassword!;

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<CaseManagerDbContext>();
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException($"User {id} does not exist.");
        var errors = new List<UserFieldError>();
        if (password.Length == 0)
        {
            errors.Add(new UserFieldError(Fields.Password, "User.PasswordRequired"));
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                AddErrors(errors, await validator.ValidateAsync(users, user, password));
            }
        }

        ThrowIfAny(errors);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await users.HasPasswordAsync(user))
            {
                ThrowIfFailed(await users.RemovePasswordAsync(user));
            }

            ThrowIfFailed(await users.AddPasswordAsync(user, password));
            if (await users.IsLockedOutAsync(user))
            {
                ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
            }

            ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Password of user {UserId} reset by {AdminId}.", id, admin.Id);
        return generated;
    }

    /// <summary>A random password that satisfies the password options: every kind of character, never shorter than 16.</summary>
    public string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string symbols = "!#$%*+-=?@";
        const string all = upper + lower + digits + symbols;
        var options = PasswordRules;
        var length = Math.Max(16, options.RequiredLength);
        var uniqueNeeded = Math.Min(options.RequiredUniqueChars, all.Length);
        var chars = new List<char> { Pick(upper), Pick(lower), Pick(digits), Pick(symbols) };
        while (chars.Count < length || chars.Distinct().Count() < uniqueNeeded)
        {
            chars.Add(Pick(all));
        }

        var array = chars.ToArray();
        RandomNumberGenerator.Shuffle(array.AsSpan());
        return new string(array);

        static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
    }


    private static void ValidateProfile(string displayName, IReadOnlyCollection<string> requestedRoles, List<UserFieldError> errors)
    {
        if (displayName.Length == 0)
        {
            errors.Add(new UserFieldError(Fields.DisplayName, "User.DisplayNameRequired"));
        }
        else if (displayName.Length > DisplayNameMaxLength)
        {
            errors.Add(new UserFieldError(Fields.DisplayName, "User.DisplayNameTooLong", DisplayNameMaxLength));
        }

        foreach (var unknown in requestedRoles.Where(r => !Roles.All.Contains(r)).Distinct())
        {
            errors.Add(new UserFieldError(Fields.Roles, "User.UnknownRole", unknown));
        }

        if (!requestedRoles.Any(Roles.All.Contains))
        {
            errors.Add(new UserFieldError(Fields.Roles, "User.RoleRequired"));
        }
    }

    /// <summary>Counsellors and supervisors open files for their organization: they need one.</summary>
    private static async Task ValidateOrganizationAsync(
        CaseManagerDbContext db, int? organizationId, IReadOnlyList<string> roles, List<UserFieldError> errors, CancellationToken cancellationToken)
    {
        if (organizationId is { } id)
        {
            if (!await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
            {
                errors.Add(new UserFieldError(Fields.OrganizationId, "User.UnknownOrganization"));
            }
        }
        else if (roles.Contains(Roles.Counsellor) || roles.Contains(Roles.Supervisor))
        {
            errors.Add(new UserFieldError(Fields.OrganizationId, "User.OrganizationRequired"));
        }
    }

    /// <summary>A partner user belongs to one regional partner: an active one (or the one they already had).</summary>
    private static async Task ValidatePartnerAsync(
        CaseManagerDbContext db, Guid? partnerId, IReadOnlyList<string> roles, Guid? current, List<UserFieldError> errors, CancellationToken cancellationToken)
    {
        if (!roles.Contains(Roles.Partner))
        {
            return;
        }

        if (partnerId is not { } id)
        {
            errors.Add(new UserFieldError(Fields.PartnerOrganizationId, "User.PartnerRequired"));
        }
        else if (!await db.RegionalPartners.AnyAsync(p => p.Id == id && (p.IsActive || p.Id == current), cancellationToken))
        {
            errors.Add(new UserFieldError(Fields.PartnerOrganizationId, "User.UnknownPartner"));
        }
    }

    /// <summary>Roles known to the program, each once, in the program's order.</summary>
    private static List<string> InProgramOrder(IEnumerable<string?> roles)
    {
        var set = roles.OfType<string>().ToHashSet(StringComparer.Ordinal);
        return Roles.All.Where(set.Contains).ToList();
    }

    private void AddErrors(List<UserFieldError> errors, IdentityResult result)
    {
        foreach (var error in result.Errors.Select(Describe))
        {
            if (!errors.Any(e => e.Field == error.Field && e.Code == error.Code))
            {
                errors.Add(error);
            }
        }
    }

    private static void ThrowIfAny(List<UserFieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw new UserAdminException(errors);
        }
    }

    private void ThrowIfFailed(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ConcurrencyConflictException();
        }

        var errors = new List<UserFieldError>();
        AddErrors(errors, result);
        throw new UserAdminException(errors);
    }

    /// <summary>Identity describes its errors in English: each code we meet becomes one of our texts.</summary>
    private UserFieldError Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)
            => new UserFieldError(Fields.Email, "User.EmailTaken"),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName)
            => new UserFieldError(Fields.Email, "User.EmailInvalid"),
        nameof(IdentityErrorDescriber.PasswordTooShort) => new UserFieldError(Fields.Password, "Password.TooShort", PasswordRules.RequiredLength),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => new UserFieldError(Fields.Password, "Password.RequiresDigit"),
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => new UserFieldError(Fields.Password, "Password.RequiresLower"),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => new UserFieldError(Fields.Password, "Password.RequiresUpper"),
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => new UserFieldError(Fields.Password, "Password.RequiresNonAlphanumeric"),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars)
            => new UserFieldError(Fields.Password, "Password.RequiresUniqueChars", PasswordRules.RequiredUniqueChars),
        nameof(IdentityErrorDescriber.InvalidRoleName) => new UserFieldError(Fields.Roles, "User.UnknownRole", ""),
        _ => new UserFieldError(Fields.Form, "User.IdentityError", error.Code),
    };

    private static IQueryable<ApplicationUser> Sort(CaseManagerDbContext db, IQueryable<ApplicationUser> users, UserSort sort, bool descending) =>
        (sort, descending) switch
        {
            (UserSort.Name, false) => users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
            (UserSort.Name, true) => users.OrderByDescending(u => u.DisplayName).ThenBy(u => u.Id),
            (UserSort.Email, false) => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
            (UserSort.Email, true) => users.OrderByDescending(u => u.NormalizedEmail).ThenBy(u => u.Id),
            (UserSort.Organization, false) => users
                .OrderBy(u => db.Organizations.Where(o => o.Id == u.OrganizationId).Select(o => o.Code).FirstOrDefault())
                .ThenBy(u => u.DisplayName).ThenBy(u => u.Id),
            (UserSort.Organization, true) => users
                .OrderByDescending(u => db.Organizations.Where(o => o.Id == u.OrganizationId).Select(o => o.Code).FirstOrDefault())
                .ThenBy(u => u.DisplayName).ThenBy(u => u.Id),
            (UserSort.Active, false) => users.OrderByDescending(u => u.IsActive).ThenBy(u => u.DisplayName).ThenBy(u => u.Id),
            (UserSort.Active, true) => users.OrderBy(u => u.IsActive).ThenBy(u => u.DisplayName).ThenBy(u => u.Id),
        };
}
