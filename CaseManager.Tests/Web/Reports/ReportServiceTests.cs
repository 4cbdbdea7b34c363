using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reports;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Reports;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Reports;

/// <summary>
/// Every figure of the results report against the data set of <see cref="ReportServiceTestBase"/>:
/// the expected numbers are counted by hand from the files, sessions, stays and subsidies it builds
/// (the comments say which ones make each number).
/// </summary>
public sealed class ReportServiceTests(DatabaseFixture database) : ReportServiceTestBase(database)
{
    /// <summary>The host regions in code order: every one but Montréal (06) and Laval (13).</summary>
    private static readonly string[] HostRegions = ["01", "02", "03", "04", "05", "07", "08", "09", "10", "11", "12", "14", "15", "16", "17"];

    private static ResultsQuery FiscalYear2025(int? organizationId = null, string? counsellorId = null) =>
        new(ReportPeriod.Of(Year), organizationId, counsellorId);

    /// <summary>Builds the data set and the targets, then reads the whole program's 2025 report as the supervisor.</summary>
    private async Task<ResultsReport> ProgramReportAsync(ResultsQuery? query = null)
    {
        await BuildAsync();
        await SetTargetsAsync();
        Current.User = Supervisor;
        return await Reports.GetAsync(query ?? FiscalYear2025());
    }

    private static void AssertMonths(ResultsReport report, params (string Month, int Registrations, int Settled, int SettledToDate, int? TargetToDate)[] expected)
    {
        Assert.Equal(
            expected.Select(m => new MonthRow(Day(m.Month), m.Registrations, m.Settled, m.SettledToDate, m.TargetToDate)),
            report.Months);
    }

    private static void AssertFunnel(ResultsReport report, params (Stage? Stage, int Reached, decimal? Conversion, decimal? Median, int Measured)[] expected)
    {
        Assert.Equal(expected.Select(f => new FunnelRow(f.Stage, f.Reached, f.Conversion, f.Median, f.Measured)), report.Funnel);
    }

