using CaseManager.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class ActiveRoleConfiguration : IEntityTypeConfiguration<ActiveRole>
{
    public void Configure(EntityTypeBuilder<ActiveRole> builder)
    {
        builder.HasNoKey().ToView(AccessViewNames.ActiveRoles);
        builder.Property(r => r.UserId).HasColumnName("user_id");
        builder.Property(r => r.Role).HasColumnName("role");
    }
}

internal sealed class PartnerUserViewConfiguration : IEntityTypeConfiguration<PartnerUser>
{
    public void Configure(EntityTypeBuilder<PartnerUser> builder)
    {
        builder.HasNoKey().ToView(AccessViewNames.PartnerUsers);
        builder.Property(p => p.UserId).HasColumnName("user_id");
        builder.Property(p => p.PartnerId).HasColumnName("partner_id");
        builder.Property(p => p.RegionCodes).HasColumnName("region_codes").HasColumnType("text[]");
    }
}

/// <summary>The access views' names (the migration <c>AccessViews</c> holds their definitions).</summary>
public static class AccessViewNames
{
    public const string ActiveRoles = "access_active_roles";
    public const string PartnerUsers = "access_partner_users";
}
