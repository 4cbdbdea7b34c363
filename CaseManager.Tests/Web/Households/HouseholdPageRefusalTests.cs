using Bunit;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Access;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CaseManager.Tests.Web.Households;

/// <summary>
/// A file's page reached by its address (no prerendering: the page asks the service, the runner
/// asks the policy) by someone who may not open it: the refusal, and nothing of the file.
/// </summary>
public sealed class HouseholdPageRefusalTests(DatabaseFixture database) : ComponentTestBase
{
    private readonly TestCurrentUser _current = new(UserIdentity.Anonymous);

    [Fact]
    public async Task AnotherCounsellorsFile_ByItsAddress_ShowsTheRefusalAndNoneOfTheFile()
    {
        var (household, _, paul) = await ArrangeAsync();
        _current.User = paul;

        var page = RenderPage(household.Id);

        page.WaitForAssertion(() => Assert.Contains("Vous n'avez pas accès à ce dossier", page.Find("[data-testid=household-error]").TextContent));
        Assert.DoesNotContain(household.FileNumber, page.Markup);
        Assert.DoesNotContain(household.PrimaryApplicant.LastName, page.Markup);
        Assert.Empty(page.FindAll("[data-testid=household-title]"));
    }

    [Fact]
    public async Task AFileThatDoesNotExist_SaysSo()
    {
        var (_, marie, _) = await ArrangeAsync();
        _current.User = marie;

        var page = RenderPage(Guid.NewGuid());

        page.WaitForAssertion(() => Assert.Contains("Ce dossier n'existe pas", page.Find("[data-testid=household-error]").TextContent));
    }

    private IRenderedComponent<HouseholdPage> RenderPage(Guid id)
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render<HouseholdPage>(p => p.Add(x => x.Id, id));
    }

    private async Task<(Household Household, UserIdentity Marie, UserIdentity Paul)> ArrangeAsync()
    {
        await database.ResetAsync();
        UserIdentity marie, paul;
        await using (var db = database.CreateDbContext())
        {
            marie = await TestUsers.CounsellorAsync(db, "Marie Tremblay", organizationId: 1);
            paul = await TestUsers.CounsellorAsync(db, "Paul Nguyen", organizationId: 2);
        }

        var clock = new AppClock(new FakeTimeProvider(FixedContext.Now));
        var access = new AccessPolicy(database.ContextFactory, _current, clock, NullLogger<AccessPolicy>.Instance);
        Services.AddSingleton(clock);
        Services.AddSingleton(new HouseholdService(database.ContextFactory, access, clock, NullLogger<HouseholdService>.Instance));
        Services.AddSingleton(new ReferenceDataService(database.ContextFactory));

        var household = new HouseholdBuilder().WithFileNumber("2025-00777").AssignedTo(marie.Id)
            .WithProfile(p => p.WithPrimaryApplicant("Amina", "Ouedraogo")).Build();
        await using (var db = database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).Households.Add(household);
            await db.SaveChangesAsync();
        }

        return (household, marie, paul);
    }
}
