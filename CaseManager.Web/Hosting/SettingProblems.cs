using Microsoft.Extensions.Options;

namespace CaseManager.Web.Hosting;

/// <summary>
/// Problems found while reading a setting during service registration (a certificate file that
/// does not exist, a proxy that is not an address), reported with the other settings' problems
/// when the application validates its options at start (exit code 2, the setting named).
/// </summary>
public static class SettingProblems
{
    public static IServiceCollection AddSettingProblems(this IServiceCollection services, string name, IReadOnlyList<string> problems)
    {
        services.AddOptions<Checked>(name)
            .Validate(_ => problems.Count == 0, string.Join(" ", problems))
            .ValidateOnStart();
        return services;
    }

    /// <summary>Reads a setting; a problem is recorded (and <paramref name="fallback"/> used) instead of thrown.</summary>
    public static T Read<T>(List<string> problems, Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException problem)
        {
            problems.Add(problem.Message);
            return fallback;
        }
    }

    /// <summary>The options type the problems are validated on (nothing in it).</summary>
    public sealed class Checked;
}
