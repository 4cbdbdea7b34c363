using System.Net;
using CaseManager.Data.Entities;
using CaseManager.Domain.Plans;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Web.Access;
using CaseManager.Web.Features.HouseholdSpace;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.HouseholdSpace;

/// <summary>What the household does in its space, over real HTTP, and that it is the household's own in the audit and the access log; and who never gets in.</summary>
public sealed class HouseholdSpaceActionsHttpTests(DatabaseFixture database) : HouseholdSpaceHttpTestBase(database)
{
    [Fact]
    public async Task MarkTaskDone_ItsOwnTask_IsDoneOnThePlanAndAuditedAsTheHousehold()
    {
        var (household, phone) = await SignedInHouseholdAsync();

        var answer = await PostFromSpaceAsync(phone, $"/espace/actions/tache/{household.OwnTaskId}", new() { ["fait"] = "true" });

        Assert.Equal("/espace?ok=plan#plan", answer.Headers.Location!.OriginalString);
        var task = await InDatabaseAsync(db => db.PlanTasks.AsNoTracking().SingleAsync(t => t.Id == household.OwnTaskId));
        Assert.Equal(PlanTaskStatus.Done, task.Status);
        var audit = await InDatabaseAsync(db => db.AuditEntries.Where(a => a.HouseholdId == household.Id && a.EntityType == "PlanTask").ToListAsync());
        Assert.Contains(audit, a => a.UserId == HouseholdSessions.IdOf(household.Id) && a.UserName.Contains("ménage", StringComparison.Ordinal));
        var reads = await InDatabaseAsync(db => db.AccessLog.Where(a => a.HouseholdId == household.Id && a.Action == AccessAction.Viewed).Select(a => a.UserId).ToListAsync());
        Assert.Contains(HouseholdSessions.IdOf(household.Id), reads);
    }

