using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class HouseholdLinkConfiguration : IEntityTypeConfiguration<HouseholdLink>
{
    public void Configure(EntityTypeBuilder<HouseholdLink> builder)
    {
        builder.ToTable("household_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.TokenHash).HasMaxLength(HouseholdLink.TokenHashLength).IsFixedLength().IsRequired();
        builder.Property(l => l.IssuedBy).HasMaxLength(HouseholdLink.MaxIssuedByLength).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => new { l.HouseholdId, l.IssuedAt });
        builder.HasOne<Household>().WithMany().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HouseholdDeviceSessionConfiguration : IEntityTypeConfiguration<HouseholdDeviceSession>
{
    public void Configure(EntityTypeBuilder<HouseholdDeviceSession> builder)
    {
        builder.ToTable("household_device_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => s.HouseholdId);
        builder.HasOne<Household>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HouseholdLink>().WithMany().HasForeignKey(s => s.LinkId).OnDelete(DeleteBehavior.Cascade);
    }
}
