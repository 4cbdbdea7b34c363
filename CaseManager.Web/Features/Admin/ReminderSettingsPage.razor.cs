using CaseManager.Domain.Common;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Admin;

/// <summary>The reminder rules: on or off, and after how many days.</summary>
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
        if (rule.DelayDays is < ReminderSettingsService.MinDelayDays or > ReminderSettingsService.MaxDelayDays)
        {
            rule.Error = T["Reminders.DelayOutOfRange", ReminderSettingsService.MinDelayDays, ReminderSettingsService.MaxDelayDays];
            return;
        }

        _busy = true;
        try
        {
            var changed = rule.Seen with { Enabled = rule.Enabled, DelayDays = rule.DelayDays };
            await Settings.SaveAsync(rule.Seen, changed);
            rule.Saved(changed);
            Snackbar.Add(T["Reminders.Saved", T.RuleTitle(changed.Code)], Severity.Success);
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
            var jobId = await Settings.RunNoContactSweepNowAsync();
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

    /// <summary>One rule on the page: what was read, and what the administrator is typing.</summary>
    private sealed class RuleEditor(ReminderRuleSettings seen)
    {
        public ReminderRuleSettings Seen { get; private set; } = seen;
        public bool Enabled { get; set; } = seen.Enabled;
        public int DelayDays { get; set; } = seen.DelayDays;
        public string? Error { get; set; }

        public bool IsChanged => Enabled != Seen.Enabled || DelayDays != Seen.DelayDays;

        public void Saved(ReminderRuleSettings saved)
        {
            Seen = saved;
            Error = null;
        }
    }
}
