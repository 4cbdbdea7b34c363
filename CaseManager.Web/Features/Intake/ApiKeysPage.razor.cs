using CaseManager.Domain.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Intake;

/// <summary>Administrators create a key per source (shown once) and revoke keys.</summary>
public partial class ApiKeysPage
{
    private IReadOnlyList<ApiKeySummary>? _keys;
    private CreatedApiKey? _created;
    private string _source = "";
    private string? _error;
    private bool _busy;

    [Inject]
    private IntakeApiKeyService Keys { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _keys = await Keys.ListAsync();

    private async Task CreateAsync()
    {
        _busy = true;
        _error = null;
        _created = null;
        try
        {
            _created = await Keys.CreateAsync(_source);
            _source = "";
            _keys = await Keys.ListAsync();
        }
        catch (DomainRuleException refused)
        {
            _error = string.Join(" ", refused.Refusals.Select(r => IntakeMessages.Describe(r.Code, System.Globalization.CultureInfo.CurrentUICulture, r.Arguments)));
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RevokeAsync(ApiKeySummary key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(T["ApiKeys.Revoke"], T["ApiKeys.RevokeConfirm", key.Source], T["ApiKeys.Revoke"], cancelText: T["ApiKeys.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            await Keys.RevokeAsync(key.Id);
            Snackbar.Add(T["ApiKeys.Revoked.Done"], Severity.Success);
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(string.Join(" ", refused.Refusals.Select(r => IntakeMessages.Describe(r.Code, System.Globalization.CultureInfo.CurrentUICulture, r.Arguments))), Severity.Warning);
        }
        finally
        {
            _busy = false;
        }

        _keys = await Keys.ListAsync();
    }
}
