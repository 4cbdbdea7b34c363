using CaseManager.Domain.Assignment;
using CaseManager.Domain.Common;
using CaseManager.Tests.Support.Builders;

namespace CaseManager.Tests.Domain;

/// <summary>The equitable distribution's choice: capacity, away, language within the bound, determinism, and 1,000 files in a row.</summary>
public sealed class DistributorTests
{
    private static CounsellorLoad C(string id, decimal capacity, int open, params string[] languages) =>
        new(id, 1, capacity, open, languages);

    /// <summary>"a:1.0:5:fr,en" → counsellor a, full time, 5 open files, French and English.</summary>
    private static List<CounsellorLoad> Parse(string team) =>
        team.Split(' ').Select(part =>
        {
            var fields = part.Split(':');
            var languages = fields.Length > 3 ? fields[3].Split(',') : [];
            return C(fields[0], decimal.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), languages);
        }).ToList();

    [Theory]
    // Capacity weighting: the one furthest below (load + 1)/capacity wins.
    [InlineData("a:1.0:10 b:0.5:4", "", "b", AssignmentReason.AutoBalanced)]
    [InlineData("a:1.0:10 b:0.5:5", "", "a", AssignmentReason.AutoBalanced)]
    [InlineData("a:1.0:0 b:0.6:0 c:0.4:0", "", "a", AssignmentReason.AutoBalanced)]
    [InlineData("a:1.0:5 b:1.0:3 c:1.0:4", "", "b", AssignmentReason.AutoBalanced)]
    // Capacity zero never receives a file.
    [InlineData("a:1.0:50 b:0:0", "", "a", AssignmentReason.AutoBalanced)]
    // Ties: the larger capacity, then the smaller id.
    [InlineData("b:1.0:0 a:1.0:0", "", "a", AssignmentReason.AutoBalanced)]
    [InlineData("a:0.5:1 b:1.0:3", "", "b", AssignmentReason.AutoBalanced)]
    // Language preferred when the balance allows it.
    [InlineData("a:1.0:3:fr b:1.0:3:es c:1.0:3:fr", "es", "b", AssignmentReason.LanguageMatch)]
    [InlineData("a:1.0:6:fr b:0.5:3:es", "es", "b", AssignmentReason.LanguageMatch)]
    [InlineData("a:1.0:3:fr,es b:1.0:4:fr", "es", "a", AssignmentReason.LanguageMatch)]
    [InlineData("a:1.0:3:fr b:1.0:3:ES", "es,ar", "b", AssignmentReason.LanguageMatch)]
    // Language refused when it would take a counsellor past their share.
    [InlineData("a:1.0:3:fr b:1.0:5:es c:1.0:4:fr", "es", "a", AssignmentReason.AutoBalanced)]
    [InlineData("a:1.0:10:fr b:0.5:6:es", "es", "a", AssignmentReason.AutoBalanced)]
    // Nobody speaks it: balanced.
    [InlineData("a:1.0:3:fr b:1.0:3:en", "fa", "a", AssignmentReason.AutoBalanced)]
    public void Choose_Team_GivesTheFileToTheExpectedCounsellor(string team, string languages, string expected, AssignmentReason reason)
    {
        var counsellors = Parse(team);

        var choice = Distributor.Choose(counsellors, languages.Length == 0 ? [] : languages.Split(','));

        Assert.Equal((expected, reason), (choice.CounsellorId, choice.Reason));
        Assert.Equal(counsellors.Count(c => c.Capacity > 0), choice.Candidates);
        Assert.Equal(counsellors.Single(c => c.CounsellorId == expected).OpenFiles, choice.LoadBefore);
        Assert.Equal(reason == AssignmentReason.LanguageMatch, choice.MatchedLanguage is not null);
    }

    [Fact]
    public void Choose_SameLoadsInAnotherOrder_GivesTheSameChoice()
    {
        var team = Parse("c:0.6:7 a:1.0:12 b:0.8:9 d:1.0:12");
        var reversed = Enumerable.Reverse(team).ToList();

        Assert.Equal(Distributor.Choose(team, ["fr"]), Distributor.Choose(reversed, ["fr"]));
    }

    [Fact]
    public void Choose_NobodyAvailable_IsRefusedWithAReason()
    {
        var refused = Assert.Throws<DomainRuleException>(() => Distributor.Choose([C("a", 0m, 3)], []));

        Assert.Equal("Distribution.NoCounsellorAvailable", refused.Refusals.Single().Code);
        Assert.Throws<DomainRuleException>(() => Distributor.Choose([], []));
    }

    [Fact]
    public void Shares_AreTheFilesSplitByCapacity()
    {
        var shares = Distributor.Shares(Parse("a:1.0:10 b:0.5:5 c:0.5:5"));

        Assert.Equal([10m, 5m, 5m], shares);
    }

    [Theory]
    [InlineData("a:1.0:10 b:0.5:5", true)]
    [InlineData("a:1.0:11 b:0.5:5", true)]
    [InlineData("a:1.0:11 b:0.5:4", false)]
    [InlineData("a:1.0:12 b:0.5:3", false)]
    [InlineData("a:1.0:0 b:1.0:0", true)]
    public void WithinBound_SaysWhetherEveryoneIsWithinOneFileOfTheirShare(string team, bool within)
    {
        Assert.Equal(within, Distributor.WithinBound(Parse(team)));
    }

    public static TheoryData<string, int> Teams() => new()
    {
        { "a:1.0:0 b:1.0:0 c:1.0:0", 1 },
        { "a:1.0:0 b:0.6:0 c:0.8:0 d:0.5:0 e:1.0:0", 2 },
        // Fourteen counsellors across three organizations, as the program has.
        { "a:1.0:0 b:1.0:0 c:0.6:0 d:0.8:0 e:1.0:0 f:0.4:0 g:1.0:0 h:0.7:0 i:1.0:0 j:0.5:0 k:1.0:0 l:0.9:0 m:0.3:0 n:1.0:0", 3 },
        { "a:0.1:0 b:1.0:0 c:0.3:0 d:0.1:0", 4 },
        { "a:0.35:0 b:0.65:0 c:0.95:0", 5 },
    };

    [Theory]
    [MemberData(nameof(Teams))]
    public void Choose_ThousandFilesInARow_KeepsEveryoneWithinOneFileOfTheirShareAfterEachFile(string team, int seed)
    {
        var random = new Random(seed);
        string[] spoken = ["fr", "en", "es", "ar", "fa", "zh"];
        var counsellors = Parse(team)
            .Select(c => c with { Languages = spoken.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList() })
            .ToList();
        var languageMatches = 0;

        for (var file = 0; file < 1000; file++)
        {
            string[] household = [spoken[random.Next(spoken.Length)], "ru"];
            var choice = Distributor.Choose(counsellors, household);
            languageMatches += choice.Reason == AssignmentReason.LanguageMatch ? 1 : 0;
            var index = counsellors.FindIndex(c => c.CounsellorId == choice.CounsellorId);
            counsellors[index] = counsellors[index] with { OpenFiles = counsellors[index].OpenFiles + 1 };

            Assert.True(Distributor.WithinBound(counsellors), $"After file {file + 1}: {string.Join(", ", counsellors.Select(c => $"{c.CounsellorId}={c.OpenFiles}"))}");
        }

        var shares = Distributor.Shares(counsellors);
        Assert.All(counsellors.Zip(shares), pair => Assert.True(Math.Abs(pair.First.OpenFiles - pair.Second) < 1m));
        Assert.Equal(1000, counsellors.Sum(c => c.OpenFiles));
        // The language preference did decide files, within the bound.
        Assert.True(languageMatches > 200, $"{languageMatches} language matches");
    }

    [Fact]
    public void Choose_StartingUnbalanced_NewcomerReceivesFilesUntilTheirShare()
    {
        var counsellors = Parse("a:1.0:30 b:1.0:30 c:1.0:0");

        for (var file = 0; file < 30; file++)
        {
            var choice = Distributor.Choose(counsellors, []);
            Assert.Equal("c", choice.CounsellorId);
            counsellors[2] = counsellors[2] with { OpenFiles = counsellors[2].OpenFiles + 1 };
        }

        Assert.Equal([30, 30, 30], counsellors.Select(c => c.OpenFiles));
    }
}

