using System.Globalization;
using CaseManager.Data;
using CaseManager.Web.Features.Subsidies;
using CaseManager.Web.Infrastructure;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace CaseManager.Web.Hosting;

// The deployment settings, bound from configuration with the options pattern and validated before
// the application touches its database or serves a request (ValidateOnStart, and
// SettingsCheck.Passes right after the host is built). Developer defaults (the local cluster, the
// local smtp4dev, the local address) apply only in the Development environment or in demo mode:
// anywhere else a missing setting stops the process with a message that names it.

/// <summary><c>ConnectionStrings:CaseManager</c> and the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringKey = "ConnectionStrings:CaseManager";

    public string? ConnectionString { get; set; }

    /// <summary>Applies the migrations at start (under the migration lock). Default: on in Development and demo mode only.</summary>
    public bool? MigrateOnStartup { get; set; }
}

/// <summary>The <c>Smtp</c> section: the server the application's emails go out through.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int? Port { get; set; }
    public string? From { get; set; }

    /// <summary>One of MailKit's <see cref="SecureSocketOptions"/>: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string? Security { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }
}

/// <summary>The <c>App</c> section: the public address links in emails point to.</summary>
public sealed class AppOptions
{
    public string? BaseUrl { get; set; }
}

/// <summary>
/// The <c>Hangfire</c> section: whether this instance processes background jobs, with how many
/// workers, and after how long a silent anonymization run counts as stranded.
/// </summary>
public sealed class HangfireOptions
{
    public const int DefaultWorkerCount = 2;

    /// <summary>
    /// A job whose server died is handed again after this long (sliding: a live server keeps
    /// extending it, so long jobs are not handed twice).
    /// </summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromMinutes(5);

    public bool RunServer { get; set; } = true;
    public int WorkerCount { get; set; } = DefaultWorkerCount;

    /// <summary>
    /// An anonymization run without a sign of life for this many seconds is stranded: its page
    /// offers "Reprendre", and a job handed again takes it over. Below the invisibility timeout.
    /// </summary>
    public int StaleRunSeconds { get; set; } = (int)Features.Privacy.Anonymization.AnonymizationRunSettings.DefaultStaleAfter.TotalSeconds;
}

/// <summary>The <c>Demo</c> section.</summary>
public sealed class DemoModeOptions
{
    public bool Enabled { get; set; }
    public int Households { get; set; } = 2000;

    /// <summary>Demo mode (its published password) in the Production environment must be asked for explicitly.</summary>
    public bool AllowInProduction { get; set; }
}

/// <summary>Product tunables that keep a default but are range-checked: <c>Subsidies:MaxDocumentBytes</c>, <c>Intake:RateLimit:*</c>.</summary>
public sealed class TunableOptions
{
    public long MaxDocumentBytes { get; set; } = SubsidySettings.DefaultMaxDocumentBytes;
    public int RateLimitPermits { get; set; } = 5;
    public int RateLimitWindowSeconds { get; set; } = 600;
}

