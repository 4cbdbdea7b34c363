using System.Net;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.HouseholdSpace;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.HouseholdSpace;

/// <summary>The personal link over real HTTP: issue, open, expiry, revocation, a new link ending the old ones, forged tokens, and asking for one.</summary>
public sealed class HouseholdLinkHttpTests(DatabaseFixture database) : HouseholdSpaceHttpTestBase(database)
{
    [Fact]
    public async Task Open_AFreshLink_SignsThePhoneInAndShowsItsOwnSpace()
    {
        var household = await HouseholdAsync();
        var phone = NewPhone();

        await SignedInAsync(phone, await IssueAsync(household.Id));
        var space = await SpaceAsync(phone);

        Assert.Equal(HttpStatusCode.OK, space.StatusCode);
        var html = await TextAsync(space);
        Assert.Contains("Bonjour Aminata", html, StringComparison.Ordinal);
        Assert.Contains(household.FileNumber, html, StringComparison.Ordinal);
        Assert.Contains("Mettre mon CV à jour", html, StringComparison.Ordinal);
        Assert.Contains("Marie Tremblay", html, StringComparison.Ordinal);
        var session = await InDatabaseAsync(db => db.HouseholdSessions.AsNoTracking().SingleAsync());
        Assert.Equal(household.Id, session.HouseholdId);
        Assert.Null(session.RevokedAt);
    }

    [Fact]
    public async Task Open_ThePageFetchedByAMailScanner_DoesNotUseTheLink()
    {
        var household = await HouseholdAsync();
        var link = await IssueAsync(household.Id);

        // A scanner (or a preview) fetches the address; only the button's POST opens it.
        var scanned = await NewPhone().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);

