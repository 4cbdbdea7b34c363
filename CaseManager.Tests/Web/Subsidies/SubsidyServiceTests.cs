using System.Text.Json;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Domain;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.Subsidies;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Subsidies;

public sealed class SubsidyServiceTests(DatabaseFixture database) : SubsidyTestBase(database)
{
    // ---------------------------------------------------------------------------------------------
    // The application, from the file.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Start_HouseholdBeforeTheSubsidyStage_IsRefusedAndNothingIsSaved()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.ExploratoryStay));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Subsidies.StartAsync(household.Id, Details()));

        Assert.Equal("Subsidy.NotInSubsidyStage", Assert.Single(refused.Refusals).Code);
        await using var db = Database.CreateDbContext();
        Assert.False(await db.SubsidyApplications.AnyAsync());
    }

    [Fact]
    public async Task Start_SecondOpenApplication_IsRefused()
    {
        var household = await SubsidyHouseholdAsync();
        await Subsidies.StartAsync(household.Id, Details());

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Subsidies.StartAsync(household.Id, Details()));

        Assert.Equal("Subsidy.AlreadyOpen", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task GetForHousehold_AfterADeposit_NoNewApplicationMayStartAndStartIsRefused()
    {
        var household = await SubsidyHouseholdAsync();
        await SubmittedAsync(household.Id);

        var tab = await Subsidies.GetForHouseholdAsync(household.Id);
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Subsidies.StartAsync(household.Id, Details()));

        Assert.Equal((false, "Subsidy.AlreadyOpen", true), (tab.CanStart, tab.StartRefusal, tab.HasOpenApplication));
        Assert.Equal("Subsidy.AlreadyOpen", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task GetForHousehold_PlanAndSessionStagesSkippedWithTheirReason_MeetsParticipationAsTheWorkflowLetItThrough()
    {
        // Skipped from outreach to the stay stage with a reason, then through the stay (waived) to the subsidy.
        var household = await SaveAsync(Marie, b => b.WithContact().WithNeeds("employment").WithProfile(p => p
            .With(profile => profile.ImmigrationStatusCode = "permanent-resident")));
        await Service.ApplyTransitionAsync(household.Id, await VersionOfAsync(household.Id),
            new SkipRequest(Stage.ExploratoryStay, "Séance et plan faits avec le partenaire régional de Rimouski"));
        await using (var db = Database.CreateDbContext())
        {
            db.ActingAs(FixedContext.Default).StayWaivers.Add(CaseManager.Domain.Stays.StayWaiver.Record(household.Id, "Déjà visité la région", FixedContext.Default));
            await db.SaveChangesAsync();
        }

        await Service.ApplyTransitionAsync(household.Id, await VersionOfAsync(household.Id), new AdvanceRequest(Stage.MovingSubsidy));
        var id = await Subsidies.StartAsync(household.Id, Details());

        var view = Assert.Single((await Subsidies.GetForHouseholdAsync(household.Id)).Applications);
        var participation = Assert.Single(view.Evaluation.Results, r => r.Criterion == SubsidyCriterion.ProgramParticipation);
        Assert.Equal((CriterionOutcome.Met, "Criterion.ProgramParticipation.BothSkipped"), (participation.Outcome, participation.ReasonCode));
        Assert.Equal(["Séance et plan faits avec le partenaire régional de Rimouski"], participation.Arguments);

        // The frozen evaluation reads the same facts.
        await Subsidies.AddDocumentAsync(id, SubsidyDocumentType.JobOffer, "offre.pdf", PdfBytes);
        await Subsidies.AddDocumentAsync(id, SubsidyDocumentType.Lease, "bail.pdf", PdfBytes);
        await Subsidies.SubmitAsync(id, await VersionAsync(id));
        Assert.Equal(CriterionOutcome.Met, Assert.Single((await ApplicationAsync(id)).Results, r => r.Criterion == SubsidyCriterion.ProgramParticipation).Outcome);
    }

    [Fact]
    public async Task Preview_FormNotSaved_EvaluatesItAndSavesNothing()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await Subsidies.StartAsync(household.Id, Details());
        var version = await VersionAsync(id);

        var evaluation = await Subsidies.PreviewAsync(id, Details("06") with { PlannedMoveOn = null });

        Assert.Equal(CriterionOutcome.NotMet, Assert.Single(evaluation.Results, r => r.Criterion == SubsidyCriterion.HostRegion).Outcome);
        Assert.Equal(CriterionOutcome.MissingProof, Assert.Single(evaluation.Results, r => r.Criterion == SubsidyCriterion.MoveWithinDays).Outcome);
        var saved = await ApplicationAsync(id);
        Assert.Equal(("02", version, SubsidyStatus.Draft), (saved.DestinationRegionCode, saved.Version, saved.Status));
    }

    [Fact]
    public async Task Start_CounsellorNotOnTheFile_IsRefusedAndLogged()
    {
        var household = await SubsidyHouseholdAsync();
        Current.User = Paul;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Subsidies.StartAsync(household.Id, Details()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Subsidies.GetForHouseholdAsync(household.Id));

        Assert.All(await AccessLogAsync(household.Id), e => Assert.Equal((AccessAction.Denied, Paul.Id), (e.Action, e.UserId)));
        Assert.Equal(2, (await AccessLogAsync(household.Id)).Count);
    }

    [Fact]
    public async Task GetForHousehold_Draft_PreviewsTheEvaluationCriterionByCriterion()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await Subsidies.StartAsync(household.Id, Details());
        await Subsidies.AddDocumentAsync(id, SubsidyDocumentType.JobOffer, "offre.pdf", PdfBytes);

        var view = Assert.Single((await Subsidies.GetForHouseholdAsync(household.Id)).Applications);

        Assert.True(view.EvaluationIsPreview);
        Assert.Equal(
            [
                (SubsidyCriterion.ImmigrationStatus, CriterionOutcome.Met),
                (SubsidyCriterion.HostRegion, CriterionOutcome.Met),
                (SubsidyCriterion.Employment, CriterionOutcome.Met),
                (SubsidyCriterion.Housing, CriterionOutcome.MissingProof),
                (SubsidyCriterion.ProgramParticipation, CriterionOutcome.NotMet),
                (SubsidyCriterion.NoEarlierSubsidy, CriterionOutcome.Met),
                (SubsidyCriterion.MoveWithinDays, CriterionOutcome.Met),
            ],
            view.Evaluation.Results.Select(r => (r.Criterion, r.Outcome)));
        // Seeded v1: 1 000 $ + 3 × 250 $ for four people.
        Assert.Equal(1750m, view.Evaluation.ComputedAmount);
    }

    [Fact]
    public async Task Submit_EvaluationIsFrozenAgainstTheVersionInForceThatDay_ALaterVersionJudgesOnlyLaterApplications()
    {
        var early = await SubsidyHouseholdAsync();
        var late = await SubsidyHouseholdAsync();
        Current.User = await AdminAsync();
        var v2 = SubsidyEvaluatorTests.Rules();
        v2.EffectiveFrom = FixedContext.Today.AddDays(10);
        v2.BaseAmount = 1200m;
        v2.PerAdditionalPerson = 400m;
        v2.Ceiling = 5000m;
        await Subsidies.CreateRuleSetAsync(v2);
        Current.User = Marie;

        var before = await SubmittedAsync(early.Id);
        Time.Advance(TimeSpan.FromDays(10));
        var after = await SubmittedAsync(late.Id);

        var first = await ApplicationAsync(before);
        var second = await ApplicationAsync(after);
        await using var db = Database.CreateDbContext();
        var versions = await db.SubsidyRuleSets.ToDictionaryAsync(r => r.Id, r => r.VersionNumber);
        Assert.Equal((1, 1750m), (versions[first.RuleSetId!.Value], first.ComputedAmount!.Value));
        Assert.Equal((2, 2400m), (versions[second.RuleSetId!.Value], second.ComputedAmount!.Value));
        Assert.Equal(7, first.Results.Count);
    }

    [Fact]
    public async Task UpdateRuleSet_OnceUsedByAnApplication_IsReadOnly()
    {
        var household = await SubsidyHouseholdAsync();
        await SubmittedAsync(household.Id);
        Current.User = await AdminAsync();
        var used = Assert.Single(await Subsidies.GetRuleSetsAsync());

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Subsidies.UpdateRuleSetAsync(used.RuleSet.Id, used.RuleSet.Version, SubsidyEvaluatorTests.Rules()));

        Assert.True(used.InUse);
        Assert.Equal("RuleSet.InUse", Assert.Single(refused.Refusals).Code);
    }

    [Fact]
    public async Task CreateRuleSet_ByACounsellor_IsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Subsidies.CreateRuleSetAsync(SubsidyEvaluatorTests.Rules()));
    }

    [Fact]
    public async Task Submit_TellsTheReviewersAndAuditsTheChangeUnderTheFile()
    {
        var household = await SubsidyHouseholdAsync();

        var id = await SubmittedAsync(household.Id);

        var reminder = Assert.Single(await RemindersAsync());
        Assert.Equal((ReminderKind.SubsidySubmitted, id, household.Id), (reminder.Kind, reminder.SubjectId, reminder.HouseholdId));
        var audit = AuditOf(household.Id);
        Assert.Contains(audit, a => a is { EntityType: nameof(SubsidyApplication), Action: AuditAction.Added });
        Assert.Contains(audit, a => a is { EntityType: nameof(SubsidyApplication), Field: "SubsidyApplication.Status", OldValue: "Draft", NewValue: "Submitted" });
        Assert.Equal(2, audit.Count(a => a is { EntityType: nameof(SubsidyDocument), Action: AuditAction.Added }));
    }

    // ---------------------------------------------------------------------------------------------
    // Documents.
    // ---------------------------------------------------------------------------------------------

    public static TheoryData<string, byte[], string> BadDocuments() => new()
    {
        { "a text file renamed .pdf", "Bonjour, ceci n'est pas un PDF."u8.ToArray(), "Subsidy.DocumentFormat" },
        { "an executable", [0x4D, 0x5A, 0x90, 0x00, 0x03], "Subsidy.DocumentFormat" },
        { "an empty file", [], "Subsidy.DocumentTooLarge" },
        { "a PDF over the limit", [.. PdfBytes, .. new byte[MaxDocumentBytes]], "Subsidy.DocumentTooLarge" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task AddDocument_WrongTypeOrSize_IsRefusedWithItsReasonAndNothingIsSaved(string what, byte[] data, string code)
    {
        var household = await SubsidyHouseholdAsync();
        var id = await Subsidies.StartAsync(household.Id, Details());

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Subsidies.AddDocumentAsync(id, SubsidyDocumentType.Lease, $"{what}.pdf", data));

        Assert.Equal(code, Assert.Single(refused.Refusals).Code);
        await using var db = Database.CreateDbContext();
        Assert.False(await db.SubsidyDocuments.AnyAsync());
        Assert.False(await db.SubsidyDocumentContents.AnyAsync());
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "image/png", "C__fakepath_bail.png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "image/jpeg", "C__fakepath_bail.jpg")]
    public async Task AddDocument_ImageRecognizedByItsBytes_IsKeptWithTheRightTypeAndASafeName(byte[] data, string contentType, string _)
    {
        var household = await SubsidyHouseholdAsync();
        var id = await Subsidies.StartAsync(household.Id, Details());

        await Subsidies.AddDocumentAsync(id, SubsidyDocumentType.Lease, @"C:\fakepath\bail.pdf", data);

        var document = Assert.Single(Assert.Single((await Subsidies.GetForHouseholdAsync(household.Id)).Applications).Documents);
        Assert.Equal(contentType, document.ContentType);
        Assert.Equal(contentType == "image/png" ? "bail.png" : "bail.jpg", document.FileName);
    }

    [Fact]
    public async Task OpenDocument_FilesCounsellorAndPartnerOfTheRegion_GetItAndTheDownloadIsLogged()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await SubmittedAsync(household.Id);
        var documentId = Assert.Single(Assert.Single((await Subsidies.GetForHouseholdAsync(household.Id)).Applications).Documents, d => d.Type == SubsidyDocumentType.Lease).Id;

        Current.User = Marie;
        var forMarie = await Subsidies.OpenDocumentAsync(documentId, "/subsidies/documents");
        Current.User = SaguenayUser;
        var forPartner = await Subsidies.OpenDocumentAsync(documentId, "/subsidies/documents");

        Assert.Equal(PdfBytes, forMarie.Data);
        Assert.Equal(("bail.pdf", "application/pdf"), (forPartner.FileName, forPartner.ContentType));
        Assert.Equal(
            [(Marie.Id, AccessAction.DocumentDownloaded), (SaguenayUser.Id, AccessAction.DocumentDownloaded)],
            (await AccessLogAsync(household.Id)).Select(e => (e.UserId, e.Action)));
        Assert.NotEqual(Guid.Empty, id);
    }

    [Fact]
    public async Task OpenDocument_OtherCounsellorPartnerOfAnotherRegionOrPrivacyOfficer_IsRefusedAndLogged()
    {
        var household = await SubsidyHouseholdAsync();
        await SubmittedAsync(household.Id);
        var documentId = Assert.Single((await Subsidies.GetForHouseholdAsync(household.Id)).Applications).Documents[0].Id;
        await using var db = Database.CreateDbContext();
        var privacy = await TestUsers.CreateAsync(db, "vie.privee@test.local", "Nadia Roy", null, Roles.PrivacyOfficer);

        foreach (var user in new[] { Paul, BasSaintLaurentUser, privacy })
        {
            Current.User = user;
            await Assert.ThrowsAsync<AccessDeniedException>(() => Subsidies.OpenDocumentAsync(documentId, "/subsidies/documents"));
        }

        Assert.Equal(
            [(Paul.Id, AccessAction.Denied), (BasSaintLaurentUser.Id, AccessAction.Denied), (privacy.Id, AccessAction.Denied)],
            (await AccessLogAsync(household.Id)).Select(e => (e.UserId, e.Action)));
    }

    [Fact]
    public async Task OpenDocument_DraftNotYetSubmitted_IsRefusedToThePartnerOfTheRegion()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await Subsidies.StartAsync(household.Id, Details());
        var documentId = await Subsidies.AddDocumentAsync(id, SubsidyDocumentType.JobOffer, "offre.pdf", PdfBytes);

        Current.User = SaguenayUser;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Subsidies.OpenDocumentAsync(documentId, "/subsidies/documents"));
    }

    // ---------------------------------------------------------------------------------------------
    // Review: who sees what.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Queue_PartnerOfAnotherRegion_SeesNothing_ThePartnerOfTheRegionAndSupervisorsSeeIt()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await SubmittedAsync(household.Id);
        await Subsidies.StartAsync((await SubsidyHouseholdAsync()).Id, Details()); // a draft: no reviewer sees it

        Current.User = BasSaintLaurentUser;
        var other = await Subsidies.GetQueueAsync(ReviewQueueScope.Waiting, null, 0, 25);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Subsidies.GetReviewAsync(id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Subsidies.ApproveAsync(id, 0, 1750m, null));
        Current.User = SaguenayUser;
        var region = await Subsidies.GetQueueAsync(ReviewQueueScope.Waiting, null, 0, 25);
        Current.User = Supervisor;
        var staff = await Subsidies.GetQueueAsync(ReviewQueueScope.Waiting, null, 0, 25);

        Assert.Equal((0, 0), (other.Total, other.Items.Count));
        Assert.Equal(id, Assert.Single(region.Items).Id);
        Assert.Equal(("Diallo, Amina", 4, "02", 0), (region.Items[0].HouseholdName, region.Items[0].HouseholdSize, region.Items[0].RegionCode, region.Items[0].WaitingDays!.Value));
        Assert.Equal(id, Assert.Single(staff.Items).Id);
        Assert.Contains(await AccessLogAsync(household.Id), e => e is { Action: AccessAction.Denied } && e.UserId == BasSaintLaurentUser.Id);
    }

    [Fact]
    public async Task Queue_ACounsellor_IsNotAReviewer()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Subsidies.GetQueueAsync(ReviewQueueScope.Waiting, null, 0, 25));
    }

    [Fact]
    public async Task Queue_Waiting_IsPagedOldestFirstWithItsAge()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await SubmittedAsync((await SubsidyHouseholdAsync()).Id));
            Time.Advance(TimeSpan.FromDays(1));
        }

        Current.User = SaguenayUser;
        var first = await Subsidies.GetQueueAsync(ReviewQueueScope.Waiting, null, 0, 2);
        var second = await Subsidies.GetQueueAsync(ReviewQueueScope.Waiting, null, 1, 2);

        Assert.Equal(3, first.Total);
        Assert.Equal(ids, first.Items.Concat(second.Items).Select(i => i.Id));
        Assert.Equal([3, 2, 1], first.Items.Concat(second.Items).Select(i => i.WaitingDays!.Value));
    }

    [Fact]
    public async Task GetReview_ShowsOnlyWhatTheCriteriaNeed_NeverNotesContactsOrTheRestOfTheFile()
    {
        var household = await SaveAsync(Marie, b => b.AtStage(Stage.MovingSubsidy).WithProfile(p => p
            .WithEmail("amina.diallo@example.com").WithPhone("514 555-0199")
            .With(profile => profile.ImmigrationStatusCode = "permanent-resident")));
        await Service.AddNoteAsync(household.Id, "NOTE-CONFIDENTIELLE : suivi psychosocial");
        var id = await SubmittedAsync(household.Id);

        Current.User = SaguenayUser;
        var view = await Subsidies.GetReviewAsync(id);

        var json = JsonSerializer.Serialize(view);
        Assert.DoesNotContain("NOTE-CONFIDENTIELLE", json, StringComparison.Ordinal);
        Assert.DoesNotContain("amina.diallo@example.com", json, StringComparison.Ordinal);
        Assert.DoesNotContain("555-0199", json, StringComparison.Ordinal);
        Assert.DoesNotContain(household.FileNumber, json, StringComparison.Ordinal);
        Assert.Equal(["Amina Diallo"], view.PeopleNames);
        Assert.Equal((1, "02", 2, 7), (view.HouseholdSize, view.RegionCode, view.Documents.Count, view.Evaluation.Results.Count));
        Assert.True(view.CanDecide);
        Assert.Equal(AccessAction.Viewed, (await AccessLogAsync(household.Id))[^1].Action);
    }

    // ---------------------------------------------------------------------------------------------
    // Decisions.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task RequestInformation_BackToTheCounsellorWhoIsTold_ThenResubmitted_ThenApproved()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await SubmittedAsync(household.Id);
        Time.Advance(TimeSpan.FromHours(1));
        Current.User = SaguenayUser;
        await Subsidies.RequestInformationAsync(id, await VersionAsync(id), "Le bail signé, s'il vous plaît.");

        Current.User = Marie;
        var back = Assert.Single((await Subsidies.GetForHouseholdAsync(household.Id)).Applications);
        await Subsidies.AddDocumentAsync(id, SubsidyDocumentType.ProofOfAddress, "adresse.pdf", PdfBytes);
        Time.Advance(TimeSpan.FromDays(1));
        await Subsidies.SubmitAsync(id, await VersionAsync(id));
        Time.Advance(TimeSpan.FromHours(1));
        Current.User = SaguenayUser;
        await Subsidies.ApproveAsync(id, await VersionAsync(id), 1750m, null);

        Assert.Equal((SubsidyStatus.InformationRequested, "Le bail signé, s'il vous plaît.", true), (back.Status, back.InformationRequest, back.Can.Submit));
        var application = await ApplicationAsync(id);
        Assert.Equal((SubsidyStatus.Approved, 1750m, SaguenayUser.Id), (application.Status, application.ApprovedAmount!.Value, application.DecidedById));
        Assert.Equal(
            [ReminderKind.SubsidySubmitted, ReminderKind.SubsidyInformationRequested, ReminderKind.SubsidySubmitted, ReminderKind.SubsidyApproved],
            (await RemindersAsync()).Select(r => r.Kind));
        Assert.Equal(
            [SubsidyStatus.Draft, SubsidyStatus.Submitted, SubsidyStatus.InformationRequested, SubsidyStatus.Submitted, SubsidyStatus.Approved],
            application.History.OrderBy(h => h.Sequence).Select(h => h.To));
    }

    [Fact]
    public async Task Refuse_WithACodedReasonAndComment_IsKeptAndTheCounsellorIsTold()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await SubmittedAsync(household.Id);
        Current.User = Supervisor;

        await Subsidies.RefuseAsync(id, await VersionAsync(id), SubsidyRefusalReason.EarlierSubsidy, "Déjà aidé en 2023.");

        var application = await ApplicationAsync(id);
        Assert.Equal((SubsidyStatus.Refused, SubsidyRefusalReason.EarlierSubsidy, "Déjà aidé en 2023."),
            (application.Status, application.RefusalReason!.Value, application.DecisionComment));
        Assert.Equal([ReminderKind.SubsidySubmitted, ReminderKind.SubsidyRefused], (await RemindersAsync()).Select(r => r.Kind).Order());
    }

    [Fact]
    public async Task Decide_TheApplicationsCreator_IsRefusedEvenAsASupervisor()
    {
        var household = await SubsidyHouseholdAsync();
        Current.User = Supervisor;
        var id = await SubmittedAsync(household.Id);

        var view = await Subsidies.GetReviewAsync(id);
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Subsidies.ApproveAsync(id, view.Version, 1750m, null));
        var taken = await Assert.ThrowsAsync<DomainRuleException>(() => Subsidies.TakeForReviewAsync(id, view.Version));

        Assert.Equal((true, false), (view.IsOwnApplication, view.CanDecide));
        Assert.Equal("Subsidy.OwnApplication", Assert.Single(refused.Refusals).Code);
        Assert.Equal("Subsidy.OwnApplication", Assert.Single(taken.Refusals).Code);
        Assert.Equal(SubsidyStatus.Submitted, (await ApplicationAsync(id)).Status);
    }

    [Fact]
    public async Task Decide_TwoReviewersAtOnce_OneWinsTheOtherIsToldAndNothingIsOverwritten()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await SubmittedAsync(household.Id);
        var seen = await VersionAsync(id);
        var partnerService = Subsidies;
        var supervisorService = new SubsidyService(
            Database.ContextFactory, TestAccess.Policy(Database.ContextFactory, new TestCurrentUser(Supervisor), Time), new AppClock(Time), new SubsidySettings(MaxDocumentBytes),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SubsidyService>.Instance);
        Current.User = SaguenayUser;

        var outcomes = await Task.WhenAll(
            Outcome(() => partnerService.ApproveAsync(id, seen, 1600m, "Frais réels moindres.")),
            Outcome(() => supervisorService.RefuseAsync(id, seen, SubsidyRefusalReason.NotEligible, "Non admissible.")));
        var late = await Outcome(() => supervisorService.RefuseAsync(id, seen, SubsidyRefusalReason.NotEligible, "Non admissible."));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is ConcurrencyConflictException);
        Assert.IsType<ConcurrencyConflictException>(late);
        var application = await ApplicationAsync(id);
        Assert.Contains(application.Status, new[] { SubsidyStatus.Approved, SubsidyStatus.Refused });
        Assert.Single(application.History, h => h.To is SubsidyStatus.Approved or SubsidyStatus.Refused);
        if (application.Status == SubsidyStatus.Approved)
        {
            Assert.Equal((1600m, null), (application.ApprovedAmount!.Value, application.RefusalReason));
        }
        else
        {
            Assert.Equal((null, SubsidyRefusalReason.NotEligible), (application.ApprovedAmount, application.RefusalReason));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Payment and fiscal years.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task RecordPayment_ByTheFilesCounsellor_MarksItPaid_ThenTheHouseholdSettles()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await SubmittedAsync(household.Id);
        Current.User = SaguenayUser;
        await Subsidies.ApproveAsync(id, await VersionAsync(id), 1750m, null);
        Current.User = Marie;

        await Subsidies.RecordPaymentAsync(id, await VersionAsync(id), FixedContext.Today, 1750m, "CHQ-1001");
        await Service.ApplyTransitionAsync(household.Id, await VersionOfAsync(household.Id), new SettleRequest("02", true, "Saguenay", FixedContext.Today));

        var view = Assert.Single((await Subsidies.GetForHouseholdAsync(household.Id)).Applications);
        Assert.Equal((SubsidyStatus.Paid, FixedContext.Today, 1750m, "CHQ-1001"), (view.Status, view.PaidOn!.Value, view.PaidAmount!.Value, view.PaymentReference));
        Assert.Equal(CaseStatus.Settled, (await Service.GetAsync(household.Id, "test")).Household.Status);
    }

    [Fact]
    public async Task RecordPayment_ByAPartner_IsRefused()
    {
        var household = await SubsidyHouseholdAsync();
        var id = await SubmittedAsync(household.Id);
        Current.User = SaguenayUser;
        await Subsidies.ApproveAsync(id, await VersionAsync(id), 1750m, null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Subsidies.RecordPaymentAsync(id, 0, FixedContext.Today, 1750m, "X"));
    }

    [Fact]
    public async Task Totals_DecisionsOnMarch31AndApril1_FallInTwoFiscalYearsAgainstTheirBudgets()
    {
        Time.SetUtcNow(AppClock.FromLocal(new DateOnly(2026, 3, 31), new TimeOnly(16, 0)));
        var march = await SubmittedAsync((await SubsidyHouseholdAsync()).Id);
        var april = await SubmittedAsync((await SubsidyHouseholdAsync()).Id);
        Current.User = SaguenayUser;
        await Subsidies.ApproveAsync(march, await VersionAsync(march), 1750m, null);
        Current.User = Marie;
        await Subsidies.RecordPaymentAsync(march, await VersionAsync(march), new DateOnly(2026, 3, 31), 1750m, "CHQ-1");
        Time.SetUtcNow(AppClock.FromLocal(new DateOnly(2026, 4, 1), new TimeOnly(9, 0)));
        Current.User = SaguenayUser;
        await Subsidies.ApproveAsync(april, await VersionAsync(april), 1500m, "Plafond régional.");
        Current.User = await AdminAsync();
        await Subsidies.SetBudgetAsync(2025, 100_000m, null);
        await Subsidies.SetBudgetAsync(2026, 120_000m, null);

        var totals = await Subsidies.GetTotalsAsync(2025, 2026);

        Assert.Equal(
            [(2025, 100_000m, 1750m, 1750m, 98_250m), (2026, 120_000m, 1500m, 0m, 118_500m)],
            totals.Select(t => (t.StartYear, t.Budget!.Value, t.Approved, t.Paid, t.Remaining!.Value)));
    }

    [Fact]
    public async Task SetBudget_TwoAdministratorsAtOnce_TheSecondIsTold()
    {
        Current.User = await AdminAsync();
        await Subsidies.SetBudgetAsync(2025, 100_000m, null);
        var seen = (await Subsidies.GetTotalsAsync(2025, 2025))[0].BudgetVersion;
        await Subsidies.SetBudgetAsync(2025, 110_000m, seen);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Subsidies.SetBudgetAsync(2025, 90_000m, seen));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Subsidies.SetBudgetAsync(2025, 90_000m, null));

        Assert.Equal(110_000m, (await Subsidies.GetTotalsAsync(2025, 2025))[0].Budget);
    }

    private static async Task<Exception?> Outcome(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private async Task<UserIdentity> AdminAsync()
    {
        await using var db = Database.CreateDbContext();
        return await TestUsers.CreateAsync(db, $"admin-{Guid.NewGuid():N}@test.local", "Alain Admin", null, Roles.Admin);
    }
}
