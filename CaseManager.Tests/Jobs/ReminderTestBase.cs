using CaseManager.Domain.Plans;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Stays;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Support;
using CaseManager.Tests.Web.Admin;
using CaseManager.Tests.Web.Households;
using CaseManager.Web.Features.Notifications;
using CaseManager.Web.Features.Plans;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using System.Diagnostics.Metrics;
using CaseManager.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaseManager.Tests.Jobs;

/// <summary>
/// The reminder jobs built on the test database and the test's fake clock, with Hangfire's
/// client recording what they would queue (<see cref="Jobs"/>), and helpers to shape rules and
/// plans and to read what the jobs wrote.
/// </summary>
public abstract class ReminderTestBase(DatabaseFixture database) : HouseholdServiceTestBase(database)
{
    public static readonly AppLinks Links = new(new Uri("http://casemanager.test/"));

    private CaseManagerMetrics? _metrics;

    protected RecordingJobClient Jobs { get; } = new();

    /// <summary>This test's own meter factory: a listener can tell its measurements from other tests'.</summary>
    protected IMeterFactory Meters { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    protected CaseManagerMetrics Metrics => _metrics ??= new CaseManagerMetrics(Meters);

    protected AppClock Clock => new(Time);

    protected ReminderSweepJob Sweep => new(Database.ContextFactory, Clock, Jobs, NullLogger<ReminderSweepJob>.Instance, Metrics);

    protected ReminderDeliveryJob Delivery => new(Database.ContextFactory, Clock, new ReminderEmails(Links), Jobs, NullLogger<ReminderDeliveryJob>.Instance);

    protected ReminderDigestJob Digest => new(Database.ContextFactory, Clock, new ReminderEmails(Links), Jobs, NullLogger<ReminderDigestJob>.Instance);

    protected PlanService Plans => new(Database.ContextFactory, Access, Clock, NullLogger<PlanService>.Instance);

    protected EmailSenderJob Sender(SmtpSettings smtp) => new(Database.ContextFactory, Clock, smtp, NullLogger<EmailSenderJob>.Instance, Metrics);

    /// <summary>Moves the fake clock forward to <paramref name="time"/> on <paramref name="day"/>, Montréal time.</summary>
    protected void SetClock(DateOnly day, int hour = 10, int minute = 0)
    {
        var instant = AppClock.FromLocal(day, new TimeOnly(hour, minute));
        if (instant < Time.GetUtcNow())
        {
            throw new InvalidOperationException($"The clock only moves forward ({instant:O} is before {Time.GetUtcNow():O}).");
        }

        Time.SetUtcNow(instant);
    }

    protected async Task SetRuleAsync(ReminderKind kind, bool? enabled = null, int? delay = null, ReminderAudience? audience = null)
    {
        await using var db = Database.CreateDbContext();
        var rule = await db.ReminderRules.SingleAsync(r => r.Kind == kind);
        rule.Enabled = enabled ?? rule.Enabled;
        rule.Delay = delay ?? rule.Delay;
        rule.Audience = audience ?? rule.Audience;
        await db.SaveChangesAsync();
    }

    protected async Task DisableAllRulesBut(params ReminderKind[] kinds)
    {
        await using var db = Database.CreateDbContext();
        await db.ReminderRules.ExecuteUpdateAsync(set => set.SetProperty(r => r.Enabled, r => kinds.Contains(r.Kind)));
    }

    /// <summary>Adds a goal and a task due on <paramref name="dueOn"/> to the household's plan, as its counsellor.</summary>
    protected async Task<Guid> AddTaskAsync(Guid householdId, string title, DateOnly dueOn)
    {
        var plan = (await Plans.GetAsync(householdId)).Plan;
        var goal = plan is { Goals.Count: > 0 } ? plan.Goals[0].Id : await Plans.AddGoalAsync(householdId, plan?.Version ?? 0, "employment", null);
        return await Plans.AddTaskAsync(householdId, (await Plans.GetAsync(householdId)).Version, goal, title, TaskOwner.Household, dueOn);
    }

    protected async Task SetTargetMoveDateAsync(Guid householdId, DateOnly? moveDate) =>
        await Plans.SetTargetsAsync(householdId, (await Plans.GetAsync(householdId)).Version, ["02"], moveDate);

    /// <summary>A stay (hosted by a new partner of region 02) that ended on <paramref name="endOn"/>, with the household on it.</summary>
    protected async Task<Guid> AddStayAsync(Guid householdId, DateOnly endOn)
    {
        await using var db = Database.CreateDbContext();
        var partner = await db.RegionalPartners.Where(p => p.Name == "Accueil Saguenay").Select(p => (Guid?)p.Id).FirstOrDefaultAsync()
            ?? (await TestPartners.CreateAsync(db, "Accueil Saguenay", "02", "Jonquière")).Id;
        var planned = FixedContext.On(endOn.AddDays(-30));
        var stay = ExploratoryStay.Plan(new StayDetails("02", partner, endOn.AddDays(-2), endOn), planned);
        stay.AddParticipant(householdId, 1, 1, planned);
        db.ActingAs(planned).Stays.Add(stay);
        await db.SaveChangesAsync();
        return stay.Id;
    }

    protected async Task<List<Reminder>> RemindersAsync(ReminderKind? kind = null)
    {
        await using var db = Database.CreateDbContext();
        return await db.Reminders.AsNoTracking()
            .Where(r => kind == null || r.Kind == kind)
            .OrderBy(r => r.DueOn).ThenBy(r => r.Kind)
            .ToListAsync();
    }

    protected async Task<List<Notification>> NotificationsAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.CreatedAt).ThenBy(n => n.UserId).ToListAsync();
    }
}
