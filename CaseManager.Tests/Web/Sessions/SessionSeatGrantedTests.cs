using CaseManager.Domain.Reminders;
using CaseManager.Domain.Sessions;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Sessions;

/// <summary>
/// A household moved up from a session's waiting list to a seat is told by email in its language
/// (the outbox), and its counsellor in the app (a SessionSeatGranted reminder delivered as a
/// notification); nobody else is.
/// </summary>
public sealed class SessionSeatGrantedTests(DatabaseFixture database) : SessionTestBase(database)
{
    [Fact]
    public async Task CancelRegistrationAsync_OfASeat_TellsOnlyThePromotedHouseholdAndItsCounsellor()
    {
        var session = await PlanAsync(capacity: 1);
        var seated = await HouseholdAsync(Marie, "Diallo", "aminata.diallo@courriel.test");
        var first = await HouseholdAsync(Paul, "Okafor", "ngozi.okafor@mail.test", languages: ["yo", "en"]);
        var second = await HouseholdAsync(Marie, "Haddad", "rania.haddad@courriel.test");
        var seat = await Sessions.RegisterAsync(session, seated.Id);
        Time.Advance(TimeSpan.FromMinutes(1));
        Current.User = Paul;
        Assert.Equal(RegistrationStatus.WaitListed, (await Sessions.RegisterAsync(session, first.Id)).Status);
        Time.Advance(TimeSpan.FromMinutes(1));
        Current.User = Marie;
        Assert.Equal(RegistrationStatus.WaitListed, (await Sessions.RegisterAsync(session, second.Id)).Status);

        await Sessions.CancelRegistrationAsync(session, seat.RegistrationId);

        await using (var db = Database.CreateDbContext())
        {
            var email = Assert.Single(await db.OutgoingEmails.AsNoTracking().ToListAsync());
            Assert.Equal("ngozi.okafor@mail.test", email.ToAddress);
            Assert.Equal("A seat for you: information session “Vivre au Bas-Saint-Laurent” on 2025-11-19", email.Subject);
            Assert.Contains("Hello Aminata Okafor", email.TextBody, StringComparison.Ordinal);
            Assert.Contains("6:00 PM", email.TextBody, StringComparison.Ordinal);
            Assert.Contains("Address: 1100, rue Sainte-Catherine Ouest, Montréal", email.TextBody, StringComparison.Ordinal);
        }

        var reminder = Assert.Single(await RemindersAsync(ReminderKind.SessionSeatGranted));
        Assert.Equal(first.Id, reminder.HouseholdId);
        Assert.Equal((FixedContext.Today, FixedContext.Today.AddDays(7)), (reminder.DueOn, reminder.SubjectOn));
        Assert.Contains(Jobs.Created, j => j.Job.Type == typeof(EmailSenderJob));
        Assert.Contains(Jobs.Created, j => j.Job.Type == typeof(ReminderDeliveryJob));

        await Delivery.RunAsync(TestContext.Current.CancellationToken);

        var notification = Assert.Single(await NotificationsAsync(), n => n.Kind == ReminderKind.SessionSeatGranted);
        Assert.Equal((Paul.Id, first.Id), (notification.UserId, notification.HouseholdId!.Value));
        Current.User = Paul;
        var bell = await new NotificationService(Database.ContextFactory, Current, Clock).GetRecentAsync(10, TestContext.Current.CancellationToken);
        Assert.Equal("Vivre au Bas-Saint-Laurent", Assert.Single(bell).TaskTitle);
    }

    [Fact]
    public async Task UpdateAsync_RaisingTheCapacity_TellsEachHouseholdMovedUpInItsLanguage()
    {
        var session = await PlanAsync(capacity: 1);
        var seated = await HouseholdAsync(Marie, "Diallo", "aminata.diallo@courriel.test");
        var first = await HouseholdAsync(Marie, "Haddad", "rania.haddad@courriel.test");
        var second = await HouseholdAsync(Marie, "Nguyen", "linh.nguyen@courriel.test");
        var third = await HouseholdAsync(Marie, "Traoré", "awa.traore@courriel.test");
        foreach (var household in new[] { seated, first, second, third })
        {
            await Sessions.RegisterAsync(session, household.Id);
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        await Sessions.UpdateAsync(session, (await Sessions.GetAsync(session)).Version, Details(capacity: 3));

        await using (var db = Database.CreateDbContext())
        {
            var emails = await db.OutgoingEmails.AsNoTracking().OrderBy(e => e.ToAddress).ToListAsync();
            Assert.Equal(["linh.nguyen@courriel.test", "rania.haddad@courriel.test"], emails.Select(e => e.ToAddress));
            Assert.All(emails, e => Assert.Equal("Une place pour vous : séance d'information « Vivre au Bas-Saint-Laurent » le 2025-11-19", e.Subject));
            Assert.All(emails, e => Assert.Contains("18 h 00", e.TextBody, StringComparison.Ordinal));
            Assert.Equal(RegistrationStatus.WaitListed, await db.SessionRegistrations.Where(r => r.HouseholdId == third.Id).Select(r => r.Status).SingleAsync());
        }

        Assert.Equal(new[] { first.Id, second.Id }.Order(), (await RemindersAsync(ReminderKind.SessionSeatGranted)).Select(r => r.HouseholdId!.Value).Order());
        await Delivery.RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, (await NotificationsAsync()).Count(n => n.UserId == Marie.Id && n.Kind == ReminderKind.SessionSeatGranted));
    }

    [Fact]
    public async Task CancelRegistrationAsync_OfAWaitingPlace_TellsNobody()
    {
        var session = await PlanAsync(capacity: 1);
        var seated = await HouseholdAsync(Marie, "Diallo", "aminata.diallo@courriel.test");
        var waiting = await HouseholdAsync(Marie, "Haddad", "rania.haddad@courriel.test");
        await Sessions.RegisterAsync(session, seated.Id);
        var wait = await Sessions.RegisterAsync(session, waiting.Id);

        await Sessions.CancelRegistrationAsync(session, wait.RegistrationId);
        await Sessions.UpdateAsync(session, (await Sessions.GetAsync(session)).Version, Details(capacity: 5));

        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.OutgoingEmails.ToListAsync());
        Assert.Empty(await RemindersAsync(ReminderKind.SessionSeatGranted));
        Assert.DoesNotContain(Jobs.Created, j => j.Job.Type == typeof(EmailSenderJob));
    }

    [Fact]
    public async Task CancelRegistrationAsync_RuleSwitchedOff_StillEmailsTheHouseholdButRecordsNoReminder()
    {
        await SetRuleAsync(ReminderKind.SessionSeatGranted, enabled: false);
        var session = await PlanAsync(capacity: 1);
        var seated = await HouseholdAsync(Marie, "Diallo");
        var waiting = await HouseholdAsync(Marie, "Haddad", "rania.haddad@courriel.test");
        var seat = await Sessions.RegisterAsync(session, seated.Id);
        await Sessions.RegisterAsync(session, waiting.Id);

        await Sessions.CancelRegistrationAsync(session, seat.RegistrationId);

        await using var db = Database.CreateDbContext();
        Assert.Equal("rania.haddad@courriel.test", Assert.Single(await db.OutgoingEmails.ToListAsync()).ToAddress);
        Assert.Empty(await RemindersAsync(ReminderKind.SessionSeatGranted));
        Assert.DoesNotContain(Jobs.Created, j => j.Job.Type == typeof(ReminderDeliveryJob));
    }
}
