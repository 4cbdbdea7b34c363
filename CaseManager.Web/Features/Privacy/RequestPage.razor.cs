using CaseManager.Domain.Common;
using CaseManager.Domain.Privacy;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CaseManager.Web.Features.Privacy;

public sealed partial class RequestPage
{
    private RightsRequest? _request;
    private IReadOnlyList<OfficerChoice> _officers = [];
    private bool _loaded;
    private bool _denied;
    private bool _notFound;
    private bool _busy;
    private string? _error;

    private RightsRequestType _type;
    private RightsRequestStatus _status;
    private string? _requesterName;
    private string? _requesterContact;
    private HouseholdChoice? _household;
    private string? _assigneeId;
    private DateTime? _receivedOn;
    private DateTime? _answeredOn;
    private string? _refusalReason;
    private string? _notes;
    private bool _includeInternal;
    private string _exportLanguage = AppCultures.French;

    [Parameter]
    public Guid? Id { get; set; }

    [Inject]
    private RightsRequestService Requests { get; set; } = default!;

    [Inject]
    private AppClock Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private string DueText => _receivedOn is { } received
        ? LocalizerExtensions.Day(RightsRequest.DueDateFor(DateOnly.FromDateTime(received)))
        : "";

    private string ExportUrl =>
        $"/privacy/requests/{Id}/export?internal={(_includeInternal ? "true" : "false")}&lang={Uri.EscapeDataString(_exportLanguage)}";

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _officers = await Requests.OfficersAsync();
            if (Id is { } id)
            {
                await LoadAsync(id);
            }
            else
            {
                _receivedOn = Clock.Today.ToDateTime(TimeOnly.MinValue);
            }

            _loaded = true;
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }
        catch (NotFoundException)
        {
            _notFound = true;
        }
    }

    private async Task LoadAsync(Guid id)
    {
        _request = await Requests.GetAsync(id);
        _type = _request.Type;
        _status = _request.Status;
        _requesterName = _request.RequesterName;
        _requesterContact = _request.RequesterContact;
        _household = await Requests.HouseholdAsync(_request.HouseholdId);
        _assigneeId = _request.AssigneeId;
        _receivedOn = _request.ReceivedOn.ToDateTime(TimeOnly.MinValue);
        _answeredOn = _request.AnsweredOn?.ToDateTime(TimeOnly.MinValue);
        _refusalReason = _request.RefusalReason;
        _notes = _request.Notes;
        _includeInternal = _request.ExportIncludedInternal ?? false;
        if (_household?.PreferredCulture is { } culture)
        {
            _exportLanguage = AppCultures.Normalize(culture);
        }
    }

    private async Task<IEnumerable<HouseholdChoice>> FindAsync(string? text, CancellationToken cancellationToken) =>
        await Requests.FindHouseholdsAsync(text, cancellationToken);

    private RightsRequestDraft Draft() => new()
    {
        Type = _type,
        Status = _status,
        RequesterName = _requesterName ?? "",
        RequesterContact = _requesterContact,
        HouseholdId = _household?.Id,
        AssigneeId = _assigneeId,
        ReceivedOn = _receivedOn is { } received ? DateOnly.FromDateTime(received) : Clock.Today.AddDays(1),
        AnsweredOn = _answeredOn is { } answered ? DateOnly.FromDateTime(answered) : null,
        RefusalReason = _refusalReason,
        Notes = _notes,
    };

    private async Task SaveAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            if (Id is { } id)
            {
                await Requests.UpdateAsync(id, _request!.Version, Draft());
                await LoadAsync(id);
                Snackbar.Add(P["Common.Saved"], Severity.Success);
            }
            else
            {
                var created = await Requests.CreateAsync(Draft());
                Snackbar.Add(P["Requests.Created"], Severity.Success);
                Navigation.NavigateTo($"/privacy/requests/{created}");
            }
        }
        catch (DomainRuleException e)
        {
            _error = P.Describe(e.Refusals);
        }
        catch (ConcurrencyConflictException)
        {
            _error = P["Common.Conflict"];
            await LoadAsync(Id!.Value);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The browser downloads the archive; the page shows the recorded export once the server has written it.</summary>
    private async Task WatchExportAsync()
    {
        var before = _request?.ExportedAt;
        for (var i = 0; i < 40 && Id is { } id; i++)
        {
            await Task.Delay(250);
            var current = await Requests.GetAsync(id);
            if (current.ExportedAt != before)
            {
                await LoadAsync(id);
                StateHasChanged();
                return;
            }
        }
    }

    private async Task ApproveDeletionAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(P["Requests.ApproveDeletion"], P["Requests.DeletionConfirm"], yesText: P["Requests.ApproveDeletion"], cancelText: L["Common.Cancel"]);
        if (confirmed != true || Id is not { } id)
        {
            return;
        }

        _busy = true;
        try
        {
            await Requests.ApproveDeletionAsync(id);
            await LoadAsync(id);
        }
        catch (DomainRuleException e)
        {
            _error = P.Describe(e.Refusals);
        }
        finally
        {
            _busy = false;
        }
    }
}
