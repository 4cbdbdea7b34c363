using CaseManager.Data.Entities;
using CaseManager.Domain.Reminders;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Jobs;

public sealed class ReminderDeliveryJobTests(DatabaseFixture database) : ReminderTestBase(database)
{
    private static readonly DateOnly Today = FixedContext.Today;

    private readonly Smtp4dev _mail = new();

    private UserIdentity Nadia { get; set; } = UserIdentity.Anonymous;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        // A second supervisor, and one who left: only active supervisors are told.
        Nadia = await TestUsers.SupervisorAsync(db, "Nadia Roy");
        var gone = await TestUsers.SupervisorAsync(db, "Jean Gone");
        await db.Users.Where(u => u.Id == gone.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false));
        // Everyone in-app only, unless a test says otherwise.
        await db.Users.ExecuteUpdateAsync(set => set.SetProperty(u => u.ReminderEmails, ReminderEmailMode.None));
    }

    public override async ValueTask DisposeAsync()
    {
        _mail.Dispose();
        await base.DisposeAsync();
    }

    [Theory]
    [InlineData(ReminderAudience.Counsellor)]
    [InlineData(ReminderAudience.Supervisors)]
    [InlineData(ReminderAudience.CounsellorAndSupervisors)]
    public async Task RunAsync_EachAudience_TellsItsPeopleOnce(ReminderAudience audience)
    {
        var household = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-40)));
        await DisableAllRulesBut(ReminderKind.NoContact);
        await SetRuleAsync(ReminderKind.NoContact, audience: audience);
        await Sweep.RunAsync(CancellationToken.None);

        var result = await Delivery.RunAsync(CancellationToken.None);

        string[] expected = audience switch
        {
            ReminderAudience.Counsellor => [Marie.Id],
            ReminderAudience.Supervisors => [Supervisor.Id, Nadia.Id],
            ReminderAudience.CounsellorAndSupervisors => [Marie.Id, Supervisor.Id, Nadia.Id],
            _ => throw new ArgumentOutOfRangeException(nameof(audience)),
        };
        var notifications = await NotificationsAsync();
        Assert.Equal(expected.Order(), notifications.Select(n => n.UserId).Order());
        Assert.All(notifications, n => Assert.Equal((ReminderKind.NoContact, household.Id, Today.AddDays(-10)), (n.Kind, n.HouseholdId, n.DueOn)));
        Assert.Equal(new DeliveryResult(1, expected.Length, 0), result);
        Assert.NotNull(Assert.Single(await RemindersAsync()).DeliveredAt);
    }

    [Fact]
    public async Task RunAsync_AgainOrOnAReminderMarkedUndelivered_TellsNobodyTwice()
    {
        for (var i = 0; i < 3; i++)
        {
            await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-70)));
        }

        await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);
        var first = await NotificationsAsync();
        var rerun = await Delivery.RunAsync(CancellationToken.None);
        await using (var db = Database.CreateDbContext())
        {
            // As if a delivery had crashed after writing the notifications but before marking its batch.
            await db.Reminders.ExecuteUpdateAsync(set => set.SetProperty(r => r.DeliveredAt, (DateTimeOffset?)null));
        }

        var afterCrash = await Delivery.RunAsync(CancellationToken.None);

        // Three files: the counsellor is told of each (no contact), the two supervisors of each escalation.
        Assert.Equal(3 + (3 * 2), first.Count);
        Assert.Equal((0, 6, 0), (rerun.Reminders, afterCrash.Reminders, afterCrash.Notifications));
        Assert.Equal(first.Select(n => n.Id), (await NotificationsAsync()).Select(n => n.Id));
    }

    [Fact]
    public async Task RunAsync_SeveralDeliveriesAtOnce_TellEachPersonOnce()
    {
        for (var i = 0; i < 30; i++)
        {
            await SaveAsync(i % 2 == 0 ? Marie : Paul, b => b.WithContact(Today.AddDays(-70)));
        }

        await Sweep.RunAsync(CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Delivery.RunAsync(CancellationToken.None)));

        Assert.Equal(60, results.Sum(r => r.Reminders));
        var notifications = await NotificationsAsync();
        Assert.Equal(30 + (30 * 2), notifications.Count);
        Assert.Equal(notifications.Count, notifications.Select(n => n.DedupKey).Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_ImmediateDigestOrNone_QueuesEmailsAsEachPersonChose()
    {
        await SetEmailModeAsync(Marie, ReminderEmailMode.Immediate);
        await SetEmailModeAsync(Paul, ReminderEmailMode.DailyDigest);
        var maries = await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-40)));
        await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-45)));
        await SaveAsync(Paul, b => b.WithContact(Today.AddDays(-40)));
        await SaveAsync(Paul, b => b.WithContact(Today.AddDays(-41)));
        await DisableAllRulesBut(ReminderKind.NoContact);
        await SetRuleAsync(ReminderKind.NoContact, audience: ReminderAudience.CounsellorAndSupervisors);
        await Sweep.RunAsync(CancellationToken.None);

        var delivered = await Delivery.RunAsync(CancellationToken.None);
        var beforeDigest = await OutboxAsync();
        SetClock(Today.AddDays(1), 7);
        var digests = await Digest.RunAsync(CancellationToken.None);
        var digestsAgain = await Digest.RunAsync(CancellationToken.None);

        // Marie: one email per reminder, at once. Paul: nothing until the digest, then one. The supervisors chose none.
        Assert.Equal(2, delivered.Emails);
        Assert.Equal([Marie.Id, Marie.Id], beforeDigest.Select(e => e.ToUserId));
        Assert.All(beforeDigest, e => Assert.StartsWith("notification:", e.DedupKey, StringComparison.Ordinal));
        Assert.Equal((1, 0), (digests, digestsAgain));
        var digest = Assert.Single(await OutboxAsync(), e => e.ToUserId == Paul.Id);
        Assert.Equal($"digest:{Paul.Id}:{Today.AddDays(1):yyyy-MM-dd}", digest.DedupKey);
        Assert.Equal("Vos rappels CaseManager du 2025-11-13 (2)", digest.Subject);
        Assert.Contains("aucun contact depuis trop longtemps", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://casemanager.test/households/", digest.TextBody, StringComparison.Ordinal);
        var mariesEmails = (await OutboxAsync()).Where(e => e.ToUserId == Marie.Id).ToList();
        Assert.Contains(mariesEmails, e => e.TextBody.Contains($"http://casemanager.test/households/{maries.Id}", StringComparison.Ordinal));
        Assert.All(mariesEmails, e => Assert.Contains("<a href=\"http://casemanager.test/households/", e.HtmlBody, StringComparison.Ordinal));
        var notifications = await NotificationsAsync();
        Assert.All(notifications.Where(n => n.UserId == Marie.Id || n.UserId == Paul.Id), n => Assert.NotNull(n.EmailedAt));
        Assert.All(notifications.Where(n => n.UserId == Supervisor.Id || n.UserId == Nadia.Id), n => Assert.Null(n.EmailedAt));
    }

    [Fact]
    public async Task Digest_LeavesOutDismissedAndAlreadyEmailedNotifications()
    {
        await SetEmailModeAsync(Paul, ReminderEmailMode.DailyDigest);
        await SaveAsync(Paul, b => b.WithContact(Today.AddDays(-40)));
        await SaveAsync(Paul, b => b.WithContact(Today.AddDays(-41)));
        await DisableAllRulesBut(ReminderKind.NoContact);
        await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);
        var dismissed = (await NotificationsAsync())[0];
        await using (var db = Database.CreateDbContext())
        {
            await db.Notifications.Where(n => n.Id == dismissed.Id).ExecuteUpdateAsync(set => set.SetProperty(n => n.DismissedAt, FixedContext.Now.ToUniversalTime()));
        }

        SetClock(Today.AddDays(1), 7);
        await Digest.RunAsync(CancellationToken.None);
        SetClock(Today.AddDays(2), 7);
        var nextMorning = await Digest.RunAsync(CancellationToken.None);

        var digest = Assert.Single(await OutboxAsync());
        Assert.EndsWith("(1)", digest.Subject, StringComparison.Ordinal);
        Assert.Equal(0, nextMorning);
    }

    [Fact]
    public async Task EmailSender_SendsToTheSmtpServer_InEachRecipientsLanguage()
    {
        await _mail.ClearAsync();
        await SetEmailModeAsync(Marie, ReminderEmailMode.Immediate);
        await SetEmailModeAsync(Paul, ReminderEmailMode.Immediate, culture: "en-CA");
        var maries = await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Aminata", "Diallo")).WithContact(Today.AddDays(-5)));
        var pauls = await SaveAsync(Paul, b => b.WithProfile(p => p.WithPrimaryApplicant("Karim", "Haddad")).WithContact(Today.AddDays(-5)));
        await AddTaskAsync(maries.Id, "Visiter Rimouski", Today.AddDays(1));
        Current.User = Paul;
        await AddTaskAsync(pauls.Id, "Visit Rimouski", Today.AddDays(2));
        await DisableAllRulesBut(ReminderKind.TaskDueSoon);
        await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);

        var result = await Sender(Smtp4dev.Settings()).RunAsync(CancellationToken.None);

        Assert.Equal(new SendResult(2, 0), result);
        var french = Assert.Single(await _mail.WaitForAsync("marie.tremblay@test.local", 1));
        var english = Assert.Single(await _mail.WaitForAsync("paul.nguyen@test.local", 1));
        Assert.Equal($"Rappel : Tâche à échéance prochaine · {maries.FileNumber}", french.Subject);
        Assert.Equal($"Reminder: Task due soon · {pauls.FileNumber}", english.Subject);
        Assert.Equal("rappels@casemanager.local", french.From);
        var frenchText = await _mail.PlainTextAsync(french.Id);
        Assert.Contains("Bonjour Marie Tremblay,", frenchText, StringComparison.Ordinal);
        Assert.Contains($"{maries.FileNumber} · Diallo, Aminata : la tâche « Visiter Rimouski » est à faire d'ici le {Today.AddDays(1):yyyy-MM-dd}.", frenchText, StringComparison.Ordinal);
        Assert.Contains($"Ouvrir le dossier : http://casemanager.test/households/{maries.Id}", frenchText, StringComparison.Ordinal);
        var englishText = await _mail.PlainTextAsync(english.Id);
        Assert.Contains("Hello Paul Nguyen,", englishText, StringComparison.Ordinal);
        Assert.Contains($"{pauls.FileNumber} · Haddad, Karim: the task “Visit Rimouski” is due on {Today.AddDays(2):yyyy-MM-dd}.", englishText, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://casemanager.test/households/{pauls.Id}\"", await _mail.HtmlAsync(english.Id), StringComparison.Ordinal);
        Assert.All(await OutboxAsync(), e => Assert.Equal((1, (string?)null), (e.Attempts, e.LastError)));
        Assert.All(await OutboxAsync(), e => Assert.NotNull(e.SentAt));
    }

    [Fact]
    public async Task EmailSender_AfterAnSmtpFailure_RetriesLaterAndSendsOnce()
    {
        await _mail.ClearAsync();
        await SetEmailModeAsync(Marie, ReminderEmailMode.Immediate);
        await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-40)));
        await DisableAllRulesBut(ReminderKind.NoContact);
        await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);

        // Nothing listens on port 1 of this machine: the server is "down".
        var failed = await Sender(Smtp4dev.Settings(port: 1)).RunAsync(CancellationToken.None);
        var afterFailure = Assert.Single(await OutboxAsync());
        var tooSoon = await Sender(Smtp4dev.Settings()).RunAsync(CancellationToken.None);
        Time.Advance(EmailSenderJob.Backoff(1) + TimeSpan.FromSeconds(1));
        var retried = await Sender(Smtp4dev.Settings()).RunAsync(CancellationToken.None);
        var again = await Sender(Smtp4dev.Settings()).RunAsync(CancellationToken.None);

        Assert.Equal((new SendResult(0, 1), new SendResult(0, 0), new SendResult(1, 0), new SendResult(0, 0)), (failed, tooSoon, retried, again));
        Assert.Equal((1, (DateTimeOffset?)null), (afterFailure.Attempts, afterFailure.SentAt));
        Assert.False(string.IsNullOrEmpty(afterFailure.LastError));
        Assert.Equal(FixedContext.Now + EmailSenderJob.Backoff(1), afterFailure.NextAttemptAt);
        // Sent on the second attempt; the first attempt's error stays on record.
        var sent = Assert.Single(await OutboxAsync());
        Assert.Equal((2, afterFailure.LastError, (DateTimeOffset?)null), (sent.Attempts, sent.LastError, sent.NextAttemptAt));
        Assert.NotNull(sent.SentAt);
        // Given a moment for a second copy to arrive, none does.
        Assert.Single(await _mail.WaitForAsync("marie.tremblay@test.local", 2, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task EmailSender_SeveralAtOnce_SendEachEmailOnce()
    {
        await _mail.ClearAsync();
        await SetEmailModeAsync(Marie, ReminderEmailMode.Immediate);
        for (var i = 0; i < 12; i++)
        {
            await SaveAsync(Marie, b => b.WithContact(Today.AddDays(-40 - i)));
        }

        await DisableAllRulesBut(ReminderKind.NoContact);
        await Sweep.RunAsync(CancellationToken.None);
        await Delivery.RunAsync(CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Sender(Smtp4dev.Settings()).RunAsync(CancellationToken.None)));

        Assert.Equal(12, results.Sum(r => r.Sent));
        Assert.Equal(12, (await _mail.WaitForAsync("marie.tremblay@test.local", 12)).Count);
        Assert.All(await OutboxAsync(), e => Assert.Equal(1, e.Attempts));
    }

    [Fact]
    public void Backoff_GrowsThenStopsAtSixHours()
    {
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360],
            Enumerable.Range(1, 11).Select(attempt => (int)EmailSenderJob.Backoff(attempt).TotalMinutes));
    }

    private async Task SetEmailModeAsync(UserIdentity user, ReminderEmailMode mode, string culture = "fr-CA")
    {
        await using var db = Database.CreateDbContext();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.ReminderEmails, mode)
            .SetProperty(u => u.PreferredCulture, culture));
    }

    private async Task<List<OutgoingEmail>> OutboxAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.OutgoingEmails.AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.ToUserId).ThenBy(e => e.Id).ToListAsync();
    }
}
