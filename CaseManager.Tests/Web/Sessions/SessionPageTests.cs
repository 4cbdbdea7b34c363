using Bunit;
using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Sessions;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Admin;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CaseManager.Tests.Web.Sessions;

/// <summary>The session's page and its dialog, in French, over the real services and database.</summary>
public sealed class SessionPageTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    private static readonly DateTimeOffset NextWeek = AppClock.FromLocal(FixedContext.Today.AddDays(7), new TimeOnly(18, 0));

    private SessionService Sessions => Services.GetRequiredService<SessionService>();

    private async Task SetUpSessionsAsync(bool providers = true)
    {
        await SetUpAsync();
        Services.AddSingleton<IBackgroundJobClient>(new RecordingJobClient());
        Services.AddScoped<SessionService>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        if (providers)
        {
            Render<MudPopoverProvider>();
            Render<MudSnackbarProvider>();
        }
    }

    private async Task<(Guid Session, Household Household)> SessionWithAHouseholdAsync(Guid partnerId)
    {
        Current.User = Supervisor;
        var session = await Sessions.CreateAsync(new SessionDetails(
            "Vivre au Bas-Saint-Laurent", ["01"], [partnerId], NextWeek, 120, SessionFormat.InPerson, "1100, rue Sainte-Catherine Ouest", null, "fr", 10));
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.InfoSession).WithProfile(p => p
            .WithPrimaryApplicant("Aminata", "Diallo").WithSpouse().WithEmail("aminata.secret@courriel.test").WithPhone("514 555-0199")));
        await Sessions.RegisterAsync(session, household.Id);
        return (session, household);
    }

    [Fact]
    public async Task PartnerView_ShowsNameAndSizeOnly_AndRecordsAttendanceAfterTheStart()
    {
        await SetUpSessionsAsync();
        RegionalPartnerHolder partner;
        await using (var db = Database.CreateDbContext())
        {
            partner = new(await TestPartners.CreateAsync(db));
        }

        var (session, household) = await SessionWithAHouseholdAsync(partner.Value.Id);
        await using (var db = Database.CreateDbContext())
        {
            Current.User = await TestUsers.CreateAsync(db, "annie@partenaire.test", "Annie Gauthier", null, Roles.Partner);
            await db.Users.Where(u => u.Id == Current.User.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.PartnerOrganizationId, partner.Value.Id));
        }

        Time.SetUtcNow(NextWeek.AddMinutes(30));
        var page = Render<SessionPage>(parameters => parameters.Add(p => p.Id, session));

        page.WaitForAssertion(() => Assert.Equal("Diallo, Aminata", page.Find("[data-testid=participant-name]").TextContent));
        var row = page.Find("[data-testid=participant]").TextContent;
        Assert.Contains("2", row, StringComparison.Ordinal);
        Assert.DoesNotContain(household.FileNumber, page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("aminata.secret", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("555-0199", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=session-edit]"));
        Assert.Empty(page.FindAll("[data-testid=register-household]"));

        page.Find("[data-testid=attendance-Present]").Click();

        page.WaitForAssertion(() => Assert.Equal("Tenue", page.Find("[data-testid=session-status]").TextContent.Trim()));
        await using var check = Database.CreateDbContext();
        Assert.Equal(Attendance.Present, (await check.SessionRegistrations.SingleAsync()).Attendance);
    }

    [Fact]
    public async Task CounsellorView_BeforeTheStart_LinksTheirFileAndOffersNoAttendanceYet()
    {
        await SetUpSessionsAsync();
        Guid partnerId;
        await using (var db = Database.CreateDbContext())
        {
            partnerId = (await TestPartners.CreateAsync(db)).Id;
        }

        var (session, household) = await SessionWithAHouseholdAsync(partnerId);
        Current.User = Marie;

        var page = Render<SessionPage>(parameters => parameters.Add(p => p.Id, session));

        page.WaitForAssertion(() => Assert.Contains($"{household.FileNumber} · Diallo, Aminata", page.Find("[data-testid=participant]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=attendance-Present]"));
        Assert.Equal("—", page.Find("[data-testid=participant-attendance]").TextContent.Trim());
        Assert.Contains("2025-11-19 18 h 00 – 20 h 00", page.Find("[data-testid=session-when]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=unregister]"));
    }

    [Fact]
    public async Task SessionDialog_NoTitleAndNoRegion_SaysWhyInFrenchAndPlansNothing()
    {
        await SetUpSessionsAsync(providers: false);
        var provider = RenderDialogProvider();
        var lists = await Services.GetRequiredService<ReferenceDataService>().GetAsync();
        var parameters = new DialogParameters<SessionDialog> { { d => d.Lists, lists }, { d => d.Partners, Array.Empty<PartnerName>() } };
        _ = provider.InvokeAsync(() => Dialogs.ShowAsync<SessionDialog>("Nouvelle séance", parameters));
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=session-title]")));

        provider.Find("[data-testid=session-address]").Input("1100, rue Sainte-Catherine");
        await provider.InvokeAsync(() => provider.Find("[data-testid=session-save]").ClickAsync(new()));

        provider.WaitForAssertion(() =>
        {
            var error = provider.Find("[data-testid=session-form-error]").TextContent;
            Assert.Contains("Choisissez au moins une région présentée.", error, StringComparison.Ordinal);
            Assert.Contains("Le titre de la séance est requis.", error, StringComparison.Ordinal);
        });
        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.InfoSessions.ToListAsync());
    }

    private sealed record RegionalPartnerHolder(CaseManager.Domain.Partners.RegionalPartner Value);
}
