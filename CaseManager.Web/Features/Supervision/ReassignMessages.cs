using CaseManager.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Supervision;

/// <summary>What a reassignment did, in sentences: moved, changed meanwhile, closed, already there.</summary>
public static class ReassignMessages
{
    public sealed record Message(string Text, Severity Severity);

    public static IReadOnlyList<Message> Of(IStringLocalizer<DistributionText> text, ReassignResult result)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(result);
        var messages = new List<Message>();
        if (result.Moved.Count > 0)
        {
            messages.Add(new Message(text["Reassign.Done", result.Moved.Count], Severity.Success));
        }

        if (result.Conflicts.Count > 0)
        {
            messages.Add(new Message(text["Reassign.Conflicts", string.Join(", ", result.Conflicts)], Severity.Error));
        }

        if (result.Closed.Count > 0)
        {
            messages.Add(new Message(text["Reassign.Closed", string.Join(", ", result.Closed)], Severity.Warning));
        }

        if (result.Unchanged.Count > 0)
        {
            messages.Add(new Message(text["Reassign.Unchanged", string.Join(", ", result.Unchanged)], Severity.Info));
        }

        return messages;
    }
}
