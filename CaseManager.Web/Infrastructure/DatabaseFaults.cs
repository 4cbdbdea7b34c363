using System.Data.Common;

namespace CaseManager.Web.Infrastructure;

/// <summary>
/// The database did not answer (stopped, restarting, out of connections): a moment's fault of the
/// environment, not a bug. Widgets that run on their own (the bell's count) skip a turn instead of
/// ending the person's live connection; pages show the layout's error message.
/// </summary>
public static class DatabaseFaults
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        DbException or TimeoutException => true,
        // EF Core wraps what its execution strategy saw as transient, and connection-opening failures.
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };
}
