using CaseManager.Domain.Households;
using CaseManager.Domain.Stays;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class ExploratoryStayConfiguration : IEntityTypeConfiguration<ExploratoryStay>
{
    public void Configure(EntityTypeBuilder<ExploratoryStay> builder)
    {
        builder.ToTable("stays");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.RegionCode).HasMaxLength(2).IsRequired();
        builder.Property(s => s.TransportDetails).HasMaxLength(ExploratoryStay.MaxTextLength);
        builder.Property(s => s.LodgingPlace).HasMaxLength(ExploratoryStay.MaxShortTextLength);
        builder.Property(s => s.LodgingDetails).HasMaxLength(ExploratoryStay.MaxTextLength);
        builder.Property(s => s.Notes).HasMaxLength(ExploratoryStay.MaxTextLength);
        builder.Property(s => s.CancellationReason).HasMaxLength(ExploratoryStay.MaxTextLength);
        builder.Property(s => s.CreatedById).HasMaxLength(450).IsRequired();
        builder.Property(s => s.Version).IsRowVersion();
        builder.Ignore(s => s.PeopleCount);
        builder.Ignore(s => s.Nights);
        builder.Ignore(s => s.IsOpen);
        builder.Ignore(s => s.PlannedTotal);
        builder.Ignore(s => s.ActualTotal);
        builder.HasOne<Domain.Reference.Region>().WithMany().HasForeignKey(s => s.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Partners.RegionalPartner>().WithMany().HasForeignKey(s => s.HostPartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Participants).WithOne().HasForeignKey(p => p.StayId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Agenda).WithOne().HasForeignKey(a => a.StayId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Agenda).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Expenses).WithOne().HasForeignKey(e => e.StayId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Expenses).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The stays list filters by status and dates (newest first), and a partner reads their own.
        builder.HasIndex(s => new { s.Status, s.StartOn });
        builder.HasIndex(s => s.StartOn);
        builder.HasIndex(s => s.HostPartnerId);
        // The debrief reminder looks stays up by their last day.
        builder.HasIndex(s => s.EndOn).HasFilter("status <> 'Cancelled'");
    }
}

internal sealed class StayParticipantConfiguration : IEntityTypeConfiguration<StayParticipant>
{
    public void Configure(EntityTypeBuilder<StayParticipant> builder)
    {
        builder.ToTable("stay_participants");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.AddedById).HasMaxLength(450).IsRequired();
        builder.HasIndex(p => new { p.StayId, p.HouseholdId }).IsUnique();
        builder.HasIndex(p => p.HouseholdId);
        builder.HasOne<Household>().WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.ToTable("stay_agenda_items");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Place).HasMaxLength(ExploratoryStay.MaxShortTextLength).IsRequired();
        builder.Property(a => a.With).HasMaxLength(ExploratoryStay.MaxShortTextLength);
        builder.Property(a => a.Notes).HasMaxLength(ExploratoryStay.MaxTextLength);
    }
}

internal sealed class StayExpenseConfiguration : IEntityTypeConfiguration<StayExpense>
{
    public void Configure(EntityTypeBuilder<StayExpense> builder)
    {
        builder.ToTable("stay_expenses");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Description).HasMaxLength(ExploratoryStay.MaxShortTextLength);
        builder.Property(e => e.Planned).HasPrecision(9, 2);
        builder.Property(e => e.Actual).HasPrecision(9, 2);
    }
}

internal sealed class StayDebriefConfiguration : IEntityTypeConfiguration<StayDebrief>
{
    public void Configure(EntityTypeBuilder<StayDebrief> builder)
    {
        builder.ToTable("stay_debriefs");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.JobLeads).HasMaxLength(ExploratoryStay.MaxTextLength);
        builder.Property(d => d.HousingLeads).HasMaxLength(ExploratoryStay.MaxTextLength);
        builder.Property(d => d.Comment).HasMaxLength(ExploratoryStay.MaxTextLength);
        builder.Property(d => d.RecordedById).HasMaxLength(450).IsRequired();
        builder.Property(d => d.RecordedByName).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Version).IsRowVersion();
        // One debrief per household and stay: a second is refused by the database too.
        builder.HasIndex(d => new { d.StayId, d.HouseholdId }).IsUnique();
        builder.HasIndex(d => d.HouseholdId);
        builder.HasOne<ExploratoryStay>().WithMany().HasForeignKey(d => d.StayId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Household>().WithMany().HasForeignKey(d => d.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.NextSteps).WithOne().HasForeignKey(s => s.DebriefId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.NextSteps).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DebriefNextStepConfiguration : IEntityTypeConfiguration<DebriefNextStep>
{
    public void Configure(EntityTypeBuilder<DebriefNextStep> builder)
    {
        builder.ToTable("stay_debrief_next_steps");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Text).HasMaxLength(ExploratoryStay.MaxShortTextLength).IsRequired();
        builder.HasIndex(s => s.HouseholdId);
    }
}

internal sealed class StayWaiverConfiguration : IEntityTypeConfiguration<StayWaiver>
{
    public void Configure(EntityTypeBuilder<StayWaiver> builder)
    {
        builder.ToTable("stay_waivers");
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Reason).HasMaxLength(ExploratoryStay.MaxTextLength).IsRequired();
        builder.Property(w => w.RecordedByName).HasMaxLength(200).IsRequired();
        builder.HasIndex(w => w.HouseholdId).IsUnique();
        builder.HasOne<Household>().WithMany().HasForeignKey(w => w.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}
