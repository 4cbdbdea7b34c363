using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CaseManager.Web.Access;

/// <summary>
/// In an interactive page, every action of the user (a click, a keystroke sent, a navigation)
/// reads the person again: the access policy of the circuit forgets them before the action runs.
/// </summary>
public sealed class AccessCircuitHandler(AccessPolicy policy) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            policy.Forget();
            return next(context);
        };
}
