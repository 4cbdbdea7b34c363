using CaseManager.Data.Demo;
using Microsoft.Playwright;

namespace CaseManager.Tests.Support;

/// <summary>
/// The real application on a Kestrel port with the demo data set, and a fresh browser page, as a
/// person would use it. Pages are interactive only once the Blazor circuit is up: tests wait for
/// the layout's marker before they click.
/// </summary>
[Collection(EndToEndGroup.Name)]
public abstract class EndToEndTest(DatabaseFixture database, BrowserFixture browser) : DatabaseTest(database)
{
    protected const int DemoHouseholds = 150;

    private const string ViolationMarker = "[csp-violation]";

    private readonly List<string> _violations = [];
    private CaseManagerAppFactory? _app;
    private IBrowserContext? _context;

    protected CaseManagerAppFactory App => _app!;
    protected IPage Page { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            await DemoData.GenerateAsync(db, new DemoOptions(DemoHouseholds), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        }

        _app = new CaseManagerAppFactory(Database.ConnectionString);
        _context = await NewContextAsync();
        Page = await _context.NewPageAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        // Every journey runs under the content security policy: any violation fails the test.
        string[] violations;
        lock (_violations)
        {
            violations = [.. _violations];
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
        if (violations.Length > 0)
        {
            throw new Xunit.Sdk.XunitException(
                "The page broke the content security policy:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
        }
    }

    /// <summary>What the browser reported against the content security policy so far (console and events).</summary>
    protected IReadOnlyList<string> ContentSecurityPolicyViolations
    {
        get
        {
            lock (_violations)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Forgets the violations reported so far (for a test that provokes one on purpose).</summary>
    protected void ForgetContentSecurityPolicyViolations()
    {
        lock (_violations)
        {
            _violations.Clear();
        }
    }

    /// <summary>
    /// A new browser context (another person's browser) on the application, watched for content
    /// security policy violations like the test's own: Chromium's console errors ("Refused to …
    /// Content Security Policy") and every page's <c>securitypolicyviolation</c> events.
    /// </summary>
    protected async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.RootUri.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = "fr-CA",
            TimezoneId = "America/Montreal",
        });
        context.SetDefaultTimeout(20_000);
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('" + ViolationMarker + " ' + e.violatedDirective"
            + " + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber + ' on ' + document.location.pathname));");
        context.Console += (_, message) =>
        {
            if (message.Type == "error"
                && (message.Text.StartsWith(ViolationMarker, StringComparison.Ordinal)
                    || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)))
            {
                lock (_violations)
                {
                    _violations.Add(message.Text);
                }
            }
        };
        return context;
    }

    /// <summary>Signs in through the sign-in page and waits for the interactive caseload.</summary>
    protected async Task SignInAsync(string email, string password = DemoData.Password)
    {
        await Page.GotoAsync("/account/login");
        await Page.GetByLabel("Courriel").FillAsync(email);
        await Page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(password);
        await Page.GetByTestId("login-submit").ClickAsync();
        await WaitForInteractiveAsync();
    }

    /// <summary>The layout renders this marker only once the circuit is connected.</summary>
    protected Task WaitForInteractiveAsync() =>
        Page.Locator("#app-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Writes a screenshot for the README under docs/ at the repository's root.</summary>
    protected async Task ScreenshotForDocsAsync(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManager.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            return;
        }

        Directory.CreateDirectory(Path.Combine(directory.FullName, "docs"));
        await Page.ScreenshotAsync(new() { Path = Path.Combine(directory.FullName, "docs", name), FullPage = false });
    }
}
