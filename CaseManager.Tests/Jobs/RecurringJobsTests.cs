using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Tests.Jobs;

public sealed class RecurringJobsTests
{
    [Fact]
    public void Register_EverySchedule_IsReadInMontrealTime()
    {
        var manager = new RecordingRecurringJobManager();
        using var services = new ServiceCollection().AddSingleton<IRecurringJobManager>(manager).BuildServiceProvider();

        RecurringJobs.Register(services);

        Assert.Equal(
            [
                (RecurringJobs.ReminderSweep, typeof(ReminderSweepJob), "0 * * * *"),
                (RecurringJobs.ReminderDelivery, typeof(ReminderDeliveryJob), "*/5 * * * *"),
                (RecurringJobs.ReminderDigest, typeof(ReminderDigestJob), "0 7 * * *"),
                (RecurringJobs.EmailSender, typeof(EmailSenderJob), "* * * * *"),
                (RecurringJobs.RightsRequestOverdue, typeof(RightsRequestOverdueJob), "0 7 * * *"),
                (RecurringJobs.HouseholdReminderSweep, typeof(HouseholdReminderSweepJob), "5 * * * *"),
                (RecurringJobs.HouseholdReminderDelivery, typeof(HouseholdReminderDeliveryJob), "*/5 * * * *"),
                (RecurringJobs.TextMessageSender, typeof(TextMessageSenderJob), "* * * * *"),
            ],
            manager.Added.Select(a => (a.Id, a.Job.Type, a.Cron)));
        Assert.All(manager.Added, a => Assert.Equal(AppClock.Montreal, a.Options.TimeZone));
        Assert.Equal(["no-contact-sweep"], manager.Removed);
    }

    private sealed class RecordingRecurringJobManager : IRecurringJobManager
    {
        public List<(string Id, Job Job, string Cron, RecurringJobOptions Options)> Added { get; } = [];

        public List<string> Removed { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) =>
            Added.Add((recurringJobId, job, cronExpression, options));

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => Removed.Add(recurringJobId);
    }
}
