using CaseManager.Domain.Common;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Admin;

/// <summary>The reminder rules: on or off, after how long, and who is told.</summary>
public sealed partial class ReminderSettingsPage
{
    private List<RuleEditor>? _rules;
    private bool _denied;
    private bool _busy;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _rules = (await Settings.GetAsync()).Select(rule => new RuleEditor(rule)).ToList();
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }
    }

    private async Task SaveAsync(RuleEditor rule)
    {
        rule.Error = null;
        if (rule.Delay < rule.Seen.MinDelay || rule.Delay > rule.Seen.MaxDelay)
        {
            rule.Error = T[rule.Seen.InMonths ? "Reminders.DelayOutOfRangeMonths" : "Reminders.DelayOutOfRange", rule.Seen.MinDelay, rule.Seen.MaxDelay];
            return;
        }

        _busy = true;
        try
        {
            var saved = await Settings.SaveAsync(rule.Seen, rule.Seen with { Enabled = rule.Enabled, Delay = rule.Delay, Audience = rule.Audience });
            rule.Saved(saved);
            Snackbar.Add(T["Reminders.Saved", T.RuleTitle(saved.Kind)], Severity.Success);
        }
        catch (DomainRuleException refused)
        {
            rule.Error = T.Describe(refused.Refusals);
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add(T["Reminders.Concurrency"], Severity.Error, options => options.RequireInteraction = true);
            await LoadAsync();
        }
        catch (NotFoundException)
        {
            Snackbar.Add(T["Reminders.NotFound"], Severity.Warning);
            await LoadAsync();
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RunNowAsync()
    {
        _busy = true;
        try
        {
            var jobId = await Settings.RunSweepNowAsync();
            Snackbar.Add(T["Reminders.Queued", jobId], Severity.Info);
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>One rule on the page: what was read, and what the administrator is choosing.</summary>
    private sealed class RuleEditor(ReminderRuleSettings seen)
    {
        public ReminderRuleSettings Seen { get; private set; } = seen;
        public bool Enabled { get; set; } = seen.Enabled;
        public int Delay { get; set; } = seen.Delay;
        public ReminderAudience Audience { get; set; } = seen.Audience;
        public string? Error { get; set; }

        public bool IsChanged => Enabled != Seen.Enabled || Delay != Seen.Delay || Audience != Seen.Audience;

        public void Saved(ReminderRuleSettings saved)
        {
            Seen = saved;
            Enabled = saved.Enabled;
            Delay = saved.Delay;
            Audience = saved.Audience;
            Error = null;
        }
    }
}
