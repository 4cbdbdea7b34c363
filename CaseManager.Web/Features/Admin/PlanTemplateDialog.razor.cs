using CaseManager.Domain.Common;
using CaseManager.Domain.Plans;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Admin;

/// <summary>The template editor; hands the saved template's name back to the page.</summary>
public sealed partial class PlanTemplateDialog
{
    private PlanTemplate? _template;
    private uint _version;
    private string? _formError;
    private bool _loading;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The template to edit; null to create one.</summary>
    [Parameter]
    public Guid? TemplateId { get; set; }

    [Parameter, EditorRequired]
    public ReferenceLists Lists { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (TemplateId is { } id)
        {
            _loading = true;
            await LoadAsync(id);
            _loading = false;
        }
        else
        {
            _template = new PlanTemplate { IsActive = true };
            AddGoal();
        }
    }

    private async Task LoadAsync(Guid id)
    {
        try
        {
            _template = await Templates.GetAsync(id);
            _version = _template.Version;
        }
        catch (NotFoundException)
        {
            _template = null;
            _formError = P["Templates.NotFound"];
        }
        catch (AccessDeniedException)
        {
            _template = null;
            _formError = T["Admin.AccessDenied"];
        }
    }

    private void AddGoal() => _template?.Goals.Add(new TemplateGoal { Tasks = [new TemplateTask { OffsetDays = 14 }] });

    private async Task SaveAsync()
    {
        if (_template is null)
        {
            return;
        }

        _busy = true;
        _formError = null;
        try
        {
            if (TemplateId is { } id)
            {
                await Templates.UpdateAsync(id, _version, _template);
            }
            else
            {
                await Templates.CreateAsync(_template);
            }

            Dialog.Close(DialogResult.Ok(_template.Name.Trim()));
        }
        catch (DomainRuleException refused)
        {
            _formError = L.Describe(refused.Refusals);
        }
        catch (ConcurrencyConflictException)
        {
            // Show what is saved now; the administrator redoes their change on it.
            await LoadAsync(TemplateId!.Value);
            _formError = P["Templates.Concurrency"];
        }
        catch (NotFoundException)
        {
            _formError = P["Templates.NotFound"];
        }
        catch (AccessDeniedException)
        {
            _formError = T["Admin.AccessDenied"];
        }
        finally
        {
            _busy = false;
        }
    }
}
