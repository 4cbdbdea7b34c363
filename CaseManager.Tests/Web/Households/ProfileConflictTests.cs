using Bunit;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Web.Components;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CaseManager.Tests.Web.Households;

/// <summary>
/// The profile's conflict: what the second editor typed, beside the version saved meanwhile, in the
/// shared <see cref="ConflictNotice"/>; only what they changed, so reapplying never undoes the other change.
/// </summary>
public sealed class ProfileConflictTests(DatabaseFixture database) : ComponentTestBase
{
    [Fact]
    public async Task ConflictNotice_SecondEditorTypedAnEmailWhileTheFirstSavedAPhone_ShowsTheEmailAndReappliesItOnly()
    {
        await database.ResetAsync();
        var lists = await new ReferenceDataService(database.ContextFactory).GetAsync();
        var localizer = Services.GetRequiredService<IStringLocalizer<Strings>>();
        var loaded = Profile("aminata@example.org", "514-555-0101");
        var typed = Profile("aminata.diallo@example.org", "514-555-0101"); // the second editor changes the email
        typed.NeedCodes = ["employment", "housing"];
        var current = Profile("aminata@example.org", "819-555-0199"); // the first one saved a new phone
        var settled = 0;

        var conflict = EditConflict.Compare(this, loaded, typed, current, ProfileConflictFields.For(localizer, lists));
        Render<MudBlazor.MudPopoverProvider>();
        var notice = Render<ConflictNotice>(p => p.Add(n => n.Conflict, conflict).Add(n => n.OnSettled, () => settled++));

        var rows = notice.FindAll("[data-testid=conflict-value]");
        Assert.Equal(["Coordonnées · Courriel", "Besoins"], rows.Select(r => r.QuerySelector("[data-testid=conflict-label]")!.TextContent));
        Assert.Equal(("aminata.diallo@example.org", "aminata@example.org"),
            (rows[0].QuerySelector("[data-testid=conflict-yours]")!.TextContent, rows[0].QuerySelector("[data-testid=conflict-current]")!.TextContent));
        Assert.Contains("Emploi", rows[1].QuerySelector("[data-testid=conflict-yours]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("819-555-0199", notice.Markup, StringComparison.Ordinal); // the other change is not offered to undo

        await notice.InvokeAsync(() => rows[0].QuerySelector("[data-testid=conflict-reapply-one]")!.ClickAsync(new()));

        Assert.Equal(("aminata.diallo@example.org", "819-555-0199"), (current.Contact.Email, current.Contact.Phone));
        Assert.Empty(current.NeedCodes); // not reapplied yet
        notice.WaitForAssertion(() => Assert.Single(notice.FindAll("[data-testid=conflict-value]")));
        Assert.Equal(0, settled);

        await notice.InvokeAsync(() => notice.Find("[data-testid=conflict-reapply]").ClickAsync(new()));

        notice.WaitForAssertion(() => Assert.Equal(1, settled));
        Assert.Equal(["employment", "housing"], current.NeedCodes);
        typed.NeedCodes.Add("health"); // the form edits its own copy, not the one kept in the conflict
        Assert.Equal(2, current.NeedCodes.Count);
    }

    [Fact]
    public void Compare_OnlyTheOtherPersonChangedSomething_KeepsNothing()
    {
        var loaded = Profile("aminata@example.org", "514-555-0101");
        var typed = Profile("aminata@example.org", "514-555-0101");
        var current = Profile("aminata@example.org", "819-555-0199");
        var localizer = Services.GetRequiredService<IStringLocalizer<Strings>>();

        Assert.Null(EditConflict.Compare(this, loaded, typed, current, ProfileConflictFields.For(localizer, new ReferenceLists([], [], [], [], []))));
    }

    private static HouseholdProfile Profile(string email, string phone) => new()
    {
        PrimaryApplicant = new Person { FirstName = "Aminata", LastName = "Diallo", BirthDate = new DateOnly(1988, 3, 14) },
        Contact = new ContactInfo { Email = email, Phone = phone },
        Languages = ["fr", "wo"],
    };
}
