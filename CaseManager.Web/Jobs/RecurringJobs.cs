using CaseManager.Web.Infrastructure;
using Hangfire;

namespace CaseManager.Web.Jobs;

/// <summary>
/// Every recurring schedule of the application, registered in one place at start-up. The
/// schedules are read in Montréal time, so "7 h" stays 7 h across daylight-saving changes.
/// </summary>
public static class RecurringJobs
{
    public const string ReminderSweep = "reminder-sweep";
    public const string ReminderDelivery = "reminder-delivery";
    public const string ReminderDigest = "reminder-digest";
    public const string EmailSender = "email-sender";
    public const string RightsRequestOverdue = "rights-request-overdue";
    public const string HouseholdReminderSweep = "household-reminder-sweep";
    public const string HouseholdReminderDelivery = "household-reminder-delivery";
    public const string TextMessageSender = "text-message-sender";

    /// <summary>The schedule of the first, single-rule sweep, removed from storage where it is still registered.</summary>
    private const string RetiredNoContactSweep = "no-contact-sweep";

    public static void Register(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        var montreal = new RecurringJobOptions { TimeZone = AppClock.Montreal };
        jobs.RemoveIfExists(RetiredNoContactSweep);
        // Every hour: a reminder falls due at the latest an hour into its day.
        jobs.AddOrUpdate<ReminderSweepJob>(ReminderSweep, job => job.RunAsync(CancellationToken.None), "0 * * * *", montreal);
        // The sweep queues a delivery when it recorded something; this one catches anything left.
        jobs.AddOrUpdate<ReminderDeliveryJob>(ReminderDelivery, job => job.RunAsync(CancellationToken.None), "*/5 * * * *", montreal);
        jobs.AddOrUpdate<ReminderDigestJob>(ReminderDigest, job => job.RunAsync(CancellationToken.None), "0 7 * * *", montreal);
        // Deliveries queue a sending run; this one retries what failed once its delay has passed.
        jobs.AddOrUpdate<EmailSenderJob>(EmailSender, job => job.RunAsync(CancellationToken.None), "* * * * *", montreal);
        // Rights requests past their legal due date, to the privacy officers' bell.
        jobs.AddOrUpdate<RightsRequestOverdueJob>(RightsRequestOverdue, job => job.RunAsync(CancellationToken.None), "0 7 * * *", montreal);
        // The household's reminders: swept every hour (the morning of a session from 7 h), delivered as the staff's are.
        jobs.AddOrUpdate<HouseholdReminderSweepJob>(HouseholdReminderSweep, job => job.RunAsync(CancellationToken.None), "5 * * * *", montreal);
        jobs.AddOrUpdate<HouseholdReminderDeliveryJob>(HouseholdReminderDelivery, job => job.RunAsync(CancellationToken.None), "*/5 * * * *", montreal);
        // Text messages: retries once their delay has passed, and what quiet hours held, from 8 h.
        jobs.AddOrUpdate<TextMessageSenderJob>(TextMessageSender, job => job.RunAsync(CancellationToken.None), "* * * * *", montreal);
    }
}
