using CaseManager.Domain.HouseholdReminders;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Timeline;
using CaseManager.Web.Infrastructure;

namespace CaseManager.Tests.Jobs;

/// <summary>
/// The household's reminders end to end below the interface: the sweep, the delivery, the email sender
/// (to smtp4dev) and the text-message sender (Twilio's library, to the fake provider), at the test's
/// Montréal clock.
/// </summary>
public sealed class HouseholdReminderJobTests(DatabaseFixture database) : HouseholdReminderTestBase(database)
{
    private static readonly DateOnly TaskDue = FixedContext.Today.AddDays(10);

    [Fact]
    public async Task Sweep_HouseholdTaskDueInThreeDays_RemindsOnceOnItsDayInFrenchByEmailAndText()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (household, email, phone) = await ConsentingHouseholdAsync("Diallo");
        await AddTaskAsync(household.Id, "Mettre le CV à jour", TaskDue);

        SetClock(TaskDue.AddDays(-4), 10);
        await RunAllAsync();
        Assert.Empty(await HouseholdRemindersAsync(household.Id));

        SetClock(TaskDue.AddDays(-3), 10);
        await RunAllAsync();
        await RunAllAsync();
        SetClock(TaskDue.AddDays(-2), 10);
        await RunAllAsync();

        var reminder = Assert.Single(await HouseholdRemindersAsync(household.Id));
        Assert.Equal(TaskDue.AddDays(-3), reminder.DueOn);
        var text = Assert.Single(await Sms.MessagesToAsync(phone));
        Assert.StartsWith($"Rappel : \"Mettre le CV à jour\" est à faire d'ici le {TaskDue:yyyy-MM-dd}.", text.Body, StringComparison.Ordinal);
        Assert.StartsWith(Links.BaseUrl.AbsoluteUri, text.Body[text.Body.IndexOf("http", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.True(text.Body.Length <= 160, text.Body);
        Assert.Equal(FakeSms.From, text.From);
        var sent = Assert.Single(await TextsAsync(household.Id));
        Assert.Equal(TextMessageStatus.Sent, sent.Status);
        Assert.Equal(text.Sid, sent.ProviderSid);

        var mail = Assert.Single(await Mail.WaitForAsync(email, 1));
        Assert.Equal($"Rappel : « Mettre le CV à jour » d'ici le {TaskDue:yyyy-MM-dd}", mail.Subject);
        Assert.Contains(Links.BaseUrl.AbsoluteUri, await Mail.PlainTextAsync(mail.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_EnglishHouseholdWithEmailConsentOnly_EmailsInEnglishAndTextsNothing()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (household, email, phone) = await ConsentingHouseholdAsync("Smith", "en", purposes: [HouseholdReminderRule.EmailPurpose]);
        await AddTaskAsync(household.Id, "Update the résumé", TaskDue);

        SetClock(TaskDue.AddDays(-3), 10);
        await RunAllAsync();

        var mail = Assert.Single(await Mail.WaitForAsync(email, 1));
        Assert.Equal($"Reminder: \"Update the résumé\" by {TaskDue:yyyy-MM-dd}", mail.Subject);
        Assert.Contains("Hello Aminata Smith,", await Mail.PlainTextAsync(mail.Id), StringComparison.Ordinal);
        Assert.Empty(await TextsAsync(household.Id));
        Assert.Empty(await Sms.MessagesToAsync(phone));
    }

    [Fact]
    public async Task Sweep_HouseholdWithoutConsent_RecordsAndSendsNothing()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (household, email, phone) = await ConsentingHouseholdAsync("Tremblay", purposes: ["none"]);
        await AddTaskAsync(household.Id, "Mettre le CV à jour", TaskDue);

        SetClock(TaskDue.AddDays(-3), 10);
        await RunAllAsync();

        Assert.Empty(await HouseholdRemindersAsync(household.Id));
        Assert.Empty(await HouseholdEmailsAsync(email));
        Assert.Empty(await Sms.MessagesToAsync(phone));
    }

    [Fact]
    public async Task TextSender_ReminderDueInQuietHours_HoldsTheTextUntilEightAndEmailsAtOnce()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (household, email, phone) = await ConsentingHouseholdAsync("Nguyen");
        await AddTaskAsync(household.Id, "Appeler le propriétaire", TaskDue);

        SetClock(TaskDue.AddDays(-3), 22, 15);
        await RunAllAsync();
        var held = Assert.Single(await TextsAsync(household.Id));
        Assert.Equal(TextMessageStatus.Queued, held.Status);
        Assert.Equal(AppClock.FromLocal(TaskDue.AddDays(-2), new TimeOnly(8, 0)), held.NextAttemptAt);
        Assert.Single(await Mail.WaitForAsync(email, 1));

        SetClock(TaskDue.AddDays(-2), 7, 59);
        await TextSender.RunAsync(CancellationToken.None);
        Assert.Empty(await Sms.MessagesToAsync(phone));

        SetClock(TaskDue.AddDays(-2), 8, 0);
        await TextSender.RunAsync(CancellationToken.None);
        Assert.Single(await Sms.MessagesToAsync(phone));
        Assert.Equal(TextMessageStatus.Sent, Assert.Single(await TextsAsync(household.Id)).Status);
    }

    [Fact]
    public async Task TextSender_ProviderFailsOnce_RecordsTheErrorAndSendsOnTheRetry()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (household, _, phone) = await ConsentingHouseholdAsync("Benali");
        await AddTaskAsync(household.Id, "Mettre le CV à jour", TaskDue);
        await Sms.FailNextAsync(phone, 1, status: 500, code: 20500);

        SetClock(TaskDue.AddDays(-3), 10);
        await RunAllAsync();
        var failed = Assert.Single(await TextsAsync(household.Id));
        Assert.Equal(TextMessageStatus.Queued, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("500", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(await Sms.MessagesToAsync(phone));

        // Not before its delay (a minute after the first attempt).
        await TextSender.RunAsync(CancellationToken.None);
        Assert.Empty(await Sms.MessagesToAsync(phone));

        SetClock(TaskDue.AddDays(-3), 10, 2);
        await TextSender.RunAsync(CancellationToken.None);
        var text = Assert.Single(await Sms.MessagesToAsync(phone));
        var sent = Assert.Single(await TextsAsync(household.Id));
        Assert.Equal((TextMessageStatus.Sent, 2, text.Sid), (sent.Status, sent.Attempts, sent.ProviderSid));
    }

    [Fact]
    public async Task TextSender_ProviderRefusesANumberForGood_FailsThatMessageAndSendsTheOthers()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (refused, _, refusedPhone) = await ConsentingHouseholdAsync("Ouellet");
        var (other, _, otherPhone) = await ConsentingHouseholdAsync("Roy");
        await AddTaskAsync(refused.Id, "Mettre le CV à jour", TaskDue);
        await AddTaskAsync(other.Id, "Mettre le CV à jour", TaskDue);
        await Sms.FailNextAsync(refusedPhone, 1, status: 400, code: 21211);

        SetClock(TaskDue.AddDays(-3), 10);
        await RunAllAsync();
        SetClock(TaskDue.AddDays(-2), 10);
        await TextSender.RunAsync(CancellationToken.None);

        var failed = Assert.Single(await TextsAsync(refused.Id));
        Assert.Equal((TextMessageStatus.Failed, "21211", 1), (failed.Status, failed.ErrorCode, failed.Attempts));
        Assert.Empty(await Sms.MessagesToAsync(refusedPhone));
        Assert.Single(await Sms.MessagesToAsync(otherPhone));
    }

    [Fact]
    public async Task Timeline_ReminderSentAndTextFailed_ShowsEachChannelWithItsStatus()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.TaskDueSoon);
        var (household, email, phone) = await ConsentingHouseholdAsync("Gagnon");
        await AddTaskAsync(household.Id, "Mettre le CV à jour", TaskDue);
        await Sms.FailNextAsync(phone, 1, status: 400, code: 21614);
        SetClock(TaskDue.AddDays(-3), 10);
        await RunAllAsync();
        await Mail.WaitForAsync(email, 1);

        var timeline = await new TimelineService(Database.ContextFactory, Access, Clock).GetAsync(household.Id);

        var lines = timeline.Past.Where(e => e.Kind == TimelineEntryKind.HouseholdMessage).OrderBy(e => e.MessageChannel).ToList();
        Assert.Equal(
            [(HouseholdChannel.Email, TextMessageStatus.Sent), (HouseholdChannel.TextMessage, TextMessageStatus.Failed)],
            lines.Select(l => (l.MessageChannel!.Value, l.MessageStatus!.Value)));
        Assert.All(lines, l => Assert.Equal(HouseholdReminderKind.TaskDueSoon, l.HouseholdReminder));
        Assert.Contains("21614", lines[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_SessionInFiveDays_RemindsTwoDaysBeforeAndTheMorningOfAtEight()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.SessionSoon, HouseholdReminderKind.SessionToday);
        var (household, _, phone) = await ConsentingHouseholdAsync("Kaba", shape: b => b.AtStage(Stage.InfoSession));
        var day = FixedContext.Today.AddDays(5);
        var session = await PlanAsync(startsAt: AppClock.FromLocal(day, new TimeOnly(18, 0)));
        await Sessions.RegisterAsync(session, household.Id);

        SetClock(day.AddDays(-3), 10);
        await RunAllAsync();
        Assert.Empty(await Sms.MessagesToAsync(phone));

        SetClock(day.AddDays(-2), 10);
        await RunAllAsync();
        SetClock(day.AddDays(-1), 10);
        await RunAllAsync();
        var soon = Assert.Single(await Sms.MessagesToAsync(phone));
        Assert.StartsWith($"Rappel : séance d'information \"Vivre au Bas-Saint-Laurent\" le {day:yyyy-MM-dd} à 18 h 00.", soon.Body, StringComparison.Ordinal);

        // The morning of: looked for from 7 h, held to 8 h like any text.
        SetClock(day, 6, 30);
        await RunAllAsync();
        Assert.Single(await HouseholdRemindersAsync(household.Id));
        SetClock(day, 7, 0);
        await RunAllAsync();
        Assert.Equal([HouseholdReminderKind.SessionSoon, HouseholdReminderKind.SessionToday], (await HouseholdRemindersAsync(household.Id)).Select(r => r.Kind));
        Assert.Single(await Sms.MessagesToAsync(phone));
        SetClock(day, 8, 0);
        await RunAllAsync();
        var messages = await Sms.MessagesToAsync(phone);
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("Aujourd'hui à 18 h 00 : séance d'information \"Vivre au Bas-Saint-Laurent\".", messages[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_StayLeavingInSevenDays_RemindsSevenDaysBefore()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.StayDepartureSoon);
        var (household, _, phone) = await ConsentingHouseholdAsync("Morin", purposes: [HouseholdReminderRule.TextMessagePurpose]);
        var endOn = FixedContext.Today.AddDays(22);
        await AddStayAsync(household.Id, endOn);
        var startOn = endOn.AddDays(-2);

        SetClock(startOn.AddDays(-8), 10);
        await RunAllAsync();
        Assert.Empty(await Sms.MessagesToAsync(phone));

        SetClock(startOn.AddDays(-7), 10);
        await RunAllAsync();
        var text = Assert.Single(await Sms.MessagesToAsync(phone));
        Assert.StartsWith($"Votre séjour exploratoire (Saguenay–Lac-Saint-Jean) commence le {startOn:yyyy-MM-dd}.", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_ThreeMonthsAfterTheMove_AsksHowItIsGoingOnce()
    {
        await DisableHouseholdRulesBut(HouseholdReminderKind.FollowUpThreeMonths, HouseholdReminderKind.FollowUpSixMonths);
        var settledOn = FixedContext.Today.AddDays(-1);
        var (household, _, phone) = await ConsentingHouseholdAsync(
            "Cissé", shape: b => b.AtStage(Stage.MovingSubsidy).SettledIn("02", "Saguenay", settledOn), purposes: [HouseholdReminderRule.TextMessagePurpose]);

        SetClock(settledOn.AddMonths(3).AddDays(-1), 10);
        await RunAllAsync();
        Assert.Empty(await Sms.MessagesToAsync(phone));

        SetClock(settledOn.AddMonths(3), 10);
        await RunAllAsync();
        SetClock(settledOn.AddMonths(3).AddDays(1), 10);
        await RunAllAsync();
        var text = Assert.Single(await Sms.MessagesToAsync(phone));
        Assert.StartsWith("Trois mois déjà dans votre région !", text.Body, StringComparison.Ordinal);
    }
}
