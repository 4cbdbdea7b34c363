using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace CaseManager.Web.Access;

/// <summary>The authorization policy of a page or an endpoint: one <see cref="Operation"/> of the access rules.</summary>
public sealed class OperationRequirement(Operation operation) : IAuthorizationRequirement
{
    public Operation Operation { get; } = operation;
}

/// <summary>
/// Decides <see cref="OperationRequirement"/> with <see cref="AccessRules"/> for the person the
/// sign-in names, as the database knows them (through the request's or circuit's
/// <see cref="AccessPolicy"/>), so a page and its service can never disagree.
/// </summary>
public sealed class OperationAuthorizationHandler(AccessPolicy policy)
    : AuthorizationHandler<OperationRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationRequirement requirement)
    {
        var claimed = UserIdentity.From(context.User);
        if (!claimed.IsAuthenticated)
        {
            return;
        }

        var person = await policy.PersonAsync(claimed);
        if (AccessRules.Allows(person, requirement.Operation))
        {
            context.Succeed(requirement);
        }
    }
}

public static class AccessRegistration
{
    /// <summary>The access policy, its circuit handler and one authorization policy per operation (named after it).</summary>
    public static void AddAccessPolicy(this IServiceCollection services)
    {
        services.AddScoped<AccessPolicy>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, AccessCircuitHandler>();
        services.AddScoped<IAuthorizationHandler, OperationAuthorizationHandler>();
        var builder = services.AddAuthorizationBuilder();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            // The household's space reads the household's own sign-in (its scheme), nobody else's.
            builder.AddPolicy(operation.ToString(), policy =>
            {
                if (operation == Operation.UseHouseholdSpace)
                {
                    policy.AddAuthenticationSchemes(HouseholdSessions.Scheme);
                }

                policy.RequireAuthenticatedUser().AddRequirements(new OperationRequirement(operation));
            });
        }
    }
}
