using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Privacy;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Web.Features.MyWeek;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Jobs;
using CaseManager.Web.Features.Households;
using CaseManager.Web.Features.Privacy;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManager.Tests.Web.Privacy;

public sealed class PrivacyServiceTests(DatabaseFixture database) : PrivacyTestBase(database)
{
    // ---- Access log ----------------------------------------------------------------------

    [Fact]
    public async Task AccessLog_UpdateDeleteOrTruncate_AreRefusedByTheDatabase()
    {
        var household = await SaveAsync(Marie);
        Current.User = Marie;
        await Service.GetAsync(household.Id, "/households/x");
        await using var db = Database.CreateDbContext();

        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE access_log SET user_name = 'someone else'"));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM access_log"));
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE access_log"));
        Assert.Equal("Marie Tremblay", (await db.AccessLog.SingleAsync()).UserName);
    }

    [Fact]
    public async Task OpeningAFile_LogsOneRow_AndOtherScreensLogNothing()
    {
        var household = await SaveAsync(Marie, b => b.WithContact());
        Current.User = Marie;
        await Service.GetCaseloadAsync(new CaseloadQuery());
        await new MyWeekService(Database.ContextFactory, Access, new AppClock(Time)).GetAsync(new MyWeekQuery());
        Current.User = Supervisor;
        await Service.GetCaseloadAsync(new CaseloadQuery());
        await Service.QuickSearchAsync(household.FileNumber);
        Assert.Equal(0, await AccessLogCountAsync());

        Current.User = Marie;
        await Service.GetAsync(household.Id, $"/households/{household.Id}");

        await using var db = Database.CreateDbContext();
        var row = await db.AccessLog.SingleAsync();
        Assert.Equal((household.Id, Marie.Id, AccessAction.Viewed, $"/households/{household.Id}"), (row.HouseholdId, row.UserId, row.Action, row.Source));
    }

    [Fact]
    public async Task PrivacyOfficer_OpeningAnyFile_IsLoggedAndSearchableByPersonFileAndPeriod()
    {
        var mine = await SaveAsync(Marie);
        var other = await SaveAsync(Paul);
        Current.User = Marie;
        await Service.GetAsync(mine.Id, "/households/a");
        Current.User = Officer;
        var view = await Get<PrivacyFileService>().OpenAsync(other.Id, $"/privacy/files/{other.Id}");
        Assert.Equal(other.FileNumber, view.FileNumber);

        var log = Get<AccessLogService>();
        var byOfficer = await log.SearchAsync(new AccessLogQuery { User = "claire" });
        Assert.Equal([other.Id], byOfficer.Rows.Select(r => r.HouseholdId));
        var byFile = await log.SearchAsync(new AccessLogQuery { FileNumber = mine.FileNumber });
        Assert.Equal(["Marie Tremblay"], byFile.Rows.Select(r => r.UserName));
        Assert.Equal(mine.FileNumber, byFile.Rows.Single().FileNumber);
        Assert.Equal(2, (await log.SearchAsync(new AccessLogQuery { From = FixedContext.Today, To = FixedContext.Today })).Total);
        Assert.Equal(0, (await log.SearchAsync(new AccessLogQuery { From = FixedContext.Today.AddDays(1) })).Total);
        Assert.Equal(0, (await log.SearchAsync(new AccessLogQuery { To = FixedContext.Today.AddDays(-1) })).Total);
    }

    // ---- Export ----------------------------------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExportAsync_ForAHouseholdWithEveryKindOfData_HoldsItAll_AndRecordsTheChoice(bool includeInternal)
    {
        var household = await SaveAsync(Marie, b => FullHousehold.Shape(b).WithContact());
        await using (var db = Database.CreateDbContext())
        {
            await FullHousehold.AddEverythingAsync(db, household, Marie.Id, "marie.tremblay@test.local");
        }

        var requests = Get<RightsRequestService>();
        var id = await requests.CreateAsync(new RightsRequestDraft
        {
            Type = RightsRequestType.Portability, RequesterName = "Zebulonia Quixtrapode", HouseholdId = household.Id, ReceivedOn = FixedContext.Today,
        });

        var archive = await requests.ExportAsync(id, includeInternal, "en-CA", "/privacy/requests/x/export");

        using var zip = new ZipArchive(new MemoryStream(archive.Content));
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }

        Assert.Contains("household.json", names);
        Assert.Contains("summary.txt", names);
        foreach (var section in new[] { "profile", "members", "consents", "registration", "sessions", "stays", "plan", "plan_goals", "plan_tasks", "plan_milestones", "follow_ups", "subsidy_applications", "subsidy_documents" })
        {
            Assert.Contains($"{section}.csv", names);
        }

        using var json = JsonDocument.Parse(Read("household.json"));
        var root = json.RootElement;
        Assert.Equal(household.FileNumber, root.GetProperty("fileNumber").GetString());
        Assert.Equal(FullHousehold.Email, root.GetProperty("profile")[0].GetProperty("email").GetString());
        var members = root.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["PrimaryApplicant", "Spouse", "Child"], members.Select(m => m.GetProperty("role").GetProperty("code").GetString()));
        Assert.Equal(FullHousehold.BirthDate, members[0].GetProperty("birth_date").GetString());
        Assert.Equal(FullHousehold.ChildName, members[2].GetProperty("first_name").GetString());
        Assert.Contains(root.GetProperty("consents").EnumerateArray(), c => c.GetProperty("withdrawal_note").GetString() == FullHousehold.WithdrawalNote && c.GetProperty("notice_version").GetInt32() == 1);
        Assert.Equal(FullHousehold.HeardFrom, root.GetProperty("registration")[0].GetProperty("heard_from_detail").GetString());
        Assert.Equal(FullHousehold.SessionTitle, root.GetProperty("sessions")[0].GetProperty("title").GetString());
        Assert.Equal(4, root.GetProperty("stays")[0].GetProperty("people_count").GetInt32());
        Assert.Equal(FullHousehold.GoalText, root.GetProperty("plan_goals")[0].GetProperty("description").GetString());
        Assert.Equal(FullHousehold.TaskComment, root.GetProperty("plan_tasks")[0].GetProperty("comment").GetString());
        Assert.Equal(FullHousehold.FollowUpComment, root.GetProperty("follow_ups")[0].GetProperty("comment").GetString());
        Assert.Contains(FullHousehold.TaskComment, Read("plan_tasks.csv"));
        Assert.StartsWith("\uFEFFgoal_id,title,owner", Read("plan_tasks.csv"));
        // The moving subsidy: both applications with what was asked, decided and paid; the document's row and its bytes.
        var subsidies = root.GetProperty("subsidy_applications").EnumerateArray().ToList();
        Assert.Equal(["Refused", "Paid"], subsidies.Select(a => a.GetProperty("status").GetProperty("code").GetString()));
        Assert.Equal((FullHousehold.SubsidyExplanation, FullHousehold.SubsidyMunicipality, FullHousehold.DecisionComment), (
            subsidies[0].GetProperty("explanation").GetString(), subsidies[0].GetProperty("destination_municipality").GetString(),
            subsidies[0].GetProperty("decision_comment").GetString()));
        Assert.Equal((FullHousehold.PaymentReference, FullHousehold.AmountReason, "07"), (subsidies[1].GetProperty("payment_reference").GetString(),
            subsidies[1].GetProperty("amount_reason").GetString(), subsidies[1].GetProperty("destination_region_code").GetProperty("code").GetString()));
        Assert.Equal(subsidies[1].GetProperty("approved_amount").GetDecimal(), subsidies[1].GetProperty("paid_amount").GetDecimal());
        Assert.Contains("Employment: Met", subsidies[1].GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Contains(FullHousehold.PaymentReference, Read("subsidy_applications.csv"));
        Assert.Contains(FullHousehold.SubsidyExplanation, Read("subsidy_applications.csv"));
        var document = root.GetProperty("subsidy_documents").EnumerateArray().Single();
        Assert.Equal((FullHousehold.SubsidyDocumentName, "Lease"), (document.GetProperty("file_name").GetString(), document.GetProperty("type").GetProperty("code").GetString()));
        var documentPath = document.GetProperty("archive_file").GetString()!;
        Assert.StartsWith("documents/", documentPath, StringComparison.Ordinal);
        Assert.EndsWith(FullHousehold.SubsidyDocumentName, documentPath, StringComparison.Ordinal);
        Assert.Contains(FullHousehold.SubsidyDocumentName, Read("subsidy_documents.csv"));
        using (var bytes = new MemoryStream())
        {
            await using (var entry = zip.GetEntry(documentPath)!.Open())
            {
                await entry.CopyToAsync(bytes);
            }

            Assert.Equal(FullHousehold.SubsidyDocumentBytes, bytes.ToArray());
        }

        var summary = Read("summary.txt");
        Assert.Contains("Summary of your personal information", summary);
        Assert.Contains("The documents provided (1) are in the documents/ folder", summary);
        Assert.Contains(household.FileNumber, summary);

        Assert.Equal(includeInternal, root.TryGetProperty("journal", out _));
        Assert.Equal(includeInternal, names.Contains("journal.csv"));
        Assert.Equal(includeInternal, names.Contains("stay_debriefs.csv"));
        Assert.Equal(includeInternal, names.Contains("subsidy_history.csv"));
        Assert.Equal(includeInternal, Read("household.json").Contains(FullHousehold.InformationRequest, StringComparison.Ordinal));
        Assert.Equal(includeInternal, Read("household.json").Contains(FullHousehold.NoteText, StringComparison.Ordinal));
        Assert.Equal(includeInternal, Read("household.json").Contains(FullHousehold.DebriefComment, StringComparison.Ordinal));
        Assert.Contains(includeInternal ? "are included" : "are not included", summary);

        await using var check = Database.CreateDbContext();
        var request = await check.RightsRequests.SingleAsync(r => r.Id == id);
        Assert.Equal((includeInternal, "Claire Bouchard", RightsRequestStatus.InProgress), (request.ExportIncludedInternal, request.ExportedByName, request.Status));
        var logged = await check.AccessLog.SingleAsync(a => a.Action == AccessAction.Exported);
        Assert.Equal((household.Id, Officer.Id), (logged.HouseholdId, logged.UserId));
        Assert.Contains(await check.PrivacyJournal.ToListAsync(), j => j.Action == "Exported" && j.SubjectId == id.ToString());

        // The officer's read-only view of the file shows the same subsidy sections (the history too: the view holds the internal sections).
        var view = await Get<PrivacyFileService>().OpenAsync(household.Id, "/t");
        Assert.Equal(2, view.Sections.Single(t => t.Key == "subsidy_applications").Rows.Count);
        Assert.Contains(view.Sections.Single(t => t.Key == "subsidy_documents").Rows.Single(), v => (v as string) == FullHousehold.SubsidyDocumentName);
        Assert.Contains(view.Sections.Single(t => t.Key == "subsidy_history").Rows, r => r.Contains(FullHousehold.InformationRequest));
    }

    [Theory]
    [InlineData("fr-CA", "Requérant(e) principal(e)", "Outaouais", "Bail signé")]
    [InlineData("en-CA", "Primary applicant", "Outaouais", "Signed lease")]
    public async Task ExportAsync_EveryCodeOfTheCsvFiles_IsItsLabelInThePersonsLanguage_AndTheJsonKeepsBoth(
        string culture, string role, string region, string documentType)
    {
        var household = await SaveAsync(Marie, b => FullHousehold.Shape(b).WithContact());
        await using (var db = Database.CreateDbContext())
        {
            await FullHousehold.AddEverythingAsync(db, household, Marie.Id, "marie.tremblay@test.local");
        }

        var requests = Get<RightsRequestService>();
        var id = await requests.CreateAsync(new RightsRequestDraft
        {
            Type = RightsRequestType.Access, RequesterName = "Zebulonia Quixtrapode", HouseholdId = household.Id, ReceivedOn = FixedContext.Today,
        });

        var archive = await requests.ExportAsync(id, includeInternal: true, culture, "/t");

        using var zip = new ZipArchive(new MemoryStream(archive.Content));
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }

        // household.json: each code beside its label; those codes must not be read in any CSV.
        using var json = JsonDocument.Parse(Read("household.json"));
        var coded = new List<(string Table, string Code, string Label)>();
        void Collect(string table, JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("code", out var code) && element.TryGetProperty("label", out var label))
            {
                coded.Add((table, code.GetString()!, label.GetString()!));
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    Collect(table, property.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(table, item);
                }
            }
        }

        foreach (var table in json.RootElement.EnumerateObject())
        {
            Collect(table.Name, table.Value);
        }
        var profile = json.RootElement.GetProperty("profile")[0];
        Assert.Equal(("07", region), (profile.GetProperty("preferred_region_codes")[0].GetProperty("code").GetString(), profile.GetProperty("preferred_region_codes")[0].GetProperty("label").GetString()));
        Assert.Equal(("PrimaryApplicant", role), (json.RootElement.GetProperty("members")[0].GetProperty("role").GetProperty("code").GetString(), json.RootElement.GetProperty("members")[0].GetProperty("role").GetProperty("label").GetString()));

        // Every enum member name made of several words (PrimaryApplicant, InProgress, RegionalPartner…) is a code in any language.
        var compoundNames = typeof(Household).Assembly.GetTypes().Where(t => t.IsEnum).SelectMany(Enum.GetNames)
            .Where(n => n.Skip(1).Any(char.IsUpper));
        var everywhere = compoundNames.Concat(["PrimaryApplicant", "true", "false"])
            .Concat(culture == "fr-CA" ? ["Employed", "Beginner", "Lease", "Child", "Spouse", "Active", "Approved", "Refused", "Paid", "Present"] : [])
            .ToList();

        var csvs = zip.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.Ordinal)).Select(e => e.FullName).ToList();
        Assert.True(csvs.Count >= 16, string.Join(", ", csvs));
        foreach (var name in csvs)
        {
            var body = string.Join("\n", Read(name).Split('\n').Skip(1));
            var tokens = System.Text.RegularExpressions.Regex.Split(body, "[;,\r\n\"]+|: | : ").Select(t => t.Trim()).Where(t => t.Length > 0);
            // A code of this table whose label differs (in English, "Other" may be a code here and a label there).
            var raw = coded.Where(c => $"{c.Table}.csv" == name && c.Code != c.Label).Select(c => c.Code).Concat(everywhere).ToHashSet(StringComparer.Ordinal);
            Assert.Empty(tokens.Where(raw.Contains).Select(t => $"{name}: {t}"));
        }

        Assert.Contains(role, Read("members.csv"), StringComparison.Ordinal);
        Assert.Contains(region, Read("profile.csv"), StringComparison.Ordinal);
        Assert.Contains(documentType, Read("subsidy_documents.csv"), StringComparison.Ordinal);
        Assert.Contains(coded, c => c.Code == "Lease" && c.Label == documentType);
        Assert.Contains(coded, c => c.Table == "profile" && c.Code == "07" && c.Label == region);
    }

    [Fact]
    public async Task ExportAsync_InThePersonsLanguage_WritesTheSummaryInFrench()
    {
        var household = await SaveAsync(Marie);
        var requests = Get<RightsRequestService>();
        var id = await requests.CreateAsync(new RightsRequestDraft { Type = RightsRequestType.Access, RequesterName = "X", HouseholdId = household.Id, ReceivedOn = FixedContext.Today });
        var archive = await requests.ExportAsync(id, false, "fr-CA", "/t");
        using var zip = new ZipArchive(new MemoryStream(archive.Content));
        using var reader = new StreamReader(zip.GetEntry("summary.txt")!.Open());
        Assert.Contains("Résumé de vos renseignements personnels", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task ExportAsync_WithoutALinkedFile_IsRefused()
    {
        var requests = Get<RightsRequestService>();
        var id = await requests.CreateAsync(new RightsRequestDraft { Type = RightsRequestType.Access, RequesterName = "X", ReceivedOn = FixedContext.Today });
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => requests.ExportAsync(id, false, null, "/t"));
        Assert.Equal("Privacy.Export.NoFile", refusal.Refusals.Single().Code);
    }

    // ---- Rights requests -------------------------------------------------------------------

    [Fact]
    public async Task CreateAsync_ComputesTheLegalDueDate_AndListsOverdueRequestsFirst()
    {
        var requests = Get<RightsRequestService>();
        var late = await requests.CreateAsync(new RightsRequestDraft { Type = RightsRequestType.Access, RequesterName = "Late", ReceivedOn = FixedContext.Today.AddDays(-31), AssigneeId = Officer.Id });
        var fresh = await requests.CreateAsync(new RightsRequestDraft { Type = RightsRequestType.Deletion, RequesterName = "Fresh", ReceivedOn = FixedContext.Today.AddDays(-2) });

        var page = await requests.SearchAsync(new RightsRequestQuery { OpenOnly = true });

        Assert.Equal([late, fresh], page.Rows.Select(r => r.Id));
        Assert.Equal((FixedContext.Today.AddDays(-1), -1, true, "Claire Bouchard"), (page.Rows[0].DueOn, page.Rows[0].DaysLeft, page.Rows[0].IsOverdue, page.Rows[0].AssigneeName));
        Assert.Equal((28, false), (page.Rows[1].DaysLeft, page.Rows[1].IsOverdue));
        Assert.Equal([late], (await requests.SearchAsync(new RightsRequestQuery { OverdueOnly = true })).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task CreateAsync_WithBadInput_SaysWhyAndSavesNothing()
    {
        var requests = Get<RightsRequestService>();
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => requests.CreateAsync(new RightsRequestDraft
        {
            RequesterName = " ", ReceivedOn = FixedContext.Today.AddDays(1), Status = RightsRequestStatus.Refused, AssigneeId = Marie.Id,
        }));

        Assert.Equal(
            ["Privacy.Request.AnswerDateRequired", "Privacy.Request.AssigneeInvalid", "Privacy.Request.ReceivedInFuture", "Privacy.Request.RefusalReasonRequired", "Privacy.Request.RequesterRequired"],
            refusal.Refusals.Select(r => r.Code).Order());
        await using var db = Database.CreateDbContext();
        Assert.False(await db.RightsRequests.AnyAsync());
    }

    [Fact]
    public async Task UpdateAsync_FromAnOldVersion_IsRefused()
    {
        var requests = Get<RightsRequestService>();
        var id = await requests.CreateAsync(new RightsRequestDraft { RequesterName = "A", ReceivedOn = FixedContext.Today });
        var read = await requests.GetAsync(id);
        await requests.UpdateAsync(id, read.Version, new RightsRequestDraft { RequesterName = "A", ReceivedOn = FixedContext.Today, Status = RightsRequestStatus.InProgress });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            requests.UpdateAsync(id, read.Version, new RightsRequestDraft { RequesterName = "B", ReceivedOn = FixedContext.Today }));
        Assert.Equal((RightsRequestStatus.InProgress, "A"), ((await requests.GetAsync(id)).Status, (await requests.GetAsync(id)).RequesterName));
    }

    [Fact]
    public async Task ApproveDeletionAsync_AnonymizesTheFileAtOnce()
    {
        var household = await SaveAsync(Marie, b => b.WithProfile(p => p.WithPrimaryApplicant("Effacia", "Supprimovna")));
        var requests = Get<RightsRequestService>();
        var id = await requests.CreateAsync(new RightsRequestDraft { Type = RightsRequestType.Deletion, RequesterName = "Effacia Supprimovna", HouseholdId = household.Id, ReceivedOn = FixedContext.Today });

        await requests.ApproveDeletionAsync(id);

        await using var db = Database.CreateDbContext();
        var after = await db.Households.SingleAsync(h => h.Id == household.Id);
        Assert.NotNull(after.AnonymizedAt);
        Assert.Equal("", after.PrimaryApplicant.LastName);
        var run = await db.AnonymizationRuns.SingleAsync();
        Assert.Equal((AnonymizationRunKind.DeletionRequest, id, AnonymizationRunStatus.Completed), (run.Kind, run.RightsRequestId, run.Status));
        var request = await db.RightsRequests.SingleAsync();
        Assert.NotEqual("Effacia Supprimovna", request.RequesterName);
        Assert.NotNull(request.DeletionApprovedAt);
        await Assert.ThrowsAsync<DomainRuleException>(() => requests.ApproveDeletionAsync(id));
    }

    [Fact]
    public async Task OverdueJob_NotifiesTheAssigneeOrEveryOfficer_OncePerRequestAndDueDate()
    {
        await using (var db = Database.CreateDbContext())
        {
            await TestUsers.CreateAsync(db, "second.rprp@test.local", "Second Officer", 1, Roles.PrivacyOfficer);
        }

        var requests = Get<RightsRequestService>();
        var assigned = await requests.CreateAsync(new RightsRequestDraft { RequesterName = "A", ReceivedOn = FixedContext.Today.AddDays(-31), AssigneeId = Officer.Id });
        var unassigned = await requests.CreateAsync(new RightsRequestDraft { RequesterName = "B", ReceivedOn = FixedContext.Today.AddDays(-40) });
        await requests.CreateAsync(new RightsRequestDraft { RequesterName = "Due today", ReceivedOn = FixedContext.Today.AddDays(-30) });
        await requests.CreateAsync(new RightsRequestDraft
        {
            RequesterName = "Answered", ReceivedOn = FixedContext.Today.AddDays(-60), Status = RightsRequestStatus.Answered, AnsweredOn = FixedContext.Today.AddDays(-1),
        });
        var job = Get<RightsRequestOverdueJob>();

        Assert.Equal(3, await job.RunAsync(CancellationToken.None));
        Assert.Equal(0, await job.RunAsync(CancellationToken.None));

        await using var check = Database.CreateDbContext();
        var notes = await check.Notifications.OrderBy(n => n.DedupKey).ToListAsync();
        Assert.All(notes, n => Assert.Equal(CaseManager.Domain.Reminders.ReminderKind.RightsRequestOverdue, n.Kind));
        Assert.All(notes, n => Assert.NotNull(n.EmailedAt));
        Assert.Single(notes, n => n.DedupKey.Contains(assigned.ToString(), StringComparison.Ordinal));
        Assert.Equal(Officer.Id, notes.Single(n => n.DedupKey.Contains(assigned.ToString(), StringComparison.Ordinal)).UserId);
        Assert.Equal(2, notes.Count(n => n.DedupKey.Contains(unassigned.ToString(), StringComparison.Ordinal)));
        Current.User = Officer;
        var bell = await new NotificationService(Database.ContextFactory, Current, new AppClock(Time)).GetRecentAsync(10);
        Assert.Equal(2, bell.Count);
        Assert.StartsWith("Une demande d'accès", ReminderTexts.Line(bell[0].Subject, System.Globalization.CultureInfo.GetCultureInfo("fr-CA")), StringComparison.Ordinal);
    }

    // ---- Retention preview -----------------------------------------------------------------

    [Fact]
    public async Task PreviewAsync_PicksExactlyTheFilesPastTheirPeriod_OnTheBoundaryDay()
    {
        var today = FixedContext.Today;
        var withdrawnDue = await SaveAsync(Marie, b => b.WithProfile(p => p.WithArrivalDate(null)).OpenedOn(today.AddYears(-3)).WithdrawnFor("postponed"));
        var withdrawnNotYet = await SaveAsync(Marie, b => b.WithProfile(p => p.WithArrivalDate(null)).OpenedOn(today.AddYears(-3)).WithdrawnFor("postponed"));
        await SetTransitionDayAsync(withdrawnDue.Id, TransitionKind.Withdraw, today.AddYears(-2));
        await SetTransitionDayAsync(withdrawnNotYet.Id, TransitionKind.Withdraw, today.AddYears(-2).AddDays(1));
        var settledDue = await SaveAsync(Marie, b => b.WithProfile(p => p.WithArrivalDate(null)).OpenedOn(today.AddYears(-7)).SettledIn("02", "Saguenay", today.AddYears(-5)));
        var settledFollowedUp = await SaveAsync(Marie, b => b.WithProfile(p => p.WithArrivalDate(null)).OpenedOn(today.AddYears(-7)).SettledIn("02", "Saguenay", today.AddYears(-5)));
        await using (var db = Database.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE households SET last_contact_on = NULL WHERE id IN ({settledDue.Id}, {settledFollowedUp.Id})");
            // A follow-up answered a day later moves the period of the second settled file by a day.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO retention_checks (id, household_id, months_after, due_on, answered_on, created_at)
                VALUES ({Guid.NewGuid()}, {settledFollowedUp.Id}, 3, {today.AddYears(-5).AddDays(1)}, {today.AddYears(-5).AddDays(1)}, {FixedContext.Now.ToUniversalTime()})
                """);
        }

        var closedDue = await SaveAsync(Marie, b => b.WithProfile(p => p.WithArrivalDate(null)).OpenedOn(today.AddYears(-8)).ClosedAfter(CaseStatus.Withdrawn));
        await SetTransitionDayAsync(closedDue.Id, TransitionKind.Close, today.AddYears(-5));
        await SaveAsync(Marie); // an active file: never

        var preview = await Get<RetentionScheduleService>().PreviewAsync();

        Assert.Equal(
            new[] { withdrawnDue.Id, settledDue.Id, closedDue.Id }.Order(),
            preview.Files.Select(f => f.HouseholdId).Order());
        Assert.Equal((1, 1, 1), (preview.CountByRule[RetentionBasis.Withdrawn], preview.CountByRule[RetentionBasis.Settled], preview.CountByRule[RetentionBasis.Closed]));
        Assert.Equal(today, preview.Files.Single(f => f.HouseholdId == withdrawnDue.Id).DueOn);
        await using var check = Database.CreateDbContext();
        Assert.False(await check.Households.AnyAsync(h => h.AnonymizedAt != null)); // a preview changes nothing
    }

    [Fact]
    public async Task UpdateRuleAsync_ByAnAdministrator_ChangesThePeriod_AndIsRefusedToTheOfficer()
    {
        var service = Get<RetentionScheduleService>();
        Current.User = Admin;
        var rule = (await service.RulesAsync()).Single(r => r.Basis == RetentionBasis.Withdrawn);
        await service.UpdateRuleAsync(RetentionBasis.Withdrawn, 3, true, rule.Version);
        Assert.Equal(3, (await service.RulesAsync()).Single(r => r.Basis == RetentionBasis.Withdrawn).Years);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdateRuleAsync(RetentionBasis.Withdrawn, 4, true, rule.Version));
        await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await service.UpdateRuleAsync(RetentionBasis.Withdrawn, 0, true, (await service.RulesAsync()).Single(r => r.Basis == RetentionBasis.Withdrawn).Version));

        Current.User = Officer;
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.UpdateRuleAsync(RetentionBasis.Withdrawn, 5, true, 0));
    }

    // ---- Incidents -------------------------------------------------------------------------

    [Fact]
    public async Task Incidents_KeptFiveYears_AndExportedAsCsv()
    {
        var incidents = Get<IncidentService>();
        var recent = await incidents.CreateAsync(Incident(FixedContext.Today.AddYears(-5).AddDays(1)));
        var old = await incidents.CreateAsync(Incident(FixedContext.Today.AddYears(-5)));

        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => incidents.DeleteAsync(recent));
        Assert.Equal("Privacy.Incident.KeptFiveYears", refusal.Refusals.Single().Code);
        await incidents.DeleteAsync(old);

        var csv = Encoding.UTF8.GetString(await incidents.ExportCsvAsync(null, null));
        Assert.Contains("Courriel envoyé au mauvais destinataire", csv);
        Assert.Contains("Coordonnées; Notes de suivi", csv);
        Assert.Equal(1, (await incidents.SearchAsync(null, null, 0, 25)).Total);
    }

    [Theory]
    [InlineData("fr-CA", "Oui", "Identité; Coordonnées; Dates de naissance; Statut d'immigration; Emploi; Famille; Santé; Notes de suivi; Documents; Renseignements financiers")]
    [InlineData("en-CA", "Yes", "Identity; Contact; Birth dates; Immigration status; Employment; Family; Health; Case notes; Documents; Financial information")]
    public async Task Incidents_ExportedAsCsv_EveryCategoryAndTheRiskAreLabelsInThePersonsLanguage(string culture, string yes, string categories)
    {
        var incident = Incident(FixedContext.Today);
        incident.Categories = [.. Enum.GetValues<InformationCategory>()];
        incident.RiskOfSeriousInjury = true;
        await Get<IncidentService>().CreateAsync(incident);
        var (before, beforeUi) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        List<List<string>> rows;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
            rows = CsvContent.Read(await Get<IncidentService>().ExportCsvAsync(null, null));
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (before, beforeUi);
        }

        Assert.Equal(Enum.GetValues<InformationCategory>().Length, categories.Split("; ").Length);
        Assert.Equal(categories, rows[1][rows[0].IndexOf("categories")]);
        Assert.Equal(yes, rows[1][rows[0].IndexOf("risk_of_serious_injury")]);
    }

    [Theory]
    [InlineData("fr-CA", "Requérant(e) principal(e)", "Outaouais", "Bail signé", "Oui")]
    [InlineData("en-CA", "Primary applicant", "Outaouais", "Signed lease", "Yes")]
    public async Task PrivacyFile_EveryCodeOfEverySection_IsItsLabelInTheOfficersLanguage(string culture, string role, string region, string documentType, string yes)
    {
        var household = await SaveAsync(Marie, b => FullHousehold.Shape(b).WithContact());
        await using (var db = Database.CreateDbContext())
        {
            await FullHousehold.AddEverythingAsync(db, household, Marie.Id, "marie.tremblay@test.local");
        }

        Current.User = Officer;
        var (before, beforeUi) = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        PrivacyFileView view;
        IReadOnlyList<CaseManager.Web.Features.Privacy.Export.ExportTable> raw;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
            view = await Get<PrivacyFileService>().OpenAsync(household.Id, "/t");
            await using var db = Database.CreateDbContext();
            raw = await Get<CaseManager.Web.Features.Privacy.Export.HouseholdExporter>().ReadAsync(db, household.Id, includeInternal: true, CancellationToken.None);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (before, beforeUi);
        }

        static IEnumerable<string> Strings(object? value) => value switch
        {
            null => [],
            string s => [s],
            System.Collections.IEnumerable list => list.Cast<object?>().SelectMany(Strings),
            bool b => [b.ToString()],
            _ => [],
        };

        // Every code of a coded column (an enum's name, a region or status code) and every boolean is shown as a word of the officer's language.
        var checkedCells = 0;
        foreach (var table in raw)
        {
            var shown = view.Sections.Single(t => t.Key == table.Key);
            for (var row = 0; row < table.Rows.Count; row++)
            {
                for (var column = 0; column < table.Columns.Count; column++)
                {
                    var value = table.Rows[row][column];
                    if (table.CodeOf(column) is null && value is not bool)
                    {
                        continue;
                    }

                    var codes = Strings(value).ToHashSet(StringComparer.Ordinal);
                    var words = Strings(shown.Rows[row][column]).ToList();
                    checkedCells++;
                    // A code whose label is the same word ("Documents") reads the same; any other code must not show.
                    Assert.All(words, w => Assert.True(!codes.Contains(w) || IsPlainWord(w), $"{table.Key}.{table.Columns[column]}: {w}"));
                }
            }
        }

        Assert.True(checkedCells > 20, checkedCells.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cells = view.Sections.SelectMany(t => t.Rows.SelectMany(r => r.SelectMany(Strings))).ToList();
        Assert.Contains(role, cells);
        Assert.Contains(region, cells);
        Assert.Contains(documentType, cells);
        Assert.Contains(yes, cells);
        Assert.DoesNotContain("PrimaryApplicant", cells);
        Assert.DoesNotContain("07", cells);
        Assert.DoesNotContain("True", cells);
    }

    /// <summary>A single word that is its own label in some language (Documents, Contact, Absent), unlike a compound code, a number or a slug.</summary>
    private static bool IsPlainWord(string word) =>
        word.Length > 0 && char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower);

    [Theory]
    [InlineData('=')]
    [InlineData('+')]
    [InlineData('-')]
    [InlineData('@')]
    public async Task Incidents_ExportedAsCsv_EscapeTextThatWouldRunAsAFormula(char first)
    {
        var incidents = Get<IncidentService>();
        var incident = Incident(FixedContext.Today);
        incident.Description = $"{first}HYPERLINK(\"http://x.test\")";
        incident.Measures = $"{first}1+1";
        await incidents.CreateAsync(incident);

        var rows = CsvContent.Read(await incidents.ExportCsvAsync(null, null));

        var row = rows[1];
        Assert.Equal($"'{first}HYPERLINK(\"http://x.test\")", row[rows[0].IndexOf("description")]);
        Assert.Equal($"'{first}1+1", row[rows[0].IndexOf("measures")]);
        Assert.Equal("3", row[rows[0].IndexOf("persons_concerned")]);
    }

    [Fact]
    public async Task Incidents_WithBadDates_AreRefused()
    {
        var incident = Incident(FixedContext.Today);
        incident.OccurredTo = FixedContext.Today.AddDays(-3);
        incident.OccurredFrom = FixedContext.Today.AddDays(-1);
        incident.RegulatorNotifiedOn = FixedContext.Today.AddDays(-10);
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => Get<IncidentService>().CreateAsync(incident));
        Assert.Contains(refusal.Refusals, r => r.Code == "Privacy.Incident.PeriodInvalid");
        Assert.Contains(refusal.Refusals, r => r.Code == "Privacy.Incident.NotifiedBeforeDiscovered");
    }

    // ---- Refusals to every other role ------------------------------------------------------

    [Fact]
    public async Task EveryPrivacyServiceMethod_IsRefusedToEveryOtherRole()
    {
        var household = await SaveAsync(Marie);
        var requestId = await Get<RightsRequestService>().CreateAsync(new RightsRequestDraft { RequesterName = "A", HouseholdId = household.Id, ReceivedOn = FixedContext.Today });
        var incidentId = await Get<IncidentService>().CreateAsync(Incident(FixedContext.Today));
        var calls = new List<Func<Task>>
        {
            () => Get<AccessLogService>().SearchAsync(new AccessLogQuery()),
            () => Get<PrivacyFileService>().OpenAsync(household.Id, "/t"),
            () => Get<RightsRequestService>().SearchAsync(new RightsRequestQuery()),
            () => Get<RightsRequestService>().GetAsync(requestId),
            () => Get<RightsRequestService>().CreateAsync(new RightsRequestDraft { RequesterName = "A", ReceivedOn = FixedContext.Today }),
            () => Get<RightsRequestService>().UpdateAsync(requestId, 0, new RightsRequestDraft { RequesterName = "A", ReceivedOn = FixedContext.Today }),
            () => Get<RightsRequestService>().FindHouseholdsAsync(household.FileNumber),
            () => Get<RightsRequestService>().HouseholdAsync(household.Id),
            () => Get<RightsRequestService>().OfficersAsync(),
            () => Get<RightsRequestService>().ExportAsync(requestId, true, null, "/t"),
            () => Get<RightsRequestService>().ApproveDeletionAsync(requestId),
            () => Get<IncidentService>().SearchAsync(null, null, 0, 10),
            () => Get<IncidentService>().GetAsync(incidentId),
            () => Get<IncidentService>().CreateAsync(Incident(FixedContext.Today)),
            () => Get<IncidentService>().UpdateAsync(incidentId, 0, Incident(FixedContext.Today)),
            () => Get<IncidentService>().DeleteAsync(incidentId),
            () => Get<IncidentService>().ExportCsvAsync(null, null),
            () => Get<RetentionScheduleService>().PreviewAsync(),
            () => Get<RetentionScheduleService>().ApproveAsync(),
            () => Get<RetentionScheduleService>().RunsAsync(),
            () => Get<RetentionScheduleService>().PauseAsync(Guid.NewGuid()),
            () => Get<RetentionScheduleService>().ResumeAsync(Guid.NewGuid()),
        };

        foreach (var user in OtherRoles)
        {
            Current.User = user;
            foreach (var call in calls)
            {
                await Assert.ThrowsAsync<AccessDeniedException>(call);
            }
        }

        Current.User = Marie;
        await Assert.ThrowsAsync<AccessDeniedException>(() => Get<RetentionScheduleService>().RulesAsync());
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.RightsRequests.CountAsync());
        Assert.Null((await db.RightsRequests.SingleAsync()).ExportedAt);
        Assert.Equal(0, await db.AccessLog.CountAsync());
    }

    [Fact]
    public async Task AnOfficerWhoseRoleWasRemoved_IsRefusedAtOnce()
    {
        await using (var db = Database.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AspNetUserRoles\" WHERE user_id = {Officer.Id}");
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Get<AccessLogService>().SearchAsync(new AccessLogQuery()));
    }

    private static ConfidentialityIncident Incident(DateOnly discoveredOn) => new()
    {
        Description = "Courriel envoyé au mauvais destinataire",
        Circumstances = "Erreur d'adresse",
        OccurredFrom = discoveredOn,
        DiscoveredOn = discoveredOn,
        PersonsConcerned = 3,
        Categories = [InformationCategory.Contact, InformationCategory.CaseNotes],
        RiskOfSeriousInjury = false,
        RiskAssessment = "Faible",
        Measures = "Rappel du courriel",
    };
}
