using CaseManager.Domain.Assignment;
using CaseManager.Domain.Common;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManager.Tests.EndToEnd;

/// <summary>A supervisor reassigns a file from the caseload; the new counsellor finds it in theirs, in a real browser.</summary>
public sealed class SupervisionJourneyTests(DatabaseFixture database, BrowserFixture browser) : EndToEndTest(database, browser)
{
    private const string Supervisor = "superviseur@demo.local";
    private const string NewCounsellor = "karim.benali@demo.local";

    [Fact]
    public async Task Reassign_FromTheCaseload_TheNewCounsellorSeesTheFileInTheirCaseload()
    {
        var fileNumber = await FileOfTheDemoCounsellorAsync();
        await SignInAsync(Supervisor);
        var rows = Page.Locator("[data-testid=caseload-grid] tbody tr");
        await Page.GetByTestId("caseload-search").FillAsync("Quintal");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Marie Tremblay");

        // MudCheckBox puts its attributes on the input or around it, depending on the version.
        await Page.Locator($"input[data-testid=select-{fileNumber}], [data-testid=select-{fileNumber}] input").CheckAsync();
        await Page.GetByTestId("reassign-selected").ClickAsync();
        await Expect(Page.GetByTestId("reassign-files")).ToContainTextAsync(fileNumber);
        await Page.GetByTestId("reassign-counsellor").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Karim Benali" }).ClickAsync();
        await Page.GetByTestId("reassign-reason").FillAsync("Le ménage parle arabe");
        await Page.GetByTestId("reassign-confirm").ClickAsync();

        await Expect(Page.GetByText("1 dossier(s) réassigné(s).")).ToBeVisibleAsync();
        await Expect(rows.First).ToContainTextAsync("Karim Benali");

        // Karim, signed in, finds it among his files, with why it came to him in its history.
        await Page.Context.ClearCookiesAsync();
        await SignInAsync(NewCounsellor);
        await Page.GetByTestId("caseload-search").FillAsync("Quintal");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(fileNumber);
        await rows.First.ClickAsync();
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Historique" }).ClickAsync();
        var history = Page.GetByTestId("assignment-line");
        await Expect(history.First).ToContainTextAsync("Marie Tremblay → Karim Benali");
        await Expect(history.First).ToContainTextAsync("Le ménage parle arabe");

        await using var db = Database.CreateDbContext();
        var karim = await db.Users.SingleAsync(u => u.Email == NewCounsellor);
        Assert.Equal(karim.Id, await db.Households.Where(h => h.FileNumber == fileNumber).Select(h => h.AssignedCounsellorId).SingleAsync());
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == karim.Id && n.Kind == CaseManager.Domain.Reminders.ReminderKind.FileAssigned));
    }

    /// <summary>A file of the demo counsellor (Marie Tremblay) with a name nobody else has.</summary>
    private async Task<string> FileOfTheDemoCounsellorAsync()
    {
        await using var db = Database.CreateDbContext();
        var marie = await db.Users.SingleAsync(u => u.Email == "intervenant@demo.local");
        var household = new HouseholdBuilder()
            .WithFileNumber("2099-00007")
            .AssignedTo(marie.Id)
            .WithOrganization(marie.OrganizationId!.Value)
            .WithProfile(p => p.WithPrimaryApplicant("Zaïd", "Quintal"))
            .Build();
        var context = new ActionContext(new Actor(marie.Id, marie.DisplayName), DateTimeOffset.UtcNow, AppClock.DateOf(DateTimeOffset.UtcNow));
        db.ActingAs(context).Households.Add(household);
        db.Assignments.Add(AssignmentRecord.Manual(household.Id, null, marie.Id, marie.OrganizationId!.Value, AssignmentReason.CreatedByCounsellor, null, null, context));
        await db.SaveChangesAsync();
        return household.FileNumber;
    }
}