    [Fact]
    public async Task MarkTaskDone_TheCounsellorsTask_IsRefusedAndUnchanged()
    {
        var (household, phone) = await SignedInHouseholdAsync();

        var answer = await PostFromSpaceAsync(phone, $"/espace/actions/tache/{household.CounsellorTaskId}", new() { ["fait"] = "true" });

        Assert.Contains("refus=Space.Refused", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var task = await InDatabaseAsync(db => db.PlanTasks.AsNoTracking().SingleAsync(t => t.Id == household.CounsellorTaskId));
        Assert.Equal(PlanTaskStatus.ToDo, task.Status);
        Assert.True(await InDatabaseAsync(db => db.AccessLog.AnyAsync(a => a.HouseholdId == household.Id && a.Action == AccessAction.Denied)));
    }

    [Fact]
    public async Task CommentTask_ItsOwnTask_KeepsTheCommentTheCounsellorReads()
    {
        var (household, phone) = await SignedInHouseholdAsync();

        await PostFromSpaceAsync(phone, $"/espace/actions/tache/{household.OwnTaskId}/commentaire", new() { ["commentaire"] = "Envoyé à deux employeurs" });

        var task = await InDatabaseAsync(db => db.PlanTasks.AsNoTracking().SingleAsync(t => t.Id == household.OwnTaskId));
        Assert.Equal("Envoyé à deux employeurs", task.Comment);
    }

    [Fact]
    public async Task CorrectDetails_ANewPhone_IsSavedAuditedAndTheCounsellorIsToldInTheBell()
    {
        var (household, phone) = await SignedInHouseholdAsync();
        var version = await InDatabaseAsync(db => db.Households.Where(h => h.Id == household.Id).Select(h => h.Version).SingleAsync());

        var answer = await PostFromSpaceAsync(phone, "/espace/actions/coordonnees", new()
        {
            ["courriel"] = "aminata@example.org", ["telephone"] = "438 555-0199", ["adresse"] = "", ["francais"] = "true",
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal("/espace?ok=coordonnees#coordonnees", answer.Headers.Location!.OriginalString);
        var saved = await InDatabaseAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == household.Id));
        Assert.Equal("438 555-0199", saved.Contact.Phone);
        var audit = await InDatabaseAsync(db => db.AuditEntries.Where(a => a.HouseholdId == household.Id && a.Field == "Contact.Phone").SingleAsync());
        Assert.Equal(HouseholdSessions.IdOf(household.Id), audit.UserId);
        var bell = await InDatabaseAsync(db => db.Notifications.SingleAsync(n => n.HouseholdId == household.Id));
        Assert.Equal((Marie.Id, ReminderKind.HouseholdDetailsChanged), (bell.UserId, bell.Kind));
    }

    [Fact]
    public async Task CorrectDetails_AnInvalidEmail_IsRefusedInFrenchAndNothingChanges()
    {
        var (household, phone) = await SignedInHouseholdAsync();
        var version = await InDatabaseAsync(db => db.Households.Where(h => h.Id == household.Id).Select(h => h.Version).SingleAsync());

        var answer = await PostFromSpaceAsync(phone, "/espace/actions/coordonnees", new()
        {
            ["courriel"] = "pas-un-courriel", ["telephone"] = "438 555-0199", ["francais"] = "true",
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var page = await TextAsync(await phone.GetAsync(answer.Headers.Location!.OriginalString));
        Assert.Contains("Ce courriel n'est pas valide", page, StringComparison.Ordinal);
        var saved = await InDatabaseAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == household.Id));
        Assert.Equal("514 555-0101", saved.Contact.Phone);
    }

    [Fact]
    public async Task WithdrawConsent_OneItGave_IsRecordedAsTheHouseholdsWithdrawal()
    {
        var (household, phone) = await SignedInHouseholdAsync();

        await PostFromSpaceAsync(phone, $"/espace/actions/consentement/{household.ConsentId}", []);

        var consent = await InDatabaseAsync(db => db.ConsentRecords.AsNoTracking().SingleAsync(c => c.Id == household.ConsentId));
        Assert.NotNull(consent.WithdrawnAt);
        Assert.Equal(HouseholdSessions.IdOf(household.Id), consent.WithdrawnById);
        Assert.Contains("Retiré le", await TextAsync(await SpaceAsync(phone)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_ToTheCounsellor_LandsInTheJournalAndTheBell()
    {
        var (household, phone) = await SignedInHouseholdAsync();

        var answer = await PostFromSpaceAsync(phone, "/espace/actions/message", new() { ["message"] = "Nous avons visité Rimouski." });

        Assert.Equal("/espace?ok=message#message", answer.Headers.Location!.OriginalString);
        var entry = await InDatabaseAsync(db => db.JournalEntries.SingleAsync(j => j.HouseholdId == household.Id));
        Assert.Equal("Message du ménage (espace personnel) : Nous avons visité Rimouski.", entry.Text);
        Assert.Equal(HouseholdSessions.IdOf(household.Id), entry.AuthorId);
        var bell = await InDatabaseAsync(db => db.Notifications.SingleAsync(n => n.HouseholdId == household.Id));
        Assert.Equal((Marie.Id, ReminderKind.HouseholdMessage), (bell.UserId, bell.Kind));
    }

    [Fact]
    public async Task SendMessage_Empty_IsRefusedAndNothingIsWritten()
    {
        var (household, phone) = await SignedInHouseholdAsync();

        var answer = await PostFromSpaceAsync(phone, "/espace/actions/message", new() { ["message"] = "   " });

        Assert.Contains("refus=Space.MessageRequired", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(await InDatabaseAsync(db => db.JournalEntries.AnyAsync(j => j.HouseholdId == household.Id)));
    }

    [Fact]
    public async Task Space_InEnglish_SpeaksEnglish()
    {
        var (_, phone) = await SignedInHouseholdAsync();
        await phone.GetAsync("/culture/en-CA?returnUrl=%2Fespace");

        var page = await TextAsync(await SpaceAsync(phone));

        Assert.Contains("Where my file stands", page, StringComparison.Ordinal);
        Assert.Contains("Hello Aminata", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/households")]
    [InlineData("/")]
    [InlineData("/privacy/access-log")]
    public async Task HouseholdCookie_OnAStaffPage_OpensNothing(string path)
    {
        var (_, phone) = await SignedInHouseholdAsync();
        var cookie = HouseholdCookie(phone);
        // The cookie is scoped to /espace; sent anyway (by hand), the staff's pages still do not read it.
        using var stranger = NewPhone();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);

        var response = await stranger.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HouseholdCookie_OnAStaffEndpoint_IsRefused()
    {
        var (_, phone) = await SignedInHouseholdAsync();
        using var stranger = NewPhone();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/privacy/incidents/export.csv");
        request.Headers.Add("Cookie", HouseholdCookie(phone));

        var response = await stranger.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StaffCookie_OnTheSpace_OpensNothing()
    {
        await HouseholdAsync();
        var browser = NewPhone();
        var signIn = await HttpSignIn.PostAsync(browser, "marie@test.local", TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var space = await SpaceAsync(browser);
        var action = await browser.PostAsync("/espace/actions/message", new FormUrlEncodedContent(new Dictionary<string, string> { ["message"] = "x" }));

        Assert.Equal(HttpStatusCode.Redirect, space.StatusCode);
        Assert.StartsWith(HouseholdSpaceRegistration.AskPath, space.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, action.StatusCode);
        Assert.False(await InDatabaseAsync(db => db.JournalEntries.AnyAsync()));
    }

    [Fact]
    public async Task Space_OfAnotherHousehold_IsNeverShown()
    {
        var (mine, phone) = await SignedInHouseholdAsync();
        var other = await HouseholdAsync(email: "other@example.org", phone: "514 555-0177", firstName: "Olga");

        var page = await TextAsync(await SpaceAsync(phone));
        var answer = await PostFromSpaceAsync(phone, $"/espace/actions/tache/{other.OwnTaskId}", new() { ["fait"] = "true" });

        Assert.DoesNotContain("Olga", page, StringComparison.Ordinal);
        Assert.Contains("refus=Space.NotFound", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var task = await InDatabaseAsync(db => db.PlanTasks.AsNoTracking().SingleAsync(t => t.Id == other.OwnTaskId));
        Assert.Equal(PlanTaskStatus.ToDo, task.Status);
        Assert.NotEqual(mine.Id, other.Id);
    }

    private async Task<(SpaceHousehold Household, HttpClient Phone)> SignedInHouseholdAsync()
    {
        var household = await HouseholdAsync();
        var phone = NewPhone();
        await SignedInAsync(phone, await IssueAsync(household.Id));
        return (household, phone);
    }

    private string HouseholdCookie(HttpClient phone)
    {
        _ = phone;
        var container = CookieContainerOf(phone);
        var cookie = container.GetCookies(new Uri(App.RootUri, "/espace"))[HouseholdSpaceRegistration.CookieName]!;
        return $"{cookie.Name}={cookie.Value}";
    }

    private static CookieContainer CookieContainerOf(HttpClient client)
    {
        var handler = (HttpMessageHandler)typeof(HttpMessageInvoker).GetField("_handler", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(client)!;
        return ((HttpClientHandler)handler).CookieContainer;
    }
}
