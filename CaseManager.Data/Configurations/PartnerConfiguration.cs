using CaseManager.Data.Entities;
using CaseManager.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class RegionalPartnerConfiguration : IEntityTypeConfiguration<RegionalPartner>
{
    public void Configure(EntityTypeBuilder<RegionalPartner> builder)
    {
        builder.ToTable("regional_partners");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(RegionalPartner.MaxNameLength).IsRequired();
        builder.Property(p => p.Municipality).HasMaxLength(RegionalPartner.MaxShortTextLength);
        builder.Property(p => p.Offer).HasMaxLength(RegionalPartner.MaxTextLength);
        builder.Property(p => p.RegionCodes).HasColumnType("text[]");
        builder.Property(p => p.Version).IsRowVersion();
        // A partner's contacts are read and written with it: one small JSON document.
        builder.OwnsMany(p => p.Contacts, contact => contact.ToJson("contacts"));
        // The directory filters by region: "partners serving 01".
        builder.HasIndex(p => p.RegionCodes).HasMethod("gin");
        builder.HasIndex(p => p.Name);
    }
}

/// <summary>A partner user belongs to one partner organization (separate from the user's own configuration so merges stay easy).</summary>
internal sealed class PartnerUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.HasOne<RegionalPartner>().WithMany().HasForeignKey(u => u.PartnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
