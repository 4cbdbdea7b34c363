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

    [Parameter, EditorRequired] public SubsidyApplicationView Application { get; set; } = null!;

    [Parameter, EditorRequired] public IReadOnlyList<Region> Regions { get; set; } = [];

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

    /// <summary>The form is saved first, so what is submitted is what the person sees.</summary>
    private Task SubmitAsync() => RunAsync(() => Subsidies.SubmitAsync(Application.Id, Application.Version, Details()), T["Actions.Submitted"]);

    private Task WithdrawAsync() => RunAsync(() => Subsidies.WithdrawAsync(Application.Id, Application.Version, _withdrawReason ?? ""), T["Actions.Withdrawn"]);

    private Task RecordPaymentAsync() => RunAsync(
        () => Subsidies.RecordPaymentAsync(
            Application.Id, Application.Version, _paidOn is { } day ? DateOnly.FromDateTime(day) : DateOnly.MinValue, _paidAmount ?? 0m, _paymentReference ?? ""),
        T["Payment.Recorded"]);

    private Task RemoveAsync(Guid documentId) => RunAsync(() => Subsidies.RemoveDocumentAsync(documentId), T["Documents.Removed"]);

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null || _documentType is not { } type)
        {
            return;
        }

        if (file.Size > Settings.MaxDocumentBytes || file.Size == 0)
        {
            Snackbar.Add(T["Subsidy.DocumentTooLarge", Settings.MaxDocumentBytes / (1024 * 1024)], Severity.Warning);
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
        }, T["Documents.Uploaded"]);
    }

    private async Task RunAsync(Func<Task> action, string confirmation)
    {
        _busy = true;
        try
        {
            await action();
            Snackbar.Add(confirmation, Severity.Success);
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(T.Describe(refused.Refusals), Severity.Warning);
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
            await OnChanged.InvokeAsync();
        }
    }
}
