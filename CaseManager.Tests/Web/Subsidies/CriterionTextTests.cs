using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Bunit;
using CaseManager.Domain.Households;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Domain;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Timeline;
using CaseManager.Web.Features.Subsidies;
using CaseManager.Web.Localization;
using CaseManager.Web.Features.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Web.Subsidies;

/// <summary>
/// Every reason a criterion can give, met or not, as the evaluation table writes it in French and
/// in English: every code is its label in the person's language (the reference tables' names of
/// regions and statuses, the resources' names of document types), never the code itself.
/// </summary>
public sealed partial class CriterionTextTests(DatabaseFixture database) : FollowUpComponentTestBase(database)
{
    [Theory]
    [InlineData("fr-CA")]
    [InlineData("en")]
    public async Task EvaluationTable_EveryCriterionTextInEitherLanguage_NamesCodesByTheirLabels(string culture)
    {
        await SetUpAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var french = culture.StartsWith("fr", StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        var statuses = await db.ImmigrationStatuses.AsNoTracking().ToDictionaryAsync(s => s.Code, s => french ? s.NameFr : s.NameEn);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => french ? r.NameFr : r.NameEn);
        var results = EveryReason(statuses.Keys, regions.Keys);

        var labels = CriterionLabels.From(await Services.GetRequiredService<ReferenceDataService>().GetAsync());

        var table = Render<EvaluationTable>(p => p.Add(t => t.Evaluation, new SubsidyEvaluation(results, 1000m)).Add(t => t.Labels, labels));

        table.WaitForAssertion(() => Assert.Equal(results.Count, table.FindAll("[data-testid=criterion-reason]").Count));
        var texts = table.FindAll("[data-testid=criterion-reason]").Select(e => e.TextContent.Trim()).ToList();
        // Every reason the resources hold is among those written.
        Assert.Empty(ReasonKeys().Except(results.Select(r => r.ReasonCode)));
        foreach (var (result, text) in results.Zip(texts))
        {
            Assert.False(text.StartsWith("Criterion.", StringComparison.Ordinal), text);
            Assert.DoesNotMatch(KebabCode(), text);
            Assert.DoesNotMatch(TwoDigitCode(), IsoDate().Replace(text, ""));
            Assert.DoesNotMatch(EnumName(), text);
            switch (result.Criterion)
            {
                case SubsidyCriterion.ImmigrationStatus when result.Arguments.Count > 0:
                    Assert.Contains(statuses[result.Arguments[0]], text, StringComparison.Ordinal);
                    Assert.DoesNotContain($"({result.Arguments[0]})", text, StringComparison.Ordinal);
                    break;
                case SubsidyCriterion.HostRegion when result.Arguments.Count > 0:
                    Assert.Contains(regions[result.Arguments[0]], text, StringComparison.Ordinal);
                    Assert.DoesNotContain($"({result.Arguments[0]})", text, StringComparison.Ordinal);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Every status accepted or not, every region host or not, and each other criterion met, not met and missing.</summary>
    private static List<CriterionResult> EveryReason(IEnumerable<string> statusCodes, IEnumerable<string> regionCodes)
    {
        var rules = SubsidyEvaluatorTests.Rules();
        rules.MoveWithinDays = 120; // three digits: any two-digit number left in a text is a code
        var eligible = SubsidyEvaluatorTests.Eligible();
        var noSession = eligible.Workflow with { SessionAttended = false };
        var noPlan = eligible.Workflow with { PlanAgreed = false };
        var situations = new List<SubsidyFacts>
        {
            eligible with { ImmigrationStatusCode = null, DestinationRegionCode = null, Documents = new HashSet<SubsidyDocumentType>(), PlannedMoveOn = null },
            eligible with { Workflow = noSession },
            eligible with { Workflow = noPlan },
            eligible with { Workflow = new WorkflowFacts(PlanAgreed: false) },
            eligible with { Workflow = noSession, StageHistory = [Move(TransitionKind.Skip, Stage.PersonalizedPlan, Stage.ExploratoryStay, "Séance suivie à Rimouski")] },
            eligible with { Workflow = noPlan, StageHistory = [Move(TransitionKind.Skip, Stage.Outreach, Stage.InfoSession, "Plan fait ailleurs")] },
            eligible with { Workflow = new WorkflowFacts(PlanAgreed: false), StageHistory = [Move(TransitionKind.Skip, Stage.Outreach, Stage.ExploratoryStay, "Déjà venu")] },
            eligible with { EarlierSubsidies = 1, PlannedMoveOn = eligible.SubmittedOn.AddDays(200) },
        };
        situations.AddRange(statusCodes.Select(code => eligible with { ImmigrationStatusCode = code }));
        situations.AddRange(regionCodes.Select(code => eligible with { DestinationRegionCode = code }));
        return situations.SelectMany(facts => SubsidyEvaluator.Evaluate(rules, facts).Results).DistinctBy(r => (r.ReasonCode, string.Join("|", r.Arguments))).ToList();
    }

    private static StageTransition Move(TransitionKind kind, Stage from, Stage to, string comment) => new()
    {
        Id = Guid.NewGuid(), Kind = kind, FromStage = from, ToStage = to, Comment = comment, OccurredAt = FixedContext.Now,
    };

    private static IEnumerable<string> ReasonKeys() =>
        new ResourceManager(typeof(SubsidiesText)).GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).Where(key => key.StartsWith("Criterion.", StringComparison.Ordinal));

    /// <summary>A status code such as permanent-resident (hyphens inside a name, "Îles-de-la-Madeleine", are not one).</summary>
    [GeneratedRegex(@"(?<![\p{L}-])[a-z]+(?:-[a-z]+)+(?![\p{L}-])")]
    private static partial Regex KebabCode();

    /// <summary>A region code such as 01.</summary>
    [GeneratedRegex(@"(?<!\d)\d{2}(?!\d)")]
    private static partial Regex TwoDigitCode();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    /// <summary>A document type's code such as JobOffer.</summary>
    [GeneratedRegex(@"\b(?:JobOffer|EmploymentContract|BusinessProject|Lease|ProofOfAddress|StatusProof|MovingQuote)\b")]
    private static partial Regex EnumName();
}
