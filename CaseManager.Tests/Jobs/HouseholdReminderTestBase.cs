using CaseManager.Data.Entities;
using CaseManager.Domain.HouseholdReminders;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using CaseManager.Tests.Support;
using CaseManager.Tests.Support.Builders;
using CaseManager.Tests.Web.Sessions;
using CaseManager.Web.Features.HouseholdReminders;
using CaseManager.Web.Features.HouseholdSpace;
using CaseManager.Web.Hosting;
using CaseManager.Web.Infrastructure.RateLimiting;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaseManager.Tests.Jobs;

/// <summary>
/// The household reminder jobs on the test database at the test's fake clock, sending text messages
/// through Twilio's library to the fake provider (<see cref="FakeSms"/>) and emails to smtp4dev, with
/// helpers to make households that consented (or not) and to read the outbox.
/// </summary>
public abstract class HouseholdReminderTestBase(DatabaseFixture database) : SessionTestBase(database)
{
    private TwilioTextMessages? _provider;

    protected FakeSms Sms { get; } = new();

    protected Smtp4dev Mail { get; } = new();

    protected TextMessageOptions TextOptions { get; } = FakeSms.Options(statusCallbacks: false);

    protected TwilioTextMessages Provider => _provider ??= new TwilioTextMessages(TextOptions, Links);

    protected HouseholdReminderSweepJob HouseholdSweep => new(Database.ContextFactory, Clock, Jobs, NullLogger<HouseholdReminderSweepJob>.Instance);

    protected HouseholdReminderDeliveryJob HouseholdDelivery =>
        new(Database.ContextFactory, Clock, HouseholdLinks, TextOptions, Jobs, NullLogger<HouseholdReminderDeliveryJob>.Instance);

    /// <summary>The real personal links of the household's space (the reminders carry one).</summary>
    protected HouseholdLinks HouseholdLinks => new(
        Database.ContextFactory, Clock, Links, Options.Create(new HouseholdSpaceOptions()),
        new SharedRateLimiter(new CaseManagerSettings(Database.ConnectionString, false, 0, false, false), Time, NullLogger<SharedRateLimiter>.Instance),
        Jobs, Time, NullLogger<HouseholdLinks>.Instance);

    protected TextMessageSenderJob TextSender => new(Database.ContextFactory, Clock, Provider, NullLogger<TextMessageSenderJob>.Instance);

    /// <summary>Sweep, deliver, then send emails and text messages: what the schedules do in an hour.</summary>
    protected async Task RunAllAsync()
    {
        await HouseholdSweep.RunAsync(CancellationToken.None);
        await HouseholdDelivery.RunAsync(CancellationToken.None);
        await Sender(Smtp4dev.Settings()).RunAsync(CancellationToken.None);
        await TextSender.RunAsync(CancellationToken.None);
    }

    /// <summary>An active household with its own email and number, speaking <paramref name="language"/>, that consented to the given purposes.</summary>
    protected async Task<(Household Household, string Email, string Phone)> ConsentingHouseholdAsync(
        string lastName, string language = "fr", Func<HouseholdBuilder, HouseholdBuilder>? shape = null, params string[] purposes)
    {
        var (stored, e164) = FakeSms.NewNumber();
        var email = $"{lastName.ToLowerInvariant()}.{Guid.NewGuid():N}@menage.test";
        var household = await SaveAsync(Marie, b => (shape?.Invoke(b) ?? b.AtStage(Stage.InfoSession)).WithProfile(p => p
            .WithPrimaryApplicant("Aminata", lastName)
            .WithEmail(email)
            .WithPhone(stored)
            .With(profile => profile.Languages = [language])));
        await AnswerAsync(household.Id, purposes.Length == 0 ? [HouseholdReminderRule.EmailPurpose, HouseholdReminderRule.TextMessagePurpose] : purposes);
        return (household, email, e164);
    }

    /// <summary>Records the household's consent to each purpose (the other reminder purpose refused).</summary>
    protected async Task AnswerAsync(Guid householdId, params string[] granted)
    {
        await using var db = Database.CreateDbContext();
        foreach (var purpose in new[] { HouseholdReminderRule.EmailPurpose, HouseholdReminderRule.TextMessagePurpose })
        {
            db.ActingAs(FixedContext.Default).ConsentRecords.Add(ConsentRecord.Answer(householdId, purpose, 1, granted.Contains(purpose), ConsentSource.RegistrationForm, Time.GetUtcNow().AddDays(-30)));
        }

        await db.SaveChangesAsync();
    }

    protected async Task DisableHouseholdRulesBut(params HouseholdReminderKind[] kinds)
    {
        await using var db = Database.CreateDbContext();
        await db.HouseholdReminderRules.ExecuteUpdateAsync(set => set.SetProperty(r => r.Enabled, r => kinds.Contains(r.Kind)));
    }

    protected async Task<List<HouseholdReminder>> HouseholdRemindersAsync(Guid householdId)
    {
        await using var db = Database.CreateDbContext();
        return await db.HouseholdReminders.AsNoTracking().Where(r => r.HouseholdId == householdId).OrderBy(r => r.CreatedAt).ToListAsync();
    }

    protected async Task<List<OutgoingTextMessage>> TextsAsync(Guid householdId)
    {
        await using var db = Database.CreateDbContext();
        return await db.OutgoingTextMessages.AsNoTracking().Where(m => m.HouseholdId == householdId).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    protected async Task<List<OutgoingEmail>> HouseholdEmailsAsync(string address)
    {
        await using var db = Database.CreateDbContext();
        return await db.OutgoingEmails.AsNoTracking().Where(e => e.ToAddress == address).OrderBy(e => e.CreatedAt).ToListAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        _provider?.Dispose();
        Sms.Dispose();
        Mail.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