        await SignedInAsync(NewPhone(), link);
    }

    [Fact]
    public async Task Open_ALinkAlreadyUsed_IsRefusedAndSignsNothingIn()
    {
        var household = await HouseholdAsync();
        var link = await IssueAsync(household.Id);
        await SignedInAsync(NewPhone(), link);
        var other = NewPhone();

        var second = await OpenAsync(other, link);

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.EndsWith("?refus=lien", second.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SpaceAsync(other)).StatusCode);
    }

    [Fact]
    public async Task Open_AnExpiredLink_IsRefused()
    {
        var household = await HouseholdAsync();
        var link = await IssueAsync(household.Id);
        await using (var db = Database.CreateDbContext())
        {
            await db.HouseholdLinks.ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var opened = await OpenAsync(NewPhone(), link);

        Assert.EndsWith("?refus=lien", opened.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_ANewLink_EndsTheEarlierUnusedOneAndOpensItself()
    {
        var household = await HouseholdAsync();
        var first = await IssueAsync(household.Id);
        var second = await IssueAsync(household.Id);

        var old = await OpenAsync(NewPhone(), first);

        Assert.EndsWith("?refus=lien", old.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await SignedInAsync(NewPhone(), second);
        var links = await InDatabaseAsync(db => db.HouseholdLinks.AsNoTracking().OrderBy(l => l.IssuedAt).ToListAsync());
        Assert.Equal(2, links.Count);
        Assert.NotNull(links[0].RevokedAt);
        Assert.NotNull(links[1].UsedAt);
        // Only the hash is kept: the token in the address is nowhere in the table.
        Assert.DoesNotContain(links, l => first.AbsoluteUri.Contains(l.TokenHash, StringComparison.Ordinal) || l.TokenHash == first.Segments[^1]);
        Assert.All(links, l => Assert.Equal(64, l.TokenHash.Length));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    [InlineData("%27%20OR%201%3D1%20--")]
    public async Task Open_AForgedOrGuessedToken_IsRefused(string token)
    {
        var household = await HouseholdAsync();
        await IssueAsync(household.Id);
        var phone = NewPhone();

        var opened = await OpenAsync(phone, new Uri($"http://casemanager.test/espace/lien/{token}"));

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Contains("refus=lien", opened.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(0, await InDatabaseAsync(db => db.HouseholdSessions.CountAsync()));
    }

    [Fact]
    public async Task Open_WithoutThePagesAntiforgeryToken_IsRefusedAndTheLinkStaysUnused()
    {
        var household = await HouseholdAsync();
        var link = await IssueAsync(household.Id);

        var posted = await NewPhone().PostAsync(link.PathAndQuery.Replace("/espace/lien/", "/espace/ouvrir/", StringComparison.Ordinal), new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        await SignedInAsync(NewPhone(), link);
    }

    [Fact]
    public async Task Revoke_ByTheCounsellor_SignsOutTheDeviceAndEndsTheWaitingLink()
    {
        var household = await HouseholdAsync();
        var phone = NewPhone();
        await SignedInAsync(phone, await IssueAsync(household.Id));
        var waiting = await IssueAsync(household.Id);

        await AsStaffAsync(Marie, admin => admin.RevokeAsync(household.Id));

        var space = await SpaceAsync(phone);
        Assert.Equal(HttpStatusCode.Redirect, space.StatusCode);
        Assert.StartsWith(HouseholdSpaceRegistration.AskPath, space.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.EndsWith("?refus=lien", (await OpenAsync(NewPhone(), waiting)).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var journal = await InDatabaseAsync(db => db.JournalEntries.Where(j => j.HouseholdId == household.Id).Select(j => j.Text).ToListAsync());
        Assert.Contains(journal, t => t.StartsWith("Accès à l'espace du ménage révoqué : 1 lien(s) et 1 appareil(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendByEmail_FromTheFile_WritesTheLinkToTheOutboxInTheHouseholdsLanguageAndTheJournal()
    {
        var household = await HouseholdAsync(email: "fatima@example.org");
        await using (var db = Database.CreateDbContext())
        {
            await db.Households.Where(h => h.Id == household.Id).ExecuteUpdateAsync(set => set.SetProperty(h => h.Languages, ["en"]));
        }

        await AsStaffAsync(Marie, admin => admin.SendByEmailAsync(household.Id));

        var email = await InDatabaseAsync(db => db.OutgoingEmails.SingleAsync(e => e.ToAddress == "fatima@example.org"));
        Assert.Equal("Your personal link to your space", email.Subject);
        var link = await LinkSentToAsync("fatima@example.org");
        await SignedInAsync(NewPhone(), link!);
        var journal = await InDatabaseAsync(db => db.JournalEntries.Where(j => j.HouseholdId == household.Id).SingleAsync());
        Assert.StartsWith("Lien personnel vers l'espace du ménage envoyé par courriel à fatima@example.org", journal.Text, StringComparison.Ordinal);
        Assert.Equal(Marie.Id, journal.AuthorId);
    }

    [Fact]
    public async Task SendByText_FromTheFile_QueuesTheLinkToTheFilesNumberInTheHouseholdsLanguageAndTheJournal()
    {
        var (stored, e164) = FakeSms.NewNumber();
        var household = await HouseholdAsync(email: "fatima@example.org", phone: stored);
        await using (var db = Database.CreateDbContext())
        {
            await db.Households.Where(h => h.Id == household.Id).ExecuteUpdateAsync(set => set.SetProperty(h => h.Languages, ["en"]));
        }

        await AsStaffAsync(Marie, admin => admin.SendByTextAsync(household.Id), FakeSms.Options(statusCallbacks: false));

        var text = await InDatabaseAsync(db => db.OutgoingTextMessages.SingleAsync(m => m.HouseholdId == household.Id));
        Assert.Equal(e164, text.ToNumber);
        Assert.StartsWith("Your personal space of the regionalization program: ", text.Body, StringComparison.Ordinal);
        var link = new Uri(LinkInText().Match(text.Body).Value);
        await SignedInAsync(NewPhone(), link);
        var journal = await InDatabaseAsync(db => db.JournalEntries.Where(j => j.HouseholdId == household.Id).SingleAsync());
        Assert.StartsWith("Lien personnel vers l'espace du ménage envoyé par texto", journal.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendByText_WhenTextMessagesAreNotSetUp_IsRefusedAndIssuesNoLink()
    {
        var household = await HouseholdAsync();

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => AsStaffAsync(Marie, admin => admin.SendByTextAsync(household.Id)));

        Assert.Equal("Space.Text.Disabled", refused.Refusals[0].Code);
        Assert.Equal(0, await InDatabaseAsync(db => db.HouseholdLinks.CountAsync()));
        Assert.Equal(0, await InDatabaseAsync(db => db.JournalEntries.CountAsync(j => j.HouseholdId == household.Id)));
    }

    [Fact]
    public async Task SendByEmail_ByAnotherCounsellor_IsRefusedAndNothingIsSent()
    {
        var household = await HouseholdAsync();
        var paul = await InDatabaseAsync(db => TestUsers.CreateAsync(db, "paul@test.local", "Paul Nguyen", 2, Roles.Counsellor));

        await Assert.ThrowsAsync<CaseManager.Web.Infrastructure.AccessDeniedException>(() => AsStaffAsync(paul, admin => admin.SendByEmailAsync(household.Id)));

        Assert.Equal(0, await InDatabaseAsync(db => db.HouseholdLinks.CountAsync()));
    }

    [Fact]
    public async Task Ask_ForAKnownAndAnUnknownAddress_GivesTheSameAnswerAndSendsOnlyToTheFilesEmail()
    {
        var household = await HouseholdAsync(email: "aminata@example.org");

        var known = await AskAsync(NewPhone(), "Aminata@Example.org");
        var unknown = await AskAsync(NewPhone(), "nobody@example.org");

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        var emails = await InDatabaseAsync(db => db.OutgoingEmails.Select(e => e.ToAddress).ToListAsync());
        Assert.Equal(["aminata@example.org"], emails);
        await SignedInAsync(NewPhone(), (await LinkSentToAsync("aminata@example.org"))!);
        var journal = await InDatabaseAsync(db => db.JournalEntries.Where(j => j.HouseholdId == household.Id).Select(j => j.Text).SingleAsync());
        Assert.StartsWith("Le ménage a demandé un nouveau lien personnel", journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ByThePhoneOfTheFile_SendsTheLinkToTheFilesEmailOnly()
    {
        await HouseholdAsync(email: "aminata@example.org", phone: "514 555-0101");

        var answer = await AskAsync(NewPhone(), "(514) 555-0101");

        Assert.Equal("/espace/acces?envoye=1", answer.Headers.Location!.OriginalString);
        var email = await InDatabaseAsync(db => db.OutgoingEmails.SingleAsync());
        Assert.Equal("aminata@example.org", email.ToAddress);
    }

    private static async Task<HttpResponseMessage> AskAsync(HttpClient phone, string contact)
    {
        var page = await phone.GetStringAsync(HouseholdSpaceRegistration.AskPath);
        return await PostFormAsync(phone, HouseholdSpaceRegistration.AskPostPath, page, new() { ["contact"] = contact });
    }
}
