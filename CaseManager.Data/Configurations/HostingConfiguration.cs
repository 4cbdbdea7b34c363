using CaseManager.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

/// <summary>The data-protection key ring every instance reads (table data_protection_keys).</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder) => builder.ToTable("data_protection_keys");
}

/// <summary>Rate-limit counters shared by the instances: one row per (limit, partition, window start).</summary>
internal sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> builder)
    {
        builder.ToTable("rate_limit_windows");
        builder.HasKey(w => new { w.LimitName, w.PartitionKey, w.WindowStart });
        builder.Property(w => w.LimitName).HasMaxLength(RateLimitWindow.MaxNameLength);
        builder.Property(w => w.PartitionKey).HasMaxLength(RateLimitWindow.MaxPartitionLength);
        // The purge deletes by window start across partitions.
        builder.HasIndex(w => w.WindowStart);
    }
}

/// <summary>Failed sign-ins per account, client address or known device, shared by the instances.</summary>
internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("sign_in_throttles");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(SignInThrottle.MaxKeyLength);
        // The purge forgets quiet keys by their last failure.
        builder.HasIndex(t => t.LastFailureAt);
    }
}
