using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CaseManager.Tests.Support;

/// <summary>What a run of the real application's process did.</summary>
public sealed record AppRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    public override string ToString() => $"exit {ExitCode.ToString(CultureInfo.InvariantCulture)}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>
/// Runs the real application as an operator does: <c>dotnet CaseManager.Web.dll [verb…]</c> from the
/// tests' build output, in the Production environment, with a complete production configuration
/// (<see cref="ProductionSettings"/>) that a test changes or removes one setting of. Settings this
/// process inherited are not passed on.
/// </summary>
public static class AppProcess
{
    /// <summary>Everything production requires, for the given database.</summary>
    public static Dictionary<string, string?> ProductionSettings(string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__CaseManager"] = connectionString,
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = Smtp4dev.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Smtp__From"] = "CaseManager <rappels@casemanager.test>",
        ["App__BaseUrl"] = "https://casemanager.example.org",
        ["Hangfire__RunServer"] = "false",
        // An instance that got as far as serving would listen here, never on a fixed port.
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
    };

    private static readonly string[] InheritedPrefixes =
        ["ConnectionStrings__", "Smtp__", "App__", "Demo__", "Database__", "Hangfire__", "Subsidies__", "Intake__", "ASPNETCORE_", "DOTNET_ENVIRONMENT"];

    public static async Task<AppRun> RunAsync(
        IReadOnlyDictionary<string, string?> environment, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CaseManager.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"CaseManager.Web {string.Join(' ', start.ArgumentList.Skip(1))} did not exit in time.\n{output}\n{error}");
        }

        // The asynchronous readers finish after the exit: this waits for the last lines.
        process.WaitForExit();
        return new AppRun(process.ExitCode, output.ToString(), error.ToString());
    }

    public static Task<AppRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunAsync(environment, arguments, null);
}
