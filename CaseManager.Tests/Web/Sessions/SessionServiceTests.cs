using System.Text.Json;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Sessions;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Features.Sessions;
using CaseManager.Web.Features.Timeline;
using CaseManager.Web.Jobs;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Sessions;

public sealed class SessionServiceTests(DatabaseFixture database) : SessionTestBase(database)
{
    [Fact]
    public async Task RegisterAsync_TwoRegistrationsRacingForTheLastSeat_OneSeatAndOneWaitingList()
    {
        // Several rounds: without the session's row lock, both would read a free seat at least once.
        for (var round = 0; round < 5; round++)
        {
            var session = await PlanAsync(capacity: 1);
            var first = await HouseholdAsync(Marie, $"Diallo{round}");
            var second = await HouseholdAsync(Marie, $"Haddad{round}");

            var results = await Task.WhenAll(
                Task.Run(() => Sessions.RegisterAsync(session, first.Id)),
                Task.Run(() => Sessions.RegisterAsync(session, second.Id)));

            Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.WaitListed], results.Select(r => r.Status).Order());
            await using var db = Database.CreateDbContext();
            Assert.Equal(1, await db.SessionRegistrations.CountAsync(r => r.SessionId == session && r.Status == RegistrationStatus.Registered));
        }
    }

    [Fact]
    public async Task CancelRegistrationAsync_OfASeat_PromotesTheFirstWaitingAndAuditsBothFiles()
    {
        var session = await PlanAsync(capacity: 1);
        var seated = await HouseholdAsync(Marie, "Diallo");
        var waiting = await HouseholdAsync(Marie, "Haddad");
        var seat = await Sessions.RegisterAsync(session, seated.Id);
        Time.Advance(TimeSpan.FromMinutes(1));
        var wait = await Sessions.RegisterAsync(session, waiting.Id);
        Assert.Equal(RegistrationStatus.WaitListed, wait.Status);

        await Sessions.CancelRegistrationAsync(session, seat.RegistrationId);

        var view = await Sessions.GetAsync(session);
        var participant = Assert.Single(view.Participants);
        Assert.Equal((waiting.Id, RegistrationStatus.Registered), (participant.HouseholdId!.Value, participant.Status));
        Assert.Contains(AuditOf(seated.Id), a => a is { EntityType: nameof(SessionRegistration), Action: AuditAction.Added });
        Assert.Contains(AuditOf(seated.Id), a => a.EntityType == nameof(SessionRegistration) && a.Field!.EndsWith(".Status", StringComparison.Ordinal) && a.NewValue == "Cancelled");
        Assert.Contains(AuditOf(waiting.Id), a => a.EntityType == nameof(SessionRegistration) && a.Field!.EndsWith(".Status", StringComparison.Ordinal) && a.NewValue == "Registered");
    }

    [Fact]
    public async Task GetAsync_AsACounsellor_NamesTheirOwnHouseholdsCountsTheOthersAndLogsTheNamesShown()
    {
        var session = await PlanAsync(capacity: 1);
        var mine = await HouseholdAsync(Marie, "Diallo");
        Current.User = Paul;
        var seated = await HouseholdAsync(Paul, "Haddad");
        var waiting = await HouseholdAsync(Paul, "Nguyen");
        await Sessions.RegisterAsync(session, seated.Id);
        await Sessions.RegisterAsync(session, waiting.Id);
        Current.User = Marie;
        await Sessions.RegisterAsync(session, mine.Id);

        var view = await Sessions.GetAsync(session);

        var participant = Assert.Single(view.Participants);
        Assert.Equal(mine.Id, participant.HouseholdId);
        Assert.Equal((1, 1, 2), (view.OthersRegistered, view.OthersWaitListed, view.Others));
        Assert.Equal((1, 2), (view.Registered, view.WaitListed));
        var serialized = JsonSerializer.Serialize(view);
        Assert.DoesNotContain("Haddad", serialized, StringComparison.Ordinal);
        Assert.DoesNotContain(seated.FileNumber, serialized, StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        var listed = await db.AccessLog.Where(a => a.Action == AccessAction.ParticipantListed).ToListAsync(TestContext.Current.CancellationToken);
        var entry = Assert.Single(listed);
        Assert.Equal((mine.Id, Marie.Id, $"/sessions/{session}"), (entry.HouseholdId, entry.UserId, entry.Source));
    }

    [Fact]
    public async Task GetAsync_AsASupervisor_NamesEveryHouseholdAndLogsEach()
    {
        var session = await PlanAsync();
        var marie = await HouseholdAsync(Marie, "Diallo");
        await Sessions.RegisterAsync(session, marie.Id);
        Current.User = Paul;
        var paul = await HouseholdAsync(Paul, "Haddad");
        await Sessions.RegisterAsync(session, paul.Id);
        Current.User = Supervisor;

        var view = await Sessions.GetAsync(session);

        Assert.Equal(2, view.Participants.Count);
        Assert.Equal(0, view.Others);
        await using var db = Database.CreateDbContext();
        Assert.Equal(
            new[] { marie.Id, paul.Id }.Order(),
            (await db.AccessLog.Where(a => a.Action == AccessAction.ParticipantListed && a.UserId == Supervisor.Id)
                .Select(a => a.HouseholdId).ToListAsync(TestContext.Current.CancellationToken)).Order());
    }

    [Fact]
    public async Task RegisterAsync_AnotherCounsellorsFile_IsRefusedAndLogged()
    {
        var session = await PlanAsync();
        var household = await HouseholdAsync(Marie, "Diallo");
        Current.User = Paul;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.RegisterAsync(session, household.Id));

        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.SessionRegistrations.ToListAsync());
        Assert.Contains(await db.AccessLog.ToListAsync(), a => a.HouseholdId == household.Id && a.UserId == Paul.Id && a.Action == AccessAction.Denied);
    }

    [Fact]
    public async Task RegisterAsync_WithdrawnFile_IsRefused()
    {
        var session = await PlanAsync();
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.InfoSession).WithdrawnFor("postponed"));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Sessions.RegisterAsync(session, household.Id));

        Assert.Equal("Session.HouseholdNotActive", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task CancelAsync_TellsEveryHouseholdByEmailInItsLanguageAndTheirCounsellorsInTheApp()
    {
        var session = await PlanAsync(capacity: 1);
        var french = await HouseholdAsync(Marie, "Diallo", "aminata.diallo@courriel.test", Stage.InfoSession, "wo", "fr");
        var english = await HouseholdAsync(Paul, "Okafor", "ngozi.okafor@mail.test", Stage.InfoSession, "yo", "en");
        var noEmail = await HouseholdAsync(Marie, "Haddad");
        await Sessions.RegisterAsync(session, french.Id);
        Current.User = Paul;
        Assert.Equal(RegistrationStatus.WaitListed, (await Sessions.RegisterAsync(session, english.Id)).Status);
        Current.User = Marie;
        await Sessions.RegisterAsync(session, noEmail.Id);
        Current.User = Supervisor;

        await Sessions.CancelAsync(session, (await Sessions.GetAsync(session)).Version, "L'animatrice est malade");

        await using (var db = Database.CreateDbContext())
        {
            var outbox = await db.OutgoingEmails.AsNoTracking().OrderBy(e => e.ToAddress).ToListAsync();
            Assert.Equal(["aminata.diallo@courriel.test", "ngozi.okafor@mail.test"], outbox.Select(e => e.ToAddress));
            Assert.StartsWith("Séance d'information annulée", outbox[0].Subject);
            Assert.Contains("L'animatrice est malade", outbox[0].TextBody);
            Assert.Contains("Bonjour Aminata Diallo", outbox[0].TextBody);
            Assert.StartsWith("Information session cancelled", outbox[1].Subject);
            Assert.Equal(SessionStatus.Cancelled, (await db.InfoSessions.SingleAsync(s => s.Id == session)).Status);
        }

        Assert.Contains(Jobs.Created, j => j.Job.Type == typeof(EmailSenderJob));
        Assert.Contains(Jobs.Created, j => j.Job.Type == typeof(ReminderDeliveryJob));
        Assert.Equal(3, (await RemindersAsync(ReminderKind.SessionCancelled)).Count);

        await Delivery.RunAsync(TestContext.Current.CancellationToken);

        var notifications = await NotificationsAsync();
        Assert.Equal(2, notifications.Count(n => n.UserId == Marie.Id && n.Kind == ReminderKind.SessionCancelled));
        Assert.Equal(1, notifications.Count(n => n.UserId == Paul.Id && n.Kind == ReminderKind.SessionCancelled));
        Current.User = Marie;
        var bell = await new NotificationService(Database.ContextFactory, Current, Clock).GetRecentAsync(10, TestContext.Current.CancellationToken);
        Assert.All(bell, item => Assert.Equal("Vivre au Bas-Saint-Laurent", item.TaskTitle));
    }

    [Fact]
    public async Task CancelAsync_HouseholdEmail_IsDeliveredToTheMailServer()
    {
        var address = $"famille.{Guid.NewGuid():N}@courriel.test";
        var session = await PlanAsync();
        var household = await HouseholdAsync(Marie, "Diallo", address);
        await Sessions.RegisterAsync(session, household.Id);
        await Sessions.CancelAsync(session, (await Sessions.GetAsync(session)).Version, "Tempête de neige");

        var sent = await Sender(Smtp4dev.Settings()).RunAsync(TestContext.Current.CancellationToken);

        Assert.True(sent.Sent >= 1);
        using var smtp = new Smtp4dev();
        var mail = Assert.Single(await smtp.WaitForAsync(address, 1));
        Assert.Equal("Séance d'information annulée : « Vivre au Bas-Saint-Laurent » du 2025-11-19", mail.Subject);
        Assert.Contains("Tempête de neige", await smtp.PlainTextAsync(mail.Id));
    }

    [Fact]
    public async Task CancelAsync_FromAnOlderVersion_IsRefusedAndNobodyIsTold()
    {
        var session = await PlanAsync();
        var household = await HouseholdAsync(Marie, "Diallo", "a@courriel.test");
        await Sessions.RegisterAsync(session, household.Id);
        var seen = (await Sessions.GetAsync(session)).Version;
        await Sessions.UpdateAsync(session, seen, Details(capacity: 20));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Sessions.CancelAsync(session, seen, "Motif"));

        await using var db = Database.CreateDbContext();
        Assert.Empty(await db.OutgoingEmails.ToListAsync());
        Assert.Equal(SessionStatus.Scheduled, (await db.InfoSessions.SingleAsync(s => s.Id == session)).Status);
    }

    [Fact]
    public async Task Advance_FromInfoSession_RefusedBeforeAttendanceAndAllowedAfter()
    {
        var session = await PlanAsync();
        var household = await HouseholdAsync(Marie, "Diallo");
        var registration = await Sessions.RegisterAsync(session, household.Id);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Service.ApplyTransitionAsync(household.Id, household.Version, new AdvanceRequest(Stage.ExploratoryStay)));
        Assert.Equal("Workflow.Requirement.SessionAttended", Assert.Single(refused.Refusals).Code);
        Assert.Equal("Workflow.Requirement.SessionAttended",
            Assert.Single((await Service.GetAsync(household.Id, "test")).AdvanceDecision(FixedContext.Today).Refusals).Code);

        MoveTo(NextWeek.AddMinutes(30));
        await Sessions.RecordAttendanceAsync(session, registration.RegistrationId, Attendance.Absent);
        var afterAbsent = await VersionOfAsync(household.Id);
        await Assert.ThrowsAsync<DomainRuleException>(() =>
            Service.ApplyTransitionAsync(household.Id, afterAbsent, new AdvanceRequest(Stage.ExploratoryStay)));
        await Sessions.RecordAttendanceAsync(session, registration.RegistrationId, Attendance.Present);
        await Service.ApplyTransitionAsync(household.Id, await VersionOfAsync(household.Id), new AdvanceRequest(Stage.ExploratoryStay));

        Assert.Equal(Stage.ExploratoryStay, (await Service.GetAsync(household.Id, "test")).Household.Stage);
        Assert.Contains(AuditOf(household.Id), a => a.EntityType == nameof(SessionRegistration) && a.Field!.EndsWith(".Attendance", StringComparison.Ordinal) && a.NewValue == "Present");
    }

    [Fact]
    public async Task PartnerUser_SeesOnlyTheirPartnersSessionsWithNamesAndSizesOnly()
    {
        var theirs = await PlanAsync(10, null, Rimouski.Id);
        var other = await PlanAsync(10, NextWeek.AddDays(1), Sherbrooke.Id);
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.InfoSession).WithProfile(p => p
            .WithPrimaryApplicant("Aminata", "Diallo").WithSpouse().WithChild("Awa", new DateOnly(2018, 3, 1))
            .WithEmail("aminata.secret@courriel.test").WithPhone("514 555-0199")));
        await Sessions.RegisterAsync(theirs, household.Id);
        var annie = await PartnerUserAsync(Rimouski, "Annie Gauthier");
        Current.User = annie;

        var list = await Sessions.SearchAsync(new SessionQuery { When = SessionStatusFilter.All });
        var view = await Sessions.GetAsync(theirs);

        Assert.Equal([theirs], list.Rows.Select(r => r.Id));
        Assert.True(view.IsPartnerView);
        var participant = Assert.Single(view.Participants);
        Assert.Equal(("Diallo, Aminata", 3, (Guid?)null, (string?)null), (participant.Name, participant.Size, participant.HouseholdId, participant.FileNumber));
        var json = JsonSerializer.Serialize(view);
        Assert.DoesNotContain("aminata.secret", json, StringComparison.Ordinal);
        Assert.DoesNotContain("555-0199", json, StringComparison.Ordinal);
        Assert.DoesNotContain(household.FileNumber, json, StringComparison.Ordinal);
        Assert.DoesNotContain(household.Id.ToString(), json, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.GetAsync(other));
        Assert.Equal([theirs], (await Sessions.CalendarAsync(FixedContext.Today, FixedContext.Today.AddDays(30))).Select(r => r.Id));
    }

    [Fact]
    public async Task PartnerUser_RecordsAttendanceAtTheirSessionsOnlyAndNeverRegistersOrOpensFiles()
    {
        var theirs = await PlanAsync(10, null, Rimouski.Id);
        var other = await PlanAsync(10, null, Sherbrooke.Id);
        var household = await HouseholdAsync(Marie, "Diallo");
        var atTheirs = await Sessions.RegisterAsync(theirs, household.Id);
        var atOther = await Sessions.RegisterAsync(other, household.Id);
        Current.User = await PartnerUserAsync(Rimouski, "Annie Gauthier");
        MoveTo(NextWeek.AddHours(1));

        await Sessions.RecordAttendanceAsync(theirs, atTheirs.RegistrationId, Attendance.Present);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.RecordAttendanceAsync(other, atOther.RegistrationId, Attendance.Present));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.RegisterAsync(theirs, household.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.ForHouseholdAsync(household.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync(household.Id, "test"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.CreateAsync(Details()));
        Current.User = Marie;
        var rows = await Sessions.ForHouseholdAsync(household.Id);
        Assert.Equal(Attendance.Present, Assert.Single(rows, r => r.SessionId == theirs).Attendance);
        Assert.Null(Assert.Single(rows, r => r.SessionId == other).Attendance);
    }

    [Fact]
    public async Task PartnerUserWithoutPartnerOrganization_IsRefused()
    {
        await using (var db = Database.CreateDbContext())
        {
            Current.User = await TestUsers.CreateAsync(db, "orphan@partenaire.test", "Sans organisme", null, Roles.Partner);
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions.SearchAsync(new SessionQuery()));
    }

    [Fact]
    public async Task SearchAsync_FiltersByRegionAndTitleAndPagesInTheDatabase()
    {
        for (var i = 0; i < 3; i++)
        {
            await PlanAsync(10, NextWeek.AddDays(i));
        }

        Current.User = Supervisor;
        await Sessions.CreateAsync(Details() with { Title = "Découvrir l'Estrie", RegionCodes = ["05"], StartsAt = NextWeek.AddDays(5) });

        var estrie = await Sessions.SearchAsync(new SessionQuery { RegionCode = "05" });
        var byTitle = await Sessions.SearchAsync(new SessionQuery { Search = "decouvrir" });
        var page = await Sessions.SearchAsync(new SessionQuery { PageSize = 2, Page = 1 });

        Assert.Equal("Découvrir l'Estrie", Assert.Single(estrie.Rows).Title);
        Assert.Single(byTitle.Rows);
        Assert.Equal((4, 2), (page.Total, page.Rows.Count));
        Assert.True(page.Rows[0].StartsAt < page.Rows[1].StartsAt);
    }

    [Fact]
    public async Task CreateAsync_UnknownRegionOrInactivePartner_IsRefusedAndPlansNothing()
    {
        Current.User = Supervisor;
        await using (var db = Database.CreateDbContext())
        {
            await db.RegionalPartners.Where(p => p.Id == Sherbrooke.Id).ExecuteUpdateAsync(set => set.SetProperty(p => p.IsActive, false));
        }

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Sessions.CreateAsync(Details(10, null, Sherbrooke.Id) with { RegionCodes = ["06"] }));

        Assert.Equal(["Session.UnknownRegion", "Session.UnknownPartner"], refused.Refusals.Select(r => r.Code));
        await using var check = Database.CreateDbContext();
        Assert.Empty(await check.InfoSessions.ToListAsync());
    }

    [Fact]
    public async Task Timeline_ShowsRegistrationsAndAttendanceAsPastAndTheComingSession()
    {
        var tomorrow = AppClock.FromLocal(FixedContext.Today.AddDays(1), new TimeOnly(9, 0));
        var early = await PlanAsync(10, tomorrow);
        var later = await PlanAsync(10, NextWeek);
        var household = await HouseholdAsync(Marie, "Diallo");
        var seat = await Sessions.RegisterAsync(early, household.Id);
        await Sessions.RegisterAsync(later, household.Id);
        MoveTo(tomorrow.AddHours(2));
        await Sessions.RecordAttendanceAsync(early, seat.RegistrationId, Attendance.Present);

        var timeline = await new TimelineService(Database.ContextFactory, Access, Clock).GetAsync(household.Id);

        var coming = Assert.Single(timeline.Upcoming, e => e.Kind == TimelineEntryKind.SessionComing);
        Assert.Equal((FixedContext.Today.AddDays(7), RegistrationStatus.Registered), (coming.Day, coming.Registration!.Value));
        Assert.Equal(2, timeline.Past.Count(e => e.Kind == TimelineEntryKind.SessionRegistered));
        var attended = Assert.Single(timeline.Past, e => e.Kind == TimelineEntryKind.SessionAttendance);
        Assert.Equal((Attendance.Present, "Marie Tremblay"), (attended.SessionAttendance!.Value, attended.Actor));
    }
}
