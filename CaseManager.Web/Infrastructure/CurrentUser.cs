using System.Security.Claims;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace CaseManager.Web.Infrastructure;

public static class AppClaimTypes
{
    public const string DisplayName = "cm:display_name";
    public const string OrganizationId = "cm:organization_id";

    /// <summary>The id of the sign-in session (<see cref="CaseManager.Data.Entities.UserSession"/>) the cookie belongs to.</summary>
    public const string SessionId = "cm:session_id";

    /// <summary>The household's device session (<see cref="CaseManager.Data.Entities.HouseholdDeviceSession"/>) its cookie belongs to.</summary>
    public const string HouseholdSessionId = "cm:household_session";
}

/// <summary>The signed-in person: as the cookie claims them (<see cref="From"/>) or as the access policy resolved them from the database.</summary>
public sealed record UserIdentity(string Id, string DisplayName, IReadOnlySet<string> Roles, int? OrganizationId)
{
    public static readonly UserIdentity Anonymous = new("", "", new HashSet<string>(), null);

    public bool IsAuthenticated => Id.Length > 0;

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>For a partner user: the active regional partner they belong to (resolved from the database by the access policy).</summary>
    public Guid? PartnerId { get; init; }

    /// <summary>For a partner user: the host regions their organization serves.</summary>
    public IReadOnlyList<string> PartnerRegions { get; init; } = [];

    /// <summary>For a household signed in by its personal link: its own file (resolved from its device session by the access policy).</summary>
    public Guid? HouseholdId { get; init; }

    /// <summary>The household's device session its cookie names (a claim; the access policy checks it in the database).</summary>
    public Guid? HouseholdSessionId { get; init; }

    /// <summary>A household, not a member of staff: it has no roles and reaches only its own space.</summary>
    public bool IsHousehold => HouseholdId is not null || HouseholdSessionId is not null;

    public Actor Actor => new(Id, DisplayName);

    public static UserIdentity From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(id))
        {
            return Anonymous;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        var name = principal.FindFirstValue(AppClaimTypes.DisplayName) ?? principal.Identity.Name ?? id;
        if (Guid.TryParse(principal.FindFirstValue(AppClaimTypes.HouseholdSessionId), out var householdSession))
        {
            // A household's cookie: no roles, whatever it may carry; the policy resolves the session.
            return new UserIdentity(id, name, new HashSet<string>(), null) { HouseholdSessionId = householdSession };
        }

        var organization = int.TryParse(principal.FindFirstValue(AppClaimTypes.OrganizationId), out var org) ? org : (int?)null;
        return new UserIdentity(id, name, roles, organization);
    }
}

/// <summary>Who is asking. Services ask this, never the interface, before showing or changing a file.</summary>
public interface ICurrentUser
{
    Task<UserIdentity> GetAsync();
}

/// <summary>Reads the person from the authentication state of the circuit or of the request.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authenticationState) : ICurrentUser
{
    public async Task<UserIdentity> GetAsync()
    {
        var state = await authenticationState.GetAuthenticationStateAsync();
        return UserIdentity.From(state.User);
    }
}

/// <summary>Refused: the person may not see or change this. Already logged where it matters.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Someone else saved the same thing first; nothing of this save was written.</summary>
public sealed class ConcurrencyConflictException() : Exception("The record was changed by someone else.");
