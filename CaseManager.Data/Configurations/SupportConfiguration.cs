using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reference;
using CaseManager.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(u => u.PreferredCulture).HasMaxLength(10);
        builder.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(200);
        builder.Property(a => a.EntityType).HasMaxLength(60);
        builder.Property(a => a.Field).HasMaxLength(200);
        builder.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.HouseholdId, a.OccurredAt });
    }
}

internal sealed class AccessLogConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("access_log");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(200);
        builder.Property(a => a.Source).HasMaxLength(300);
        builder.HasIndex(a => new { a.HouseholdId, a.OccurredAt });
        builder.HasIndex(a => new { a.UserId, a.OccurredAt });
    }
}

internal sealed class FileNumberCounterConfiguration : IEntityTypeConfiguration<FileNumberCounter>
{
    public void Configure(EntityTypeBuilder<FileNumberCounter> builder)
    {
        builder.ToTable("file_number_counters");
        builder.HasKey(c => c.FiscalYear);
        builder.Property(c => c.FiscalYear).ValueGeneratedNever();
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.ToTable("regions");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(2);
        builder.Property(r => r.NameFr).HasMaxLength(100).IsRequired();
        builder.Property(r => r.NameEn).HasMaxLength(100).IsRequired();
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.Property(o => o.Code).HasMaxLength(20).IsRequired();
        builder.Property(o => o.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(o => o.Code).IsUnique();
    }
}

internal abstract class CodedItemConfiguration<T>(string table) : IEntityTypeConfiguration<T>
    where T : CodedItem
{
    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(table);
        builder.HasKey(i => i.Code);
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.Property(i => i.NameFr).HasMaxLength(200).IsRequired();
        builder.Property(i => i.NameEn).HasMaxLength(200).IsRequired();
    }
}

internal sealed class NeedsDomainConfiguration() : CodedItemConfiguration<NeedsDomain>("needs_domains");

internal sealed class WithdrawalReasonConfiguration() : CodedItemConfiguration<WithdrawalReason>("withdrawal_reasons");

internal sealed class ImmigrationStatusConfiguration() : CodedItemConfiguration<ImmigrationStatus>("immigration_statuses");

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.DedupKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(n => n.DedupKey).IsUnique();
        builder.HasIndex(n => new { n.UserId, n.DismissedAt, n.ReadAt, n.CreatedAt });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Household>().WithMany().HasForeignKey(n => n.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Reminder>().WithMany().HasForeignKey(n => n.ReminderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("reminders");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.DedupKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(r => r.DedupKey).IsUnique();
        builder.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        // The delivery job's queue: what is not delivered yet.
        builder.HasIndex(r => r.CreatedAt).HasFilter("delivered_at IS NULL").HasDatabaseName("ix_reminders_undelivered");
        builder.HasIndex(r => new { r.HouseholdId, r.DueOn });
        // The sweep's "already recorded?": each rule compares only with its own kind's reminders.
        builder.HasIndex(r => new { r.Kind, r.SubjectId, r.SubjectOn });
    }
}

internal sealed class ReminderRuleConfiguration : IEntityTypeConfiguration<ReminderRule>
{
    public void Configure(EntityTypeBuilder<ReminderRule> builder)
    {
        builder.ToTable("reminder_rules");
        builder.HasKey(r => r.Kind);
        builder.Property(r => r.Version).IsRowVersion();
    }
}

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> builder)
    {
        builder.ToTable("outgoing_emails");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ToUserId).HasMaxLength(450);
        builder.Property(e => e.ToAddress).HasMaxLength(254).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(300).IsRequired();
        builder.Property(e => e.DedupKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(e => e.DedupKey).IsUnique();
        builder.HasIndex(e => e.CreatedAt).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outgoing_emails_unsent");
    }
}
