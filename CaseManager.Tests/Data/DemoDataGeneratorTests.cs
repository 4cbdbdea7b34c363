using System.Globalization;
using CaseManager.Data;
using CaseManager.Data.Demo;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using CaseManager.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Data;

public sealed class DemoDataGeneratorTests(DatabaseFixture database) : DatabaseTest(database)
{
    /// <summary>Noon in Montréal, the day the demo's default seed is named after.</summary>
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 16, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Today = new(2026, 4, 1);

    private static readonly TimeZoneInfo Montreal = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    private static readonly DemoOptions ThreeHundred = new(Households: 300);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_CreatesTheDemoUsersWithRolesAndTheDemoPassword()
    {
        var summary = await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var users = await db.Users.AsNoTracking().ToListAsync(Cancellation);
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           select new { link.UserId, role.Name }).ToListAsync(Cancellation);
        var organizations = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Code, Cancellation);
        string RoleOf(ApplicationUser user) => Assert.Single(roles, r => r.UserId == user.Id).Name!;
        ApplicationUser ByEmail(string email) => Assert.Single(users, u => u.Email == email);

        Assert.Equal(20, summary.Users);
        Assert.Equal(20, users.Count);
        Assert.Equal(Roles.Counsellor, RoleOf(ByEmail("intervenant@demo.local")));
        Assert.Equal(Roles.Supervisor, RoleOf(ByEmail("superviseur@demo.local")));
        Assert.Equal(Roles.Partner, RoleOf(ByEmail("partenaire@demo.local")));
        Assert.Equal(Roles.Admin, RoleOf(ByEmail("admin@demo.local")));
        Assert.Equal(Roles.PrivacyOfficer, RoleOf(ByEmail("vie-privee@demo.local")));
        Assert.Equal(
            new Dictionary<string, int> { [Roles.Counsellor] = 14, [Roles.Supervisor] = 2, [Roles.Partner] = 2, [Roles.Admin] = 1, [Roles.PrivacyOfficer] = 1 },
            users.GroupBy(RoleOf).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(
            new Dictionary<string, int> { ["PROMIS"] = 5, ["CFIQ"] = 5, ["ALPA"] = 4 },
            users.Where(u => RoleOf(u) == Roles.Counsellor).GroupBy(u => organizations[u.OrganizationId!.Value]).ToDictionary(g => g.Key, g => g.Count()));

        var hasher = new PasswordHasher<ApplicationUser>();
        Assert.All(users, user =>
        {
            Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, DemoData.Password));
            Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, "demo123!"));
            Assert.Equal(user.Email!.ToUpperInvariant(), user.NormalizedEmail);
            Assert.Equal(user.UserName!.ToUpperInvariant(), user.NormalizedUserName);
            Assert.True(user.EmailConfirmed);
            Assert.False(string.IsNullOrEmpty(user.SecurityStamp));
            Assert.False(string.IsNullOrEmpty(user.DisplayName));
            Assert.Equal("fr-CA", user.PreferredCulture);
        });
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_CreatesTwoValidPartnersPerHostRegionAndAttachesThePartnerAccounts()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var partners = await db.RegionalPartners.AsNoTracking().ToListAsync(Cancellation);
        var hostRegions = await db.Regions.Where(r => r.IsHostRegion).Select(r => r.Code).ToListAsync(Cancellation);
        Assert.Equal(hostRegions.Order(), partners.SelectMany(p => p.RegionCodes).Distinct().Order());
        Assert.All(hostRegions, region => Assert.Equal(2, partners.Count(p => p.RegionCodes.Contains(region))));
        Assert.All(partners, partner => Assert.Empty(partner.Validate()));
        var partnerUsers = await db.Users.AsNoTracking().Where(u => u.Email!.EndsWith("@demo.local") && u.PartnerOrganizationId != null)
            .ToDictionaryAsync(u => u.Email!, u => u.PartnerOrganizationId!.Value, Cancellation);
        Assert.Equal(["partenaire@demo.local", "stephane.morin@demo.local"], partnerUsers.Keys.Order());
        Assert.Contains("01", Assert.Single(partners, p => p.Id == partnerUsers["partenaire@demo.local"]).RegionCodes);

        // Sessions the demo partner co-runs: one held with its households present, one to come.
        var theirs = await db.InfoSessions.AsNoTracking().Include(s => s.Registrations)
            .Where(s => s.PartnerIds.Contains(partnerUsers["partenaire@demo.local"])).ToListAsync(Cancellation);
        Assert.Contains(theirs, s => s.Status == CaseManager.Domain.Sessions.SessionStatus.Held && s.Registrations.Count > 0
            && s.Registrations.All(r => r.Attendance == CaseManager.Domain.Sessions.Attendance.Present));
        Assert.Contains(theirs, s => s.Status == CaseManager.Domain.Sessions.SessionStatus.Scheduled && s.Registrations.Count > 0);
    }

    [Fact]
    public async Task GenerateAsync_DemoCounsellorAlreadyExists_ReusesTheUserAndGivesItFiles()
    {
        string existingId;
        await using (var db = Database.CreateDbContext())
        {
            var existing = new ApplicationUser
            {
                UserName = "Intervenant@Demo.Local",
                NormalizedUserName = "INTERVENANT@DEMO.LOCAL",
                Email = "Intervenant@Demo.Local",
                NormalizedEmail = "INTERVENANT@DEMO.LOCAL",
                DisplayName = "Marie-Ève Déjà-Là",
                CreatedAt = Now.AddYears(-5),
            };
            db.Users.Add(existing);
            await db.SaveChangesAsync(Cancellation);
            existingId = existing.Id;
        }

        var summary = await GenerateAsync(ThreeHundred);

        await using var check = Database.CreateDbContext();
        var counsellorRole = await check.Roles.Where(r => r.Name == Roles.Counsellor).Select(r => r.Id).SingleAsync(Cancellation);
        Assert.Equal(20, summary.Users);
        Assert.True(await check.UserRoles.AnyAsync(r => r.UserId == existingId && r.RoleId == counsellorRole, Cancellation));
        Assert.True(await check.Households.CountAsync(h => h.AssignedCounsellorId == existingId, Cancellation) > 0);
        Assert.True(await check.StageTransitions.AnyAsync(t => t.ActorName == "Marie-Ève Déjà-Là", Cancellation));
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_GivesEveryHouseholdAHistoryFromOpenedToItsStageAndStatus()
    {
        var summary = await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var households = await db.Households.AsNoTracking().Include(h => h.History).ToListAsync(Cancellation);
        var lastContacts = (await db.JournalEntries.AsNoTracking()
                .Where(j => j.Kind == JournalEntryKind.Contact)
                .Select(j => new { j.HouseholdId, j.OccurredAt })
                .ToListAsync(Cancellation))
            .GroupBy(j => j.HouseholdId)
            .ToDictionary(g => g.Key, g => g.Max(j => DayOf(j.OccurredAt)));
        var withdrawalReasons = await db.WithdrawalReasons.Select(r => r.Code).ToListAsync(Cancellation);

        Assert.Equal(300, summary.Households);
        Assert.Equal(300, households.Count);
        Assert.Equal(await db.JournalEntries.CountAsync(Cancellation), summary.JournalEntries);
        Assert.All(households, household =>
        {
            var history = household.History.OrderBy(t => t.OccurredAt).ToList();
            var opened = history[0];
            Assert.Equal(TransitionKind.Opened, opened.Kind);
            Assert.Equal((Stage.Outreach, CaseStatus.Active), (opened.ToStage, opened.ToStatus));
            Assert.Equal(household.CreatedAt, opened.OccurredAt);
            for (var i = 1; i < history.Count; i++)
            {
                Assert.True(history[i].OccurredAt > history[i - 1].OccurredAt, household.FileNumber);
                Assert.Equal((history[i - 1].ToStage, history[i - 1].ToStatus), (history[i].FromStage!.Value, history[i].FromStatus!.Value));
            }

            Assert.Equal((history[^1].ToStage, history[^1].ToStatus), (household.Stage, household.Status));
            Assert.True(history[^1].OccurredAt <= Now);
            Assert.Equal(FiscalYear.Of(DayOf(household.CreatedAt)).StartYear.ToString(CultureInfo.InvariantCulture), household.FileNumber[..4]);
            Assert.Matches(@"^\d{4}-\d{5}$", household.FileNumber);
            Assert.Equal(lastContacts.TryGetValue(household.Id, out var lastContact) ? lastContact : null, household.LastContactOn);
            Assert.NotEmpty(household.NeedCodes);
            Assert.NotEmpty(household.PreferredRegionCodes);
            switch (household.Status)
            {
                case CaseStatus.Active:
                    Assert.Null(household.HoldUntil);
                    break;
                case CaseStatus.OnHold:
                    Assert.True(household.HoldUntil > Today, household.FileNumber);
                    break;
                case CaseStatus.Withdrawn:
                    Assert.Contains(household.WithdrawalReasonCode, withdrawalReasons);
                    break;
                case CaseStatus.Settled:
                    Assert.NotNull(household.Settlement);
                    break;
                case CaseStatus.Closed:
                    Assert.Contains(history, t => t.Kind is TransitionKind.Withdraw or TransitionKind.Settle);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(household), household.Status, null);
            }
        });
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_SettlesHouseholdsInHostRegionsOnly()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var hostRegions = await db.Regions.Where(r => r.IsHostRegion).Select(r => r.Code).ToListAsync(Cancellation);
        var settled = await db.Households.AsNoTracking().Where(h => h.Settlement != null).ToListAsync(Cancellation);

        Assert.NotEmpty(settled);
        Assert.All(settled, household =>
        {
            Assert.Contains(household.Settlement!.RegionCode, hostRegions);
            Assert.NotEqual("06", household.Settlement.RegionCode);
            Assert.NotEqual("13", household.Settlement.RegionCode);
            Assert.False(string.IsNullOrWhiteSpace(household.Settlement.Municipality));
            Assert.True(household.Settlement.SettledOn <= Today);
            Assert.Contains(household.Settlement.RegionCode, household.PreferredRegionCodes);
        });
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_AnswersOldFollowUps_SoTheSweepLeavesNoneMoreThanSixtyDaysOverdue()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var settled = await db.Households.AsNoTracking().Where(h => h.Settlement != null && h.Status == CaseStatus.Settled)
            .Select(h => new { h.Id, h.Settlement!.SettledOn }).ToListAsync(Cancellation);
        var checks = await db.RetentionChecks.AsNoTracking().ToListAsync(Cancellation);
        // What the hourly sweep would create: every horizon due by today that has no follow-up yet.
        var leftToTheSweep = settled
            .SelectMany(h => RetentionCheck.Horizons.Select(months => (h.Id, Months: months, DueOn: h.SettledOn.AddMonths(months))))
            .Where(d => d.DueOn <= Today && !checks.Any(c => c.HouseholdId == d.Id && c.MonthsAfter == d.Months))
            .ToList();

        Assert.Contains(settled, h => h.SettledOn.AddMonths(3) < Today.AddDays(-60));
        Assert.NotEmpty(checks);
        Assert.All(leftToTheSweep, d => Assert.True(d.DueOn >= Today.AddDays(-60), $"A follow-up due {d.DueOn:yyyy-MM-dd} would be {Today.DayNumber - d.DueOn.DayNumber} days overdue."));
        Assert.All(checks, c => Assert.True(c.AnsweredOn is { } on && on <= Today && c.DueOn <= Today.AddDays(-60)));
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_GivesEveryFileItsInitialAssignmentAndCounsellorsTheirSettings()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var households = await db.Households.AsNoTracking()
            .Select(h => new { h.Id, h.AssignedCounsellorId, h.OrganizationId, h.CreatedAt }).ToListAsync(Cancellation);
        var assignments = await db.Assignments.AsNoTracking().ToListAsync(Cancellation);
        Assert.Equal(households.Count, assignments.Count);
        Assert.All(households, household =>
        {
            var first = Assert.Single(assignments, a => a.HouseholdId == household.Id);
            Assert.Equal((household.AssignedCounsellorId, household.OrganizationId, household.CreatedAt, CaseManager.Domain.Assignment.AssignmentReason.Initial),
                (first.ToCounsellorId, first.OrganizationId, first.At, first.Reason));
        });
        var carolina = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "carolina.restrepo@demo.local", Cancellation);
        var aminata = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "aminata.diallo@demo.local", Cancellation);
        Assert.Equal(1.0m, carolina.Capacity);
        Assert.Equal(["fr", "es", "pt"], carolina.Languages);
        Assert.Equal(0.6m, aminata.Capacity);
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_GivesEveryFileFromThePlanStageOnAPlanAgreedBeforeItMovedOn()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var households = await db.Households.AsNoTracking().Include(h => h.History).ToListAsync(Cancellation);
        var plans = await db.Plans.AsNoTracking().Include(p => p.Goals).ThenInclude(g => g.Tasks).Include(p => p.Milestones)
            .AsSplitQuery().ToDictionaryAsync(p => p.HouseholdId, Cancellation);
        var hostRegions = await db.Regions.Where(r => r.IsHostRegion).Select(r => r.Code).ToListAsync(Cancellation);

        var reachedPlan = households.Where(h => h.History.Any(t => t.ToStage == Stage.PersonalizedPlan)).ToList();
        var pastPlan = households.Where(h => h.Stage > Stage.PersonalizedPlan).ToList();
        var atPlan = households.Where(h => h is { Stage: Stage.PersonalizedPlan, Status: CaseStatus.Active }).ToList();
        Assert.NotEmpty(pastPlan);
        Assert.Equal(reachedPlan.Select(h => h.Id).Order(), plans.Keys.Order());
        Assert.All(pastPlan, household =>
        {
            var plan = plans[household.Id];
            var left = household.History.OrderBy(t => t.OccurredAt)
                .First(t => t.FromStage == Stage.PersonalizedPlan && t.ToStage > Stage.PersonalizedPlan);
            Assert.True(plan.IsAgreed, household.FileNumber);
            Assert.True(plan.AgreedOn <= DayOf(left.OccurredAt), household.FileNumber);
            Assert.True(plan.AgreedOn >= DayOf(plan.CreatedAt), household.FileNumber);
            Assert.False(string.IsNullOrWhiteSpace(plan.AgreedWith));
            Assert.False(string.IsNullOrWhiteSpace(plan.AgreementRecordedBy));
        });
        Assert.Contains(atPlan, h => plans[h.Id].IsAgreed);
        Assert.Contains(atPlan, h => !plans[h.Id].IsAgreed);
        Assert.All(plans.Values, plan =>
        {
            var household = households.Single(h => h.Id == plan.HouseholdId);
            Assert.NotEmpty(plan.Goals);
            Assert.All(plan.Goals, g => Assert.Contains(g.NeedCode, household.NeedCodes));
            Assert.All(plan.Goals, g => Assert.NotEmpty(g.Tasks));
            Assert.All(plan.TargetRegionCodes, code => Assert.Contains(code, hostRegions));
            Assert.All(plan.Tasks, t => Assert.Equal(t.Status == PlanTaskStatus.Done, t.CompletedOn is not null));
            Assert.All(plan.Tasks.Where(t => t.CompletedOn is not null), t => Assert.InRange(t.CompletedOn!.Value, DayOf(plan.CreatedAt), Today));
            Assert.True(plan.UpdatedAt <= Now);
        });

        var activeTasks = plans.Values.Where(p => households.Single(h => h.Id == p.HouseholdId).Status == CaseStatus.Active).SelectMany(p => p.Tasks).ToList();
        Assert.Contains(activeTasks, t => t.IsOpen && t.DueOn < Today);
        Assert.Contains(activeTasks, t => t.IsOpen && t.DueOn >= Today && t.DueOn < Today.AddDays(7));
        Assert.Contains(activeTasks, t => t.Status == PlanTaskStatus.Done);
        Assert.Equal(
            ["Adulte seul, emploi en main", "Famille avec enfants d'âge scolaire", "Projet d'entreprise"],
            await db.PlanTemplates.Where(t => t.IsActive).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(Cancellation));
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_CreatesStaysOverTheHostRegionsWithValidParticipantsAndDebriefs()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var stays = await db.Stays.AsNoTracking().Include(s => s.Participants).Include(s => s.Agenda).Include(s => s.Expenses).ToListAsync(Cancellation);
        var debriefs = await db.StayDebriefs.AsNoTracking().Include(d => d.NextSteps).ToListAsync(Cancellation);
        var partners = await db.RegionalPartners.AsNoTracking().ToDictionaryAsync(p => p.Id, Cancellation);
        var hostRegions = await db.Regions.Where(r => r.IsHostRegion).Select(r => r.Code).ToListAsync(Cancellation);
        var households = await db.Households.AsNoTracking()
            .Select(h => new { h.Id, h.Stage, h.Status, Size = 1 + (h.Spouse != null ? 1 : 0) + h.Children.Count })
            .ToDictionaryAsync(h => h.Id, Cancellation);
        var completed = stays.Where(s => s.Status == CaseManager.Domain.Stays.StayStatus.Completed).ToList();
        var upcoming = stays.Where(s => s.IsOpen).ToList();

        Assert.True(completed.Count >= 10, $"{completed.Count} completed stays");
        Assert.True(upcoming.Count >= 10, $"{upcoming.Count} stays to come");
        Assert.Contains(upcoming, s => s.Status == CaseManager.Domain.Stays.StayStatus.Planned);
        Assert.Contains(upcoming, s => s.Status == CaseManager.Domain.Stays.StayStatus.Confirmed);
        Assert.Equal(completed.Count + upcoming.Count, stays.Count);
        Assert.True(stays.Select(s => s.RegionCode).Distinct().Count() >= 10, "spread over the host regions");
        Assert.All(stays, stay =>
        {
            Assert.Contains(stay.RegionCode, hostRegions);
            Assert.Contains(stay.RegionCode, partners[stay.HostPartnerId].RegionCodes);
            Assert.NotEmpty(stay.Participants);
            Assert.All(stay.Participants, p => Assert.InRange(p.PeopleCount, 1, households[p.HouseholdId].Size));
            Assert.InRange(stay.Agenda.Count, 3, 4);
            Assert.All(stay.Agenda, a => Assert.InRange(a.Day, stay.StartOn, stay.EndOn));
            Assert.InRange(stay.Expenses.Count, 3, 4);
            Assert.All(stay.Expenses, e => Assert.True(e.Planned > 0));
        });
        Assert.Equal(stays.SelectMany(s => s.Participants).Count(), stays.SelectMany(s => s.Participants).Select(p => p.HouseholdId).Distinct().Count());

        Assert.All(completed, stay =>
        {
            Assert.True(stay.EndOn < Today);
            Assert.Contains(stay.Participants, p => p.Attendance == CaseManager.Domain.Stays.Attendance.Present);
            Assert.All(stay.Participants, p => Assert.Contains(households[p.HouseholdId].Stage, new[] { Stage.ExploratoryStay, Stage.MovingSubsidy }));
            Assert.All(stay.Expenses, e => Assert.NotNull(e.Actual));
            var present = stay.Participants.Where(p => p.Attendance == CaseManager.Domain.Stays.Attendance.Present).Select(p => p.HouseholdId).Order();
            Assert.Equal(present, debriefs.Where(d => d.StayId == stay.Id).Select(d => d.HouseholdId).Order());
        });
        Assert.All(upcoming, stay =>
        {
            Assert.True(stay.StartOn > Today);
            Assert.All(stay.Participants, p => Assert.Contains(households[p.HouseholdId].Stage, new[] { Stage.InfoSession, Stage.ExploratoryStay }));
            Assert.All(stay.Participants, p => Assert.Equal(CaseStatus.Active, households[p.HouseholdId].Status));
            Assert.All(stay.Expenses, e => Assert.Null(e.Actual));
            Assert.DoesNotContain(debriefs, d => d.StayId == stay.Id);
        });
        Assert.All(debriefs, debrief =>
        {
            var stay = Assert.Single(completed, s => s.Id == debrief.StayId);
            Assert.Equal(CaseManager.Domain.Stays.Attendance.Present, Assert.Single(stay.Participants, p => p.HouseholdId == debrief.HouseholdId).Attendance);
            Assert.InRange(debrief.Interest, 1, 5);
            Assert.False(string.IsNullOrWhiteSpace(debrief.JobLeads));
            Assert.False(string.IsNullOrWhiteSpace(debrief.HousingLeads));
            Assert.InRange(debrief.NextSteps.Count, 1, 3);
            Assert.True(debrief.RecordedAt > DemoAt(stay.EndOn));
        });
    }

    /// <summary>
    /// The demo makes no file the rules call impossible: every file past a stage either met what the
    /// workflow asks to leave it — read by the workflow's own query — or skipped it with its reason;
    /// so every file at the subsidy stage meets the participation criterion, and every demo
    /// application's frozen evaluation says so.
    /// </summary>
    [Fact]
    public async Task GenerateAsync_EmptyDatabase_EveryFilePastAStageMetItsGateOrSkippedItWithItsReason()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var files = await db.Households.AsNoTracking().Select(h => new { h.Id, h.FileNumber, h.Stage }).ToListAsync(Cancellation);
        Assert.Contains(files, f => f.Stage == Stage.MovingSubsidy);
        foreach (var file in files.Where(f => f.Stage > Stage.PersonalizedPlan))
        {
            var facts = await WorkflowFactsQuery.ReadAsync(db, file.Id, Cancellation);
            var history = await WorkflowFactsQuery.HistoryAsync(db, file.Id, Cancellation);
            bool Passed(Stage stage, bool fact) => fact || HouseholdWorkflow.SkippedPast(history, stage) is { Comment.Length: > 0 };
            Assert.True(Passed(Stage.PersonalizedPlan, facts.PlanAgreed), $"{file.FileNumber}: past the plan stage without an agreed plan");
            Assert.True(file.Stage <= Stage.InfoSession || Passed(Stage.InfoSession, facts.SessionAttended), $"{file.FileNumber}: past the session stage without attending one");
            Assert.True(file.Stage <= Stage.ExploratoryStay || Passed(Stage.ExploratoryStay, facts.StayCompleted), $"{file.FileNumber}: past the stay stage without a stay or its waiver");
        }

        var evaluations = await db.SubsidyApplications.AsNoTracking().Where(a => a.SubmittedOn != null).Select(a => a.Results).ToListAsync(Cancellation);
        Assert.NotEmpty(evaluations);
        Assert.All(evaluations, results => Assert.Equal(
            CaseManager.Domain.Subsidies.CriterionOutcome.Met,
            Assert.Single(results, r => r.Criterion == CaseManager.Domain.Subsidies.SubsidyCriterion.ProgramParticipation).Outcome));
    }

    [Fact]
    public async Task GenerateAsync_RunTwice_AddsNothing()
    {
        var first = await GenerateAsync(ThreeHundred);
        var counts = await CountRowsAsync();

        var second = await GenerateAsync(new DemoOptions(Households: 50, Seed: 7));

        Assert.Equal(first, second);
        Assert.Equal(counts, await CountRowsAsync());
    }

    [Fact]
    public async Task GenerateAsync_DemoDatabaseFromBeforeTheResourcesAndSubsidies_GetsThemAtTheNextRun()
    {
        await GenerateAsync(ThreeHundred);
        int resources, applications;
        await using (var db = Database.CreateDbContext())
        {
            resources = await db.Resources.CountAsync();
            applications = await db.SubsidyApplications.CountAsync();
            Assert.True(resources > 0 && applications > 0, "The demo has resources and subsidy applications.");

            // As an older version left it: files, but no directory and no subsidy yet.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM subsidy_document_contents; DELETE FROM subsidy_documents; DELETE FROM subsidy_status_changes; DELETE FROM subsidy_applications; DELETE FROM resources;");
        }

        await GenerateAsync(ThreeHundred);

        await using var check = Database.CreateDbContext();
        Assert.Equal(resources, await check.Resources.CountAsync());
        Assert.Equal(applications, await check.SubsidyApplications.CountAsync());
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_SetsTheProgramTargetOfEveryFiscalYearItsFilesCoverAcrossTheOrganizations()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var targets = await db.SettlementTargets.AsNoTracking().ToListAsync(Cancellation);
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(Cancellation);
        var openedIn = (await db.Households.Select(h => h.CreatedAt).ToListAsync(Cancellation)).Select(c => FiscalYear.Of(DayOf(c)).StartYear).ToList();
        var years = Enumerable.Range(openedIn.Min(), FiscalYear.Of(Today).StartYear - openedIn.Min() + 1).ToList();

        Assert.Equal([2023, 2024, 2025, 2026], years);
        Assert.Equal(years, targets.Select(t => t.FiscalYearStart).Distinct().Order());
        Assert.All(years, year =>
        {
            var ofYear = targets.Where(t => t.FiscalYearStart == year).OrderBy(t => t.OrganizationId).ToList();
            Assert.Equal(organizations, ofYear.Select(t => t.OrganizationId));
            Assert.Equal([387, 387, 386], ofYear.Select(t => t.Households));
            Assert.Equal(1160, ofYear.Sum(t => t.Households));
            Assert.All(ofYear, t => Assert.Equal(new FiscalYear(year).FirstDay, DayOf(t.UpdatedAt)));
        });
        Assert.All(targets, t => Assert.Equal("Luc Girard", t.UpdatedByName));
    }

    [Fact]
    public async Task GenerateAsync_DemoDatabaseFromBeforeTheTargets_GetsThemAtTheNextRunAndKeepsTargetsAlreadySet()
    {
        await GenerateAsync(ThreeHundred);
        List<(int Year, int Organization, int Households)> generated;
        await using (var db = Database.CreateDbContext())
        {
            generated = (await db.SettlementTargets.AsNoTracking().ToListAsync(Cancellation))
                .Select(t => (t.FiscalYearStart, t.OrganizationId, t.Households)).Order().ToList();
            Assert.Equal(12, generated.Count);

            // As an older version left it: files, but no target yet.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM settlement_targets;", Cancellation);
        }

        await GenerateAsync(ThreeHundred);

        await using (var check = Database.CreateDbContext())
        {
            Assert.Equal(generated, (await check.SettlementTargets.AsNoTracking().ToListAsync(Cancellation))
                .Select(t => (t.FiscalYearStart, t.OrganizationId, t.Households)).Order().ToList());

            // An administrator's own targets are never replaced by the demo's.
            await check.Database.ExecuteSqlRawAsync("DELETE FROM settlement_targets WHERE fiscal_year_start <> 2026; UPDATE settlement_targets SET households = 500;", Cancellation);
        }

        await GenerateAsync(ThreeHundred);

        await using var last = Database.CreateDbContext();
        var kept = await last.SettlementTargets.AsNoTracking().ToListAsync(Cancellation);
        Assert.Equal(3, kept.Count);
        Assert.All(kept, t => Assert.Equal(500, t.Households));
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_LeavesEachCounterAtTheLastFileNumberOfItsFiscalYear()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var fileNumbers = await db.Households.Select(h => h.FileNumber).ToListAsync(Cancellation);
        var counters = await db.FileNumberCounters.AsNoTracking().ToListAsync(Cancellation);
        var byYear = fileNumbers
            .GroupBy(n => int.Parse(n[..4], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Select(n => int.Parse(n[5..], CultureInfo.InvariantCulture)).Order().ToList());

        Assert.True(byYear.Count >= 3, "files span at least three fiscal years");
        Assert.Equal(byYear.Keys.Order(), counters.Select(c => c.FiscalYear).Order());
        Assert.All(counters, counter =>
        {
            var numbers = byYear[counter.FiscalYear];
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
            Assert.Equal(numbers[^1], counter.LastNumber);
            Assert.DoesNotContain(FileNumbers.Format(new FiscalYear(counter.FiscalYear), counter.LastNumber + 1), fileNumbers);
        });
    }

    [Fact]
    public async Task GenerateAsync_SameSeed_GivesTheSameFileNumbersAndNames()
    {
        await GenerateAsync(ThreeHundred);
        var first = await ReadNamesAsync();
        await Database.ResetAsync();
        await GenerateAsync(ThreeHundred);
        var second = await ReadNamesAsync();
        await Database.ResetAsync();
        await GenerateAsync(ThreeHundred with { Seed = ThreeHundred.Seed + 1 });
        var otherSeed = await ReadNamesAsync();

        Assert.Equal(300, first.Count);
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public async Task GenerateAsync_TwoDatabasesWithTheSameSeed_GiveTheDemoUsersDifferentIdsAndStamps()
    {
        await GenerateAsync(new DemoOptions(Households: 10));
        var first = await ReadDemoUserAsync("intervenant@demo.local");
        await Database.ResetAsync();
        await GenerateAsync(new DemoOptions(Households: 10));
        var second = await ReadDemoUserAsync("intervenant@demo.local");

        // A cookie of one demo instance names the user by id and carries the security stamp: a
        // second demo database must not recognize either.
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.SecurityStamp, second.SecurityStamp);
    }

    private async Task<ApplicationUser> ReadDemoUserAsync(string email)
    {
        await using var db = Database.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Cancellation);
    }

    [Fact]
    public async Task GenerateAsync_DefaultOptions_GivesARealisticMixAndTheDemoCounsellorAFullCaseload()
    {
        var summary = await GenerateAsync(new DemoOptions());

        await using var db = Database.CreateDbContext();
        var files = await db.Households.AsNoTracking()
            .Select(h => new { h.Status, h.Stage, h.AssignedCounsellorId, h.OrganizationId, h.LastContactOn, h.CreatedAt })
            .ToListAsync(Cancellation);
        var counsellors = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Counsellor)))
            .ToDictionaryAsync(u => u.Id, Cancellation);
        var demoCounsellor = Assert.Single(counsellors.Values, u => u.Email == "intervenant@demo.local");
        double Share(Func<CaseStatus, bool> status) => files.Count(f => status(f.Status)) / (double)files.Count;
        var active = files.Where(f => f.Status == CaseStatus.Active).ToList();
        var caseloads = files.GroupBy(f => f.AssignedCounsellorId!).Select(g => g.Count()).ToList();
        var activeByStage = Stages.InOrder.Select(stage => active.Count(f => f.Stage == stage)).ToList();

        Assert.Equal(2000, summary.Households);
        Assert.Equal(40, await db.Stays.CountAsync(Cancellation));
        Assert.True(files.Count(f => f.AssignedCounsellorId == demoCounsellor.Id) >= 100);
        Assert.Equal(14, caseloads.Count);
        Assert.True(caseloads.Max() - caseloads.Min() <= 1, "caseloads are balanced");
        Assert.All(files, f => Assert.Equal(counsellors[f.AssignedCounsellorId!].OrganizationId, f.OrganizationId));
        Assert.InRange(Share(s => s == CaseStatus.Active), 0.55, 0.80);
        Assert.InRange(Share(s => s == CaseStatus.OnHold), 0.02, 0.08);
        Assert.InRange(Share(s => s == CaseStatus.Withdrawn), 0.10, 0.20);
        Assert.InRange(Share(s => s == CaseStatus.Settled), 0.06, 0.14);
        Assert.InRange(Share(s => s == CaseStatus.Closed), 0.01, 0.05);
        Assert.Equal(activeByStage.OrderDescending(), activeByStage);
        Assert.InRange(active.Count(f => f.LastContactOn < Today.AddDays(-30)) / (double)active.Count, 0.10, 0.20);
        Assert.InRange(files.Select(f => FiscalYear.Of(DayOf(f.CreatedAt))).Distinct().Count(), 3, 4);
    }

    [Fact]
    public async Task GenerateAsync_EmptyDatabase_CreatesSubsidyApplicationsTheDemoPartnerReviewsButNeverCreated()
    {
        await GenerateAsync(ThreeHundred);

        await using var db = Database.CreateDbContext();
        var applications = await db.SubsidyApplications.AsNoTracking().ToListAsync(Cancellation);
        var partnerId = await db.Users.Where(u => u.Email == "partenaire@demo.local").Select(u => u.Id).SingleAsync(Cancellation);
        Assert.True(applications.Count >= 5, $"{applications.Count} demo applications");
        Assert.Contains(applications, a => a.Status == CaseManager.Domain.Subsidies.SubsidyStatus.Submitted && a.DestinationRegionCode == "01");
        Assert.Contains(applications, a => a.Status == CaseManager.Domain.Subsidies.SubsidyStatus.Paid);
        Assert.All(applications, a => Assert.NotEqual(partnerId, a.CreatedById));
        Assert.All(applications.Where(a => a.DecidedById is not null), a => Assert.Equal(partnerId, a.DecidedById));
        Assert.Equal(applications.Count * 2, await db.SubsidyDocumentContents.CountAsync(Cancellation));
    }

    private async Task<DemoSummary> GenerateAsync(DemoOptions options)
    {
        await using var db = Database.CreateDbContext();
        return await DemoData.GenerateAsync(db, options, Now, Cancellation);
    }

    private async Task<List<string>> ReadNamesAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Households
            .OrderBy(h => h.FileNumber)
            .Select(h => h.FileNumber + " " + h.PrimaryApplicant.FirstName + " " + h.PrimaryApplicant.LastName + " " +
                (h.Spouse == null ? "" : h.Spouse.FirstName + " " + h.Spouse.LastName) + " " + h.Contact.Email + " " + h.Status + " " + h.Stage)
            .ToListAsync(Cancellation);
    }

    private async Task<(int Users, int Households, int Transitions, int Journal, int Audit, int Children, (int Plans, int Tasks, int Templates) Plans)> CountRowsAsync()
    {
        await using var db = Database.CreateDbContext();
        return (
            await db.Users.CountAsync(Cancellation),
            await db.Households.CountAsync(Cancellation),
            await db.StageTransitions.CountAsync(Cancellation),
            await db.JournalEntries.CountAsync(Cancellation),
            await db.AuditEntries.CountAsync(Cancellation),
            await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM household_children").SingleAsync(Cancellation),
            (await db.Plans.CountAsync(Cancellation), await db.PlanTasks.CountAsync(Cancellation), await db.PlanTemplates.CountAsync(Cancellation)));
    }

    private static DateTimeOffset DemoAt(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Montreal.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));

    private static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Montreal).DateTime);
}
