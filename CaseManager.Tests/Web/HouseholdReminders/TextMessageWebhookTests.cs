using System.Net;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Tests.Jobs;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.HouseholdReminders;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.HouseholdReminders;

/// <summary>
/// The provider's webhooks on the real application (Kestrel), signed as Twilio signs them (HMAC-SHA1 of the
/// public address and the form with the auth token): STOP ends text messages for the number, a delivery report
/// is recorded, a forged signature is refused.
/// </summary>
public sealed class TextMessageWebhookTests(DatabaseFixture database) : HouseholdReminderTestBase(database)
{
    private const string PublicBase = "http://casemanager.test";

    private CaseManagerAppFactory? _app;

    private CaseManagerAppFactory App => _app ??= new CaseManagerAppFactory(Database.ConnectionString, settings: FakeSms.Settings(TextOptions));

    [Fact]
    public async Task Incoming_StopWithAValidSignature_WithdrawsTheTextConsentAndStopsFurtherTexts()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (household, email, phone) = await ConsentingHouseholdAsync("Diallo");
        var dueOn = FixedContext.Today.AddDays(10);
        await AddTaskAsync(household.Id, "Mettre le CV à jour", dueOn);
        // A reminder queued at 22 h: held until 8 h.
        SetClock(dueOn.AddDays(-3), 22);
        await RunAllAsync();
        Assert.Equal(TextMessageStatus.Queued, Assert.Single(await TextsAsync(household.Id)).Status);

