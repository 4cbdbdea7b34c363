using Bunit;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Households;
using MudBlazor;

namespace CaseManager.Tests.Web.Components;

public sealed class AdvanceStageDialogTests : ComponentTestBase
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(WorkflowDecision decision)
    {
        var provider = RenderDialogProvider();
        var parameters = new DialogParameters<AdvanceStageDialog>
        {
            { d => d.Target, Stage.PersonalizedPlan },
            { d => d.Decision, decision },
        };
        var dialog = await provider.InvokeAsync(() => Dialogs.ShowAsync<AdvanceStageDialog>("", parameters));
        return (provider, dialog);
    }

    [Fact]
    public async Task Show_WithMissingRequirements_ListsEachReasonAndDisablesTheConfirmation()
    {
        var decision = new WorkflowDecision([new Refusal("Workflow.Requirement.ContactRecorded"), new Refusal("Workflow.Requirement.NeedsIdentified")]);

        var (provider, _) = await ShowAsync(decision);

        provider.WaitForAssertion(() =>
        {
            var reasons = provider.FindAll("[data-testid=advance-refusals] li");
            Assert.Equal(2, reasons.Count);
            Assert.Contains("Aucun contact n'a encore été consigné avec le ménage.", reasons[0].TextContent);
            Assert.Contains("besoins du ménage", reasons[1].TextContent);
        });
        Assert.True(provider.Find("button[data-testid=advance-confirm]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Confirm_WhenAllowed_ClosesWithTheAdvanceRequest()
    {
        var (provider, dialog) = await ShowAsync(WorkflowDecision.Allowed);
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=advance-ready]")));
        Assert.Contains("Passer à l'étape « Plan d'accompagnement »", provider.Markup, StringComparison.Ordinal);

        await provider.Find("button[data-testid=advance-confirm]").ClickAsync(new());
        var result = await dialog.Result;

        Assert.False(result!.Canceled);
        Assert.Equal(new AdvanceRequest(Stage.PersonalizedPlan), result.Data);
    }

    [Fact]
    public async Task Cancel_ClosesWithoutARequest()
    {
        var (provider, dialog) = await ShowAsync(WorkflowDecision.Allowed);
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("button")));

        await provider.FindAll("button").First(b => b.TextContent.Contains("Annuler", StringComparison.Ordinal)).ClickAsync(new());

        Assert.True((await dialog.Result)!.Canceled);
    }
}
