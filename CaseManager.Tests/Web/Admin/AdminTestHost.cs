using CaseManager.Data.Entities;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Admin;
using CaseManager.Web.Hosting;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CaseManager.Tests.Web.Admin;

/// <summary>
/// The application's own service registration (Identity with its real options, the DbContext
/// factory, the admin services) built against the test database, without a web server. The
/// services act as <see cref="Current"/>; jobs are recorded by <see cref="Jobs"/>, not run.
/// </summary>
public sealed class AdminTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AsyncServiceScope _scope;

    public AdminTestHost(string connectionString, UserIdentity actingAs)
    {
        Current = new TestCurrentUser(actingAs);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CaseManager"] = connectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["Hangfire:RunServer"] = "false",
            ["App:BaseUrl"] = "http://casemanager.test",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Smtp4dev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = SmtpSettings.DefaultFrom,
        });
        builder.Logging.ClearProviders();
        builder.AddCaseManager();
        builder.Services.RemoveAll<ICurrentUser>();
        builder.Services.AddSingleton<ICurrentUser>(Current);
        builder.Services.RemoveAll<IBackgroundJobClient>();
        builder.Services.AddSingleton<IBackgroundJobClient>(Jobs);
        _app = builder.Build();
        _scope = _app.Services.CreateAsyncScope();
    }

    public TestCurrentUser Current { get; }

    public RecordingJobClient Jobs { get; } = new();

    /// <summary>The services of one circuit (one DI scope), as a page would have them.</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>A new scope of the application's services (a new request or circuit).</summary>
    public AsyncServiceScope CreateScope() => _app.Services.CreateAsyncScope();

    public UserAdminService UserAdmin => Services.GetRequiredService<UserAdminService>();

    public ReminderSettingsService ReminderSettings => Services.GetRequiredService<ReminderSettingsService>();

    /// <summary>Runs <paramref name="work"/> with a fresh scope's UserManager and SignInManager, as another request would.</summary>
    public async Task<T> WithIdentityAsync<T>(Func<UserManager<ApplicationUser>, SignInManager<ApplicationUser>, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>());
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Hangfire's client, recording what would be queued instead of writing it to storage (safe across threads).</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    private readonly List<(Job Job, IState State)> _created = [];

    public IReadOnlyList<(Job Job, IState State)> Created
    {
        get
        {
            lock (_created)
            {
                return _created.ToList();
            }
        }
    }

    public string Create(Job job, IState state)
    {
        lock (_created)
        {
            _created.Add((job, state));
            return $"test-{_created.Count}";
        }
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
