using System.Diagnostics.Metrics;
using CaseManager.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>
/// The content security policy in the real browser. Every journey of the suite is watched for
/// violations by <see cref="EndToEndTest"/>; these tests show that the watch sees one, and walk the
/// pages no other journey opens (the Hangfire dashboard).
/// </summary>
public sealed class ContentSecurityPolicyJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    [Fact]
    public async Task InlineScript_UnderThePolicy_IsBlockedAndReported()
    {
        await Page.GotoAsync("/account/login");

        await Page.EvaluateAsync("""
            () => {
                const script = document.createElement('script');
                script.textContent = 'window.inlineRan = true;';
                document.body.appendChild(script);
            }
            """);

        await WaitUntilAsync(() => ContentSecurityPolicyViolations.Count > 0);
        Assert.Contains(ContentSecurityPolicyViolations, v => v.Contains("script-src", StringComparison.Ordinal));
        Assert.False(await Page.EvaluateAsync<bool>("() => window.inlineRan === true"));
        // Provoked on purpose: the watch must not fail this test.
        ForgetContentSecurityPolicyViolations();
    }

    [Fact]
    public async Task HangfireDashboard_AsAdministrator_RunsUnderItsPolicy()
    {
        await SignInAsync("admin@demo.local");

        await Page.GotoAsync("/hangfire");
        await Expect(Page.Locator("body")).ToContainTextAsync("Hangfire");
        await Page.GotoAsync("/hangfire/recurring");
        await Expect(Page.Locator("body")).ToContainTextAsync("reminder", new() { IgnoreCase = true });
        await Page.GotoAsync("/hangfire/jobs/succeeded");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    [Fact]
    public async Task SignIn_OpensACircuit_CountedOnTheApplicationsMeter()
    {
        var open = 0L;
        var scope = App.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Name == "casemanager.circuits.open")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref open, value));
        listener.Start();

        await SignInAsync("intervenant@demo.local");
        await WaitUntilAsync(() => Interlocked.Read(ref open) == 1);
        // Leaving the application: the page tells the server, which closes the circuit.
        await Page.GotoAsync("/health/live");
        await WaitUntilAsync(() => Interlocked.Read(ref open) == 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Waited 20 s in vain.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
