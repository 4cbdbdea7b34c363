using CaseManager.Domain.Households;
using CaseManager.Domain.Reference;
using CaseManager.Domain.Subsidies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class EligibilityRuleSetConfiguration : IEntityTypeConfiguration<EligibilityRuleSet>
{
    public void Configure(EntityTypeBuilder<EligibilityRuleSet> builder)
    {
        builder.ToTable("subsidy_rule_sets");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => r.VersionNumber).IsUnique();
        builder.HasIndex(r => r.EffectiveFrom);
        builder.Property(r => r.Notes).HasMaxLength(EligibilityRuleSet.MaxNotesLength);
        builder.Property(r => r.AcceptedStatusCodes).HasColumnType("text[]");
        builder.Property(r => r.ExcludedRegionCodes).HasColumnType("text[]");
        builder.PrimitiveCollection(r => r.EmploymentProofTypes).ElementType(e => e.HasConversion<string>());
        builder.PrimitiveCollection(r => r.HousingProofTypes).ElementType(e => e.HasConversion<string>());
        builder.Property(r => r.BaseAmount).HasPrecision(12, 2);
        builder.Property(r => r.PerAdditionalPerson).HasPrecision(12, 2);
        builder.Property(r => r.Ceiling).HasPrecision(12, 2);
        builder.OwnsMany(r => r.RegionAmounts, amount => amount.ToJson("region_amounts"));
        builder.Property(r => r.CreatedByName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Version).IsRowVersion();
    }
}

/// <summary>
/// Applications hold the subsidy's personal values in named columns (destination, amounts,
/// decision, payment); their documents and the documents' bytes are in tables of their own, so
/// an anonymization of a household's subsidy data is a few plain UPDATE/DELETE statements.
/// </summary>
internal sealed class SubsidyApplicationConfiguration : IEntityTypeConfiguration<SubsidyApplication>
{
    public void Configure(EntityTypeBuilder<SubsidyApplication> builder)
    {
        builder.ToTable("subsidy_applications");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.DestinationRegionCode).HasMaxLength(2);
        builder.Property(a => a.DestinationMunicipality).HasMaxLength(SubsidyApplication.MaxShortTextLength);
        builder.Property(a => a.Explanation).HasMaxLength(SubsidyApplication.MaxTextLength);
        builder.Property(a => a.EstimatedCost).HasPrecision(12, 2);
        builder.Property(a => a.ComputedAmount).HasPrecision(12, 2);
        builder.Property(a => a.ApprovedAmount).HasPrecision(12, 2);
        builder.Property(a => a.PaidAmount).HasPrecision(12, 2);
        builder.Property(a => a.CreatedById).HasMaxLength(450).IsRequired();
        builder.Property(a => a.CreatedByName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.ReviewerId).HasMaxLength(450);
        builder.Property(a => a.ReviewerName).HasMaxLength(200);
        builder.Property(a => a.DecidedById).HasMaxLength(450);
        builder.Property(a => a.DecidedByName).HasMaxLength(200);
        builder.Property(a => a.InformationRequest).HasMaxLength(SubsidyApplication.MaxTextLength);
        builder.Property(a => a.AmountReason).HasMaxLength(SubsidyApplication.MaxTextLength);
        builder.Property(a => a.DecisionComment).HasMaxLength(SubsidyApplication.MaxTextLength);
        builder.Property(a => a.PaymentReference).HasMaxLength(SubsidyApplication.MaxShortTextLength);
        builder.Property(a => a.WithdrawalReason).HasMaxLength(SubsidyApplication.MaxTextLength);
        builder.Property(a => a.Version).IsRowVersion();
        builder.Ignore(a => a.IsEditable);
        builder.Ignore(a => a.AwaitsDecision);
        // The frozen evaluation is read and written with the application: one JSON document.
        builder.OwnsMany(a => a.Results, result =>
        {
            result.ToJson("evaluation");
            result.Property(r => r.Criterion).HasConversion<string>();
            result.Property(r => r.Outcome).HasConversion<string>();
        });
        builder.Navigation(a => a.Results).HasField("_results").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Region>().WithMany().HasForeignKey(a => a.DestinationRegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EligibilityRuleSet>().WithMany().HasForeignKey(a => a.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.HouseholdId);
        // The review queue: applications waiting, oldest first, by destination.
        builder.HasIndex(a => new { a.Status, a.WaitingSince });
        builder.HasIndex(a => a.DestinationRegionCode);

        // The results dashboard reads the decisions and payments of a period.
        builder.HasIndex(a => a.DecidedOn);
        builder.HasIndex(a => a.PaidOn);
    }
}

internal sealed class SubsidyStatusChangeConfiguration : IEntityTypeConfiguration<SubsidyStatusChange>
{
    public void Configure(EntityTypeBuilder<SubsidyStatusChange> builder)
    {
        builder.ToTable("subsidy_status_changes");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Comment).HasMaxLength(SubsidyApplication.MaxTextLength);
        builder.Property(c => c.ById).HasMaxLength(450).IsRequired();
        builder.Property(c => c.ByName).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => c.HouseholdId);
        builder.HasIndex(c => new { c.ApplicationId, c.Sequence }).IsUnique();
    }
}

internal sealed class SubsidyDocumentConfiguration : IEntityTypeConfiguration<SubsidyDocument>
{
    public void Configure(EntityTypeBuilder<SubsidyDocument> builder)
    {
        builder.ToTable("subsidy_documents");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.FileName).HasMaxLength(SubsidyDocument.MaxFileNameLength).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(d => d.UploadedById).HasMaxLength(450).IsRequired();
        builder.Property(d => d.UploadedByName).HasMaxLength(200).IsRequired();
        builder.HasOne<SubsidyApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SubsidyDocumentContent>().WithOne().HasForeignKey<SubsidyDocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.ApplicationId);
        builder.HasIndex(d => d.HouseholdId);
    }
}

internal sealed class SubsidyDocumentContentConfiguration : IEntityTypeConfiguration<SubsidyDocumentContent>
{
    public void Configure(EntityTypeBuilder<SubsidyDocumentContent> builder)
    {
        builder.ToTable("subsidy_document_contents");
        builder.HasKey(c => c.DocumentId);
        builder.Property(c => c.Data).HasColumnType("bytea").IsRequired();
    }
}

internal sealed class SubsidyBudgetConfiguration : IEntityTypeConfiguration<SubsidyBudget>
{
    public void Configure(EntityTypeBuilder<SubsidyBudget> builder)
    {
        builder.ToTable("subsidy_budgets");
        builder.HasKey(b => b.FiscalYearStart);
        builder.Property(b => b.FiscalYearStart).ValueGeneratedNever();
        builder.Property(b => b.Amount).HasPrecision(14, 2);
        builder.Property(b => b.UpdatedByName).HasMaxLength(200).IsRequired();
        builder.Property(b => b.Version).IsRowVersion();
    }
}
