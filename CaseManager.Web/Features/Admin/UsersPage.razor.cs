using CaseManager.Web.Infrastructure;
using MudBlazor;

namespace CaseManager.Web.Features.Admin;

/// <summary>The accounts of the program: list, create, edit, deactivate, reactivate, reset a password.</summary>
public sealed partial class UsersPage
{
    private MudDataGrid<UserRow>? _grid;
    private UserQuery _query = new();
    private IReadOnlyList<OrganizationOption>? _organizations;
    private UserIdentity _me = UserIdentity.Anonymous;
    private bool _denied;

    protected override async Task OnInitializedAsync()
    {
        _me = await CurrentUser.GetAsync();
        try
        {
            _organizations = await Users.GetOrganizationsAsync();
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }
    }

    private async Task<GridData<UserRow>> LoadAsync(GridState<UserRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        _query = _query with
        {
            Page = state.Page,
            PageSize = state.PageSize,
            SortBy = sort?.SortBy switch
            {
                nameof(UserRow.Email) => UserSort.Email,
                nameof(UserRow.OrganizationCode) => UserSort.Organization,
                nameof(UserRow.IsActive) => UserSort.Active,
                _ => UserSort.Name,
            },
            Descending = sort?.Descending ?? false,
        };
        try
        {
            var page = await Users.SearchAsync(_query, cancellationToken);
            return new GridData<UserRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (AccessDeniedException)
        {
            _denied = true;
            StateHasChanged();
            return new GridData<UserRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private Task SearchChangedAsync(string? text)
    {
        _query = _query with { Search = text };
        return ReloadAsync();
    }

    private Task RoleChangedAsync(string? role)
    {
        _query = _query with { Role = role };
        return ReloadAsync();
    }

    private Task StatusChangedAsync(UserStatusFilter status)
    {
        _query = _query with { Status = status };
        return ReloadAsync();
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<UserDialog>(T["UserDialog.NewTitle"], UserDialogParameters(null), DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: UserDialogResult result })
        {
            Snackbar.Add(T["Users.Created", result.DisplayName], Severity.Success);
            await ShowGeneratedPasswordAsync(result.DisplayName, result.GeneratedPassword);
            await ReloadAsync();
        }
    }

    private async Task EditAsync(UserRow user)
    {
        var dialog = await Dialogs.ShowAsync<UserDialog>(T["UserDialog.EditTitle", user.DisplayName], UserDialogParameters(user.Id), DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: UserDialogResult result })
        {
            Snackbar.Add(T["Users.Saved", result.DisplayName], Severity.Success);
        }

        // Someone else may have changed the account too: the list shows what is saved.
        await ReloadAsync();
    }

    private async Task ResetPasswordAsync(UserRow user)
    {
        var parameters = new DialogParameters<PasswordDialog> { { d => d.User, user } };
        var dialog = await Dialogs.ShowAsync<PasswordDialog>(T["PasswordDialog.Title", user.DisplayName], parameters, DialogOptions);
        if (await dialog.Result is { Canceled: false, Data: UserDialogResult result })
        {
            Snackbar.Add(T["Users.PasswordReset", user.DisplayName], Severity.Success);
            await ShowGeneratedPasswordAsync(user.DisplayName, result.GeneratedPassword);
        }
    }

    private async Task DeactivateAsync(UserRow user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Users.Deactivate.Title"], T["Users.Deactivate.Text", user.DisplayName], T["Users.Deactivate.Confirm"], cancelText: L["Common.Cancel"]);
        if (confirmed == true)
        {
            await SetActiveAsync(user, active: false);
        }
    }

    private Task ReactivateAsync(UserRow user) => SetActiveAsync(user, active: true);

    private async Task SetActiveAsync(UserRow user, bool active)
    {
        try
        {
            await Users.SetActiveAsync(user.Id, active);
            Snackbar.Add(T[active ? "Users.Reactivated" : "Users.Deactivated", user.DisplayName], Severity.Success);
        }
        catch (UserAdminException refused)
        {
            Snackbar.Add(string.Join(" ", refused.Errors.Select(T.Describe)), Severity.Warning);
        }
        catch (NotFoundException)
        {
            Snackbar.Add(T["Users.NotFound"], Severity.Warning);
        }
        catch (ConcurrencyConflictException)
        {
            Snackbar.Add(T["Users.Concurrency"], Severity.Error);
        }
        catch (AccessDeniedException)
        {
            _denied = true;
        }

        await ReloadAsync();
    }

    private async Task ShowGeneratedPasswordAsync(string displayName, string? password)
    {
        if (password is null)
        {
            return;
        }

        var parameters = new DialogParameters<GeneratedPasswordDialog> { { d => d.Password, password } };
        var dialog = await Dialogs.ShowAsync<GeneratedPasswordDialog>(
            T["GeneratedPassword.Title", displayName], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false });
        await dialog.Result;
    }

    private DialogParameters<UserDialog> UserDialogParameters(string? userId) => new()
    {
        { d => d.UserId, userId },
        { d => d.Organizations, _organizations ?? [] },
        { d => d.CurrentUserId, _me.Id },
    };

    private static DialogOptions DialogOptions => new() { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false };
}

/// <summary>What the user and password dialogs hand back to the page.</summary>
public sealed record UserDialogResult(string UserId, string DisplayName, string? GeneratedPassword);
