using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.HouseholdReminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class HouseholdReminderRuleConfiguration : IEntityTypeConfiguration<HouseholdReminderRule>
{
    public void Configure(EntityTypeBuilder<HouseholdReminderRule> builder)
    {
        builder.ToTable("household_reminder_rules", t => t.HasCheckConstraint("ck_household_reminder_rules_delay", "delay BETWEEN 0 AND 90"));
        builder.HasKey(r => r.Kind);
        builder.Property(r => r.Kind).HasMaxLength(40);
        builder.Property(r => r.Version).IsRowVersion();
    }
}

internal sealed class HouseholdReminderConfiguration : IEntityTypeConfiguration<HouseholdReminder>
{
    public void Configure(EntityTypeBuilder<HouseholdReminder> builder)
    {
        builder.ToTable("household_reminders");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Kind).HasMaxLength(40);
        builder.Property(r => r.DedupKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(r => r.DedupKey).IsUnique();
        builder.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        // The delivery job's queue: what is not delivered yet.
        builder.HasIndex(r => r.CreatedAt).HasFilter("delivered_at IS NULL").HasDatabaseName("ix_household_reminders_undelivered");
        builder.HasIndex(r => new { r.HouseholdId, r.DueOn });
    }
}

internal sealed class OutgoingTextMessageConfiguration : IEntityTypeConfiguration<OutgoingTextMessage>
{
    public void Configure(EntityTypeBuilder<OutgoingTextMessage> builder)
    {
        builder.ToTable("outgoing_text_messages");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ToNumber).HasMaxLength(OutgoingTextMessage.MaxPhoneLength).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(OutgoingTextMessage.MaxBodyLength).IsRequired();
        builder.Property(m => m.DedupKey).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Status).HasMaxLength(20);
        builder.Property(m => m.ProviderSid).HasMaxLength(64);
        builder.Property(m => m.ErrorCode).HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasIndex(m => m.DedupKey).IsUnique();
        builder.HasIndex(m => m.ProviderSid).IsUnique().HasFilter("provider_sid IS NOT NULL");
        // The sender's queue: what is still to send.
        builder.HasIndex(m => new { m.NextAttemptAt, m.CreatedAt }).HasFilter("status = 'Queued'").HasDatabaseName("ix_outgoing_text_messages_queued");
        builder.HasIndex(m => new { m.HouseholdId, m.CreatedAt });
        builder.HasOne<Household>().WithMany().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HouseholdReminder>().WithMany().HasForeignKey(m => m.HouseholdReminderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TextMessageOptOutConfiguration : IEntityTypeConfiguration<TextMessageOptOut>
{
    public void Configure(EntityTypeBuilder<TextMessageOptOut> builder)
    {
        builder.ToTable("text_message_opt_outs");
        builder.HasKey(o => o.PhoneNumber);
        builder.Property(o => o.PhoneNumber).HasMaxLength(OutgoingTextMessage.MaxPhoneLength);
        builder.Property(o => o.Keyword).HasMaxLength(20).IsRequired();
    }
}
