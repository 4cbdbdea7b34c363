using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Households;

public sealed class HouseholdServiceTests(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    [Fact]
    public async Task CreateAsync_AsCounsellor_OpensFileAssignedToThemWithFiscalYearNumber()
    {
        var profile = new HouseholdProfileBuilder().WithPrimaryApplicant("Aminata", "Diallo").WithEmail("AMINATA@Example.ca").Build();

        var household = await Service.CreateAsync(profile, counsellorId: Paul.Id);

        await using var db = Database.CreateDbContext();
        var saved = await db.Households.Include(h => h.History).SingleAsync(h => h.Id == household.Id);
        Assert.Equal("2025-00001", saved.FileNumber);
        Assert.Equal(Marie.Id, saved.AssignedCounsellorId);
        Assert.Equal(1, saved.OrganizationId);
        Assert.Equal(RegistrationSource.Manual, saved.RegistrationSource);
        Assert.Equal("aminata@example.ca", saved.Contact.Email);
        Assert.Equal(TransitionKind.Opened, Assert.Single(saved.History).Kind);
        var audit = Assert.Single(AuditOf(household.Id));
        Assert.Equal((AuditAction.Added, "2025-00001", Marie.Id), (audit.Action, audit.NewValue, audit.UserId));
    }

    [Fact]
    public async Task CreateAsync_AsSupervisor_AssignsTheChosenCounsellorAndTheirOrganization()
    {
        Current.User = Supervisor;

        var household = await Service.CreateAsync(new HouseholdProfileBuilder().Build(), counsellorId: Paul.Id);

        Assert.Equal((Paul.Id, 2), (household.AssignedCounsellorId, household.OrganizationId));
    }

    [Fact]
    public async Task CreateAsync_ManyAtOnce_EveryFileGetsItsOwnNumber()
    {
        var creations = Enumerable.Range(0, 12).Select(_ => Service.CreateAsync(new HouseholdProfileBuilder().Build(), null));

        var households = await Task.WhenAll(creations);

        Assert.Equal(12, households.Select(h => h.FileNumber).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(1, 12).Select(n => $"2025-{n:D5}").Order(),
            households.Select(h => h.FileNumber).Order());
    }

    [Fact]
    public async Task CreateAsync_InvalidProfile_IsRefusedFieldByFieldAndNothingIsSaved()
    {
        var profile = new HouseholdProfileBuilder().WithPrimaryApplicant("", "Diallo").WithEmail("not-an-email").WithPreferredRegions("06").Build();

        var refused = await Assert.ThrowsAsync<HouseholdProfileException>(() => Service.CreateAsync(profile, null));

        Assert.Contains(refused.Errors, e => e.Field == "PrimaryApplicant.FirstName" && e.Code == "Profile.Required");
        await using var db = Database.CreateDbContext();
        Assert.False(await db.Households.AnyAsync());
    }

    [Fact]
    public async Task CreateAsync_RegionThatIsNotAHostRegion_IsRefused()
    {
        var profile = new HouseholdProfileBuilder().WithPreferredRegions("05", "13").Build();

        var refused = await Assert.ThrowsAsync<HouseholdProfileException>(() => Service.CreateAsync(profile, null));

        Assert.Equal("Profile.UnknownRegion", Assert.Single(refused.Errors).Code);
    }

    [Fact]
    public async Task CreateAsync_AsPartner_IsRefused()
    {
        await using (var db = Database.CreateDbContext())
        {
            Current.User = await TestUsers.CreateAsync(db, "partner@test.local", "Partenaire", null, Roles.Partner);
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateAsync(new HouseholdProfileBuilder().Build(), null));
    }

    [Fact]
    public async Task GetAsync_OwnFile_IsReturnedAndTheOpeningIsLogged()
    {
        var household = await SaveAsync(Marie);

        var details = await Service.GetAsync(household.Id, "/households/x");

        Assert.Equal(household.FileNumber, details.Household.FileNumber);
        Assert.Equal("Marie Tremblay", details.CounsellorName);
        await using var db = Database.CreateDbContext();
        var log = Assert.Single(db.AccessLog);
        Assert.Equal((AccessAction.Viewed, Marie.Id, "/households/x"), (log.Action, log.UserId, log.Source));
    }

    [Fact]
    public async Task GetAsync_AnotherCounsellorsFile_IsRefusedAndTheRefusalIsLogged()
    {
        var household = await SaveAsync(Paul);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync(household.Id, $"/households/{household.Id}"));

        await using var db = Database.CreateDbContext();
        var log = Assert.Single(db.AccessLog);
        Assert.Equal((AccessAction.Denied, Marie.Id, household.Id), (log.Action, log.UserId, log.HouseholdId));
    }

    [Fact]
    public async Task GetAsync_AsSupervisor_SeesAnyFile()
    {
        var household = await SaveAsync(Paul);
        Current.User = Supervisor;

        var details = await Service.GetAsync(household.Id, "test");

        Assert.Equal("Paul Nguyen", details.CounsellorName);
    }

    [Fact]
    public async Task EditsOfAnotherCounsellorsFile_AreRefused()
    {
        var household = await SaveAsync(Paul);
        var version = await VersionOfAsync(household.Id);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.UpdateProfileAsync(household.Id, version, household.ToProfile()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.AddNoteAsync(household.Id, "Hello"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetJournalAsync(household.Id, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAuditAsync(household.Id, 0, 10));
        Assert.Single(AuditOf(household.Id));
    }

    [Fact]
    public async Task UpdateProfileAsync_WritesOneAuditRowPerChangedValueWithOldAndNew()
    {
        var household = await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Aminata", "Diallo").WithPhone("514 555-0100")));
        var profile = household.ToProfile();
        profile.PrimaryApplicant.LastName = "Diallo-Barry";
        profile.Contact.Phone = "(438) 555-0199";
        Time.Advance(TimeSpan.FromMinutes(5));

        await Service.UpdateProfileAsync(household.Id, await VersionOfAsync(household.Id), profile);

        var changes = AuditOf(household.Id).Where(a => a.Action == AuditAction.Modified).ToList();
        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, a => a is { Field: "PrimaryApplicant.LastName", OldValue: "Diallo", NewValue: "Diallo-Barry" });
        Assert.Contains(changes, a => a is { Field: "Contact.Phone", OldValue: "514 555-0100", NewValue: "438 555-0199" });
        Assert.All(changes, a => Assert.Equal((Marie.Id, "Marie Tremblay", Time.GetUtcNow()), (a.UserId, a.UserName, a.OccurredAt)));
    }

    [Fact]
    public async Task UpdateProfileAsync_ChildAddedChangedAndRemoved_AreAudited()
    {
        var household = await SaveAsync(Marie, b => b.WithProfile(p => p
            .WithChild("Léa", new DateOnly(2018, 3, 1))
            .WithChild("Omar", new DateOnly(2020, 6, 1))));
        var profile = household.ToProfile();
        profile.Children[0].BirthDate = new DateOnly(2018, 4, 1);
        profile.Children.RemoveAt(1);
        profile.Children.Add(new Child { FirstName = "Inès", BirthDate = new DateOnly(2024, 1, 2), Care = ChildCare.Daycare });

        await Service.UpdateProfileAsync(household.Id, await VersionOfAsync(household.Id), profile);

        var audit = AuditOf(household.Id).Skip(1).ToList();
        Assert.Contains(audit, a => a is { Action: AuditAction.Modified, Field: "Children[Léa].BirthDate", OldValue: "2018-03-01", NewValue: "2018-04-01" });
        Assert.Contains(audit, a => a is { Action: AuditAction.Deleted, Field: "Children[Omar]" });
        Assert.Contains(audit, a => a is { Action: AuditAction.Added, Field: "Children[Inès]" });
    }

    [Fact]
    public async Task UpdateProfileAsync_WithAVersionSomeoneElseSavedOver_IsRefusedAndKeepsTheirChange()
    {
        var household = await SaveAsync(Marie);
        var seenByBoth = await VersionOfAsync(household.Id);
        var first = household.ToProfile();
        first.Contact.Borough = "Verdun";
        await Service.UpdateProfileAsync(household.Id, seenByBoth, first);
        var second = household.ToProfile();
        second.Contact.Borough = "Anjou";

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.UpdateProfileAsync(household.Id, seenByBoth, second));

        await using var db = Database.CreateDbContext();
        Assert.Equal("Verdun", (await db.Households.SingleAsync()).Contact.Borough);
        Assert.Single(AuditOf(household.Id), a => a.Field == "Contact.Borough");
    }

    [Fact]
    public async Task ApplyTransitionAsync_AdvanceWithoutContact_IsRefusedWithTheReasonAndChangesNothing()
    {
        var household = await SaveAsync(Marie, b => b.WithNeeds("employment"));
        var version = await VersionOfAsync(household.Id);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Service.ApplyTransitionAsync(household.Id, version, new AdvanceRequest(Stage.PersonalizedPlan)));

        Assert.Equal("Workflow.Requirement.ContactRecorded", Assert.Single(refused.Refusals).Code);
        await using var db = Database.CreateDbContext();
        Assert.Equal(Stage.Outreach, (await db.Households.SingleAsync()).Stage);
        Assert.Single(await db.StageTransitions.ToListAsync());
    }

    [Fact]
    public async Task ApplyTransitionAsync_AdvanceAfterAContact_MovesTheFileAndRecordsHistoryAndAudit()
    {
        var household = await SaveAsync(Marie, b => b.WithNeeds("employment"));
        await Service.RecordContactAsync(household.Id, ContactChannel.Phone, FixedContext.Today, new TimeOnly(9, 15), "Premier appel");

        await Service.ApplyTransitionAsync(household.Id, await VersionOfAsync(household.Id), new AdvanceRequest(Stage.PersonalizedPlan));

        await using var db = Database.CreateDbContext();
        var saved = await db.Households.Include(h => h.History).SingleAsync();
        Assert.Equal((Stage.PersonalizedPlan, FixedContext.Today), (saved.Stage, saved.LastContactOn!.Value));
        Assert.Equal(TransitionKind.Advance, saved.History.OrderBy(t => t.OccurredAt).Last().Kind);
        Assert.Contains(AuditOf(household.Id), a => a is { Field: "Stage", OldValue: "Outreach", NewValue: "PersonalizedPlan" });
        Assert.Contains(AuditOf(household.Id), a => a is { EntityType: "JournalEntry", Action: AuditAction.Added });
    }

    [Fact]
    public async Task ApplyTransitionAsync_LeavingThePlanStage_RequiresThePlanAgreedWithTheHousehold()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.PersonalizedPlan));
        var version = await VersionOfAsync(household.Id);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Service.ApplyTransitionAsync(household.Id, version, new AdvanceRequest(Stage.InfoSession)));
        Assert.Equal("Workflow.Requirement.PlanAgreed", Assert.Single(refused.Refusals).Code);
        Assert.Equal("Workflow.Requirement.PlanAgreed", Assert.Single((await Service.GetAsync(household.Id, "test")).AdvanceDecision(FixedContext.Today).Refusals).Code);

        await using (var db = Database.CreateDbContext())
        {
            var plan = Plan.Start(household.Id, FixedContext.Default);
            plan.AddGoal("employment", "Trouver un emploi en Estrie", FixedContext.Default);
            plan.Agree(FixedContext.Today, "Aminata Diallo", FixedContext.Default);
            db.ActingAs(FixedContext.Default).Plans.Add(plan);
            await db.SaveChangesAsync();
        }

        Assert.True((await Service.GetAsync(household.Id, "test")).AdvanceDecision(FixedContext.Today).IsAllowed);
        await Service.ApplyTransitionAsync(household.Id, version, new AdvanceRequest(Stage.InfoSession));
        await using var check = Database.CreateDbContext();
        Assert.Equal(Stage.InfoSession, (await check.Households.SingleAsync()).Stage);
    }

    [Fact]
    public async Task ApplyTransitionAsync_SettleInMontreal_IsRefusedWhateverTheFormClaimed()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));

        var version = await VersionOfAsync(household.Id);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Service.ApplyTransitionAsync(
            household.Id, version, new SettleRequest("06", RegionIsHost: true, "Montréal", FixedContext.Today)));

        Assert.Equal("Workflow.SettlementRegionNotHost", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task ApplyTransitionAsync_SettleInAHostRegion_RecordsTheSettlement()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy));

        await Service.ApplyTransitionAsync(household.Id, await VersionOfAsync(household.Id),
            new SettleRequest("05", RegionIsHost: false, "Sherbrooke", FixedContext.Today));

        await using var db = Database.CreateDbContext();
        var saved = await db.Households.SingleAsync();
        Assert.Equal((CaseStatus.Settled, "05", "Sherbrooke"), (saved.Status, saved.Settlement!.RegionCode, saved.Settlement.Municipality));
    }

    [Fact]
    public async Task ApplyTransitionAsync_WithdrawWithAnUnknownReason_IsRefused()
    {
        var household = await SaveAsync(Marie);

        var version = await VersionOfAsync(household.Id);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Service.ApplyTransitionAsync(
            household.Id, version, new WithdrawRequest("bored", null)));

        Assert.Equal("Workflow.UnknownWithdrawalReason", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task ApplyTransitionAsync_TwoPeopleActingOnTheSameVersion_TheSecondIsTold()
    {
        var household = await SaveAsync(Marie);
        var version = await VersionOfAsync(household.Id);
        await Service.ApplyTransitionAsync(household.Id, version, new WithdrawRequest("postponed", "Rappeler en mai"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Service.ApplyTransitionAsync(household.Id, version, new HoldRequest(FixedContext.Today.AddDays(10), "Attente")));

        await using var db = Database.CreateDbContext();
        Assert.Equal(CaseStatus.Withdrawn, (await db.Households.SingleAsync()).Status);
    }

    [Fact]
    public async Task AddNoteAsync_WhileSomeoneEditsTheProfile_DoesNotBlockTheirSave()
    {
        var household = await SaveAsync(Marie);
        var version = await VersionOfAsync(household.Id);

        await Service.AddNoteAsync(household.Id, "Rencontre prévue");
        var profile = household.ToProfile();
        profile.Contact.Borough = "Saint-Laurent";
        await Service.UpdateProfileAsync(household.Id, version, profile);

        var journal = await Service.GetJournalAsync(household.Id, 10);
        Assert.Equal("Rencontre prévue", Assert.Single(journal.Entries).Text);
    }

    [Fact]
    public async Task RecordContactAsync_InTheFuture_IsRefused()
    {
        var household = await SaveAsync(Marie);

        await Assert.ThrowsAsync<DomainRuleException>(() =>
            Service.RecordContactAsync(household.Id, ContactChannel.Email, FixedContext.Today.AddDays(1), new TimeOnly(9, 0), "Demain"));

        Assert.Empty((await Service.GetJournalAsync(household.Id, 10)).Entries);
    }

    [Fact]
    public async Task FindPossibleDuplicatesAsync_SameEmailOrPhoneInAnotherFile_IsFlaggedWithoutDetails()
    {
        await SaveAsync(Paul, b => b.WithProfile(p => p.WithEmail("famille@exemple.ca").WithPhone("514 555-0101")));
        var mine = await SaveAsync(Marie, b => b.WithProfile(p => p.WithEmail("autre@exemple.ca")));

        var byEmail = await Service.FindPossibleDuplicatesAsync(" Famille@Exemple.ca ", null, null);
        var byPhone = await Service.FindPossibleDuplicatesAsync(null, "1-514-555-0101", null);
        var none = await Service.FindPossibleDuplicatesAsync("autre@exemple.ca", null, mine.Id);

        // Another counsellor's file: said to exist, never named (no number, no counsellor).
        var duplicate = Assert.Single(byEmail);
        Assert.Equal((true, false, false, null, null), (duplicate.SameEmail, duplicate.SamePhone, duplicate.Accessible, duplicate.FileNumber, duplicate.CounsellorName));
        Assert.True(Assert.Single(byPhone).SamePhone);
        Assert.Empty(none);
        await using var db = Database.CreateDbContext();
        Assert.Equal(2, await db.AccessLog.CountAsync(a => a.Action == AccessAction.DuplicateLookup && a.UserId == Marie.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FindPossibleDuplicatesAsync_TheirOwnFileOrAsASupervisor_NamesTheFileAndItsCounsellor()
    {
        var paulsFile = await SaveAsync(Paul, b => b.WithProfile(p => p.WithEmail("famille@exemple.ca")));
        Current.User = Supervisor;

        var duplicate = Assert.Single(await Service.FindPossibleDuplicatesAsync("famille@exemple.ca", null, null));

        Assert.Equal((paulsFile.Id, paulsFile.FileNumber, "Paul Nguyen"), (duplicate.Id, duplicate.FileNumber, duplicate.CounsellorName));
    }

    [Fact]
    public async Task CreateAsync_WithTheEmailOfAnotherCounsellorsFile_FlagsThePairForTheSupervisors()
    {
        Current.User = Supervisor;
        var paulsFile = await Service.CreateAsync(new HouseholdProfileBuilder().WithEmail("famille@exemple.ca").Build(), Paul.Id);
        Current.User = Marie;

        var created = await Service.CreateAsync(new HouseholdProfileBuilder().WithEmail("famille@exemple.ca").Build(), null);

        await using var db = Database.CreateDbContext();
        var flag = Assert.Single(await db.DuplicateFlags.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal((created.Id, paulsFile.Id), (flag.HouseholdId, flag.OtherHouseholdId));
    }
}
