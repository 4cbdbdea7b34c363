using System.Globalization;

namespace CaseManager.Web.Features.Assignment;

/// <summary>The languages a counsellor may speak, with the codes the households' files use.</summary>
public static class Languages
{
    /// <summary>Offered first (the same list the household's profile offers).</summary>
    public static readonly IReadOnlyList<string> Offered =
        ["fr", "en", "ar", "es", "pt", "ht", "fa", "zh", "vi", "ru", "uk", "ro", "tr", "wo", "ln", "sw", "am", "ti", "so", "rw", "ff", "ta", "pa", "ur", "bn", "tl", "hi", "ko", "de", "it"];

    /// <summary>"Espagnol" in French, "Spanish" in English; the code itself if the platform does not know it.</summary>
    public static string Name(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "";
        }

        try
        {
            var name = CultureInfo.GetCultureInfo(code).DisplayName;
            return name.Length > 0 ? char.ToUpper(name[0], CultureInfo.CurrentCulture) + name[1..] : code;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
