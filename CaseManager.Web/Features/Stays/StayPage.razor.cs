using CaseManager.Domain.Common;
using CaseManager.Domain.Stays;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Stays;

public sealed partial class StayPage
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false };

    private StayView? _stay;
    private LoadFailure? _loadFailure;
    private bool _busy;
    private HouseholdChoice? _choice;
    private int _people = 1;
    private IReadOnlyList<CodeLabel> _needs = [];
    private ReferenceLists? _lists;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private AppClock Clock { get; set; } = default!;

    private DateOnly Today => Clock.Today;

    private bool Busy => _busy || !RendererInfo.IsInteractive;

    /// <summary>The stay's own words for how a command ended.</summary>
    private CommandTexts Texts => new(refusals => S.Describe(refusals), S["Stay.Conflict"], S["Stay.Denied"], S["Stay.NotFound"]);

    protected override async Task OnParametersSetAsync()
    {
        _lists = await Reference.GetAsync();
        _needs = _lists.Needs;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loadFailure = await Outcomes.LoadAsync(async () => _stay = await Stays.GetAsync(Id));
        if (_loadFailure is not null)
        {
            _stay = null;
        }
    }

    private async Task<IEnumerable<HouseholdChoice>> SearchAsync(string? search, CancellationToken cancellationToken) =>
        await Stays.FindHouseholdsAsync(search, cancellationToken);

    private async Task SaveAsync(Func<uint, Task> save, string confirmation)
    {
        if (_stay is null)
        {
            return;
        }

        _busy = true;
        var version = _stay.Version;
        try
        {
            await Snackbar.RunAsync(L, () => save(version), confirmation, Texts);
        }
        finally
        {
            _busy = false;
            await LoadAsync();
        }
    }

    private async Task<TResult?> ShowAsync<TDialog, TResult>(string title, DialogParameters<TDialog> parameters, DialogOptions? options = null)
        where TDialog : IComponent
        where TResult : class
    {
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, options ?? Options);
        return await dialog.Result is { Canceled: false, Data: TResult result } ? result : null;
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<StayDialog>
        {
            { d => d.Partners, await Stays.GetPartnersAsync() },
            { d => d.Regions, _lists?.HostRegions.ToList() ?? [] },
            { d => d.Details, _stay!.ToDetails() },
        };
        if (await ShowAsync<StayDialog, StayDetails>(S["Stay.Edit"], parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false }) is { } details)
        {
            await SaveAsync(v => Stays.UpdateDetailsAsync(Id, v, details), S["Stay.Saved"]);
        }
    }

    private Task ConfirmAsync() => SaveAsync(v => Stays.ConfirmAsync(Id, v), S["Stay.Saved"]);

    private Task CompleteAsync() => SaveAsync(v => Stays.CompleteAsync(Id, v), S["Stay.Saved"]);

    private async Task CancelAsync()
    {
        var parameters = new DialogParameters<ReasonDialog> { { d => d.Label, S["Stay.CancelReason"].Value } };
        if (await ShowAsync<ReasonDialog, string>(S["Stay.Cancel"], parameters) is { } reason)
        {
            await SaveAsync(v => Stays.CancelAsync(Id, v, reason), S["Stay.Saved"]);
        }
    }

    private async Task AddParticipantAsync()
    {
        if (_choice is { } choice)
        {
            await SaveAsync(v => Stays.AddParticipantAsync(Id, v, choice.Id, _people), S["Stay.Saved"]);
            (_choice, _people) = (null, 1);
        }
    }

    private Task RemoveParticipantAsync(ParticipantView participant) =>
        SaveAsync(v => Stays.RemoveParticipantAsync(Id, v, participant.HouseholdId), S["Stay.Saved"]);

    private Task AttendanceAsync(ParticipantView participant, Attendance attendance) =>
        SaveAsync(v => Stays.RecordAttendanceAsync(Id, v, participant.HouseholdId, attendance), S["Stay.Saved"]);

    private async Task AddAgendaItemAsync()
    {
        var parameters = new DialogParameters<AgendaItemDialog> { { d => d.StartOn, _stay!.StartOn }, { d => d.EndOn, _stay.EndOn } };
        if (await ShowAsync<AgendaItemDialog, AgendaItemDetails>(S["Agenda.Add"], parameters) is { } details)
        {
            await SaveAsync(v => Stays.AddAgendaItemAsync(Id, v, details), S["Stay.Saved"]);
        }
    }

    private async Task EditAgendaItemAsync(AgendaItem item)
    {
        var parameters = new DialogParameters<AgendaItemDialog>
        {
            { d => d.StartOn, _stay!.StartOn },
            { d => d.EndOn, _stay.EndOn },
            { d => d.Details, new AgendaItemDetails(item.Day, item.Time, item.Kind, item.Place, item.With, item.Notes) },
        };
        if (await ShowAsync<AgendaItemDialog, AgendaItemDetails>(S["Agenda.Edit"], parameters) is { } details)
        {
            await SaveAsync(v => Stays.UpdateAgendaItemAsync(Id, v, item.Id, details), S["Stay.Saved"]);
        }
    }

    private async Task EditExpenseAsync(StayExpense expense)
    {
        var parameters = new DialogParameters<ExpenseDialog>
        {
            { d => d.Details, new ExpenseDetails(expense.Category, expense.Description, expense.Planned, expense.Actual) },
        };
        if (await ShowAsync<ExpenseDialog, ExpenseDetails>(S["Budget.Edit"], parameters) is { } details)
        {
            await SaveAsync(v => Stays.UpdateExpenseAsync(Id, v, expense.Id, details), S["Stay.Saved"]);
        }
    }

    private Task PeopleCountAsync(ParticipantView participant, int peopleCount) =>
        SaveAsync(v => Stays.ChangePeopleCountAsync(Id, v, participant.HouseholdId, peopleCount), S["Stay.Saved"]);

    private Task RemoveAgendaItemAsync(Guid itemId) => SaveAsync(v => Stays.RemoveAgendaItemAsync(Id, v, itemId), S["Stay.Saved"]);

    private async Task AddExpenseAsync()
    {
        if (await ShowAsync<ExpenseDialog, ExpenseDetails>(S["Budget.Add"], []) is { } details)
        {
            await SaveAsync(v => Stays.AddExpenseAsync(Id, v, details), S["Stay.Saved"]);
        }
    }

    private Task RemoveExpenseAsync(Guid expenseId) => SaveAsync(v => Stays.RemoveExpenseAsync(Id, v, expenseId), S["Stay.Saved"]);

    private async Task DebriefAsync(ParticipantView participant)
    {
        var parameters = new DialogParameters<DebriefDialog> { { d => d.HouseholdName, participant.Name }, { d => d.Debrief, participant.Debrief } };
        if (await ShowAsync<DebriefDialog, DebriefDetails>(participant.Debrief is null ? S["Debrief.Record"] : S["Debrief.Edit"], parameters) is not { } details)
        {
            return;
        }

        _busy = true;
        try
        {
            await Snackbar.RunAsync(L, () => participant.Debrief is { } existing
                ? Stays.UpdateDebriefAsync(existing.Id, existing.Version, details)
                : Stays.RecordDebriefAsync(Id, participant.HouseholdId, details), S["Debrief.Saved"], Texts);
        }
        finally
        {
            _busy = false;
            await LoadAsync();
        }
    }
}
