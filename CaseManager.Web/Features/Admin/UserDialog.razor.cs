using CaseManager.Data.Entities;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CaseManager.Web.Features.Admin;

public sealed partial class UserDialog
{
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);
    private Dictionary<string, string> _errors = [];
    private UserDetails? _existing;
    private string _email = "";
    private string _displayName = "";
    private int? _organizationId;
    private Guid? _partnerOrganizationId;
    private IReadOnlyList<PartnerOption> _partners = [];
    private decimal _capacity = 1.0m;
    private IReadOnlyCollection<string> _languages = [];
    private bool _generatePassword = true;
    private string _password = "";
    private string? _formError;
    private bool _loading;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The account to edit; null to create one.</summary>
    [Parameter]
    public string? UserId { get; set; }

    [Parameter, EditorRequired]
    public IReadOnlyList<OrganizationOption> Organizations { get; set; } = [];

    /// <summary>The administrator at the keyboard: they cannot take their own Admin role away.</summary>
    [Parameter, EditorRequired]
    public string CurrentUserId { get; set; } = "";

    protected override async Task OnInitializedAsync()
    {
        if (UserId is not null)
        {
            _loading = true;
            await LoadAsync(UserId);
            _loading = false;
        }

        // The partner organizations, for the Partner role; the form works meanwhile.
        try
        {
            _partners = await Users.GetPartnersAsync(_partnerOrganizationId);
        }
        catch (AccessDeniedException)
        {
            _formError = T["Admin.AccessDenied"];
        }
    }

    private string PartnerName(Guid? id) =>
        _partners.FirstOrDefault(p => p.Id == id) is { } partner
            ? (partner.Municipality is null ? partner.Name : $"{partner.Name} ({partner.Municipality})")
            : "";

    private async Task LoadAsync(string id)
    {
        try
        {
            _existing = await Users.GetAsync(id);
            _email = _existing.Email;
            _displayName = _existing.DisplayName;
            _organizationId = _existing.OrganizationId;
            _partnerOrganizationId = _existing.PartnerOrganizationId;
            _capacity = _existing.Capacity;
            _languages = _existing.Languages ?? [];
            _roles.Clear();
            _roles.UnionWith(_existing.Roles);
        }
        catch (NotFoundException)
        {
            _formError = T["Users.NotFound"];
        }
        catch (AccessDeniedException)
        {
            _formError = T["Admin.AccessDenied"];
        }
    }

    private bool IsOwnAdminRole(string role) => role == Roles.Admin && _existing is not null && _existing.Id == CurrentUserId && _roles.Contains(role);

    private void ToggleRole(string role, bool on)
    {
        if (on)
        {
            _roles.Add(role);
        }
        else
        {
            _roles.Remove(role);
        }
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        _busy = true;
        _errors = [];
        _formError = null;
        try
        {
            if (_existing is null)
            {
                var created = await Users.CreateAsync(new NewUser(_email, _displayName, _organizationId, _roles.ToList(), _generatePassword ? null : _password,
                    _capacity, _languages.ToList())
                {
                    PartnerOrganizationId = _partnerOrganizationId,
                });
                Dialog.Close(DialogResult.Ok(new UserDialogResult(created.Id, _displayName.Trim(), created.GeneratedPassword)));
            }
            else
            {
                await Users.UpdateAsync(_existing.Id, _existing.ConcurrencyStamp, new UserChanges(_displayName, _organizationId, _roles.ToList(), _capacity, _languages.ToList())
                {
                    PartnerOrganizationId = _partnerOrganizationId,
                });
                Dialog.Close(DialogResult.Ok(new UserDialogResult(_existing.Id, _displayName.Trim(), null)));
            }
        }
        catch (UserAdminException refused)
        {
            _errors = refused.Errors
                .Where(e => e.Field.Length > 0)
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(T.Describe)));
            var general = refused.Errors.Where(e => e.Field.Length == 0).Select(T.Describe).ToList();
            _formError = general.Count > 0 ? string.Join(" ", general) : L["Error.Validation"];
        }
        catch (ConcurrencyConflictException)
        {
            // Show what is saved now; the administrator redoes their change on it.
            await LoadAsync(_existing!.Id);
            _formError = T["Users.Concurrency"];
        }
        catch (NotFoundException)
        {
            _formError = T["Users.NotFound"];
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