public static class CaseManagerOptions
{
    /// <summary>The local cluster, smtp4dev and address scripts/run.sh starts: used only with developer defaults.</summary>
    public const string DeveloperSmtpHost = "127.0.0.1";
    public const int DeveloperSmtpPort = 2525;
    public const string DeveloperBaseUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Registers the settings (bound, defaulted, validated at start) and the values the services
    /// read from them (<see cref="CaseManagerSettings"/>, <see cref="SmtpSettings"/>,
    /// <see cref="AppLinks"/>, <see cref="SubsidySettings"/>).
    /// </summary>
    public static void AddCaseManagerOptions(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        var services = builder.Services;
        var developerDefaults = UsesDeveloperDefaults(configuration, environment);

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection("Database"))
            .Configure(o =>
            {
                o.ConnectionString = configuration.GetConnectionString("CaseManager");
                if (developerDefaults && string.IsNullOrWhiteSpace(o.ConnectionString))
                {
                    o.ConnectionString = DatabaseSetup.LocalDevelopmentConnectionString;
                }

                o.MigrateOnStartup ??= developerDefaults;
            })
            .ValidateWith(ValidateDatabase)
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection("Smtp"))
            .Configure(o =>
            {
                if (developerDefaults)
                {
                    o.Host ??= DeveloperSmtpHost;
                    o.Port ??= DeveloperSmtpPort;
                    o.From ??= SmtpSettings.DefaultFrom;
                }

                o.Security ??= nameof(SecureSocketOptions.Auto);
            })
            .ValidateWith(ValidateSmtp)
            .ValidateOnStart();
        services.AddOptions<AppOptions>()
            .Bind(configuration.GetSection("App"))
            .Configure(o =>
            {
                if (developerDefaults && string.IsNullOrWhiteSpace(o.BaseUrl))
                {
                    o.BaseUrl = DeveloperBaseUrl;
                }
            })
            .ValidateWith(ValidateApp)
            .ValidateOnStart();
        services.AddOptions<HangfireOptions>()
            .Bind(configuration.GetSection("Hangfire"))
            .ValidateWith(ValidateHangfire)
            .ValidateOnStart();
        services.AddOptions<DemoModeOptions>()
            .Bind(configuration.GetSection("Demo"))
            .ValidateWith(o => ValidateDemo(o, environment))
            .ValidateOnStart();
        services.AddOptions<TunableOptions>()
            .Configure(o =>
            {
                o.MaxDocumentBytes = configuration.GetSection("Subsidies").GetValue(nameof(SubsidySettings.MaxDocumentBytes), o.MaxDocumentBytes);
                o.RateLimitPermits = configuration.GetSection("Intake:RateLimit").GetValue("PermitLimit", o.RateLimitPermits);
                o.RateLimitWindowSeconds = configuration.GetSection("Intake:RateLimit").GetValue("WindowSeconds", o.RateLimitWindowSeconds);
            })
            .ValidateWith(ValidateTunables)
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var demo = sp.GetRequiredService<IOptions<DemoModeOptions>>().Value;
            var hangfire = sp.GetRequiredService<IOptions<HangfireOptions>>().Value;
            return new CaseManagerSettings(database.ConnectionString!, demo.Enabled, demo.Households, database.MigrateOnStartup == true, hangfire.RunServer);
        });
        services.AddSingleton(sp =>
        {
            var smtp = sp.GetRequiredService<IOptions<SmtpOptions>>().Value;
            return new SmtpSettings(
                smtp.Host!, smtp.Port!.Value, smtp.From!, Enum.Parse<SecureSocketOptions>(smtp.Security!, ignoreCase: true),
                string.IsNullOrEmpty(smtp.UserName) ? null : smtp.UserName, string.IsNullOrEmpty(smtp.Password) ? null : smtp.Password);
        });
        services.AddSingleton(sp => new AppLinks(new Uri(sp.GetRequiredService<IOptions<AppOptions>>().Value.BaseUrl!.TrimEnd('/') + "/", UriKind.Absolute)));
        // The set-password link create-admin prints is an Identity password-reset token: this long, once.
        services.Configure<Microsoft.AspNetCore.Identity.DataProtectionTokenProviderOptions>(o => o.TokenLifespan = CreateAdminCommand.LinkLifetime);
        services.AddSingleton(sp => new Features.Privacy.Anonymization.AnonymizationRunSettings(
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<HangfireOptions>>().Value.StaleRunSeconds)));
        services.AddSingleton(sp => new SubsidySettings(sp.GetRequiredService<IOptions<TunableOptions>>().Value.MaxDocumentBytes));
    }

    /// <summary>Developer defaults: the Development environment, or demo mode (scripts/run.sh).</summary>
    public static bool UsesDeveloperDefaults(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() || IsTrue(configuration["Demo:Enabled"]);

    /// <summary>Whether this instance runs a Hangfire server, decided while registering services (an invalid value is reported by validation).</summary>
    public static bool RunsHangfireServer(IConfiguration configuration) =>
        !bool.TryParse(configuration["Hangfire:RunServer"], out var run) || run;

    private static bool IsTrue(string? value) => bool.TryParse(value, out var parsed) && parsed;

    /// <summary>An options validator that reports every problem at once, each naming its setting.</summary>
    private static OptionsBuilder<T> ValidateWith<T>(this OptionsBuilder<T> builder, Func<T, IEnumerable<string>> validate)
        where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new ListValidator<T>(validate));
        return builder;
    }

    private sealed class ListValidator<T>(Func<T, IEnumerable<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = validate(options).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    internal static IEnumerable<string> ValidateDatabase(DatabaseOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            yield return $"{DatabaseOptions.ConnectionStringKey} is required (a PostgreSQL connection string, e.g. Host=db;Database=casemanager;Username=casemanager;Password=…).";
            yield break;
        }

        string? problem = null;
        try
        {
            if (string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(o.ConnectionString).Host))
            {
                problem = "names no Host";
            }
        }
        catch (ArgumentException exception)
        {
            problem = "is not a valid PostgreSQL connection string (" + exception.Message + ")";
        }

        if (problem is not null)
        {
            yield return $"{DatabaseOptions.ConnectionStringKey} {problem}.";
        }
    }

    internal static IEnumerable<string> ValidateSmtp(SmtpOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            yield return "Smtp:Host is required (the SMTP server's name or address).";
        }

        if (o.Port is null)
        {
            yield return "Smtp:Port is required (e.g. 587).";
        }
        else if (o.Port is < 1 or > 65535)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Smtp:Port must be between 1 and 65535 (it is {o.Port}).");
        }

        if (string.IsNullOrWhiteSpace(o.From))
        {
            yield return "Smtp:From is required (the sender, e.g. \"CaseManager <rappels@example.org>\").";
        }
        else if (!MailboxAddress.TryParse(o.From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return $"Smtp:From is not a valid email address ({o.From}).";
        }

        if (!Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out _) || int.TryParse(o.Security, out _))
        {
            yield return $"Smtp:Security must be one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())} (it is {o.Security}).";
        }

        if (string.IsNullOrEmpty(o.UserName) != string.IsNullOrEmpty(o.Password))
        {
            yield return "Smtp:UserName and Smtp:Password go together: set both or neither.";
        }
    }

    internal static IEnumerable<string> ValidateApp(AppOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.BaseUrl))
        {
            yield return "App:BaseUrl is required (the public address links in emails point to, e.g. https://casemanager.example.org).";
        }
        else if (!Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            yield return $"App:BaseUrl must be an absolute http or https address without query (it is {o.BaseUrl}).";
        }
    }

    internal static IEnumerable<string> ValidateHangfire(HangfireOptions o)
    {
        if (o.WorkerCount is < 1 or > 100)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Hangfire:WorkerCount must be between 1 and 100 (it is {o.WorkerCount}).");
        }

        var maxStale = (int)(HangfireOptions.InvisibilityTimeout.TotalSeconds - 30);
        if (o.StaleRunSeconds < 30 || o.StaleRunSeconds > maxStale)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Hangfire:StaleRunSeconds must be between 30 and {maxStale}, below the jobs' invisibility timeout (it is {o.StaleRunSeconds}).");
        }
    }

    internal static IEnumerable<string> ValidateDemo(DemoModeOptions o, IHostEnvironment environment)
    {
        if (o.Households is < 0 or > 1_000_000)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Demo:Households must be between 0 and 1000000 (it is {o.Households}).");
        }

        if (o.Enabled && environment.IsProduction() && !o.AllowInProduction)
        {
            yield return "Demo:Enabled is refused in the Production environment: demo mode creates accounts with a published password. "
                + "Set Demo:AllowInProduction=true to run a demonstration anyway, or turn demo mode off.";
        }
    }

    internal static IEnumerable<string> ValidateTunables(TunableOptions o)
    {
        if (o.MaxDocumentBytes is < 1024 or > 100L * 1024 * 1024)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Subsidies:MaxDocumentBytes must be between 1024 and 104857600 (it is {o.MaxDocumentBytes}).");
        }

        if (o.RateLimitPermits is < 1 or > 100_000)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Intake:RateLimit:PermitLimit must be between 1 and 100000 (it is {o.RateLimitPermits}).");
        }

        if (o.RateLimitWindowSeconds is < 1 or > 86_400)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Intake:RateLimit:WindowSeconds must be between 1 and 86400 (it is {o.RateLimitWindowSeconds}).");
        }
    }
}

