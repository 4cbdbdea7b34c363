using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reference;
using CaseManager.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class SettlementTargetConfiguration : IEntityTypeConfiguration<SettlementTarget>
{
    public void Configure(EntityTypeBuilder<SettlementTarget> builder)
    {
        builder.ToTable("settlement_targets");
        builder.HasKey(t => new { t.FiscalYearStart, t.OrganizationId });
        builder.Property(t => t.FiscalYearStart).ValueGeneratedNever();
        builder.Property(t => t.OrganizationId).ValueGeneratedNever();
        builder.Property(t => t.UpdatedByName).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StageStayConfiguration : IEntityTypeConfiguration<StageStay>
{
    public void Configure(EntityTypeBuilder<StageStay> builder)
    {
        builder.ToTable("stage_stays");
        builder.HasKey(s => s.EnteredTransitionId);
        builder.Property(s => s.EnteredTransitionId).ValueGeneratedNever();
        builder.HasOne<Household>().WithMany().HasForeignKey(s => s.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StageTransition>().WithOne().HasForeignKey<StageStay>(s => s.EnteredTransitionId).OnDelete(DeleteBehavior.Cascade);

        // The median time in each stage reads the stays that ended in a period.
        builder.HasIndex(s => s.LeftAt).HasFilter("left_at IS NOT NULL").IncludeProperties(s => new { s.HouseholdId, s.Stage, s.EnteredAt });
    }
}