/// <summary>Assignment records and absences: the rules of what a person writes.</summary>
public sealed class AssignmentRecordTests
{
    private static readonly Guid HouseholdId = Guid.Parse("0199a6f3-0000-7000-8000-000000000001");

    [Theory]
    [InlineData(AssignmentReason.Reassigned, null, "Assignment.ReasonRequired")]
    [InlineData(AssignmentReason.Reassigned, "   ", "Assignment.ReasonRequired")]
    [InlineData(AssignmentReason.Reassigned, "ok", null)]
    [InlineData(AssignmentReason.CreatedByCounsellor, null, null)]
    public void Manual_Reason_IsRequiredForAReassignment(AssignmentReason reason, string? note, string? refusal)
    {
        if (refusal is null)
        {
            var record = AssignmentRecord.Manual(HouseholdId, "a", "b", 2, reason, note, null, FixedContext.Default);
            Assert.Equal(("a", "b", 2, reason, note?.Trim()), (record.FromCounsellorId, record.ToCounsellorId, record.OrganizationId, record.Reason, record.Note));
            Assert.Equal((FixedContext.Counsellor.Id, FixedContext.Default.Now), (record.ByUserId, record.At));
        }
        else
        {
            var refused = Assert.Throws<DomainRuleException>(() => AssignmentRecord.Manual(HouseholdId, "a", "b", 2, reason, note, null, FixedContext.Default));
            Assert.Equal(refusal, refused.Refusals.Single().Code);
        }
    }

