using CaseManager.Domain.Common;
using CaseManager.Domain.Sessions;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Sessions;

/// <summary>One session: its details, its participants (as the person may see them), registration, attendance, changes and cancellation.</summary>
public sealed partial class SessionPage
{
    private SessionView? _session;
    private ReferenceLists? _lists;
    private CaseloadRow? _pick;
    private LoadFailure? _loadFailure;
    private bool _busy;
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter]
    public Guid Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _lists = await Reference.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loadFailure = await Outcomes.LoadAsync(async () =>
        {
            var session = await Sessions.GetAsync(Id);
            _session = session;
            _crumbs = [new BreadcrumbItem(S["Sessions.Title"], "/sessions"), new BreadcrumbItem(session.Title, null, disabled: true)];
        });
        if (_loadFailure is not null)
        {
            _session = null;
        }
    }

    /// <summary>The person's open files (a supervisor's: all), by name, number, email or phone.</summary>
    private async Task<IEnumerable<CaseloadRow>> SearchFilesAsync(string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var page = await Households.GetCaseloadAsync(new CaseloadQuery { Search = text, Status = StatusFilter.Open, PageSize = 10 }, cancellationToken);
        return page.Rows;
    }

    private static string FileLabel(CaseloadRow? row) => row is null ? "" : $"{row.FileNumber} · {row.LastName}, {row.FirstName}";

    private async Task RegisterAsync()
    {
        if (_pick is not { } pick)
        {
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Sessions.RegisterAsync(Id, pick.Id);
            Snackbar.Add(result.Status == RegistrationStatus.Registered ? S["Session.Registered", FileLabel(pick)] : S["Session.WaitListedNow", FileLabel(pick)],
                result.Status == RegistrationStatus.Registered ? Severity.Success : Severity.Info);
            _pick = null;
        });
    }

    private Task RecordAsync(Participant participant, Attendance attendance) => RunAsync(async () =>
    {
        await Sessions.RecordAttendanceAsync(Id, participant.RegistrationId, attendance);
        Snackbar.Add(S["Session.AttendanceSaved", participant.Name, S.Attendance(attendance)], Severity.Success);
    });

    private async Task UnregisterAsync(Participant participant)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            S["Session.Unregister", participant.Name], S["Session.UnregisterText"], S["Session.UnregisterConfirm"], cancelText: L["Common.Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(async () =>
            {
                await Sessions.CancelRegistrationAsync(Id, participant.RegistrationId);
                Snackbar.Add(S["Session.Unregistered", participant.Name], Severity.Success);
            });
        }
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<SessionDialog>
        {
            { d => d.Session, _session },
            { d => d.Lists, _lists! },
            { d => d.Partners, await Sessions.PartnersAsync() },
        };
        var dialog = await Dialogs.ShowAsync<SessionDialog>(S["SessionDialog.EditTitle", _session!.Title], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(S["Session.Saved"], Severity.Success);
        }

        await LoadAsync();
    }

    private async Task CancelSessionAsync()
    {
        var parameters = new DialogParameters<CancelSessionDialog> { { d => d.Session, _session! } };
        var dialog = await Dialogs.ShowAsync<CancelSessionDialog>(S["Session.Cancel"], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(S["Session.CancelledNotice"], Severity.Success);
        }

        await LoadAsync();
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await Snackbar.RunAsync(L, action, texts: new CommandTexts(
                refusals => S.Describe(L, refusals), Conflict: S["Session.Concurrency"], NotFound: S["Session.NotFound"]));
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }
}
