using CaseManager.Data.Entities;
using CaseManager.Domain.Assignment;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

/// <summary>The counsellor's settings the distribution reads: capacity and languages.</summary>
internal sealed class CounsellorSettingsConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.Capacity).HasPrecision(3, 2).HasDefaultValue(1.0m);
        builder.Property(u => u.Languages).HasColumnType("text[]").HasDefaultValueSql("'{}'::text[]");
        builder.ToTable(t => t.HasCheckConstraint("ck_users_capacity", "capacity >= 0 AND capacity <= 1"));
    }
}

internal sealed class AssignmentRecordConfiguration : IEntityTypeConfiguration<AssignmentRecord>
{
    public void Configure(EntityTypeBuilder<AssignmentRecord> builder)
    {
        builder.ToTable("assignments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FromCounsellorId).HasMaxLength(450);
        builder.Property(a => a.ToCounsellorId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.Note).HasMaxLength(AssignmentRecord.MaxNoteLength);
        builder.Property(a => a.Capacity).HasPrecision(3, 2);
        builder.Property(a => a.MatchedLanguage).HasMaxLength(20);
        builder.Property(a => a.ByUserId).HasMaxLength(450);
        builder.Property(a => a.ByUserName).HasMaxLength(200);
        builder.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CounsellorAbsence>().WithMany().HasForeignKey(a => a.AbsenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.HouseholdId, a.At });
        // On return: the files an absence sent away.
        builder.HasIndex(a => a.AbsenceId).HasFilter("absence_id IS NOT NULL");
    }
}

internal sealed class CounsellorAbsenceConfiguration : IEntityTypeConfiguration<CounsellorAbsence>
{
    public void Configure(EntityTypeBuilder<CounsellorAbsence> builder)
    {
        builder.ToTable("counsellor_absences");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.CounsellorId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(CounsellorAbsence.MaxReasonLength).IsRequired();
        builder.Property(a => a.RecordedById).HasMaxLength(450);
        builder.Property(a => a.RecordedByName).HasMaxLength(200);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.CounsellorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.CounsellorId, a.From });
    }
}
