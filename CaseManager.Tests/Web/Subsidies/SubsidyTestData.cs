using CaseManager.Data;
using CaseManager.Domain.Common;
using CaseManager.Domain.Subsidies;
using CaseManager.Tests.Domain;
using CaseManager.Tests.Support.Builders;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Tests.Web.Subsidies;

/// <summary>Subsidy applications written straight to the test database (for the reminder jobs' tests).</summary>
public static class SubsidyTestData
{
    /// <summary>The day <paramref name="workingDays"/> weekdays before <paramref name="day"/> (Monday to Friday).</summary>
    public static DateOnly WorkingDaysBefore(DateOnly day, int workingDays)
    {
        var result = day;
        while (workingDays > 0)
        {
            result = result.AddDays(-1);
            if (result.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                workingDays--;
            }
        }

        return result;
    }

    /// <summary>An application submitted on <paramref name="submittedOn"/> to <paramref name="region"/>, waiting for a decision since then.</summary>
    public static async Task<Guid> AddWaitingAsync(CaseManagerDbContext db, Guid householdId, DateOnly submittedOn, string region = "02", Actor? creator = null)
    {
        var context = new ActionContext(creator ?? FixedContext.Counsellor, FixedContext.At(submittedOn), submittedOn);
        var rules = await db.SubsidyRuleSets.AsNoTracking().OrderBy(r => r.VersionNumber).FirstAsync();
        var application = SubsidyApplication.Start(householdId, new SubsidyApplicationDetails(region, "Ville", submittedOn.AddDays(30), null, null), context);
        application.Submit(rules, 1, SubsidyEvaluator.Evaluate(rules, SubsidyEvaluatorTests.Eligible()), context);
        db.ActingAs(context).SubsidyApplications.Add(application);
        await db.SaveChangesAsync();
        return application.Id;
    }
}
