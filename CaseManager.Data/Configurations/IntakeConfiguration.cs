using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class PrivacyNoticeConfiguration : IEntityTypeConfiguration<PrivacyNotice>
{
    public void Configure(EntityTypeBuilder<PrivacyNotice> builder)
    {
        builder.ToTable("privacy_notices");
        builder.HasKey(n => n.Version);
        builder.Property(n => n.Version).ValueGeneratedNever();
        builder.Property(n => n.TitleFr).HasMaxLength(200).IsRequired();
        builder.Property(n => n.TitleEn).HasMaxLength(200).IsRequired();
        builder.Property(n => n.TextFr).IsRequired();
        builder.Property(n => n.TextEn).IsRequired();
        builder.HasIndex(n => n.EffectiveOn);
    }
}

internal sealed class ConsentPurposeConfiguration : IEntityTypeConfiguration<ConsentPurpose>
{
    public void Configure(EntityTypeBuilder<ConsentPurpose> builder)
    {
        builder.ToTable("consent_purposes");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(40);
        builder.Property(p => p.NameFr).HasMaxLength(200).IsRequired();
        builder.Property(p => p.NameEn).HasMaxLength(200).IsRequired();
        builder.Property(p => p.DescriptionFr).HasMaxLength(2000).IsRequired();
        builder.Property(p => p.DescriptionEn).HasMaxLength(2000).IsRequired();
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.ToTable("consent_records");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.PurposeCode).HasMaxLength(40).IsRequired();
        builder.Property(c => c.WithdrawnById).HasMaxLength(450);
        builder.Property(c => c.WithdrawnByName).HasMaxLength(200);
        builder.Property(c => c.WithdrawalNote).HasMaxLength(1000);
        builder.Ignore(c => c.IsInForce);
        builder.HasOne<Household>().WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ConsentPurpose>().WithMany().HasForeignKey(c => c.PurposeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PrivacyNotice>().WithMany().HasForeignKey(c => c.NoticeVersion).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.HouseholdId, c.PurposeCode });
    }
}

internal sealed class DuplicateFlagConfiguration : IEntityTypeConfiguration<DuplicateFlag>
{
    public void Configure(EntityTypeBuilder<DuplicateFlag> builder)
    {
        builder.ToTable("duplicate_flags");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Criteria).HasConversion<string>().HasMaxLength(60);
        builder.Property(f => f.ResolvedById).HasMaxLength(450);
        builder.Property(f => f.ResolvedByName).HasMaxLength(200);
        builder.Property(f => f.Note).HasMaxLength(1000);
        builder.Property(f => f.Version).IsRowVersion();
        builder.HasOne<Household>().WithMany().HasForeignKey(f => f.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Household>().WithMany().HasForeignKey(f => f.OtherHouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.HouseholdId, f.OtherHouseholdId }).IsUnique();
        builder.HasIndex(f => f.OtherHouseholdId);
        // The supervisors' queue: open flags, oldest first.
        builder.HasIndex(f => f.FlaggedAt).HasFilter("status = 'Open'").HasDatabaseName("ix_duplicate_flags_open");
    }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.ToTable("registrations");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Reference).HasMaxLength(20).IsRequired();
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.Scope).HasMaxLength(60).IsRequired();
        builder.Property(r => r.IdempotencyKey).HasMaxLength(Registration.MaxIdempotencyKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(Registration.RequestHashLength).IsFixedLength();
        // A retried post with the same key finds the first registration; two at once, the second fails here.
        builder.HasIndex(r => new { r.Scope, r.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        builder.Property(r => r.Language).HasMaxLength(10).IsRequired();
        builder.Property(r => r.HeardFromDetail).HasMaxLength(200);
        builder.Property(r => r.InterestCodes).HasColumnType("text[]");
        builder.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IntakeApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PrivacyNotice>().WithMany().HasForeignKey(r => r.NoticeVersion).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.HouseholdId);
    }
}

internal sealed class RepeatKeyConfiguration : IEntityTypeConfiguration<RepeatKey>
{
    public void Configure(EntityTypeBuilder<RepeatKey> builder)
    {
        builder.ToTable("intake_repeat_keys");
        // One answer per key and sender, whichever table holds it: a retry finds it, two at once, the second fails here.
        builder.HasKey(k => new { k.Scope, k.IdempotencyKey });
        builder.Property(k => k.Scope).HasMaxLength(60);
        builder.Property(k => k.IdempotencyKey).HasMaxLength(Registration.MaxIdempotencyKeyLength);
        builder.Property(k => k.RequestHash).HasMaxLength(Registration.RequestHashLength).IsFixedLength().IsRequired();
        builder.HasOne<Registration>().WithMany().HasForeignKey(k => k.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IntakeApiKeyConfiguration : IEntityTypeConfiguration<IntakeApiKey>
{
    public void Configure(EntityTypeBuilder<IntakeApiKey> builder)
    {
        builder.ToTable("intake_api_keys");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Source).HasMaxLength(IntakeApiKey.MaxSourceLength).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(12).IsRequired();
        builder.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.Property(k => k.CreatedById).HasMaxLength(450);
        builder.Property(k => k.CreatedByName).HasMaxLength(200);
        builder.Property(k => k.RevokedById).HasMaxLength(450);
        builder.Property(k => k.RevokedByName).HasMaxLength(200);
        builder.Ignore(k => k.IsActive);
    }
}
