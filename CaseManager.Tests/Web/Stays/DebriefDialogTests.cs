using System.Collections;
using System.Globalization;
using System.Resources;
using Bunit;
using CaseManager.Domain.Stays;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Stays;
using CaseManager.Web.Localization;
using MudBlazor;

namespace CaseManager.Tests.Web.Stays;

public sealed class DebriefDialogTests : ComponentTestBase
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(DebriefView? debrief = null)
    {
        var provider = RenderDialogProvider();
        var parameters = new DialogParameters<DebriefDialog> { { d => d.HouseholdName, "Diallo, Aminata" }, { d => d.Debrief, debrief } };
        var dialog = await provider.InvokeAsync(() => Dialogs.ShowAsync<DebriefDialog>("", parameters));
        return (provider, dialog);
    }

    [Fact]
    public async Task Save_WithoutAnInterest_SaysTheScaleInFrenchAndStaysOpen()
    {
        var (provider, dialog) = await ShowAsync();
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=debrief-save]")));

        await provider.Find("button[data-testid=debrief-save]").ClickAsync(new());

        provider.WaitForAssertion(() =>
            Assert.Equal("L'intérêt se note de 1 à 5.", provider.Find("[data-testid=debrief-interest-error]").TextContent.Trim()));
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Save_AnExistingDebrief_ReturnsItsFieldsWithOneNextStepPerLine()
    {
        var existing = new DebriefView(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 4, "Rio Tinto", "Un 4 ½", null,
            [new NextStepView(Guid.NewGuid(), "Envoyer le CV", null), new NextStepView(Guid.NewGuid(), "Visiter l'école", null)], "Marie", DateTimeOffset.UtcNow, 7);
        var (provider, dialog) = await ShowAsync(existing);
        provider.WaitForAssertion(() => Assert.Contains("Diallo, Aminata", provider.Markup, StringComparison.Ordinal));

        await provider.Find("button[data-testid=debrief-save]").ClickAsync(new());
        var result = await dialog.Result;

        var details = Assert.IsType<DebriefDetails>(result!.Data);
        Assert.Equal((4, "Rio Tinto", "Un 4 ½"), (details.Interest, details.JobLeads, details.HousingLeads));
        Assert.Equal(["Envoyer le CV", "Visiter l'école"], details.NextSteps);
    }

    [Fact]
    public void StaysText_FrenchAndEnglish_HaveTheSameKeysAndPlaceholders()
    {
        var resources = new ResourceManager(typeof(StaysText));
        Dictionary<string, string> Entries(CultureInfo culture) => resources.GetResourceSet(culture, true, false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var french = Entries(CultureInfo.InvariantCulture);
        var english = Entries(CultureInfo.GetCultureInfo("en"));

        Assert.Equal(french.Keys.Order(), english.Keys.Order());
        Assert.DoesNotContain(french.Keys, key => !Placeholders(french[key]).SetEquals(Placeholders(english[key])));
        foreach (var key in Enum.GetValues<StayStatus>().Select(v => $"StayStatus.{v}")
                     .Concat(Enum.GetValues<Attendance>().Select(v => $"Attendance.{v}"))
                     .Concat(Enum.GetValues<ExpenseCategory>().Select(v => $"ExpenseCategory.{v}"))
                     .Concat(Enum.GetValues<AgendaItemKind>().Select(v => $"AgendaItemKind.{v}"))
                     .Concat(Enum.GetValues<TransportMode>().Select(v => $"TransportMode.{v}")))
        {
            Assert.True(french.ContainsKey(key), key);
        }
    }

    [Fact]
    public void Amount_InFrench_IsQuebecFormat()
    {
        Assert.Equal("1 234,56 $", StayFormat.Amount(1234.56m).Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+[^}]*\}").Select(m => m.Value).ToHashSet();
}
