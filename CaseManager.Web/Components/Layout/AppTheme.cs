using MudBlazor;

namespace CaseManager.Web.Components.Layout;

/// <summary>Calm and dense: Québec blue, system fonts (the machines have no network fonts).</summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#095797",
            Secondary = "#4a6a8a",
            Tertiary = "#1f7a5c",
            AppbarBackground = "#095797",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            Warning = "#b35c00",
            Error = "#b3261e",
            Success = "#1f7a5c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Helvetica Neue", "Arial", "sans-serif"],
                FontSize = ".875rem",
            },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "230px" },
    };
}
