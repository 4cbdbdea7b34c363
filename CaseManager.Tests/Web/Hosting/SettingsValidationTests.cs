using CaseManager.Tests.Support;

namespace CaseManager.Tests.Web.Hosting;

/// <summary>
/// The real application started as an operator starts it (<c>dotnet CaseManager.Web.dll</c>, the
/// Production environment) with one required setting missing or invalid: it stops at once (exit
/// code 2, before touching the database, which is not even reachable here) and names the setting.
/// </summary>
public sealed class SettingsValidationTests
{
    /// <summary>Nothing listens on port 1: an instance that got past validation would fail differently.</summary>
    private const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Database=casemanager;Username=postgres;Timeout=2";

    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "ConnectionStrings__CaseManager", null, "ConnectionStrings:CaseManager is required" },
        { "ConnectionStrings__CaseManager", "Host=127.0.0.1;Nonsense=yes", "ConnectionStrings:CaseManager is not a valid PostgreSQL connection string" },
        { "ConnectionStrings__CaseManager", "Database=casemanager;Username=postgres", "ConnectionStrings:CaseManager names no Host" },
        { "Smtp__Host", null, "Smtp:Host is required" },
        { "Smtp__Port", null, "Smtp:Port is required" },
        { "Smtp__Port", "70000", "Smtp:Port must be between 1 and 65535" },
        { "Smtp__Port", "twenty-five", "Smtp:Port" },
        { "Smtp__From", null, "Smtp:From is required" },
        { "Smtp__From", "rappels at example", "Smtp:From is not a valid email address" },
        { "Smtp__Security", "Sometimes", "Smtp:Security must be one of" },
        { "App__BaseUrl", null, "App:BaseUrl is required" },
        { "App__BaseUrl", "ftp://casemanager.example.org", "App:BaseUrl must be an absolute http or https address" },
        { "App__BaseUrl", "casemanager.example.org", "App:BaseUrl must be an absolute http or https address" },
        { "Hangfire__WorkerCount", "0", "Hangfire:WorkerCount must be between 1 and 100" },
        { "Hangfire__StaleRunSeconds", "600", "Hangfire:StaleRunSeconds must be between 30 and 270" },
        { "Hangfire__RunServer", "sometimes", "Hangfire:RunServer" },
        { "Demo__Households", "-5", "Demo:Households must be between" },
        { "Database__MigrateOnStartup", "perhaps", "Database:MigrateOnStartup" },
        { "Subsidies__MaxDocumentBytes", "12", "Subsidies:MaxDocumentBytes must be between" },
        { "Intake__RateLimit__PermitLimit", "0", "Intake:RateLimit:PermitLimit must be between" },
        { "Intake__RepeatWindowDays", "0", "Intake:RepeatWindowDays must be between 1 and 365" },
        { "Intake__RepeatWindowDays", "a month", "Intake:RepeatWindowDays" },
        { "Demo__Enabled", "true", "Demo:Enabled is refused in the Production environment" },
        { "Https__HstsMaxAgeDays", "0", "HstsMaxAgeDays" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_MissingOrInvalidSetting_ExitsNonZeroNamingTheSetting(string key, string? value, string expected)
    {
        var environment = AppProcess.ProductionSettings(UnreachableDatabase);
        environment[key] = value;

        var run = await AppProcess.RunAsync(environment);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.StandardError, StringComparison.Ordinal);
        Assert.Contains("cannot start", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SeveralProblems_NamesEveryOne()
    {
        var environment = AppProcess.ProductionSettings(UnreachableDatabase);
        environment["App__BaseUrl"] = null;
        environment["Smtp__From"] = null;
        environment["ConnectionStrings__CaseManager"] = null;

        var run = await AppProcess.RunAsync(environment);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("App:BaseUrl is required", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("Smtp:From is required", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:CaseManager is required", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DemoInProductionWithTheExplicitAllowance_PassesValidation()
    {
        var environment = AppProcess.ProductionSettings(UnreachableDatabase);
        environment["Demo__Enabled"] = "true";
        environment["Demo__AllowInProduction"] = "true";

        // Past the settings, the instance reaches for its (unreachable) database and fails there.
        var run = await AppProcess.RunAsync(environment);

        Assert.NotEqual(0, run.ExitCode);
        Assert.NotEqual(2, run.ExitCode);
        Assert.DoesNotContain("cannot start", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DevelopmentWithoutSettings_UsesTheDeveloperDefaults()
    {
        var environment = AppProcess.ProductionSettings(UnreachableDatabase);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var key in new[] { "ConnectionStrings__CaseManager", "Smtp__Host", "Smtp__Port", "Smtp__From", "App__BaseUrl" })
        {
            environment[key] = null;
        }

        // create-admin with an unknown argument stops right after validation, before the database:
        // exit 64 (usage), not 2 (settings).
        var run = await AppProcess.RunAsync(environment, "create-admin", "--bogus");

        Assert.True(run.ExitCode == 64, run.ToString());
        Assert.DoesNotContain("cannot start", run.Output, StringComparison.Ordinal);
    }
}
