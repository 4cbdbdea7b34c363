using CaseManager.Web.Access;
using System.Globalization;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Supervision;

/// <summary>"Supervision": caseloads per counsellor and organization, and the absences, with their actions.</summary>
public sealed partial class SupervisionPage
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false };

    private SupervisionDashboard? _dashboard;
    private WaitingSubsidies? _waiting;
    private IReadOnlyList<ReferenceOrganization> _organizations = [];
    private bool _canAct;
    private bool _busy;
    private string? _error;

    [Inject]
    private SupervisionService Supervision { get; set; } = default!;

    [Inject]
    private ReferenceDataService Reference { get; set; } = default!;

    [Inject]
    private AccessPolicy Access { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _canAct = (await Access.PermissionsAsync()).Can(Operation.AssignFiles);
        _organizations = (await Reference.GetAsync()).Organizations.Select(o => new ReferenceOrganization(o.Id, o.Code)).ToList();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _dashboard = await Supervision.GetDashboardAsync();
            _waiting = await Supervision.GetWaitingSubsidiesAsync();
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
    }

    private async Task RecordAbsenceAsync()
    {
        var counsellors = await Reference.GetCounsellorsAsync();
        var parameters = new DialogParameters<AbsenceDialog>
        {
            { d => d.Counsellors, counsellors },
            { d => d.Today, _dashboard?.Today ?? DateOnly.MinValue },
        };
        var dialog = await Dialogs.ShowAsync<AbsenceDialog>(D["Absence.Record"], parameters, Options);
        if (await dialog.Result is not { Canceled: false, Data: AbsenceForm form })
        {
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Supervision.RecordAbsenceAsync(form.CounsellorId, form.From, form.To, form.Reason);
            return D["Absence.Recorded", result.FilesMoved];
        });
    }

    private Task RedistributeAsync(AbsenceLine absence) => RunAsync(async () =>
    {
        var result = await Supervision.RedistributeAsync(absence.Id, absence.Version);
        return D["Absence.Redistributed", result.FilesMoved];
    });

    private Task ReturnAsync(AbsenceLine absence) => RunAsync(async () =>
    {
        var result = await Supervision.ReturnAsync(absence.Id, absence.Version);
        return D["Absence.Returned", absence.CounsellorName, result.FilesMoved];
    });

    /// <summary>One action, then the dashboard as it is now: a confirmation, a refusal in words, or someone else's change.</summary>
    private async Task RunAsync(Func<Task<string>> action)
    {
        _busy = true;
        try
        {
            Snackbar.Add(await action(), Severity.Success);
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(D.Describe(refused.Refusals), Severity.Warning);
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add(L["Error.Concurrency"], Severity.Error, options => options.RequireInteraction = true);
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }

    private string OrganizationCode(int? id) => _organizations.FirstOrDefault(o => o.Id == id)?.Code ?? "";

    private static string Number(decimal? value, string format) => value?.ToString(format, CultureInfo.CurrentCulture) ?? "–";

    private static string Attention(int count) => count == 0 ? "" : count.ToString(CultureInfo.CurrentCulture);

    private string GapText(CounsellorLine line) => line.Gap is { } gap ? D["Dashboard.Gap", gap.ToString("+0.0;-0.0;0", CultureInfo.CurrentCulture)] : "";

    private string AbsenceState(AbsenceLine absence) =>
        absence.ReturnedAt is { } back ? D["Absence.StateReturned", LocalizerExtensions.Day(AppClock.DateOf(back))]
        : absence.RedistributedAt is not null ? D["Absence.StateRedistributed", absence.FilesAway]
        : D["Absence.StatePlanned"];

    private sealed record ReferenceOrganization(int Id, string Code);
}
