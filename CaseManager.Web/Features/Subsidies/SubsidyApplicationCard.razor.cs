using CaseManager.Domain.Common;
using CaseManager.Domain.Reference;
using CaseManager.Domain.Subsidies;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CaseManager.Web.Features.Subsidies;

public sealed partial class SubsidyApplicationCard
{
    private string? _region;
    private string? _municipality;
    private DateTime? _moveOn;
    private decimal? _estimatedCost;
    private string? _explanation;
    private SubsidyDocumentType? _documentType;
    private string? _withdrawReason;
    private DateTime? _paidOn;
    private decimal? _paidAmount;
    private string? _paymentReference;
    private bool _busy;
    private (Guid Id, uint Version)? _formOf;
    private MudFileUpload<IBrowserFile>? _upload;
    private string? _uploadRefusal;

    [Parameter, EditorRequired] public SubsidyApplicationView Application { get; set; } = null!;

    [Parameter, EditorRequired] public IReadOnlyList<Region> Regions { get; set; } = [];

    /// <summary>The names of the codes the criteria's reasons carry.</summary>
    [Parameter, EditorRequired] public CriterionLabels Labels { get; set; } = null!;

    [Parameter] public EventCallback OnChanged { get; set; }

    private bool Busy => _busy || !RendererInfo.IsInteractive;

    protected override void OnParametersSet()
    {
        // The form takes the saved details when the application itself changed (a save, a submission,
        // someone else's change). A reload that leaves it as it was — a document added or removed —
        // keeps what the person has typed and not saved yet.
        if (_formOf != (Application.Id, Application.Version))
        {
            var details = Application.Details;
            _region = details.DestinationRegionCode;
            _municipality = details.DestinationMunicipality;
            _moveOn = details.PlannedMoveOn?.ToDateTime(TimeOnly.MinValue);
            _estimatedCost = details.EstimatedCost;
            _explanation = details.Explanation;
            _formOf = (Application.Id, Application.Version);
        }

        _paidAmount ??= Application.ApprovedAmount;
    }

    private SubsidyApplicationDetails Details() => new(
        _region, _municipality, _moveOn is { } day ? DateOnly.FromDateTime(day) : null, _estimatedCost, _explanation);

    private Task SaveAsync() => RunAsync(() => Subsidies.UpdateAsync(Application.Id, Application.Version, Details()), T["Saved"]);

    /// <summary>
    /// The form is saved first, so what is submitted is what the person sees. With a criterion not
    /// met or a proof missing, the person sees what is missing and confirms first.
    /// </summary>
    private async Task SubmitAsync()
    {
        SubsidyEvaluation? evaluation = null;
        await RunAsync(async () => evaluation = await Subsidies.PreviewAsync(Application.Id, Details()), confirmation: null, reload: false);
        if (evaluation is null)
        {
            return; // refused (the person was told)
        }

        if (!evaluation.IsEligible)
        {
            var parameters = new DialogParameters<SubmitConfirmDialog>
            {
                { d => d.Evaluation, evaluation },
                { d => d.Labels, Labels },
            };
            var dialog = await Dialogs.ShowAsync<SubmitConfirmDialog>(T["SubmitConfirm.Title"], parameters);
            if (await dialog.Result is not { Canceled: false })
            {
                return;
            }
        }

        await RunAsync(() => Subsidies.SubmitAsync(Application.Id, Application.Version, Details()), T["Actions.Submitted"]);
    }

    private Task WithdrawAsync() => RunAsync(() => Subsidies.WithdrawAsync(Application.Id, Application.Version, _withdrawReason ?? ""), T["Actions.Withdrawn"]);

    private Task RecordPaymentAsync() => RunAsync(
        () => Subsidies.RecordPaymentAsync(
            Application.Id, Application.Version, _paidOn is { } day ? DateOnly.FromDateTime(day) : DateOnly.MinValue, _paidAmount ?? 0m, _paymentReference ?? ""),
        T["Payment.Recorded"]);

    private Task RemoveAsync(Guid documentId) => RunAsync(() => Subsidies.RemoveDocumentAsync(documentId), T["Documents.Removed"]);

    /// <summary>
    /// Uploads the chosen file. Taken or refused, the picker is cleared so no file name stays beside
    /// the button as if it were attached; a refusal says why beside it.
    /// </summary>
    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return; // the picker was cleared
        }

        _uploadRefusal = null;
        try
        {
            if (_documentType is not { } type)
            {
                return;
            }

            if (file.Size > Settings.MaxDocumentBytes || file.Size == 0)
            {
                _uploadRefusal = T["Documents.Refused", T["Subsidy.DocumentTooLarge", Settings.MaxDocumentBytes / (1024 * 1024)]];
                return;
            }

            await RunAsync(async () =>
            {
                using var buffer = new MemoryStream();
                await using (var stream = file.OpenReadStream(Settings.MaxDocumentBytes))
                {
                    await stream.CopyToAsync(buffer);
                }

                await Subsidies.AddDocumentAsync(Application.Id, type, file.Name, buffer.ToArray());
            }, T["Documents.Uploaded"], onRefused: reason => _uploadRefusal = T["Documents.Refused", reason]);
        }
        finally
        {
            if (_upload is not null)
            {
                await _upload.ClearAsync();
            }
        }
    }

    /// <param name="confirmation">Said when it worked (null: nothing to say).</param>
    /// <param name="onRefused">Also given the refusal's text, to show it beside what was refused.</param>
    /// <param name="reload">Reload the file's applications afterwards.</param>
    private async Task RunAsync(Func<Task> action, string? confirmation, Action<string>? onRefused = null, bool reload = true)
    {
        _busy = true;
        try
        {
            await action();
            if (confirmation is not null)
            {
                Snackbar.Add(confirmation, Severity.Success);
            }
        }
        catch (DomainRuleException refused)
        {
            var reason = T.Describe(refused.Refusals);
            onRefused?.Invoke(reason);
            Snackbar.Add(reason, Severity.Warning);
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add(T["Conflict"], Severity.Error, options => options.RequireInteraction = true);
        }
        catch (AccessDeniedException)
        {
            Snackbar.Add(T["Denied"], Severity.Error);
        }
        finally
        {
            _busy = false;
            if (reload)
            {
                await OnChanged.InvokeAsync();
            }
        }
    }
}