        using var response = await PostSignedAsync(TextMessageWebhooks.IncomingPath, Incoming(phone, "Stop"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        await using (var db = Database.CreateDbContext())
        {
            var sms = await db.ConsentRecords.SingleAsync(c => c.HouseholdId == household.Id && c.PurposeCode == HouseholdReminderRule.TextMessagePurpose);
            Assert.NotNull(sms.WithdrawnAt);
            Assert.Equal(TextMessageOptOuts.HouseholdActorId(household.Id), sms.WithdrawnById);
            Assert.Equal("Aminata Diallo", sms.WithdrawnByName);
            Assert.Contains("STOP", sms.WithdrawalNote, StringComparison.Ordinal);
            Assert.True((await db.ConsentRecords.SingleAsync(c => c.HouseholdId == household.Id && c.PurposeCode == HouseholdReminderRule.EmailPurpose)).IsInForce);
            // Audited as the household's own change.
            Assert.Contains(await db.AuditEntries.Where(a => a.HouseholdId == household.Id).ToListAsync(),
                a => a.UserId == TextMessageOptOuts.HouseholdActorId(household.Id) && a.EntityType == "ConsentRecord");
            Assert.True(await db.TextMessageOptOuts.AnyAsync(o => o.PhoneNumber == phone));
        }

        // The held text never leaves; the next reminder goes by email only; a direct text is refused.
        Assert.Equal(TextMessageStatus.Failed, Assert.Single(await TextsAsync(household.Id)).Status);
        SetClock(dueOn.AddDays(-2), 8);
        await TextSender.RunAsync(CancellationToken.None);
        await AddTaskAsync(household.Id, "Appeler le propriétaire", dueOn.AddDays(1));
        await RunAllAsync();
        Assert.Empty(await Sms.MessagesToAsync(phone));
        Assert.Single(await TextsAsync(household.Id));
        Assert.Equal(2, (await Mail.WaitForAsync(email, 2)).Count);
        var direct = await App.Services.CreateScope().ServiceProvider.GetRequiredService<HouseholdTextMessages>()
            .QueueAsync(household.Id, "Votre lien", "test:direct");
        Assert.Equal(TextMessageRefusal.OptedOut, direct.Refusal);
    }

    [Theory]
    [InlineData("ARRÊT")]
    [InlineData("arret")]
    [InlineData(" unsubscribe ")]
    [InlineData("STOPALL")]
    public async Task Incoming_StopSynonym_WithdrawsTheTextConsent(string body)
    {
        var (household, _, phone) = await ConsentingHouseholdAsync("Roy");

        using var response = await PostSignedAsync(TextMessageWebhooks.IncomingPath, Incoming(phone, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Database.CreateDbContext();
        Assert.False((await db.ConsentRecords.SingleAsync(c => c.HouseholdId == household.Id && c.PurposeCode == HouseholdReminderRule.TextMessagePurpose)).IsInForce);
    }

    [Fact]
    public async Task Incoming_AnyOtherReply_ChangesNothing()
    {
        var (household, _, phone) = await ConsentingHouseholdAsync("Roy");

        using var response = await PostSignedAsync(TextMessageWebhooks.IncomingPath, Incoming(phone, "Stop sending me the old address please"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Database.CreateDbContext();
        Assert.True((await db.ConsentRecords.SingleAsync(c => c.HouseholdId == household.Id && c.PurposeCode == HouseholdReminderRule.TextMessagePurpose)).IsInForce);
        Assert.False(await db.TextMessageOptOuts.AnyAsync(o => o.PhoneNumber == phone));
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("wrong-token")]
    [InlineData("none")]
    public async Task Incoming_ForgedSignature_Is403ProblemAndChangesNothing(string forgery)
    {
        var (household, _, phone) = await ConsentingHouseholdAsync("Ouellet");
        var form = Incoming(phone, "STOP");
        using var request = new HttpRequestMessage(HttpMethod.Post, TextMessageWebhooks.IncomingPath) { Content = new FormUrlEncodedContent(form) };
        switch (forgery)
        {
            case "forged":
                request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(new byte[20]));
                break;
            case "wrong-token":
                request.Headers.Add("X-Twilio-Signature", FakeSms.Sign(PublicBase + TextMessageWebhooks.IncomingPath, form, "someone-elses-token"));
                break;
            default:
                break;
        }

        using var response = await App.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await using var db = Database.CreateDbContext();
        Assert.True((await db.ConsentRecords.SingleAsync(c => c.HouseholdId == household.Id && c.PurposeCode == HouseholdReminderRule.TextMessagePurpose)).IsInForce);
        Assert.False(await db.TextMessageOptOuts.AnyAsync(o => o.PhoneNumber == phone));
    }

    [Fact]
    public async Task Status_DeliveredThenALateSent_RecordsDeliveredAndKeepsIt()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (household, _, phone) = await ConsentingHouseholdAsync("Nguyen");
        var dueOn = FixedContext.Today.AddDays(10);
        await AddTaskAsync(household.Id, "Mettre le CV à jour", dueOn);
        SetClock(dueOn.AddDays(-3), 10);
        await RunAllAsync();
        var sid = Assert.Single(await Sms.MessagesToAsync(phone)).Sid;

        using (var delivered = await PostSignedAsync(TextMessageWebhooks.StatusPath, Status(sid, phone, "delivered")))
        {
            Assert.Equal(HttpStatusCode.NoContent, delivered.StatusCode);
        }

        using (var late = await PostSignedAsync(TextMessageWebhooks.StatusPath, Status(sid, phone, "sent")))
        {
            Assert.Equal(HttpStatusCode.NoContent, late.StatusCode);
        }

        var message = Assert.Single(await TextsAsync(household.Id));
        Assert.Equal(TextMessageStatus.Delivered, message.Status);
    }

    [Fact]
    public async Task Status_Undelivered_RecordsTheFailureAndItsCode()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (household, _, phone) = await ConsentingHouseholdAsync("Kaba");
        var dueOn = FixedContext.Today.AddDays(10);
        await AddTaskAsync(household.Id, "Mettre le CV à jour", dueOn);
        SetClock(dueOn.AddDays(-3), 10);
        await RunAllAsync();
        var sid = Assert.Single(await Sms.MessagesToAsync(phone)).Sid;
        var form = Status(sid, phone, "undelivered");
        form["ErrorCode"] = "30003";

        using var response = await PostSignedAsync(TextMessageWebhooks.StatusPath, form);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var message = Assert.Single(await TextsAsync(household.Id));
        Assert.Equal((TextMessageStatus.Failed, "30003"), (message.Status, message.ErrorCode));
    }

    private Dictionary<string, string> Incoming(string from, string body) => new()
    {
        ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
        ["AccountSid"] = TextOptions.AccountSid!,
        ["From"] = from,
        ["To"] = FakeSms.From,
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    private Dictionary<string, string> Status(string sid, string to, string status) => new()
    {
        ["MessageSid"] = sid,
        ["MessageStatus"] = status,
        ["AccountSid"] = TextOptions.AccountSid!,
        ["To"] = to,
        ["From"] = FakeSms.From,
    };

    private async Task<HttpResponseMessage> PostSignedAsync(string path, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", FakeSms.Sign(PublicBase + path, form));
        return await App.CreateClient().SendAsync(request);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
