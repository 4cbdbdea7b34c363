using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CaseManager.Tests.Support;

/// <summary>
/// A bUnit context set up as the app is: MudBlazor services with loose JS interop, the app's
/// resource files, French (Québec) unless a test says otherwise, and the popover and dialog
/// providers rendered first so menus and dialogs have somewhere to appear.
/// </summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    protected ComponentTestBase(string culture = "fr-CA")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        // The access policy of the "circuit": the person the test's ICurrentUser names, read from the test database.
        Services.AddScoped<CaseManager.Web.Access.AccessPolicy>();
    }

    /// <summary>Renders the dialog provider; show a dialog through <see cref="Dialogs"/> afterwards.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogProvider()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    protected IDialogService Dialogs => Services.GetRequiredService<IDialogService>();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        // MudBlazor's services are IAsyncDisposable.
        await DisposeAsync();
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        GC.SuppressFinalize(this);
    }

    protected static RenderFragment Nothing => _ => { };
}
