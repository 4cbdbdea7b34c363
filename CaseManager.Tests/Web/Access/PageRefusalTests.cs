using Bunit;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Sessions;
using CaseManager.Domain.Stays;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Admin;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Privacy;
using CaseManager.Web.Features.Privacy.Export;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Features.Stays;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Access;

/// <summary>
/// Interactive pages reached by their address (no prerendering: the page asks its service, the
/// service asks the policy) by someone the policy refuses: the one refusal notice of the shell
/// (who is signed in, which page, the ways back), and nothing of the record.
/// </summary>
public sealed class PageRefusalTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    private async Task SetUpPagesAsync(Action<IServiceCollection>? services = null)
    {
        await SetUpAsync();
        Services.AddSingleton<IBackgroundJobClient>(new RecordingJobClient());
        Services.AddScoped<SessionService>();
        services?.Invoke(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    /// <summary>A partner user of a new partner organization (serving region 04), as the policy will resolve them.</summary>
    private async Task<UserIdentity> PartnerOfAnotherOrganizationAsync()
    {
        await using var db = Database.CreateDbContext();
        var other = await TestPartners.CreateAsync(db, "Accueil Mauricie", "04", "Trois-Rivières");
        var user = await TestUsers.CreateAsync(db, "luc@mauricie.test", "Luc Pelletier", null, Roles.Partner);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.PartnerOrganizationId, other.Id));
        return user;
    }

    [Fact]
    public async Task StayPage_PartnerThatDoesNotHostIt_ShowsTheRefusalAndNoneOfTheStay()
    {
        await SetUpPagesAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay).WithProfile(p => p.WithPrimaryApplicant("Aminata", "Diallo")));
        Guid stayId;
        await using (var db = Database.CreateDbContext())
        {
            var host = await TestPartners.CreateAsync(db);
            var stay = ExploratoryStay.Plan(new StayDetails("01", host.Id, FixedContext.Today.AddDays(10), FixedContext.Today.AddDays(12)), FixedContext.Default);
            stay.AddParticipant(household.Id, 1, 1, FixedContext.Default);
            db.ActingAs(FixedContext.Default).Stays.Add(stay);
            await db.SaveChangesAsync();
            stayId = stay.Id;
        }

        Current.User = await PartnerOfAnotherOrganizationAsync();
        var page = Render<StayPage>(p => p.Add(x => x.Id, stayId));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=stay-error] [data-testid=access-denied-notice]")));
        Assert.Contains("Vous n'avez pas accès à ce séjour", page.Find("[data-testid=stay-error]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Diallo", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(household.FileNumber, page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=stay-status]"));
    }

    [Fact]
    public async Task StayPage_NoSuchStay_SaysSoWithTheWayHome()
    {
        await SetUpPagesAsync();

        var page = Render<StayPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=stay-error] [data-testid=not-found-home]")));
        Assert.Empty(page.FindAll("[data-testid=access-denied-notice]"));
    }

    [Fact]
    public async Task SessionPage_PartnerThatDoesNotRunIt_ShowsTheRefusalAndNoneOfTheSession()
    {
        await SetUpPagesAsync();
        Guid sessionId;
        await using (var db = Database.CreateDbContext())
        {
            var host = await TestPartners.CreateAsync(db);
            Current.User = Supervisor;
            sessionId = await Services.GetRequiredService<SessionService>().CreateAsync(new SessionDetails(
                "Vivre au Bas-Saint-Laurent", ["01"], [host.Id], FixedContext.Now.AddDays(7), 120, SessionFormat.InPerson,
                "1100, rue Sainte-Catherine Ouest", null, "fr", 10));
        }

        Current.User = await PartnerOfAnotherOrganizationAsync();
        var page = Render<SessionPage>(p => p.Add(x => x.Id, sessionId));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=session-error] [data-testid=access-denied-notice]")));
        Assert.DoesNotContain("Vivre au Bas-Saint-Laurent", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Sainte-Catherine", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivacyFilePage_Counsellor_ShowsTheRefusalAndNoneOfTheFile()
    {
        await SetUpPagesAsync(services => services
            .AddScoped<PrivacyAccess>()
            .AddSingleton(new HouseholdExporter([]))
            .AddScoped<PrivacyFileService>());
        var household = await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Aminata", "Diallo")));

        // Her own file, but the privacy officer's view of it is not hers.
        Current.User = Marie;
        var page = Render<PrivacyFilePage>(p => p.Add(x => x.Id, household.Id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=privacy-file-error] [data-testid=access-denied-notice]")));
        Assert.DoesNotContain("Diallo", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(household.FileNumber, page.Markup, StringComparison.Ordinal);
    }
}
