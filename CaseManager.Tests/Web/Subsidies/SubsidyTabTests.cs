using Bunit;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Subsidies;
using CaseManager.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Subsidies;

/// <summary>The file's subsidy tab and the review view, in French, over the real service and database.</summary>
public sealed class SubsidyTabTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private async Task SetUpSubsidiesAsync()
    {
        await SetUpAsync();
        Services.AddSingleton(new SubsidySettings(SubsidyTestBase.MaxDocumentBytes));
        Services.AddScoped<SubsidyService>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    [Fact]
    public async Task SubsidyTab_Draft_ShowsEachCriterionWithItsOutcomeReasonAndTheAmountInQuebecFormat()
    {
        await SetUpSubsidiesAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy).WithProfile(p => p
            .WithSpouse().WithChild("Léa", new DateOnly(2015, 3, 2)).WithChild("Adam", new DateOnly(2018, 7, 9))
            .With(profile => profile.ImmigrationStatusCode = "permanent-resident")));
        var service = Services.GetRequiredService<SubsidyService>();
        var id = await service.StartAsync(household.Id, new SubsidyApplicationDetails("02", "Saguenay", FixedContext.Today.AddDays(30), null, null));
        await service.AddDocumentAsync(id, SubsidyDocumentType.JobOffer, "offre.pdf", SubsidyTestBase.PdfBytes);

        var tab = Render<SubsidyTab>(p => p.Add(t => t.HouseholdId, household.Id));

        tab.WaitForAssertion(() => Assert.Equal(7, tab.FindAll("[data-testid=criterion-row]").Count));
        var housing = tab.Find("[data-criterion=Housing]");
        Assert.Equal("MissingProof", housing.GetAttribute("data-outcome"));
        Assert.Contains("Preuve manquante", housing.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aucune preuve parmi : Bail signé, Preuve d'adresse.", housing.TextContent, StringComparison.Ordinal);
        Assert.Contains("Preuve fournie : Offre d'emploi.", tab.Find("[data-criterion=Employment]").TextContent, StringComparison.Ordinal);
        var amount = tab.Find("[data-testid=computed-amount]").TextContent.Replace('\u00A0', ' ').Replace('\u202F', ' ');
        Assert.Contains("1 750,00 $", amount, StringComparison.Ordinal);
        Assert.Single(tab.FindAll("[data-testid=subsidy-submit]"));
        Assert.Contains("offre.pdf", tab.Find("[data-testid=subsidy-document]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubsidyTab_DocumentRemovedBeforeSaving_KeepsWhatWasTypedAndSubmitsIt()
    {
        await SetUpSubsidiesAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        var service = Services.GetRequiredService<SubsidyService>();
        var id = await service.StartAsync(household.Id, new SubsidyApplicationDetails("02", "Saguenay", FixedContext.Today.AddDays(30), null, null));
        await service.AddDocumentAsync(id, SubsidyDocumentType.Other, "autre.pdf", SubsidyTestBase.PdfBytes);
        var tab = Render<SubsidyTab>(p => p.Add(t => t.HouseholdId, household.Id));
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=subsidy-document-remove]")));

        // Typed, not saved; then the page reloads the application after the document goes.
        tab.Find("input[data-testid=subsidy-municipality]").Change("Chicoutimi");
        tab.Find("[data-testid=subsidy-document-remove]").Click();
        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll("[data-testid=subsidy-document]")));

        Assert.Equal("Chicoutimi", tab.Find("input[data-testid=subsidy-municipality]").GetAttribute("value"));
        _ = tab.InvokeAsync(() => tab.Find("[data-testid=subsidy-submit]").ClickAsync(new()));
        _dialogs.WaitForAssertion(() => Assert.Single(_dialogs.FindAll("[data-testid=subsidy-submit-confirm]")), TimeSpan.FromSeconds(10));
        await _dialogs.InvokeAsync(() => _dialogs.Find("[data-testid=subsidy-submit-confirm]").ClickAsync(new()));
        tab.WaitForAssertion(() => Assert.Equal("Submitted", tab.Find("[data-testid=subsidy-application]").GetAttribute("data-status")));
        await using var db = Database.CreateDbContext();
        Assert.Equal("Chicoutimi", await db.SubsidyApplications.Where(a => a.Id == id).Select(a => a.DestinationMunicipality).SingleAsync());
    }

    [Fact]
    public async Task SubsidyTab_DepositWithProofsMissingAndCriteriaNotMet_ListsThemAndDepositsOnlyOnConfirmation()
    {
        await SetUpSubsidiesAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        var service = Services.GetRequiredService<SubsidyService>();
        var id = await service.StartAsync(household.Id, new SubsidyApplicationDetails("02", "Saguenay", FixedContext.Today.AddDays(30), null, null));
        await service.AddDocumentAsync(id, SubsidyDocumentType.JobOffer, "offre.pdf", SubsidyTestBase.PdfBytes);
        var tab = Render<SubsidyTab>(p => p.Add(t => t.HouseholdId, household.Id));
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=subsidy-submit]")));

        _ = tab.InvokeAsync(() => tab.Find("[data-testid=subsidy-submit]").ClickAsync(new()));

        // No lease, no status recorded; no plan agreed nor session attended (nor either stage skipped).
        _dialogs.WaitForAssertion(() => Assert.Single(_dialogs.FindAll("[data-testid=subsidy-submit-dialog]")), TimeSpan.FromSeconds(10));
        var missing = _dialogs.FindAll("[data-testid=subsidy-submit-missing]");
        Assert.Equal(["ImmigrationStatus", "Housing"], missing.Select(e => e.GetAttribute("data-criterion")));
        Assert.Contains("Aucune preuve parmi : Bail signé, Preuve d'adresse.", missing[1].TextContent, StringComparison.Ordinal);
        var notMet = Assert.Single(_dialogs.FindAll("[data-testid=subsidy-submit-not-met]"));
        Assert.Contains("Ni plan convenu ni séance d'information suivie.", notMet.TextContent, StringComparison.Ordinal);

        await _dialogs.InvokeAsync(() => _dialogs.Find("[data-testid=subsidy-submit-cancel]").ClickAsync(new()));
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("[data-testid=subsidy-submit-dialog]")));
        await using (var db = Database.CreateDbContext())
        {
            Assert.Equal(SubsidyStatus.Draft, await db.SubsidyApplications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
        }

        _ = tab.InvokeAsync(() => tab.Find("[data-testid=subsidy-submit]").ClickAsync(new()));
        _dialogs.WaitForAssertion(() => Assert.Single(_dialogs.FindAll("[data-testid=subsidy-submit-confirm]")), TimeSpan.FromSeconds(10));
        await _dialogs.InvokeAsync(() => _dialogs.Find("[data-testid=subsidy-submit-confirm]").ClickAsync(new()));
        tab.WaitForAssertion(() => Assert.Equal("Submitted", tab.Find("[data-testid=subsidy-application]").GetAttribute("data-status")));
    }

    [Fact]
    public async Task SubsidyTab_AfterADeposit_NoLongerOffersANewApplication()
    {
        await SetUpSubsidiesAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        var before = Render<SubsidyTab>(p => p.Add(t => t.HouseholdId, household.Id));
        before.WaitForAssertion(() => Assert.False(before.Find("button[data-testid=subsidy-new]").HasAttribute("disabled")));
        var service = Services.GetRequiredService<SubsidyService>();
        var id = await service.StartAsync(household.Id, new SubsidyApplicationDetails("02", "Saguenay", FixedContext.Today.AddDays(30), null, null));
        await using (var db = Database.CreateDbContext())
        {
            await service.SubmitAsync(id, await db.SubsidyApplications.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());
        }

        var tab = Render<SubsidyTab>(p => p.Add(t => t.HouseholdId, household.Id));

        tab.WaitForAssertion(() => Assert.Equal("Submitted", tab.Find("[data-testid=subsidy-application]").GetAttribute("data-status")));
        Assert.Empty(tab.FindAll("[data-testid=subsidy-new]"));
    }

    [Fact]
    public async Task SubsidyTab_UploadRefused_ClearsTheChosenFileAndSaysWhy()
    {
        await SetUpSubsidiesAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        await Services.GetRequiredService<SubsidyService>().StartAsync(household.Id, new SubsidyApplicationDetails("02", "Saguenay", null, null, null));
        var tab = Render<SubsidyTab>(p => p.Add(t => t.HouseholdId, household.Id));
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("[data-testid=subsidy-document-type]")));
        await tab.InvokeAsync(() => tab.FindComponent<MudSelect<SubsidyDocumentType?>>().Instance.ValueChanged.InvokeAsync(SubsidyDocumentType.Lease));

        // A Word file renamed .pdf: the bytes say it is not a PDF.
        tab.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary("PK\u0003\u0004 not a pdf"u8.ToArray(), "bail-signe.pdf", contentType: "application/pdf"));

        tab.WaitForAssertion(() => Assert.Contains("Fichier refusé : Seuls les fichiers PDF, JPEG et PNG sont acceptés.",
            tab.Find("[data-testid=subsidy-upload-refusal]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("bail-signe.pdf", tab.Markup, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("[data-testid=subsidy-document]"));
    }

    [Fact]
    public async Task ReviewPage_PartnerOfTheRegion_SeesNamesAndEvaluationButNoNotes_PartnerOfAnotherRegionSeesNothing()
    {
        await SetUpSubsidiesAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));
        await using (var db = Database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).JournalEntries.Add(
                (await db.Households.SingleAsync(h => h.Id == household.Id)).AddNote("NOTE-CONFIDENTIELLE", FixedContext.Default));
            await db.SaveChangesAsync();
        }

        Guid applicationId;
        UserIdentity own;
        UserIdentity other;
        await using (var db = Database.CreateDbContext())
        {
            applicationId = await SubsidyTestData.AddWaitingAsync(db, household.Id, FixedContext.Today.AddDays(-3), "02", Marie.Actor);
            own = await PartnerAsync(db, "josee@partner.test", (await TestPartners.CreateAsync(db, "Accueil Saguenay", "02", "Jonquière")).Id);
            other = await PartnerAsync(db, "luc@partner.test", (await TestPartners.CreateAsync(db, "Accueil Bas-Saint-Laurent", "01", "Rimouski")).Id);
        }

        Current.User = other;
        var refused = Render<SubsidyReviewPage>(p => p.Add(x => x.Id, applicationId));
        refused.WaitForAssertion(() => Assert.Single(refused.FindAll("[data-testid=access-denied]")));
        Assert.DoesNotContain("Diallo", refused.Markup, StringComparison.Ordinal);

        Current.User = own;
        var page = Render<SubsidyReviewPage>(p => p.Add(x => x.Id, applicationId));
        page.WaitForAssertion(() => Assert.Equal(7, page.FindAll("[data-testid=criterion-row]").Count));
        Assert.Equal(["Amina Diallo"], page.FindAll("[data-testid=review-person]").Select(e => e.TextContent.Trim()));
        Assert.DoesNotContain("NOTE-CONFIDENTIELLE", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=review-approve]"));
        Assert.Contains("3 j", page.Markup, StringComparison.Ordinal);
    }

    private static async Task<UserIdentity> PartnerAsync(CaseManager.Data.CaseManagerDbContext db, string email, Guid partnerId)
    {
        var user = await TestUsers.CreateAsync(db, email, email, null, Roles.Partner);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PartnerOrganizationId, partnerId));
        return user;
    }
}