/// <summary>Runs the start-up validation of the settings before anything else happens.</summary>
public static class SettingsCheck
{
    /// <summary>
    /// Validates every setting now (the options registered with ValidateOnStart). On failure, writes
    /// each problem to the error output, sets a non-zero exit code and returns false: the caller stops.
    /// </summary>
    public static bool Passes(WebApplication app)
    {
        var failures = new List<string>();
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException exception)
        {
            failures.AddRange(exception.Failures);
        }
        catch (AggregateException exception)
        {
            failures.AddRange(exception.InnerExceptions.SelectMany(e => e is OptionsValidationException o ? o.Failures : [e.Message]));
        }
        catch (InvalidOperationException exception)
        {
            // The binder's own error ("Failed to convert configuration value at 'Smtp:Port' to type 'System.Int32'") names the key.
            failures.Add(exception.Message);
        }

        if (failures.Count == 0)
        {
            return true;
        }

        Console.Error.WriteLine("CaseManager cannot start: its configuration is incomplete or invalid.");
        foreach (var failure in failures)
        {
            Console.Error.WriteLine("  - " + failure);
        }

        Console.Error.WriteLine("Settings are read from appsettings.json, environment variables (Smtp__Host, ConnectionStrings__CaseManager…) and the command line. See the README, \"Configuration and first start\".");
        Environment.ExitCode = 2;
        return false;
    }
}