    private static void AssertWithdrawals(ResultsReport report, params (string Code, (Stage Stage, int Count)[] ByStage)[] expected)
    {
        Assert.Equal(
            expected.Select(w => (w.Code, string.Join(", ", w.ByStage.OrderBy(s => s.Stage).Select(s => $"{s.Stage}={s.Count}")))),
            report.Withdrawals.Select(w => (w.ReasonCode, string.Join(", ", w.ByStage.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}")))));
    }

    /// <summary>Every host region listed, zeros included; only the given ones count something.</summary>
    private static void AssertSettlementsByRegion(ResultsReport report, params (string Code, int Count)[] counted)
    {
        Assert.Equal(
            HostRegions.Select(code => (code, counted.Where(c => c.Code == code).Select(c => c.Count).SingleOrDefault())),
            report.SettlementsByRegion.Select(r => (r.Code, r.Count)));
    }

    private static void AssertSessions(ResultsReport report, params (string Month, int Held, int Cancelled, int Registered, int Present, int Absent, int Excused)[] counted)
    {
        Assert.Equal(
            report.Query.Period.Months().Select(month => counted.Where(c => Day(c.Month) == month)
                .Select(c => new SessionMonthRow(month, c.Held, c.Cancelled, c.Registered, c.Present, c.Absent, c.Excused))
                .SingleOrDefault() ?? new SessionMonthRow(month, 0, 0, 0, 0, 0, 0)),
            report.Sessions);
    }

    private static void AssertStays(ResultsReport report, params (string Code, int Completed, int Cancelled, int Households, int People)[] counted)
    {
        Assert.Equal(
            HostRegions.Select(code => counted.Where(c => c.Code == code).Select(c => (code, c.Completed, c.Cancelled, c.Households, c.People))
                .DefaultIfEmpty((code, 0, 0, 0, 0)).Single()),
            report.Stays.Select(s => (s.Code, s.Completed, s.Cancelled, s.Households, s.People)));
    }

    // ---------------------------------------------------------------------------------------------
    // The whole program, fiscal year 2025, read by the supervisor on 2026-04-15 with targets
    // PROMIS 10 + CFIQ 6 = 16.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task GetAsync_FiscalYear_RegistrationsAndSettlementsPerMonthAgainstTheTargetLine()
    {
        var report = await ProgramReportAsync();

        // Opened: C (04-01 00:30), G | E, H | F, I | J | K, Q | — | L, M | … | A (03-31 23:30);
        // not B (04-01 00:30 next year), D (2025-03-31 23:30), P (2024), N (merged).
        // Settled: G 09-15 | Q 10-01 | J 12-31 | H 2026-03-31; not I (2026-04-01), P (2025-03-31), N.
        // Target line: 16 × days elapsed at the month's end / 365.
        AssertMonths(
            report,
            ("2025-04-01", 2, 0, 0, 1),
            ("2025-05-01", 2, 0, 0, 3),
            ("2025-06-01", 2, 0, 0, 4),
            ("2025-07-01", 1, 0, 0, 5),
            ("2025-08-01", 2, 0, 0, 7),
            ("2025-09-01", 0, 1, 1, 8),
            ("2025-10-01", 2, 1, 2, 9),
            ("2025-11-01", 0, 0, 2, 11),
            ("2025-12-01", 0, 1, 3, 12),
            ("2026-01-01", 0, 0, 3, 13),
            ("2026-02-01", 0, 0, 3, 15),
            ("2026-03-01", 1, 1, 4, 16));
        Assert.Equal((12, 4), (report.Registrations, report.Settled));
        Assert.Equal((ReportScope.Program, AsOf), (report.Scope, report.AsOf));
    }

    [Fact]
    public async Task GetAsync_FiscalYear_TargetProgressAtTheDayItIsRead()
    {
        var report = await ProgramReportAsync();

        // Read 2026-04-15: the whole year elapsed, 4 settled of 16, 4 / (365 / 30.4375) = 0.3 a month,
        // no day left to close the gap.
        Assert.Equal(new TargetProgress(16, 4, 365, 365, 16, 4, 0.3m, null, TargetStanding.Behind), report.Target);
        Assert.Equal(12, report.Target!.Remaining);
        Assert.Equal(0.25m, report.Target.Share);
    }

    [Fact]
    public async Task GetAsync_FiscalYear_FunnelCountsEachFileOncePerStageReachedForward()
    {
        var report = await ProgramReportAsync();

        // Outreach: the 12 files opened in the year.
        // Plan: E (reached twice, went back in between: once), G, K; not F, which skipped it.
        // InfoSession: F (skip), G, K. ExploratoryStay: F, G. MovingSubsidy: G, H, I, J, Q (P did in 2024).
        // Days in each stage, for the stays that ended in the year (entered any way, left any way):
        // Outreach E 10 and 15 (back), F 4, G 7, H 3, I 20, J 12, K 6, Q 30 → median 10 of 9;
        // Plan E 10 (left by going back), G 20, K 44 (withdrawn and reactivated in between) → 20; E's second stay is open;
        // InfoSession F 30, G 25 → 27.5; ExploratoryStay G 30 (F's is open);
        // MovingSubsidy G 66, H 322 (left 2026-03-31 23:30), J 170, Q 17 → 118 (I's ends 2026-04-01 00:30).
        AssertFunnel(
            report,
            (Stage.Outreach, 12, 3m / 12, 10m, 9),
            (Stage.PersonalizedPlan, 3, 3m / 3, 20m, 3),
            (Stage.InfoSession, 3, 2m / 3, 27.5m, 2),
            (Stage.ExploratoryStay, 2, 5m / 2, 30m, 1),
            (Stage.MovingSubsidy, 5, 4m / 5, 118m, 4),
            (null, 4, null, null, 0));
    }

    [Fact]
    public async Task GetAsync_FiscalYear_WithdrawalsByReasonAndStage_AWithdrawnReactivatedWithdrawnFileCountsTwice()
    {
        var report = await ProgramReportAsync();

        // K: job-montreal at Plan (09-01) and at InfoSession (10-01); L: unreachable at Outreach 2026-03-31 23:30;
        // not M (postponed, 2026-04-01 00:30). In the reasons' order.
        AssertWithdrawals(
            report,
            ("job-montreal", [(Stage.PersonalizedPlan, 1), (Stage.InfoSession, 1)]),
            ("unreachable", [(Stage.Outreach, 1)]));
        Assert.Equal(3, report.WithdrawalCount);
        var jobs = report.Withdrawals[0];
        Assert.Equal(("A trouvé un emploi à Montréal", "Found a job in Montréal", 2), (jobs.NameFr, jobs.NameEn, jobs.Count));
    }

    [Fact]
    public async Task GetAsync_FiscalYear_SettlementsByRegion_EveryHostRegionListedZerosIncluded()
    {
        var report = await ProgramReportAsync();

        // G in 01; Q and H in 02; J in 05. Not I (02, next year), P (01, year before), N (03, merged).
        AssertSettlementsByRegion(report, ("01", 1), ("02", 2), ("05", 1));
        Assert.Equal(("Saguenay–Lac-Saint-Jean", "Saguenay–Lac-Saint-Jean"), (report.SettlementsByRegion[1].NameFr, report.SettlementsByRegion[1].NameEn));
    }

    [Fact]
    public async Task GetAsync_FiscalYear_RetentionOfTheFollowUpsDueInTheYear()
    {
        var report = await ProgramReportAsync();

        // 3 months: P (yes/yes/yes), G (yes/yes/yes), Q (unanswered), J (due 2026-03-31, answered after: no/no/yes).
        // 6 months: P (unanswered), G (no/yes/unknown). 12 months: P (due 2026-03-31: yes/no/yes).
        // Not Q at 6 (due 2026-04-01), G at 12, H at 3, nor N's (merged).
        Assert.Equal(
            [new RetentionRow(3, 4, 3, 2, 2, 3), new RetentionRow(6, 2, 1, 0, 1, 0), new RetentionRow(12, 1, 1, 1, 0, 1)],
            report.Retention);
        Assert.Equal(new decimal?[] { 2m / 3, 0m, 1m }, report.Retention.Select(r => r.RetentionRate));
    }

    [Fact]
    public async Task GetAsync_FiscalYear_SessionsPerMonth_OnlySeatsOfHeldSessionsCount()
    {
        var report = await ProgramReportAsync();

        // September: S1 held, seats E, F (present), G (absent), K (excused), C (not recorded); not N's
        // (merged), L's (waiting list), Q's and M's (cancelled). November: S2 cancelled.
        // March: S3 (2026-03-31 23:30), H present. Not S4 (2026-04-01 00:30) nor S5 (never held).
        AssertSessions(
            report,
            ("2025-09-01", 1, 0, 5, 2, 1, 1),
            ("2025-11-01", 0, 1, 0, 0, 0, 0),
            ("2026-03-01", 1, 0, 1, 1, 0, 0));
        var september = report.Sessions.Single(s => s.Month == Day("2025-09-01"));
        Assert.Equal((1, (decimal?)(2m / 5)), (september.NotRecorded, september.AttendanceRate));
    }

    [Fact]
    public async Task GetAsync_FiscalYear_StaysPerRegion_CompletedAndCancelledWithWhoCame()
    {
        var report = await ProgramReportAsync();

        // 02: T1 completed (F 3 people, E 2; not G, absent, nor N, merged), T2 cancelled; not T6 (planned).
        // 05: T3 (starts 2026-03-31), H 4 people; not T4 (starts 2026-04-01). 01: not T5 (starts 2025-03-31).
        AssertStays(report, ("02", 1, 1, 2, 5), ("05", 1, 0, 1, 4));
    }

    [Fact]
    public async Task GetAsync_FiscalYear_SubsidiesDecidedAndPaidInTheYear_WithTheYearsBudget()
    {
        var report = await ProgramReportAsync();

        // Approved: H (2026-03-31, 2 000 $), G (2025-08-01, 1 500 $); not I (2026-04-01), P (2025-03-31), N (merged).
        // Refused: Q (2025-09-01); not J (2026-04-01). Paid: G (2026-03-31, 1 500 $), P (2025-04-01, 1 000 $); not H (2026-04-01).
        Assert.Equal(new SubsidyFigures(2, 3500m, 1, 2, 2500m, 50_000m), report.Subsidies);
        Assert.Equal(((decimal?)46_500m, (decimal?)0.07m), (report.Subsidies.BudgetLeft, report.Subsidies.BudgetShare));
    }

    [Fact]
    public async Task GetAsync_FiscalYear_BreakdownByOrganizationAndCounsellor_WithTargetsOpenFilesAndTheUnassigned()
    {
        var report = await ProgramReportAsync();

        // Open now: A, B, E (Marie, PROMIS); C, D (on hold), F (Paul, CFIQ). Withdrawals: K twice, L once.
        Assert.Equal(
            [
                new BreakdownRow("3", "ALPA (Accueil Liaison Pour Arrivants)", 1, 1, 0, 0, null),
                new BreakdownRow("2", "Collectif des femmes immigrantes du Québec", 5, 1, 1, 3, 6),
                new BreakdownRow("1", "PROMIS", 6, 2, 2, 3, 10),
            ],
            report.ByOrganization);
        Assert.Equal(
            [
                new BreakdownRow(Marie.Id, "Marie Tremblay", 6, 2, 2, 3, null),
                new BreakdownRow(Paul.Id, "Paul Nguyen", 5, 1, 1, 3, null),
                new BreakdownRow(null, "", 1, 1, 0, 0, null),
            ],
            report.ByCounsellor);
        Assert.Equal(0.2m, report.ByOrganization[2].TargetShare);
    }

    [Fact]
    public async Task GetAsync_NextFiscalYear_CountsWhatFellJustAfterMidnight()
    {
        var report = await ProgramReportAsync(new ResultsQuery(ReportPeriod.Of(new FiscalYear(2026))));

        // B opened 2026-04-01 00:30, I settled 2026-04-01, M withdrawn 2026-04-01 00:30, S4, T4, I approved
        // and J refused 2026-04-01, H and I paid 04-01 and 04-02; PROMIS's 2026 target 99 and the 2026 budget.
        Assert.Equal((1, 1, 0), (report.Months[0].Registrations, report.Months[0].Settled, report.Months.Skip(1).Sum(m => m.Registrations + m.Settled)));
        Assert.Equal(8, report.Months[0].TargetToDate);
        Assert.Equal(new TargetProgress(99, 1, 15, 365, 4, 24, 2.0m, 8.5m, TargetStanding.Behind), report.Target);
        AssertWithdrawals(report, ("postponed", [(Stage.Outreach, 1)]));
        Assert.Equal((1, 1, 1, 1), (report.Sessions[0].Held, report.Sessions[0].Registered, report.Sessions[0].Present, report.Sessions.Sum(s => s.Held)));
        AssertStays(report, ("05", 1, 0, 1, 1));
        Assert.Equal(new SubsidyFigures(1, 2500m, 1, 2, 4400m, 70_000m), report.Subsidies);
        // Due in 2026-2027: H at 3 months, Q at 6, G at 12, none answered.
        Assert.Equal([new RetentionRow(3, 1, 0, 0, 0, 0), new RetentionRow(6, 1, 0, 0, 0, 0), new RetentionRow(12, 1, 0, 0, 0, 0)], report.Retention);
        // B opened; I's stay in MovingSubsidy (2025-06-21 to 2026-04-01 00:30) ended in this year.
        Assert.Equal((1, 0, 284m, 1), (report.Funnel[0].Reached, report.Funnel[4].Reached, report.Funnel[4].MedianDays, report.Funnel[4].StaysMeasured));
    }

    // ---------------------------------------------------------------------------------------------
    // Scope: who reads which files.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task GetAsync_Counsellor_ReadsOnlyTheirOwnFiles()
    {
        await BuildAsync();
        await SetTargetsAsync();
        Current.User = Marie;

        var report = await Reports.GetAsync(FiscalYear2025());

        // Marie's files: A, B, E, G, I, K, Q (and N, merged).
        Assert.Equal((ReportScope.Counsellor, Marie.Id), (report.Scope, report.Query.CounsellorId));
        AssertMonths(
            report,
            ("2025-04-01", 1, 0, 0, null),
            ("2025-05-01", 1, 0, 0, null),
            ("2025-06-01", 1, 0, 0, null),
            ("2025-07-01", 0, 0, 0, null),
            ("2025-08-01", 2, 0, 0, null),
            ("2025-09-01", 0, 1, 1, null),
            ("2025-10-01", 0, 1, 2, null),
            ("2025-11-01", 0, 0, 2, null),
            ("2025-12-01", 0, 0, 2, null),
            ("2026-01-01", 0, 0, 2, null),
            ("2026-02-01", 0, 0, 2, null),
            ("2026-03-01", 1, 0, 2, null));
        Assert.Equal(new TargetProgress(null, 2, 365, 365, 0, 2, 0.2m, null, TargetStanding.NoTarget), report.Target);
        // Outreach: A, E, G, I, K, Q (E 10 and 15, G 7, I 20, K 6, Q 30 → 12.5); Plan: E, G, K; InfoSession: G, K (G 25);
        // ExploratoryStay: G (30); MovingSubsidy: G, I, Q (G 66, Q 17 → 41.5).
        AssertFunnel(
            report,
            (Stage.Outreach, 6, 3m / 6, 12.5m, 6),
            (Stage.PersonalizedPlan, 3, 2m / 3, 20m, 3),
            (Stage.InfoSession, 2, 1m / 2, 25m, 1),
            (Stage.ExploratoryStay, 1, 3m / 1, 30m, 1),
            (Stage.MovingSubsidy, 3, 2m / 3, 41.5m, 2),
            (null, 2, null, null, 0));
        AssertWithdrawals(report, ("job-montreal", [(Stage.PersonalizedPlan, 1), (Stage.InfoSession, 1)]));
        AssertSettlementsByRegion(report, ("01", 1), ("02", 1));
        Assert.Equal([new RetentionRow(3, 2, 1, 1, 1, 1), new RetentionRow(6, 1, 1, 0, 1, 0), new RetentionRow(12, 0, 0, 0, 0, 0)], report.Retention);
        // S1 counts Marie's seats (E present, G absent, K excused); S2 had E's seat; S3 had none of hers.
        AssertSessions(report, ("2025-09-01", 1, 0, 3, 1, 1, 1), ("2025-11-01", 0, 1, 0, 0, 0, 0));
        // T1 with E (2 people; G absent), T2 with K.
        AssertStays(report, ("02", 1, 1, 1, 2));
        Assert.Equal(new SubsidyFigures(1, 1500m, 1, 1, 1500m, null), report.Subsidies);
        Assert.Empty(report.ByOrganization);
        Assert.Empty(report.ByCounsellor);

        var asked = await Reports.GetAsync(FiscalYear2025(counsellorId: Marie.Id));
        Assert.Equal(report.Months, asked.Months);
    }

    [Fact]
    public async Task GetAsync_CounsellorAskingForAnotherCounsellorOrAnOrganization_IsRefused()
    {
        Current.User = Marie;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports.GetAsync(FiscalYear2025(counsellorId: Paul.Id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports.GetAsync(FiscalYear2025(organizationId: Promis)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Reports.GetAsync(FiscalYear2025(organizationId: Promis, counsellorId: Marie.Id)));
        Assert.False(await Reports.ReadsProgramAsync());
    }

    [Fact]
    public async Task GetAsync_PartnerOrPrivacyOfficer_IsRefused()
    {
        foreach (var user in new[] { PartnerUser, PrivacyOfficer })
        {
            Current.User = user;

            await Assert.ThrowsAsync<AccessDeniedException>(() => Reports.GetAsync(FiscalYear2025()));
            Assert.False(await Reports.ReadsProgramAsync());
            await Assert.ThrowsAsync<AccessDeniedException>(() => Reports.GetScopeChoicesAsync());
        }
    }

    [Fact]
    public async Task GetAsync_SupervisorNarrowedToAnOrganization_FiguresShrinkToItsFiles_WithItsTargetAndNoBudget()
    {
        var report = await ProgramReportAsync(FiscalYear2025(organizationId: Cfiq));

        // CFIQ (Paul's files): C, F, H, L, M opened; H settled 2026-03-31; target 6.
        Assert.Equal((ReportScope.Organization, 5, 1), (report.Scope, report.Registrations, report.Settled));
        Assert.Equal([0, 1, 1, 2, 3, 3, 4, 4, 5, 5, 5, 6], report.Months.Select(m => m.TargetToDate ?? -1));
        Assert.Equal(new TargetProgress(6, 1, 365, 365, 6, 1, 0.1m, null, TargetStanding.Behind), report.Target);
        // Outreach: C, F, H, L, M (F 4, H 3 → 3.5); none reached Plan; InfoSession and ExploratoryStay: F (30 in
        // InfoSession); MovingSubsidy: H (322).
        AssertFunnel(
            report,
            (Stage.Outreach, 5, 0m, 3.5m, 2),
            (Stage.PersonalizedPlan, 0, null, null, 0),
            (Stage.InfoSession, 1, 1m, 30m, 1),
            (Stage.ExploratoryStay, 1, 1m, null, 0),
            (Stage.MovingSubsidy, 1, 1m, 322m, 1),
            (null, 1, null, null, 0));
        AssertWithdrawals(report, ("unreachable", [(Stage.Outreach, 1)]));
        AssertSettlementsByRegion(report, ("02", 1));
        Assert.Equal([new RetentionRow(3, 1, 1, 1, 1, 1), new RetentionRow(6, 1, 0, 0, 0, 0), new RetentionRow(12, 1, 1, 1, 0, 1)], report.Retention);
        // S1: F present, C not recorded (L waiting, M cancelled); S3: H present. S2 had none of CFIQ's files.
        AssertSessions(report, ("2025-09-01", 1, 0, 2, 1, 0, 0), ("2026-03-01", 1, 0, 1, 1, 0, 0));
        AssertStays(report, ("02", 1, 0, 1, 3), ("05", 1, 0, 1, 4));
        Assert.Equal(new SubsidyFigures(1, 2000m, 0, 1, 1000m, null), report.Subsidies);
        Assert.Equal([new BreakdownRow("2", "Collectif des femmes immigrantes du Québec", 5, 1, 1, 3, 6)], report.ByOrganization);
        Assert.Equal([new BreakdownRow(Paul.Id, "Paul Nguyen", 5, 1, 1, 3, null)], report.ByCounsellor);
    }

    [Fact]
    public async Task GetAsync_SupervisorNarrowedToACounsellor_TheirFilesWithoutTargetNorBreakdown()
    {
        var report = await ProgramReportAsync(FiscalYear2025(counsellorId: Paul.Id));
        var organization = await Reports.GetAsync(FiscalYear2025(organizationId: Cfiq));

        // Paul's files are exactly CFIQ's.
        Assert.Equal(ReportScope.Counsellor, report.Scope);
        Assert.Equal(organization.Months.Select(m => m with { TargetToDate = null }), report.Months);
        Assert.Equal(organization.Funnel, report.Funnel);
        Assert.Equal(organization.Sessions, report.Sessions);
        Assert.Equal(organization.Subsidies, report.Subsidies);
        Assert.Equal(new TargetProgress(null, 1, 365, 365, 0, 1, 0.1m, null, TargetStanding.NoTarget), report.Target);
        Assert.Empty(report.ByOrganization);
        Assert.Empty(report.ByCounsellor);
    }

    [Fact]
    public async Task GetAsync_Admin_ReadsTheProgram()
    {
        await BuildAsync();
        Current.User = Admin;

        var report = await Reports.GetAsync(FiscalYear2025());

        Assert.True(await Reports.ReadsProgramAsync());
        Assert.Equal((ReportScope.Program, 12, 4), (report.Scope, report.Registrations, report.Settled));
        // No target set: no line, no standing, organizations without a target.
        Assert.Equal(new TargetProgress(null, 4, 365, 365, 0, 4, 0.3m, null, TargetStanding.NoTarget), report.Target);
        Assert.All(report.Months, m => Assert.Null(m.TargetToDate));
        Assert.All(report.ByOrganization, o => Assert.Null(o.Target));
    }

    [Fact]
    public async Task GetAsync_CustomPeriod_NoTargetNoBudget_FiguresOfItsDaysOnly()
    {
        var report = await ProgramReportAsync(new ResultsQuery(ReportPeriod.Custom(Day("2025-10-01"), Day("2026-01-31"))));

        // L, M opened in October; Q settled 10-01, J 12-31. Nothing decided nor paid in those days.
        AssertMonths(
            report,
            ("2025-10-01", 2, 1, 1, null),
            ("2025-11-01", 0, 0, 1, null),
            ("2025-12-01", 0, 1, 2, null),
            ("2026-01-01", 0, 0, 2, null));
        Assert.Null(report.Target);
        Assert.Equal(new SubsidyFigures(0, 0m, 0, 0, 0m, null), report.Subsidies);
        Assert.All(report.ByOrganization, o => Assert.Null(o.Target));
        // By organization (ALPA, CFIQ, PROMIS): L and M are CFIQ's, Q PROMIS's, J ALPA's.
        Assert.Equal(
            [(0, 1), (2, 0), (0, 1)],
            report.ByOrganization.Select(o => (o.Registrations, o.Settled)));
        // K's second withdrawal (10-01); G at 3 months (12-15, answered) and Q at 3 months (2026-01-01).
        AssertWithdrawals(report, ("job-montreal", [(Stage.InfoSession, 1)]));
        Assert.Equal([new RetentionRow(3, 2, 1, 1, 1, 1), new RetentionRow(6, 0, 0, 0, 0, 0), new RetentionRow(12, 0, 0, 0, 0, 0)], report.Retention);
        AssertSessions(report, ("2025-11-01", 0, 1, 0, 0, 0, 0));
    }

    [Fact]
    public async Task GetAsync_NarrowedToFilesOnlyOnAWaitList_TheHeldSessionDoesNotCount()
    {
        await BuildAsync();
        // J (ALPA's only file with a session) was on S1's wait list: waiting is not taking part. S1 is
        // held now, so the domain refuses a new registration; the row is written as it would have been.
        await using (var db = Database.CreateDbContext())
        {
            var s1 = await db.InfoSessions.Where(s => s.StartsAt == AppClock.FromLocal(new DateOnly(2025, 9, 10), new TimeOnly(18, 0))).Select(s => s.Id).SingleAsync();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO session_registrations (id, session_id, household_id, status, registered_at, registered_by)
                VALUES ({Guid.NewGuid()}, {s1}, {Data.J.Id}, 'WaitListed', {AppClock.FromLocal(new DateOnly(2025, 9, 1), new TimeOnly(10, 0))}, 'Marie Tremblay')
                """);
        }

        Current.User = Supervisor;
        var alpa = await Reports.GetAsync(FiscalYear2025(organizationId: Alpa));
        var program = await Reports.GetAsync(FiscalYear2025());

        Assert.Equal(0, alpa.Sessions.Sum(s => s.Held));
        Assert.Equal(1, program.Sessions.Single(s => s.Month == Day("2025-09-01")).Held);
    }

    [Fact]
    public async Task GetAsync_MergedDuplicate_IsNeverCounted()
    {
        await BuildAsync();
        Current.User = Supervisor;
        var before = await Reports.GetAsync(FiscalYear2025());

        // Un-merging N in the database would make it count: its registration, settlement in 03, stay, seat,
        // follow-up and approved subsidy. That it does not, while merged, is what the figures above assert;
        // here, the same report with N's merge pointing nowhere shows each of them would move.
        await using (var db = Database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE households SET merged_into_id = NULL WHERE id = {0}", Data.N.Id);
        }

        var after = await Reports.GetAsync(FiscalYear2025());

        Assert.Equal((12, 4, 0), (before.Registrations, before.Settled, before.SettlementsByRegion.Single(r => r.Code == "03").Count));
        Assert.Equal((13, 5, 1), (after.Registrations, after.Settled, after.SettlementsByRegion.Single(r => r.Code == "03").Count));
        Assert.Equal((2, 3), (before.Sessions[5].Present, after.Sessions[5].Present));
        Assert.Equal((5, 9), (before.Stays.Single(s => s.Code == "02").People, after.Stays.Single(s => s.Code == "02").People));
        Assert.Equal((3500m, 4300m), (before.Subsidies.ApprovedAmount, after.Subsidies.ApprovedAmount));
        Assert.Equal((4, 5), (before.Retention[0].Due, after.Retention[0].Due));
    }

    // ---------------------------------------------------------------------------------------------
    // Targets.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task SaveTargetsAsync_Admin_SetsTheYearsTargets_ThePrograms_IsTheirSum()
    {
        await SetTargetsAsync();
        Current.User = Admin;

        var view = await Reports.GetTargetsAsync(2025);

        Assert.Equal(
            [(Alpa, (int?)null, (string?)null), (Cfiq, 6, "Alice Admin"), (Promis, 10, "Alice Admin")],
            view.Organizations.Select(o => (o.OrganizationId, o.Households, o.UpdatedByName)));
        Assert.Equal(16, view.Total);
        Assert.Equal((DateTimeOffset?)AppClock.FromLocal(AsOf, new TimeOnly(10, 0)), view.Organizations[2].UpdatedAt);
        Assert.Null((await Reports.GetTargetsAsync(2024)).Total);
        Assert.Equal(99, (await Reports.GetTargetsAsync(2026)).Total);
    }

    [Fact]
    public async Task SaveTargetsAsync_NotAnAdmin_IsRefused()
    {
        foreach (var user in new[] { Supervisor, Marie, PartnerUser, PrivacyOfficer })
        {
            Current.User = user;

            await Assert.ThrowsAsync<AccessDeniedException>(() => Reports.SaveTargetsAsync(2025, [new TargetChange(Promis, 10, null)]));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Reports.GetTargetsAsync(2025));
        }

        Current.User = Admin;
        Assert.Null((await Reports.GetTargetsAsync(2025)).Total);
    }

    [Fact]
    public async Task SaveTargetsAsync_SecondAdminWithAStaleVersion_ConflictsAndNothingChanges()
    {
        await SetTargetsAsync();
        Current.User = Admin;
        var first = await Reports.GetTargetsAsync(2025);
        Current.User = SecondAdmin;
        var second = await Reports.GetTargetsAsync(2025);
        Current.User = Admin;
        await Reports.SaveTargetsAsync(2025, [new TargetChange(Promis, 11, first.Organizations[2].Version)]);

        Current.User = SecondAdmin;
        // CFIQ's change is current but PROMIS's was read before the first admin saved: all or nothing.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Reports.SaveTargetsAsync(2025,
            [new TargetChange(Cfiq, 7, second.Organizations[1].Version), new TargetChange(Promis, 12, second.Organizations[2].Version)]));
        // Setting for the first time a target the other admin has set meanwhile conflicts too.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Reports.SaveTargetsAsync(2025, [new TargetChange(Promis, 12, null)]));

        var now = await Reports.GetTargetsAsync(2025);
        Assert.Equal(new int?[] { null, 6, 11 }, now.Organizations.Select(o => o.Households));
        Assert.Equal(second.Organizations[1].Version, now.Organizations[1].Version);
        Assert.All(now.Organizations.Where(o => o.Households is not null), o => Assert.Equal("Alice Admin", o.UpdatedByName));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(SettlementTarget.MaxHouseholds + 1)]
    public async Task SaveTargetsAsync_OutOfRange_IsRefusedAndNothingChanges(int households)
    {
        await SetTargetsAsync();
        Current.User = Admin;
        var view = await Reports.GetTargetsAsync(2025);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Reports.SaveTargetsAsync(2025,
            [new TargetChange(Promis, 12, view.Organizations[2].Version), new TargetChange(Alpa, households, null)]));

        Assert.Equal("Reports.TargetOutOfRange", Assert.Single(refused.Refusals).Code);
        Assert.Equal(new int?[] { null, 6, 10 }, (await Reports.GetTargetsAsync(2025)).Organizations.Select(o => o.Households));
    }
}
