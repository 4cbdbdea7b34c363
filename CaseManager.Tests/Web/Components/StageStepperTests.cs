using Bunit;
using CaseManager.Domain.Households;
using CaseManager.Tests.Support;
using CaseManager.Web.Features.Households;

namespace CaseManager.Tests.Web.Components;

public sealed class StageStepperTests : ComponentTestBase
{
    private static readonly Dictionary<Stage, DateTimeOffset> Dates = new()
    {
        [Stage.Outreach] = new DateTimeOffset(2026, 4, 2, 15, 0, 0, TimeSpan.Zero),
        [Stage.PersonalizedPlan] = new DateTimeOffset(2026, 5, 10, 3, 30, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Render_AtPersonalizedPlan_MarksTheReachedStagesAndTheCurrentOne()
    {
        var cut = Render<StageStepper>(p => p.Add(s => s.Current, Stage.PersonalizedPlan).Add(s => s.Dates, Dates));

        var steps = cut.FindAll("li.stage-step");
        Assert.Equal(5, steps.Count);
        Assert.Equal(["true", "true", "false", "false", "false"], steps.Select(s => s.GetAttribute("data-reached")));
        var current = cut.Find("li[aria-current=step]");
        Assert.Equal("PersonalizedPlan", current.GetAttribute("data-stage"));
        Assert.Contains("Plan", current.TextContent);
    }

    [Fact]
    public void Render_StageDates_AreMontrealDaysInQuebecFormat()
    {
        var cut = Render<StageStepper>(p => p.Add(s => s.Current, Stage.PersonalizedPlan).Add(s => s.Dates, Dates));

        Assert.Equal("2026-04-02", cut.Find("[data-testid=stage-date-Outreach]").TextContent.Trim());
        // 03:30 UTC on May 10 is still May 9 in Montréal.
        Assert.Equal("2026-05-09", cut.Find("[data-testid=stage-date-PersonalizedPlan]").TextContent.Trim());
        Assert.Equal("", cut.Find("[data-testid=stage-date-InfoSession]").TextContent.Trim());
    }

    [Fact]
    public void Render_InFrench_ShowsTheFrenchStageNames()
    {
        var cut = Render<StageStepper>(p => p.Add(s => s.Current, Stage.Outreach));

        Assert.Equal(
            ["Sensibilisation", "Plan", "Séance", "Séjour", "Soutien"],
            cut.FindAll(".stage-label").Select(l => l.TextContent.Trim()));
    }
}

public sealed class StageStepperEnglishTests() : ComponentTestBase("en-CA")
{
    [Fact]
    public void Render_InEnglish_ShowsTheEnglishStageNames()
    {
        var cut = Render<StageStepper>(p => p.Add(s => s.Current, Stage.Outreach));

        Assert.Equal(["Outreach", "Plan", "Session", "Stay", "Subsidy"], cut.FindAll(".stage-label").Select(l => l.TextContent.Trim()));
    }
}
