using CaseManager.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCaseManager();
var app = builder.Build();

// Every setting is validated before anything touches the database: a missing or invalid one stops here, named.
if (!SettingsCheck.Passes(app))
{
    return;
}

// `dotnet CaseManager.Web.dll migrate` applies the migrations under the schema lock, seeds the reference lists and exits.
if (args is ["migrate", ..])
{
    await app.MigrateCommandAsync();
    return;
}

// `dotnet CaseManager.Web.dll create-admin --email x@y [--name "…"] [--language fr|en]` creates the first administrator.
if (args is ["create-admin", ..])
{
    await CreateAdminCommand.RunAsync(app, args[1..]);
    return;
}

// The benchmarks run only on a demo database (or an empty one, which they mark).
if (args is [var verb, ..] && verb.StartsWith("benchmark-", StringComparison.Ordinal) && !await app.EnsureDemoDatabaseAsync())
{
    return;
}

// `dotnet run --project CaseManager.Web -- seed-demo 100000` fills a demo database (benchmarks) and exits.
if (args is ["seed-demo", ..])
{
    var households = args.Length > 1 && int.TryParse(args[1], out var count) ? count : (int?)null;
    await app.PrepareDatabaseAsync(forceDemo: true, households);
    return;
}

// `dotnet run --project CaseManager.Web -c Release -- benchmark-caseload [--plans]` times the caseload queries beside the best hand-written SQL.
if (args is ["benchmark-caseload", ..])
{
    await CaseloadBenchmark.RunAsync(app, plans: args.Contains("--plans"));
    return;
}

// `dotnet run --project CaseManager.Web -c Release -- benchmark-sweep [--history N]` times the reminder sweep's statements (rolled back).
if (args is ["benchmark-sweep", ..])
{
    await SweepBenchmark.RunAsync(app, args is [_, "--history", var history] ? int.Parse(history, System.Globalization.CultureInfo.InvariantCulture) : 0);
    return;
}

// `dotnet run --project CaseManager.Web -c Release -- benchmark-supervision` times the supervision dashboard and a distribution choice.
if (args is ["benchmark-supervision", ..])
{
    await SupervisionBenchmark.RunAsync(app);
    return;
}

// `dotnet run --project CaseManager.Web -c Release -- benchmark-resources` times the resource directory's searches on 50,000 resources.
if (args is ["benchmark-resources", ..])
{
    await ResourceBenchmark.RunAsync(app);
    return;
}

// `dotnet run --project CaseManager.Web -c Release -- benchmark-results [--no-plans]` times the results dashboard and prints its plans.
if (args is ["benchmark-results", ..])
{
    await ResultsBenchmark.RunAsync(app, plans: !args.Contains("--no-plans"));
    return;
}

if (!await app.PrepareDatabaseAsync())
{
    return;
}

app.UseCaseManager();
await app.RunAsync();

/// <summary>The web application's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
