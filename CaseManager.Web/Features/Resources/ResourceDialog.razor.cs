using CaseManager.Domain.Common;
using CaseManager.Domain.Resources;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Resources;

public sealed partial class ResourceDialog
{
    private Resource? _form;
    private ResourceRow? _row;
    private string? _languages;
    private DateTime? _verifiedOn;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public Guid? ResourceId { get; set; }

    [Parameter, EditorRequired]
    public ReferenceLists Lists { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<ResourceCategory> Categories { get; set; } = [];

    [Parameter]
    public bool CanManage { get; set; }

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _row = ResourceId is { } id ? await Resources.GetAsync(id) : null;
            _form = _row is null
                ? new Resource { LanguageCodes = ["fr"] }
                : new Resource
                {
                    Id = _row.Id, Name = _row.Name, Description = _row.Description, CategoryCode = _row.CategoryCode, RegionCode = _row.RegionCode,
                    Municipality = _row.Municipality, ContactName = _row.ContactName, Email = _row.Email, Phone = _row.Phone, Website = _row.Website,
                    LanguageCodes = [.. _row.LanguageCodes], Eligibility = _row.Eligibility, IsActive = _row.IsActive, LastVerifiedOn = _row.LastVerifiedOn,
                    Version = _row.Version,
                };
            _languages = string.Join(' ', _form.LanguageCodes);
            _verifiedOn = _form.LastVerifiedOn?.ToDateTime(TimeOnly.MinValue);
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
        catch (NotFoundException)
        {
            _error = L["Error.NotFound"];
        }
    }

    private string CategoryName(string? code) =>
        Categories.FirstOrDefault(c => c.Code == code)?.Name(AppCultures.IsFrench) ?? code ?? "";

    private async Task SaveAsync()
    {
        if (_form is null)
        {
            return;
        }

        _busy = true;
        _form.LanguageCodes = (_languages ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries).ToList();
        _form.LastVerifiedOn = _verifiedOn is { } day ? DateOnly.FromDateTime(day) : null;
        try
        {
            if (_row is null)
            {
                await Resources.CreateAsync(_form);
            }
            else
            {
                await Resources.UpdateAsync(_row.Id, _row.Version, _form);
            }

            Dialog.Close(DialogResult.Ok(true));
        }
        catch (DomainRuleException refused)
        {
            _error = R.Describe(refused.Refusals);
        }
        catch (ConcurrencyConflictException)
        {
            await LoadAsync();
            _error = R["Resources.Conflict"];
        }
        catch (AccessDeniedException)
        {
            _error = L["Error.AccessDenied"];
        }
        finally
        {
            _busy = false;
        }
    }
}
