using CaseManager.Domain.Households;
using CaseManager.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => p.HouseholdId).IsUnique();
        builder.HasOne<Household>().WithOne().HasForeignKey<Plan>(p => p.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Version).IsRowVersion();
        builder.Property(p => p.TargetRegionCodes).HasColumnType("text[]");
        builder.Property(p => p.AgreedWith).HasMaxLength(Plan.MaxShortTextLength);
        builder.Property(p => p.AgreementRecordedBy).HasMaxLength(200);
        builder.Ignore(p => p.Tasks);
        builder.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Goals).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.Milestones).WithOne().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Milestones).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The target move date reminder looks plans up by date.
        builder.HasIndex(p => p.TargetMoveDate).HasFilter("target_move_date IS NOT NULL");
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> builder)
    {
        builder.ToTable("plan_goals");
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.NeedCode).HasMaxLength(40).IsRequired();
        builder.Property(g => g.Description).HasMaxLength(Plan.MaxTextLength);
        builder.HasMany(g => g.Tasks).WithOne().HasForeignKey(t => t.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Tasks).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(g => g.HouseholdId);
    }
}

internal sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> builder)
    {
        builder.ToTable("plan_tasks");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Title).HasMaxLength(Plan.MaxTextLength).IsRequired();
        builder.Property(t => t.Comment).HasMaxLength(Plan.MaxTextLength);
        builder.Ignore(t => t.IsOpen);
        builder.HasIndex(t => t.HouseholdId);
        // "My week" and the task reminders: open tasks by due date.
        builder.HasIndex(t => t.DueOn).HasFilter("status IN ('ToDo', 'InProgress') AND due_on IS NOT NULL").HasDatabaseName("ix_plan_tasks_open_due_on");
        // "My week" reads one counsellor's files: their open tasks by household, due date in the index.
        builder.HasIndex(t => new { t.HouseholdId, t.DueOn })
            .HasFilter("status IN ('ToDo', 'InProgress') AND due_on IS NOT NULL")
            .HasDatabaseName("ix_plan_tasks_open_household_id_due_on");
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.ToTable("plan_milestones");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Title).HasMaxLength(Plan.MaxShortTextLength).IsRequired();
        builder.HasIndex(m => m.HouseholdId);
    }
}

internal sealed class PlanTemplateConfiguration : IEntityTypeConfiguration<PlanTemplate>
{
    public void Configure(EntityTypeBuilder<PlanTemplate> builder)
    {
        builder.ToTable("plan_templates");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(PlanTemplate.MaxNameLength).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(Plan.MaxTextLength);
        builder.Property(t => t.Version).IsRowVersion();
        // A template is read and written whole: its goals and tasks are one JSON document.
        builder.OwnsMany(t => t.Goals, goal =>
        {
            goal.ToJson("goals");
            goal.OwnsMany(g => g.Tasks);
        });
    }
}

internal sealed class RetentionCheckConfiguration : IEntityTypeConfiguration<RetentionCheck>
{
    public void Configure(EntityTypeBuilder<RetentionCheck> builder)
    {
        builder.ToTable("retention_checks");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Comment).HasMaxLength(Plan.MaxTextLength);
        builder.Property(r => r.AnsweredBy).HasMaxLength(200);
        builder.Ignore(r => r.IsAnswered);
        builder.HasIndex(r => new { r.HouseholdId, r.MonthsAfter }).IsUnique();

        // The results dashboard reads the follow-ups due in a period.
        builder.HasIndex(r => r.DueOn);
        builder.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}