    [Fact]
    public void Distributed_KeepsWhyTheDistributionChoseTheCounsellor()
    {
        var choice = new DistributionChoice("b", 3, AssignmentReason.LanguageMatch, 7, 0.6m, 9, "es");

        var record = AssignmentRecord.Distributed(HouseholdId, null, choice, null, FixedContext.Default);

        Assert.Equal(("b", 3, AssignmentReason.LanguageMatch, 7, 0.6m, 9, "es"),
            (record.ToCounsellorId, record.OrganizationId, record.Reason, record.LoadBefore!.Value, record.Capacity!.Value, record.Candidates!.Value, record.MatchedLanguage));
    }

    [Theory]
    [InlineData(0, 5, "Congé", null)]
    [InlineData(5, 0, "Congé", "Absence.EndBeforeStart")]
    [InlineData(-10, -1, "Congé", "Absence.AlreadyOver")]
    [InlineData(0, 5, " ", "Absence.ReasonRequired")]
    public void Record_Absence_ChecksItsPeriodAndReason(int fromDays, int toDays, string reason, string? refusal)
    {
        var from = FixedContext.Today.AddDays(fromDays);
        var to = FixedContext.Today.AddDays(toDays);
        if (refusal is null)
        {
            var absence = CounsellorAbsence.Record("a", from, to, reason, FixedContext.Default);
            Assert.True(absence.CoversDay(FixedContext.Today));
            Assert.False(absence.CoversDay(to.AddDays(1)));
        }
        else
        {
            var refused = Assert.Throws<DomainRuleException>(() => CounsellorAbsence.Record("a", from, to, reason, FixedContext.Default));
            Assert.Contains(refusal, refused.Refusals.Select(r => r.Code));
        }
    }

    [Fact]
    public void MarkReturned_Early_EndsTheAbsenceTodayAndOnlyOnce()
    {
        var absence = CounsellorAbsence.Record("a", FixedContext.Today.AddDays(-3), FixedContext.Today.AddDays(10), "Congé", FixedContext.Default);
        absence.MarkRedistributed(FixedContext.Default);

        absence.MarkReturned(FixedContext.Default);

        Assert.Equal(FixedContext.Today, absence.To);
        Assert.False(absence.CoversDay(FixedContext.Today));
        Assert.Throws<DomainRuleException>(() => absence.MarkReturned(FixedContext.Default));
        Assert.Throws<DomainRuleException>(() => absence.MarkRedistributed(FixedContext.Default));
    }

    [Fact]
    public void MarkRedistributed_BeforeTheAbsenceBegins_IsRefused()
    {
        var absence = CounsellorAbsence.Record("a", FixedContext.Today.AddDays(2), FixedContext.Today.AddDays(10), "Congé", FixedContext.Default);

        var refused = Assert.Throws<DomainRuleException>(() => absence.MarkRedistributed(FixedContext.Default));

        Assert.Equal("Absence.NotStarted", refused.Refusals.Single().Code);
    }
}
