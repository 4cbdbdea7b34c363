using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class RightsRequestConfiguration : IEntityTypeConfiguration<RightsRequest>
{
    public void Configure(EntityTypeBuilder<RightsRequest> builder)
    {
        builder.ToTable("rights_requests");
        builder.Property(r => r.RequesterName).HasMaxLength(RightsRequest.MaxNameLength).IsRequired();
        builder.Property(r => r.RequesterContact).HasMaxLength(300);
        builder.Property(r => r.AssigneeId).HasMaxLength(450);
        builder.Property(r => r.AssigneeName).HasMaxLength(200);
        builder.Property(r => r.RefusalReason).HasMaxLength(RightsRequest.MaxTextLength);
        builder.Property(r => r.Notes).HasMaxLength(RightsRequest.MaxTextLength);
        builder.Property(r => r.ExportedByName).HasMaxLength(200);
        builder.Property(r => r.DeletionApprovedByName).HasMaxLength(200);
        builder.Property(r => r.CreatedByName).HasMaxLength(200);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.Status, r.DueOn });
        builder.HasIndex(r => r.HouseholdId);
        builder.HasIndex(r => r.ReceivedOn);
    }
}

internal sealed class ConfidentialityIncidentConfiguration : IEntityTypeConfiguration<ConfidentialityIncident>
{
    public void Configure(EntityTypeBuilder<ConfidentialityIncident> builder)
    {
        builder.ToTable("confidentiality_incidents");
        builder.Property(i => i.Description).HasMaxLength(ConfidentialityIncident.MaxTextLength).IsRequired();
        builder.Property(i => i.Circumstances).HasMaxLength(ConfidentialityIncident.MaxTextLength);
        builder.Property(i => i.RiskAssessment).HasMaxLength(ConfidentialityIncident.MaxTextLength);
        builder.Property(i => i.Measures).HasMaxLength(ConfidentialityIncident.MaxTextLength);
        builder.Property(i => i.RecordedByName).HasMaxLength(200);
        builder.PrimitiveCollection(i => i.Categories).ElementType(e => e.HasConversion<string>().HasMaxLength(40));
        builder.Ignore(i => i.KeepUntil);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasIndex(i => i.DiscoveredOn);
    }
}

internal sealed class RetentionRuleConfiguration : IEntityTypeConfiguration<RetentionRule>
{
    public void Configure(EntityTypeBuilder<RetentionRule> builder)
    {
        builder.ToTable("retention_rules");
        builder.HasKey(r => r.Basis);
        builder.Property(r => r.UpdatedByName).HasMaxLength(200);
        builder.Property(r => r.Version).IsRowVersion();
    }
}

internal sealed class AnonymizationRunConfiguration : IEntityTypeConfiguration<AnonymizationRun>
{
    public void Configure(EntityTypeBuilder<AnonymizationRun> builder)
    {
        builder.ToTable("anonymization_runs");
        builder.Property(r => r.ApprovedById).HasMaxLength(450);
        builder.Property(r => r.ApprovedByName).HasMaxLength(200);
        builder.Property(r => r.HeldBy).HasMaxLength(200);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasIndex(r => r.ApprovedAt);
    }
}

internal sealed class AnonymizationRunItemConfiguration : IEntityTypeConfiguration<AnonymizationRunItem>
{
    public void Configure(EntityTypeBuilder<AnonymizationRunItem> builder)
    {
        builder.ToTable("anonymization_run_items");
        builder.HasKey(i => new { i.RunId, i.HouseholdId });
        builder.HasOne<AnonymizationRun>().WithMany().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Household>().WithMany().HasForeignKey(i => i.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.HouseholdId);
    }
}

internal sealed class PrivacyJournalConfiguration : IEntityTypeConfiguration<PrivacyJournalEntry>
{
    public void Configure(EntityTypeBuilder<PrivacyJournalEntry> builder)
    {
        builder.ToTable("privacy_journal");
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(200);
        builder.Property(e => e.SubjectType).HasMaxLength(40);
        builder.Property(e => e.SubjectId).HasMaxLength(60);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId, e.OccurredAt });
    }
}
