using System.Globalization;
using CaseManager.Data.Entities;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using CaseManager.Domain.Sessions;
using CaseManager.Domain.Stays;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Domain;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Features.Reports;
using CaseManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SessionAttendance = CaseManager.Domain.Sessions.Attendance;
using StayAttendance = CaseManager.Domain.Stays.Attendance;

namespace CaseManager.Tests.Web.Reports;

/// <summary>
/// A known data set around fiscal year 2025 (2025-04-01 to 2026-03-31) for the results report,
/// every date chosen here, built through the domain (households, follow-ups, sessions, stays,
/// subsidy applications, each acting on the day written beside it, in Montréal); only the
/// subsidy budget is written as a row, having no domain behaviour. Marie (PROMIS, organization 1),
/// Paul (CFIQ, 2) and nobody (ALPA, 3) own the files; the report is read on
/// <see cref="AsOf"/> (2026-04-15). The files, by letter:
/// <list type="table">
/// <item><term>A</term><description>Marie; opened 2026-03-31 23:30 (in the year, its last minutes).</description></item>
/// <item><term>B</term><description>Marie; opened 2026-04-01 00:30 (next year).</description></item>
/// <item><term>C</term><description>Paul; opened 2025-04-01 00:30 (in the year, its first minutes).</description></item>
/// <item><term>D</term><description>Paul; opened 2025-03-31 23:30 (year before), on hold since 2025-04-05.</description></item>
/// <item><term>E</term><description>Marie; opened 05-01, Plan 05-11, BACK to Outreach 05-21, Plan again 06-05 (still there).</description></item>
/// <item><term>F</term><description>Paul; opened 06-02, SKIPS Plan to InfoSession 06-06, ExploratoryStay 07-06 (still there).</description></item>
/// <item><term>G</term><description>Marie; opened 04-20, every stage (04-27, 05-17, 06-11, 07-11), settled 2025-09-15 in 01.</description></item>
/// <item><term>H</term><description>Paul; opened 05-10, skips to MovingSubsidy 05-13, settled 2026-03-31 (at 23:30) in 02.</description></item>
/// <item><term>I</term><description>Marie; opened 06-01, skips to MovingSubsidy 06-21, settled 2026-04-01 (at 00:30) in 02.</description></item>
/// <item><term>J</term><description>Nobody (ALPA); opened 07-02, skips to MovingSubsidy 07-14, settled 2025-12-31 in 05.</description></item>
/// <item><term>K</term><description>Marie; opened 08-01, Plan 08-07, withdrawn (job-montreal) 09-01, reactivated 09-10, InfoSession 09-20, withdrawn again (job-montreal) 10-01.</description></item>
/// <item><term>L</term><description>Paul; opened 10-01, withdrawn (unreachable) 2026-03-31 23:30.</description></item>
/// <item><term>M</term><description>Paul; opened 10-02, withdrawn (postponed) 2026-04-01 00:30.</description></item>
/// <item><term>N</term><description>Marie; opened 06-20, settled 06-25 in 03, MERGED into E 09-20: never counted.</description></item>
/// <item><term>P</term><description>Paul; opened 2024-12-01, skips to MovingSubsidy 2024-12-11, settled 2025-03-31 in 01.</description></item>
/// <item><term>Q</term><description>Marie; opened 08-15, skips to MovingSubsidy 09-14, settled 2025-10-01 in 02.</description></item>
/// </list>
/// Every household counts four people (two adults, two children). Days without a year are in 2025.
/// </summary>
public abstract class ReportServiceTestBase(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    /// <summary>The day the report is read: two weeks after the year's end.</summary>
    public static readonly DateOnly AsOf = new(2026, 4, 15);

    public static readonly FiscalYear Year = new(2025);

    /// <summary>Organizations as the reference data seeds them (ids start at 1 after each reset).</summary>
    public const int Promis = 1;
    public const int Cfiq = 2;
    public const int Alpa = 3;

    /// <summary>Decides subsidy applications (never the counsellor who submitted them).</summary>
    protected static readonly Actor Reviewer = new("reviewer-1", "Rachid Reviewer");

    private static readonly WorkflowFacts AllFacts = new(PlanAgreed: true, SessionAttended: true, StayCompleted: true);

    private int _fileNumbers;

    protected UserIdentity Admin { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity SecondAdmin { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity PartnerUser { get; private set; } = UserIdentity.Anonymous;
    protected UserIdentity PrivacyOfficer { get; private set; } = UserIdentity.Anonymous;

    protected ReportService Reports => new(Database.ContextFactory, TestAccess.Policy(Database.ContextFactory, Current, Time), new AppClock(Time));

    protected ReportData Data { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        Admin = await TestUsers.CreateAsync(db, "alice.admin@test.local", "Alice Admin", null, Roles.Admin);
        SecondAdmin = await TestUsers.CreateAsync(db, "bruno.admin@test.local", "Bruno Admin", null, Roles.Admin);
        PartnerUser = await TestUsers.CreateAsync(db, "josee.partner@test.local", "Josée Bélanger", null, Roles.Partner);
        PrivacyOfficer = await TestUsers.CreateAsync(db, "pierre.privacy@test.local", "Pierre Privé", null, Roles.PrivacyOfficer);
        Time.SetUtcNow(AppClock.FromLocal(AsOf, new TimeOnly(10, 0)));
    }

    public static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    /// <summary>The counsellor (or <paramref name="actor"/>) acting on <paramref name="day"/> at the given Montréal time.</summary>
    protected static ActionContext On(string day, int hour = 10, int minute = 0, Actor? actor = null) =>
        new(actor ?? FixedContext.Counsellor, AppClock.FromLocal(Day(day), new TimeOnly(hour, minute)), Day(day));

    /// <summary>Builds the whole data set described on the class, then the targets when asked.</summary>
    protected async Task BuildAsync()
    {
        var marie = Marie.Id;
        var paul = Paul.Id;

        var a = Open(marie, Promis, On("2026-03-31", 23, 30));
        var b = Open(marie, Promis, On("2026-04-01", 0, 30));
        var c = Open(paul, Cfiq, On("2025-04-01", 0, 30));
        var d = Open(paul, Cfiq, On("2025-03-31", 23, 30));
        d.PutOnHold(Day("2025-05-05"), "Attend son permis", On("2025-04-05"));

        var e = Open(marie, Promis, On("2025-05-01"));
        Contact(e, "2025-05-02");
        e.AdvanceTo(Stage.PersonalizedPlan, On("2025-05-11"), AllFacts);
        e.GoBackTo(Stage.Outreach, "Besoins à revoir", On("2025-05-21"));
        e.AdvanceTo(Stage.PersonalizedPlan, On("2025-06-05"), AllFacts);

        var f = Open(paul, Cfiq, On("2025-06-02"));
        Contact(f, "2025-06-03");
        f.SkipTo(Stage.InfoSession, "Plan déjà fait ailleurs", On("2025-06-06"), AllFacts);
        f.AdvanceTo(Stage.ExploratoryStay, On("2025-07-06"), AllFacts);

        var g = Open(marie, Promis, On("2025-04-20"));
        Contact(g, "2025-04-21");
        g.AdvanceTo(Stage.PersonalizedPlan, On("2025-04-27"), AllFacts);
        g.AdvanceTo(Stage.InfoSession, On("2025-05-17"), AllFacts);
        g.AdvanceTo(Stage.ExploratoryStay, On("2025-06-11"), AllFacts);
        g.AdvanceTo(Stage.MovingSubsidy, On("2025-07-11"), AllFacts);
        g.Settle("01", regionIsHost: true, "Rimouski", Day("2025-09-15"), On("2025-09-15"));

        var h = SkipToSubsidy(paul, Cfiq, "2025-05-10", "2025-05-11", "2025-05-13");
        h.Settle("02", regionIsHost: true, "Chicoutimi", Day("2026-03-31"), On("2026-03-31", 23, 30));

        var i = SkipToSubsidy(marie, Promis, "2025-06-01", "2025-06-02", "2025-06-21");
        i.Settle("02", regionIsHost: true, "Alma", Day("2026-04-01"), On("2026-04-01", 0, 30));

        var j = SkipToSubsidy(null, Alpa, "2025-07-02", "2025-07-03", "2025-07-14");
        j.Settle("05", regionIsHost: true, "Sherbrooke", Day("2025-12-31"), On("2025-12-31"));

        var k = Open(marie, Promis, On("2025-08-01"));
        Contact(k, "2025-08-02");
        k.AdvanceTo(Stage.PersonalizedPlan, On("2025-08-07"), AllFacts);
        k.Withdraw("job-montreal", null, On("2025-09-01"));
        k.Reactivate("L'emploi n'a pas duré", On("2025-09-10"));
        k.AdvanceTo(Stage.InfoSession, On("2025-09-20"), AllFacts);
        k.Withdraw("job-montreal", null, On("2025-10-01"));

        var l = Open(paul, Cfiq, On("2025-10-01"));
        l.Withdraw("unreachable", null, On("2026-03-31", 23, 30));

        var m = Open(paul, Cfiq, On("2025-10-02"));
        m.Withdraw("postponed", null, On("2026-04-01", 0, 30));

        var p = SkipToSubsidy(paul, Cfiq, "2024-12-01", "2024-12-02", "2024-12-11");
        p.Settle("01", regionIsHost: true, "Matane", Day("2025-03-31"), On("2025-03-31"));

        var q = SkipToSubsidy(marie, Promis, "2025-08-15", "2025-08-16", "2025-09-14");
        q.Settle("02", regionIsHost: true, "Roberval", Day("2025-10-01"), On("2025-10-01"));

        var n = Open(marie, Promis, On("2025-06-20"));
        n.Settle("03", regionIsHost: true, "Québec", Day("2025-06-25"), On("2025-06-25"));

        await SaveAsync(db => db.Households.AddRange(a, b, c, d, e, f, g, h, i, j, k, l, m, p, q, n));
        // Merged once both files are saved, as the duplicates page does: N is closed and points to E.
        await using (var db = Database.CreateDbContext())
        {
            var merged = await db.Households.Include(x => x.History).SingleAsync(x => x.Id == n.Id);
            var survivor = await db.Households.Include(x => x.History).SingleAsync(x => x.Id == e.Id);
            merged.MergeInto(survivor, On("2025-09-20"));
            await db.ActingAs(On("2025-09-20")).SaveChangesAsync();
        }

        Data = new ReportData(a, b, c, d, e, f, g, h, i, j, k, l, m, n, p, q);
        await FollowUpsAsync();
        await SessionsAsync();
        await StaysAsync();
        await SubsidiesAsync();
    }

    /// <summary>Sets the targets of 2025 (PROMIS 10, CFIQ 6, ALPA none) and of 2026 (PROMIS 99) as <see cref="Admin"/>.</summary>
    protected async Task SetTargetsAsync()
    {
        var before = Current.User;
        Current.User = Admin;
        try
        {
            await Reports.SaveTargetsAsync(2025, [new TargetChange(Promis, 10, null), new TargetChange(Cfiq, 6, null)]);
            await Reports.SaveTargetsAsync(2026, [new TargetChange(Promis, 99, null)]);
        }
        finally
        {
            Current.User = before;
        }
    }

    /// <summary>
    /// Follow-ups after the move, due settlement + 3, 6 or 12 months. In the year: P at 3 (2025-06-30,
    /// yes/yes/yes), 6 (2025-09-30, unanswered) and 12 months (2026-03-31, yes/no/yes); G at 3
    /// (2025-12-15, yes/yes/yes) and 6 (2026-03-15, no/yes/unknown); Q at 3 (2026-01-01, unanswered);
    /// J at 3 (2026-03-31, answered after the year, no/no/yes). Outside: G at 12 (2026-09-15), Q at 6
    /// (2026-04-01), H at 3 (2026-06-30); N's (merged) at 3 months, answered.
    /// </summary>
    private async Task FollowUpsAsync()
    {
        var (g, h, j, n, p, q) = (Data.G, Data.H, Data.J, Data.N, Data.P, Data.Q);
        var checks = new List<RetentionCheck>();
        RetentionCheck Check(Household household, int months, string settledOn)
        {
            var check = RetentionCheck.Due(household.Id, months, Day(settledOn), On(settledOn).Now);
            checks.Add(check);
            return check;
        }

        Check(p, 3, "2025-03-31").Answer(Day("2025-07-02"), true, true, true, null, On("2025-07-02"));
        Check(p, 6, "2025-03-31");
        Check(p, 12, "2025-03-31").Answer(Day("2026-03-31"), true, false, true, null, On("2026-03-31"));
        Check(g, 3, "2025-09-15").Answer(Day("2025-12-16"), true, true, true, null, On("2025-12-16"));
        Check(g, 6, "2025-09-15").Answer(Day("2026-03-16"), false, true, null, "Parti à Québec", On("2026-03-16"));
        Check(g, 12, "2025-09-15");
        Check(q, 3, "2025-10-01");
        Check(q, 6, "2025-10-01");
        Check(j, 3, "2025-12-31").Answer(Day("2026-04-02"), false, false, true, null, On("2026-04-02"));
        Check(h, 3, "2026-03-31");
        Check(n, 3, "2025-06-25").Answer(Day("2025-09-26"), true, true, true, null, On("2025-09-26"));
        await SaveAsync(db => db.RetentionChecks.AddRange(checks));
    }

    /// <summary>
    /// S1, held 2025-09-10 18:00: seats for E (present), F (present), G (absent), K (excused), C (not
    /// recorded) and N (merged, present); L on the waiting list; Q's seat and M's waiting place
    /// cancelled. S2, 2025-11-05, cancelled (E had a seat). S3, held 2026-03-31 23:30 (H present);
    /// S4, held 2026-04-01 00:30 (H present). S5, 2025-12-10, never held nor cancelled (E has a seat).
    /// </summary>
    private async Task SessionsAsync()
    {
        var s1 = Session("2025-09-10", 18, 0, capacity: 6);
        var before = On("2025-09-01");
        var cancelled = s1.Register(Data.Q.Id, before);
        s1.CancelRegistration(cancelled.Id, before);
        var seats = new[] { Data.E, Data.F, Data.G, Data.K, Data.C, Data.N }.ToDictionary(x => x.Id, x => s1.Register(x.Id, before));
        Assert.Equal(RegistrationStatus.WaitListed, s1.Register(Data.L.Id, before).Status);
        var waiting = s1.Register(Data.M.Id, before);
        s1.CancelRegistration(waiting.Id, before);
        var after = On("2025-09-10", 21);
        s1.RecordAttendance(seats[Data.E.Id].Id, SessionAttendance.Present, after);
        s1.RecordAttendance(seats[Data.F.Id].Id, SessionAttendance.Present, after);
        s1.RecordAttendance(seats[Data.G.Id].Id, SessionAttendance.Absent, after);
        s1.RecordAttendance(seats[Data.K.Id].Id, SessionAttendance.Excused, after);
        s1.RecordAttendance(seats[Data.N.Id].Id, SessionAttendance.Present, after);

        var s2 = Session("2025-11-05", 18, 0);
        s2.Register(Data.E.Id, On("2025-10-20"));
        s2.Cancel("Animatrice malade", On("2025-11-04"));

        var s3 = Session("2026-03-31", 23, 30);
        var h3 = s3.Register(Data.H.Id, On("2026-03-20"));
        s3.RecordAttendance(h3.Id, SessionAttendance.Present, On("2026-04-01", 1));

        var s4 = Session("2026-04-01", 0, 30);
        var h4 = s4.Register(Data.H.Id, On("2026-03-20"));
        s4.RecordAttendance(h4.Id, SessionAttendance.Present, On("2026-04-01", 2));

        var s5 = Session("2025-12-10", 18, 0);
        s5.Register(Data.E.Id, On("2025-11-20"));

        await SaveAsync(db => db.InfoSessions.AddRange(s1, s2, s3, s4, s5));
    }

    /// <summary>
    /// T1 in 02, 2025-07-01 to 07-03, completed: F (3 people, present), E (2, present by default), G
    /// (4, absent), N (merged, 4, present). T2 in 02, 2025-08-10, cancelled (K). T3 in 05, 2026-03-31
    /// to 04-02, completed (H, 4). T4 in 05, 2026-04-01, completed (I, 1). T5 in 01, 2025-03-31,
    /// completed (P, 2). T6 in 02, 2025-10-10, still planned (Q).
    /// </summary>
    private async Task StaysAsync()
    {
        await using (var partners = Database.CreateDbContext())
        {
            Data.Host = await TestPartners.CreateAsync(partners, "Accueil Saguenay", "02", "Jonquière");
        }

        var t1 = Stay("02", "2025-07-01", "2025-07-03", (Data.F, 3), (Data.E, 2), (Data.G, 4), (Data.N, 4));
        t1.RecordAttendance(Data.F.Id, StayAttendance.Present, On("2025-07-01"));
        t1.RecordAttendance(Data.G.Id, StayAttendance.Absent, On("2025-07-01"));
        t1.RecordAttendance(Data.N.Id, StayAttendance.Present, On("2025-07-01"));
        t1.Complete(On("2025-07-03"));

        var t2 = Stay("02", "2025-08-10", "2025-08-12", (Data.K, 2));
        t2.Cancel("Pas d'hébergement", On("2025-08-01"));

        var t3 = Stay("05", "2026-03-31", "2026-04-02", (Data.H, 4));
        t3.Complete(On("2026-04-02"));

        var t4 = Stay("05", "2026-04-01", "2026-04-03", (Data.I, 1));
        t4.Complete(On("2026-04-03"));

        var t5 = Stay("01", "2025-03-31", "2025-04-02", (Data.P, 2));
        t5.Complete(On("2025-04-02"));

        var t6 = Stay("02", "2025-10-10", "2025-10-12", (Data.Q, 2));

        await SaveAsync(db => db.Stays.AddRange(t1, t2, t3, t4, t5, t6));
    }

    /// <summary>
    /// Decisions and payments (decided by <see cref="Reviewer"/>): H approved 2026-03-31 (2 000 $),
    /// paid 2026-04-01 (1 900 $); I approved 2026-04-01 (2 500 $), paid 04-02; G approved 2025-08-01
    /// (1 500 $), paid 2026-03-31 (1 500 $); Q refused 2025-09-01; J refused 2026-04-01; P approved
    /// 2025-03-31 (1 000 $), paid 2025-04-01 (1 000 $); N (merged) approved 2025-07-01 (800 $);
    /// F submitted, undecided. The 2025 budget (50 000 $) and 2026's (70 000 $) are rows.
    /// </summary>
    private async Task SubsidiesAsync()
    {
        EligibilityRuleSet rules;
        await using (var db = Database.CreateDbContext())
        {
            rules = await db.SubsidyRuleSets.AsNoTracking().OrderBy(r => r.VersionNumber).FirstAsync();
        }

        var applications = new List<SubsidyApplication>();
        SubsidyApplication Submitted(Household household, string submittedOn)
        {
            var context = On(submittedOn);
            var application = SubsidyApplication.Start(
                household.Id, new SubsidyApplicationDetails("02", "Chicoutimi", Day(submittedOn).AddDays(30), 2400m, null), context);
            application.Submit(rules, household.Size, SubsidyEvaluator.Evaluate(rules, SubsidyEvaluatorTests.Eligible()), context);
            applications.Add(application);
            return application;
        }

        ActionContext Decided(string day) => On(day, actor: Reviewer);

        var h = Submitted(Data.H, "2026-03-01");
        h.Approve(2000m, "Montant convenu", Decided("2026-03-31"));
        h.RecordPayment(Day("2026-04-01"), 1900m, "VIR-H", Decided("2026-04-01"));
        var i = Submitted(Data.I, "2026-03-01");
        i.Approve(2500m, "Montant convenu", Decided("2026-04-01"));
        i.RecordPayment(Day("2026-04-02"), 2500m, "VIR-I", Decided("2026-04-02"));
        var g = Submitted(Data.G, "2025-07-20");
        g.Approve(1500m, "Montant convenu", Decided("2025-08-01"));
        g.RecordPayment(Day("2026-03-31"), 1500m, "VIR-G", Decided("2026-03-31"));
        Submitted(Data.Q, "2025-08-20").Refuse(SubsidyRefusalReason.NotEligible, "Pas d'offre d'emploi", Decided("2025-09-01"));
        Submitted(Data.J, "2026-03-01").Refuse(SubsidyRefusalReason.MissingDocuments, "Bail manquant", Decided("2026-04-01"));
        var p = Submitted(Data.P, "2025-03-01");
        p.Approve(1000m, "Montant convenu", Decided("2025-03-31"));
        p.RecordPayment(Day("2025-04-01"), 1000m, "VIR-P", Decided("2025-04-01"));
        Submitted(Data.N, "2025-06-21").Approve(800m, "Montant convenu", Decided("2025-07-01"));
        Submitted(Data.F, "2025-07-10");

        await SaveAsync(db =>
        {
            db.SubsidyApplications.AddRange(applications);
            db.SubsidyBudgets.Add(new SubsidyBudget { FiscalYearStart = 2025, Amount = 50_000m, UpdatedAt = On("2025-04-01").Now, UpdatedByName = "Alice Admin" });
            db.SubsidyBudgets.Add(new SubsidyBudget { FiscalYearStart = 2026, Amount = 70_000m, UpdatedAt = On("2026-04-01").Now, UpdatedByName = "Alice Admin" });
        });
    }

    private Household Open(string? counsellorId, int organizationId, ActionContext context)
    {
        var profile = new HouseholdProfileBuilder()
            .WithPrimaryApplicant("Aminata", $"Famille{_fileNumbers + 1}")
            .WithSpouse()
            .WithChild("Léa", new DateOnly(2015, 3, 2))
            .WithChild("Adam", new DateOnly(2018, 7, 9))
            .WithNeeds(HouseholdBuilder.DefaultNeed)
            .Build();
        return Household.Open($"R-{++_fileNumbers:D4}", profile, RegistrationSource.Website, organizationId, counsellorId, context);
    }

    private Household SkipToSubsidy(string? counsellorId, int organizationId, string openedOn, string contactOn, string skippedOn)
    {
        var household = Open(counsellorId, organizationId, On(openedOn));
        Contact(household, contactOn);
        household.SkipTo(Stage.MovingSubsidy, "Emploi déjà trouvé en région", On(skippedOn), AllFacts);
        return household;
    }

    private static void Contact(Household household, string day)
    {
        var context = On(day);
        household.RecordContact(ContactChannel.Phone, context.Now, context.Today, "Premier appel.", context);
    }

    private static InfoSession Session(string day, int hour, int minute, int capacity = 10) => InfoSession.Plan(
        new SessionDetails("Vivre au Saguenay", ["02"], [], AppClock.FromLocal(Day(day), new TimeOnly(hour, minute)), 120,
            SessionFormat.InPerson, "1100, rue Sainte-Catherine Ouest, Montréal", null, "fr", capacity),
        On("2025-01-10"));

    private ExploratoryStay Stay(string region, string startOn, string endOn, params (Household Household, int People)[] participants)
    {
        var planned = On("2025-01-10");
        var stay = ExploratoryStay.Plan(new StayDetails(region, Data.Host.Id, Day(startOn), Day(endOn)), planned);
        foreach (var (household, people) in participants)
        {
            stay.AddParticipant(household.Id, people, household.Size, planned);
        }

        return stay;
    }

    private async Task SaveAsync(Action<CaseManager.Data.CaseManagerDbContext> add)
    {
        await using var db = Database.CreateDbContext();
        add(db.ActingAs(FixedContext.Default));
        await db.SaveChangesAsync();
    }
}

/// <summary>The files of the data set, by the letters of <see cref="ReportServiceTestBase"/>.</summary>
public sealed record ReportData(
    Household A, Household B, Household C, Household D, Household E, Household F, Household G, Household H,
    Household I, Household J, Household K, Household L, Household M, Household N, Household P, Household Q)
{
    public CaseManager.Domain.Partners.RegionalPartner Host { get; set; } = null!;
}
