using Bunit;
using CaseManager.Domain.Intake;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Intake;

/// <summary>The duplicates queue as a supervisor: both files, what they share, dismiss and merge.</summary>
public sealed class DuplicatesPageTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    [Fact]
    public async Task Merge_KeepingTheExistingFile_ClosesTheNewOneAndEmptiesTheQueue()
    {
        await SetUpAsync();
        Services.AddScoped<DuplicateService>();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var older = await SaveAsync(Marie);
        var newer = await SaveAsync(Paul);
        await using (var db = Database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).DuplicateFlags.Add(
                DuplicateFlag.Raise(newer.Id, older.Id, DuplicateCriteria.Email | DuplicateCriteria.NameAndBirthDate, FixedContext.Now));
            await db.SaveChangesAsync();
        }

        Current.User = Supervisor;
        var dialogs = RenderDialogProvider();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<DuplicatesPage>();
        page.WaitForAssertion(() => Assert.Equal("courriel, nom et date de naissance", page.Find("[data-testid=duplicate-criteria]").TextContent));

        page.Find($"[data-testid=merge-{newer.FileNumber}]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Fusionner deux dossiers", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Contains($"Dossier à conserver {older.FileNumber}", StringComparison.Ordinal)).Click();

        snackbars.WaitForAssertion(() => Assert.Contains($"Dossiers fusionnés : {older.FileNumber} est conservé.", snackbars.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Contains("Aucun doublon possible à traiter.", page.Markup, StringComparison.Ordinal));
        await using var check = Database.CreateDbContext();
        Assert.Equal(older.Id, (await check.Households.SingleAsync(h => h.Id == newer.Id)).MergedIntoId);
    }
}
