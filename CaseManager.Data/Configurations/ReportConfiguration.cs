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
