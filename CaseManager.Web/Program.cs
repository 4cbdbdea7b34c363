using CaseManager.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCaseManager();
var app = builder.Build();

// `dotnet run --project CaseManager.Web -- seed-demo 100000` fills a demo database (benchmarks) and exits.
if (args is ["seed-demo", ..])
{
    var households = args.Length > 1 && int.TryParse(args[1], out var count) ? count : (int?)null;
    await app.PrepareDatabaseAsync(forceDemo: true, households);
    return;
}

// `dotnet run --project CaseManager.Web -c Release -- benchmark-caseload` times the caseload queries.
if (args is ["benchmark-caseload", ..])
{
    await CaseloadBenchmark.RunAsync(app);
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

await app.PrepareDatabaseAsync();
app.UseCaseManager();
await app.RunAsync();

/// <summary>The web application's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
