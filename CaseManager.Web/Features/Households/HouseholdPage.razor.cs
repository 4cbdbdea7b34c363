using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Web.Files;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Households;

/// <summary>A household's file: header, stages, actions, and the profile, journal and history tabs.</summary>
public sealed partial class HouseholdPage
{
    private static readonly TransitionKind[] MoreActions =
    [
        TransitionKind.Skip, TransitionKind.GoBack, TransitionKind.Hold, TransitionKind.Withdraw,
        TransitionKind.Reactivate, TransitionKind.Settle, TransitionKind.Close,
    ];

    private HouseholdDetails? _details;
    private ReferenceLists? _lists;
    private HouseholdProfile _profile = new();
    private Dictionary<string, string> _errors = [];
    private WorkflowDecision _advance = WorkflowDecision.Allowed;
    private LoadFailure? _loadFailure;
    private EditConflict? _conflict;
    private bool _busy;
    private int _tab;

    [Parameter]
    public Guid Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _lists = await Reference.GetAsync();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        // The file shown stays on screen while it reloads (its tabs keep what is typed); nothing of it is left after a refusal.
        _loadFailure = await Outcomes.LoadAsync(async () =>
        {
            var details = await Households.GetAsync(Id, "/" + Navigation.ToBaseRelativePath(Navigation.Uri));
            _details = details;
            ResetProfile();
            _advance = details.AdvanceDecision(Clock.Today);
        });
        if (_loadFailure is not null)
        {
            _details = null;
        }
    }

    private void ResetProfile()
    {
        _profile = _details?.Household.ToProfile() ?? new HouseholdProfile();
        _errors = [];
        _conflict = null;
    }

    private bool Allowed(TransitionKind kind) =>
        _details is { } details && HouseholdWorkflow.Table[kind].From.Contains(details.Household.Status);

    private async Task AdvanceAsync()
    {
        if (_details?.Household is not { } household || household.Stage.Next() is not { } next)
        {
            return;
        }

        var parameters = new DialogParameters<AdvanceStageDialog>
        {
            { d => d.Target, next },
            { d => d.Decision, _details.AdvanceDecision(Clock.Today) },
        };
        var dialog = await Dialogs.ShowAsync<AdvanceStageDialog>(L["Household.Advance"], parameters);
        if (await dialog.Result is { Canceled: false, Data: TransitionRequest request })
        {
            await ApplyAsync(request);
        }
    }

    private async Task TransitionAsync(TransitionKind kind)
    {
        if (_details is not { } details || _lists is null)
        {
            return;
        }

        var parameters = new DialogParameters<TransitionDialog>
        {
            { d => d.Kind, kind },
            { d => d.Details, details },
            { d => d.Lists, _lists },
            { d => d.Today, Clock.Today },
        };
        var dialog = await Dialogs.ShowAsync<TransitionDialog>(L[$"Transition.{kind}.Title"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: TransitionRequest request })
        {
            await ApplyAsync(request);
        }
    }

    private Task ApplyAsync(TransitionRequest request) =>
        RunAsync(() => Households.ApplyTransitionAsync(Id, _details!.Household.Version, request), L[$"Saved.{request.Kind}"]);

    private async Task SaveProfileAsync()
    {
        var local = _profile.Validate(Clock.Today);
        if (local.Count > 0)
        {
            ShowFieldErrors(local);
            return;
        }

        await RunAsync(() => Households.UpdateProfileAsync(Id, _details!.Household.Version, _profile), L["Common.Saved"], keepsTyping: true);
    }

    /// <summary>
    /// Saves, then shows the outcome: confirmation, field errors, a refusal, or someone else's
    /// change — the current version then, and (<paramref name="keepsTyping"/>: a profile save) what
    /// the person typed beside it, to reapply.
    /// </summary>
    private async Task RunAsync(Func<Task> save, string confirmation, bool keepsTyping = false)
    {
        var loaded = _details?.Household.ToProfile();
        var typed = _profile;
        _conflict = null;
        _busy = true;
        try
        {
            await save();
            Snackbar.Add(confirmation, Severity.Success);
            await ReloadAsync();
        }
        catch (HouseholdProfileException invalid)
        {
            ShowFieldErrors(invalid.Errors);
        }
        catch (DomainRuleException refused)
        {
            Snackbar.Add(L.Describe(refused.Refusals), Severity.Warning);
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add(L["Error.Concurrency"], Severity.Error, options => options.RequireInteraction = true);
            await ReloadAsync();
            if (keepsTyping && loaded is not null && _details is not null && _lists is not null)
            {
                _conflict = EditConflict.Compare(this, loaded, typed, _profile, ProfileConflictFields.For(L, _lists));
                _tab = 0;
            }
        }
        catch (AccessDeniedException)
        {
            // The person lost the file (a reassignment, a removed role): the page says so, and shows nothing of it.
            _details = null;
            _loadFailure = LoadFailure.Denied;
        }
        finally
        {
            _busy = false;
        }
    }

    private void ShowFieldErrors(IEnumerable<FieldRefusal> errors)
    {
        _errors = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => L[g.First().Code].Value);
        _tab = 0;
        Snackbar.Add(L["Error.Validation"], Severity.Warning);
    }

    private string Headline(Household household)
    {
        var name = $"{household.PrimaryApplicant.LastName}, {household.PrimaryApplicant.FirstName}";
        return household.Size == 1 ? name : L["Household.Headline", name, household.Size];
    }

    private static Color StatusColor(CaseStatus status) => status switch
    {
        CaseStatus.Active => Color.Primary,
        CaseStatus.OnHold => Color.Warning,
        CaseStatus.Withdrawn => Color.Default,
        CaseStatus.Settled => Color.Success,
        CaseStatus.Closed => Color.Dark,
    };
}
