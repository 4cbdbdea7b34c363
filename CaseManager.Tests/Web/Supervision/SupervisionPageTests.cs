using Bunit;
using CaseManager.Tests.Jobs;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Admin;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Assignment;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Features.Supervision;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Supervision;

/// <summary>The supervision page and the reassignment dialog, rendered with bUnit in French over the real services.</summary>
public sealed class SupervisionPageTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    private async Task SetUpSupervisionAsync()
    {
        await SetUpAsync();
        Services.AddSingleton(new ReminderEmails(ReminderTestBase.Links));
        Services.AddSingleton<IBackgroundJobClient>(new RecordingJobClient());
        Services.AddScoped<SupervisionService>();
        Services.AddScoped<AssignmentHistoryService>();
        Services.AddScoped<CaseManager.Web.Features.Intake.DuplicateService>();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private SupervisionService Supervision => Services.GetRequiredService<SupervisionService>();

    private async Task<string?> CounsellorOfAsync(Guid householdId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Households.Where(h => h.Id == householdId).Select(h => h.AssignedCounsellorId).SingleAsync();
    }

    [Fact]
    public async Task Render_AsSupervisor_ShowsEachCaseloadTheAbsenceAndGivesTheFilesBackOnReturn()
    {
        await SetUpSupervisionAsync();
        await SaveAsync(Marie);
        await SaveAsync(Marie, b => b.WithContact(FixedContext.Today.AddDays(-40)));
        var paulsFile = await SaveAsync(Paul);
        Current.User = Supervisor;
        await Supervision.RecordAbsenceAsync(Paul.Id, FixedContext.Today, FixedContext.Today.AddDays(4), "Formation");
        Assert.Equal(Marie.Id, await CounsellorOfAsync(paulsFile.Id));
        RenderDialogProvider();
        var snackbars = Render<MudSnackbarProvider>();

        var page = Render<SupervisionPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=counsellor-row]").Count));
        var marie = page.Find($"[data-testid=counsellor-row][data-counsellor='{Marie.Id}']");
        var paul = page.Find($"[data-testid=counsellor-row][data-counsellor='{Paul.Id}']");
        Assert.Equal("3", marie.QuerySelector("[data-testid=open-count]")!.TextContent.Trim());
        Assert.Contains("Absent(e)", paul.TextContent, StringComparison.Ordinal);
        Assert.Contains("sans contact depuis 30 jours", page.Markup, StringComparison.Ordinal);
        var absence = page.Find("[data-testid=absence-row]");
        Assert.Contains("2025-11-12 – 2025-11-16", absence.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 dossier(s) réparti(s)", absence.TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=absence-return]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Paul Nguyen est de retour; 1 dossier(s) rendu(s).", snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(Paul.Id, await CounsellorOfAsync(paulsFile.Id));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=away-chip]")));
    }

    [Fact]
    public async Task Render_AsSupervisor_CountsThePossibleDuplicatesWaiting()
    {
        await SetUpSupervisionAsync();
        var older = await SaveAsync(Marie);
        var newer = await SaveAsync(Paul);
        await using (var db = Database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).DuplicateFlags.Add(
                CaseManager.Domain.Intake.DuplicateFlag.Raise(newer.Id, older.Id, CaseManager.Domain.Intake.DuplicateCriteria.Email, FixedContext.Now));
            await db.SaveChangesAsync();
        }

        Current.User = Supervisor;

        var page = Render<SupervisionPage>();

        page.WaitForAssertion(() => Assert.Equal("Doublons possibles à traiter : 1", page.Find("[data-testid=duplicates-count]").TextContent.Trim()));
        Assert.Equal("/supervision/duplicates", page.Find("[data-testid=duplicates-count]").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_AsCounsellor_SaysAccessIsRefused()
    {
        await SetUpSupervisionAsync();
        await SaveAsync(Marie);
        RenderDialogProvider();

        var page = Render<SupervisionPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=supervision-error]")));
        Assert.Empty(page.FindAll("[data-testid=counsellor-row]"));
        Assert.Empty(page.FindAll("[data-testid=record-absence]"));
    }

    [Fact]
    public async Task ReassignDialog_WithoutCounsellorOrReason_SaysWhatIsMissingAndStaysOpen()
    {
        await SetUpSupervisionAsync();
        var provider = RenderDialogProvider();
        var parameters = new DialogParameters<ReassignDialog>
        {
            { d => d.FileNumbers, ["2025-00001", "2025-00002"] },
            { d => d.Counsellors, [new CounsellorOption(Paul.Id, "Paul Nguyen", 2, "CFIQ")] },
        };
        var reference = await provider.InvokeAsync(() => Dialogs.ShowAsync<ReassignDialog>("Réassigner des dossiers", parameters));

        provider.WaitForAssertion(() => Assert.Contains("2 dossier(s) : 2025-00001, 2025-00002", provider.Find("[data-testid=reassign-files]").TextContent, StringComparison.Ordinal));
        provider.Find("[data-testid=reassign-confirm]").Click();

        provider.WaitForAssertion(() =>
        {
            Assert.Contains("Choisissez l'intervenant(e) qui reçoit les dossiers.", provider.Markup, StringComparison.Ordinal);
            Assert.Contains("Indiquez le motif de la réassignation.", provider.Markup, StringComparison.Ordinal);
        });
        Assert.False(reference.Result.IsCompleted);
    }
}
