using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Sessions;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>
/// The moving subsidy from end to end, in real browsers: a counsellor fills and submits an
/// application with a job offer, the destination region's partner asks for the lease, the
/// counsellor adds it and submits again, the partner approves the computed amount, the counsellor
/// records the payment and settles the household in the region; nothing goes wrong in either
/// browser's console on the way.
/// </summary>
public sealed class SubsidyJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string Counsellor = "intervenant@demo.local";
    private const string PartnerEmail = "agente.saguenay@partner.test";
    private const string FileNumber = "2099-00088";
    private const string Saguenay = "Saguenay";

    /// <summary>Three people (1 000 $ + 2 × 250 $ under the seeded rules), to Saguenay–Lac-Saint-Jean: no regional schedule.</summary>
    private static readonly Regex ComputedAmount = new(@"1\s500,00\s\$");

    [Fact]
    public async Task Subsidy_SubmittedCompletedOnRequestApprovedAndPaid_TheHouseholdSettlesInTheRegion()
    {
        var errors = new List<string>();
        Watch(Page, errors);
        var householdId = await FileAtTheSubsidyStageAsync();
        var today = AppClock.DateOf(DateTimeOffset.UtcNow);
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var jobOffer = await PdfFileAsync("offre-emploi.pdf");
        var lease = await PdfFileAsync("bail.pdf");

        // The counsellor starts the application from the file's tab.
        await SignInAsync(Counsellor);
        await OpenSubsidyTabAsync(householdId);
        await Page.GetByTestId("subsidy-new").ClickAsync();
        var card = Page.GetByTestId("subsidy-application");
        await Expect(card.GetByTestId("subsidy-status")).ToHaveTextAsync("Brouillon");

        // The form, typed and not saved before the document goes up: the upload keeps it.
        await card.GetByLabel("Région de destination").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Saguenay" }).ClickAsync();
        await Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Page.GetByTestId("subsidy-municipality").FillAsync(Saguenay);
        await card.GetByLabel("Date prévue du déménagement").FillAsync(Day(today.AddDays(45)));
        await card.GetByLabel("Date prévue du déménagement").PressAsync("Tab");
        await Page.GetByTestId("subsidy-cost").FillAsync("2400");
        await Page.GetByTestId("subsidy-explanation").FillAsync("Offre d'emploi de soudeuse à Chicoutimi.");
        await Page.GetByTestId("subsidy-explanation").PressAsync("Tab");
        await UploadAsync(card, "Offre d'emploi", jobOffer);
        await Expect(card.GetByTestId("subsidy-document")).ToContainTextAsync("offre-emploi.pdf");

        // The evaluation, criterion by criterion: the lease is still missing.
        await Expect(Criterion(card, SubsidyCriterion.Employment)).ToHaveAttributeAsync("data-outcome", "Met");
        await Expect(Criterion(card, SubsidyCriterion.Housing)).ToHaveAttributeAsync("data-outcome", "MissingProof");
        await Expect(Criterion(card, SubsidyCriterion.Housing)).ToContainTextAsync("Preuve manquante");
        foreach (var met in new[] { SubsidyCriterion.ImmigrationStatus, SubsidyCriterion.ProgramParticipation, SubsidyCriterion.NoEarlierSubsidy })
        {
            await Expect(Criterion(card, met)).ToHaveAttributeAsync("data-outcome", "Met");
        }

        await Expect(Page.GetByTestId("subsidy-municipality")).ToHaveValueAsync(Saguenay);
        await Page.GetByTestId("subsidy-submit").ClickAsync();
        // The lease is missing: the counsellor is shown what is missing and deposits anyway.
        var confirm = Page.GetByTestId("subsidy-submit-dialog");
        await Expect(confirm.Locator("[data-testid=subsidy-submit-missing][data-criterion=Housing]")).ToContainTextAsync("Bail signé");
        await Page.GetByTestId("subsidy-submit-confirm").ClickAsync();
        await Expect(card.GetByTestId("subsidy-status")).ToHaveTextAsync("Déposée");
        await Expect(Page.GetByTestId("subsidy-new")).ToHaveCountAsync(0);
        await Expect(Criterion(card, SubsidyCriterion.HostRegion)).ToHaveAttributeAsync("data-outcome", "Met");
        await Expect(Criterion(card, SubsidyCriterion.MoveWithinDays)).ToHaveAttributeAsync("data-outcome", "Met");
        await Expect(card.GetByTestId("computed-amount")).ToContainTextAsync(ComputedAmount);

        // The region's partner, in another browser, finds it in the queue and asks for the lease.
        await using var partnerContext = await NewContextAsync();
        var partner = await partnerContext.NewPageAsync();
        Watch(partner, errors);
        await SignInAsync(partner, PartnerEmail, TestUsers.Password);
        await partner.GotoAsync("/subsidies/review");
        await WaitForInteractiveAsync(partner);
        var row = partner.Locator("[data-testid=review-grid] tbody tr").Filter(new() { HasText = "Okafor" });
        await Expect(row).ToContainTextAsync("Déposée");
        await Expect(row).ToContainTextAsync(ComputedAmount);
        await row.GetByTestId("review-link").ClickAsync();
        await partner.WaitForURLAsync("**/subsidies/review/*");
        await WaitForInteractiveAsync(partner);
        var reviewUrl = partner.Url;
        await Expect(partner.GetByTestId("review-status")).ToHaveTextAsync("Déposée");
        await Expect(partner.GetByTestId("review-document")).ToContainTextAsync("offre-emploi.pdf");
        await Expect(partner.Locator("[data-testid=criterion-row][data-criterion=Housing]")).ToHaveAttributeAsync("data-outcome", "MissingProof");
        await partner.GetByTestId("review-information").FillAsync("Il manque le bail signé à Saguenay.");
        await partner.GetByTestId("review-ask").ClickAsync();
        await Expect(partner.GetByTestId("review-status")).ToHaveTextAsync("Renseignements demandés");
        await Expect(partner.GetByTestId("review-outcome")).ToContainTextAsync("Il manque le bail signé à Saguenay.");
        await Expect(partner.GetByTestId("review-decision")).ToHaveCountAsync(0);

        // The counsellor sees it back, adds the lease and submits again.
        await OpenSubsidyTabAsync(householdId);
        await Expect(card.GetByTestId("subsidy-status")).ToHaveTextAsync("Renseignements demandés");
        await Expect(card.GetByTestId("subsidy-information-request")).ToContainTextAsync("Il manque le bail signé à Saguenay.");
        await UploadAsync(card, "Bail signé", lease);
        await Expect(card.GetByTestId("subsidy-document")).ToHaveCountAsync(2);
        await Expect(Criterion(card, SubsidyCriterion.Housing)).ToHaveAttributeAsync("data-outcome", "Met");
        await Expect(card.GetByTestId("subsidy-submit")).ToHaveTextAsync("Déposer de nouveau");
        await card.GetByTestId("subsidy-submit").ClickAsync();
        await Expect(card.GetByTestId("subsidy-status")).ToHaveTextAsync("Déposée");
        await Expect(card.Locator("[data-testid=criterion-row][data-outcome=Met]")).ToHaveCountAsync(Enum.GetValues<SubsidyCriterion>().Length);
        await ScreenshotForDocsAsync("subsidy.png");

        // The partner approves the amount as computed.
        await partner.GotoAsync(reviewUrl);
        await WaitForInteractiveAsync(partner);
        await Expect(partner.GetByTestId("review-status")).ToHaveTextAsync("Déposée");
        await Expect(partner.GetByTestId("review-document")).ToHaveCountAsync(2);
        await Expect(partner.GetByTestId("review-amount")).ToHaveValueAsync(new Regex(@"^1\s?500([,.]00)?$"));
        await partner.GetByTestId("review-approve").ClickAsync();
        await Expect(partner.GetByTestId("review-status")).ToHaveTextAsync("Approuvée");
        await Expect(partner.GetByTestId("review-outcome")).ToContainTextAsync(ComputedAmount);

        // The counsellor records the payment, then the household's settlement in the region.
        await OpenSubsidyTabAsync(householdId);
        await Expect(card.GetByTestId("subsidy-status")).ToHaveTextAsync("Approuvée");
        await Expect(card.GetByTestId("subsidy-decision")).ToContainTextAsync(ComputedAmount);
        await card.GetByLabel("Date du versement").FillAsync(Day(today));
        await card.GetByLabel("Date du versement").PressAsync("Tab");
        await Expect(Page.GetByTestId("payment-amount")).ToHaveValueAsync(new Regex(@"^1\s?500([,.]00)?$"));
        await Page.GetByTestId("payment-reference").FillAsync("VIR-2026-0451");
        await Page.GetByTestId("payment-reference").PressAsync("Tab");
        await Page.GetByTestId("payment-record").ClickAsync();
        await Expect(card.GetByTestId("subsidy-status")).ToHaveTextAsync("Versée");
        await Expect(card.GetByTestId("subsidy-payment")).ToContainTextAsync("VIR-2026-0451");
        await Expect(card.GetByTestId("subsidy-payment")).ToContainTextAsync(ComputedAmount);

        await Page.GetByTestId("more-actions").ClickAsync();
        await Page.GetByTestId("action-Settle").ClickAsync();
        var dialog = Page.GetByTestId("transition-dialog");
        await dialog.GetByLabel("Région d'établissement").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Saguenay" }).ClickAsync();
        await Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await dialog.GetByTestId("transition-reason").FillAsync(Saguenay);
        await dialog.GetByTestId("transition-reason").PressAsync("Tab");
        // The dialog's actions sit outside its content.
        await Page.GetByTestId("transition-confirm").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("household-status")).ToHaveTextAsync("Établi en région");
        await Expect(Page.GetByTestId("household-settlement")).ToContainTextAsync(Saguenay);
        Assert.Empty(errors);

        await using var db = Database.CreateDbContext();
        var application = await db.SubsidyApplications.AsNoTracking().SingleAsync(a => a.HouseholdId == householdId);
        Assert.Equal(
            (SubsidyStatus.Paid, 1500m, 1500m, today, "VIR-2026-0451", "02", Saguenay),
            (application.Status, application.ApprovedAmount, application.PaidAmount, application.PaidOn, application.PaymentReference,
                application.DestinationRegionCode, application.DestinationMunicipality));
        Assert.Equal(2, await db.SubsidyDocuments.CountAsync(d => d.ApplicationId == application.Id));
        var household = await db.Households.AsNoTracking().SingleAsync(h => h.Id == householdId);
        Assert.Equal(CaseStatus.Settled, household.Status);
        Assert.Equal("02", household.Settlement?.RegionCode);
    }

    private static ILocator Criterion(ILocator card, SubsidyCriterion criterion) =>
        card.Locator($"[data-testid=criterion-row][data-criterion={criterion}]");

    private static void Watch(IPage page, List<string> errors)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
    }

    /// <summary>The file's page, interactive, on its "Soutien financier" tab.</summary>
    private async Task OpenSubsidyTabAsync(Guid householdId)
    {
        await Page.GotoAsync($"/households/{householdId}");
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Soutien financier" }).ClickAsync();
        // "Nouvelle demande" while none is in progress, else the application in progress.
        await Expect(Page.GetByTestId("subsidy-new").Or(Page.GetByTestId("subsidy-application")).First).ToBeVisibleAsync();
    }

    /// <summary>Chooses the document's type, then gives the file to the upload's input (the picker stays closed).</summary>
    private async Task UploadAsync(ILocator card, string type, string path)
    {
        await card.GetByLabel("Type de document").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(type)}\\s*$") }).ClickAsync();
        await Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Téléverser" })).ToBeEnabledAsync();
        await card.Locator("input[type=file]").SetInputFilesAsync(path);
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Courriel").FillAsync(email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await WaitForInteractiveAsync(page);
    }

    private static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("#app-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>A small, well-formed one-page PDF written to a temporary file.</summary>
    private static async Task<string> PdfFileAsync(string name)
    {
        var directory = Directory.CreateTempSubdirectory("casemanager-subsidy-");
        var path = Path.Combine(directory.FullName, name);
        await File.WriteAllBytesAsync(path, MinimalPdf());
        return path;
    }

    private static byte[] MinimalPdf()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
            "<< /Length 0 >>\nstream\n\nendstream",
        ];
        var text = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(text.Length);
            text.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = text.Length;
        text.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        text.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// A file of the demo counsellor at the subsidy stage (three people, permanent residents, an
    /// agreed plan, an information session attended), and a partner user of an organization that
    /// serves Saguenay–Lac-Saint-Jean.
    /// </summary>
    private async Task<Guid> FileAtTheSubsidyStageAsync()
    {
        await using var db = Database.CreateDbContext();
        var me = await db.Users.SingleAsync(u => u.Email == Counsellor);
        var now = DateTimeOffset.UtcNow;
        var today = AppClock.DateOf(now);
        ActionContext At(DateTimeOffset instant) => new(new Actor(me.Id, me.DisplayName), instant, AppClock.DateOf(instant));
        var household = new HouseholdBuilder()
            .WithFileNumber(FileNumber)
            .AssignedTo(me.Id)
            .WithOrganization(me.OrganizationId!.Value)
            .WithProfile(p => p.WithPrimaryApplicant("Chioma", "Okafor").WithSpouse("Emeka", "Okafor").WithChild("Ada", new DateOnly(2017, 5, 14))
                .WithPreferredRegions("02").With(profile => profile.ImmigrationStatusCode = "permanent-resident"))
            .WithNeeds("employment", "housing")
            .AtStage(Stage.MovingSubsidy)
            .Build();
        db.ActingAs(At(now)).Households.Add(household);

        var plan = Plan.Start(household.Id, At(now.AddDays(-60)));
        plan.AddGoal("employment", null, At(now.AddDays(-60)));
        plan.Agree(today.AddDays(-59), "Chioma et Emeka Okafor", At(now.AddDays(-59)));
        db.ActingAs(At(now)).Plans.Add(plan);

        var partner = await TestPartners.CreateAsync(db, "Accueil Saguenay–Lac-Saint-Jean", "02", Saguenay);
        var heldAt = now.AddDays(-30);
        var session = InfoSession.Plan(
            new SessionDetails("Vivre au Saguenay", ["02"], [partner.Id], heldAt, 120, SessionFormat.Online, null, "https://rencontres.example.org/saguenay", "fr", 12),
            At(heldAt.AddDays(-10)));
        var seat = session.Register(household.Id, At(heldAt.AddDays(-5)));
        session.RecordAttendance(seat.Id, Attendance.Present, At(heldAt.AddHours(2)));
        db.ActingAs(At(now)).InfoSessions.Add(session);
        await db.SaveChangesAsync();

        var user = await TestUsers.CreateAsync(db, PartnerEmail, "Geneviève Tremblay", null, Roles.Partner);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PartnerOrganizationId, partner.Id));
        return household.Id;
    }
}
