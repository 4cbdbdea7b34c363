using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class InfoSessionConfiguration : IEntityTypeConfiguration<InfoSession>
{
    public void Configure(EntityTypeBuilder<InfoSession> builder)
    {
        builder.ToTable("info_sessions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Title).HasMaxLength(InfoSession.MaxTitleLength).IsRequired();
        builder.Property(s => s.Address).HasMaxLength(InfoSession.MaxTextLength);
        builder.Property(s => s.OnlineLink).HasMaxLength(InfoSession.MaxTextLength);
        builder.Property(s => s.CancellationReason).HasMaxLength(InfoSession.MaxTextLength);
        builder.Property(s => s.Language).HasMaxLength(10).IsRequired();
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        builder.Property(s => s.RegionCodes).HasColumnType("text[]");
        builder.Property(s => s.PartnerIds).HasColumnType("uuid[]");
        builder.Property(s => s.Version).IsRowVersion();
        builder.Ignore(s => s.EndsAt);
        builder.Ignore(s => s.SeatsTaken);
        builder.Ignore(s => s.SeatsLeft);
        builder.Ignore(s => s.WaitingList);
        builder.HasMany(s => s.Registrations).WithOne().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Registrations).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The list and the calendar read sessions by date; a partner's by its id among the partners.
        builder.HasIndex(s => s.StartsAt);
        builder.HasIndex(s => s.PartnerIds).HasMethod("gin");
        builder.HasIndex(s => s.RegionCodes).HasMethod("gin");
    }
}

internal sealed class SessionRegistrationConfiguration : IEntityTypeConfiguration<SessionRegistration>
{
    public void Configure(EntityTypeBuilder<SessionRegistration> builder)
    {
        builder.ToTable("session_registrations");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RegisteredBy).HasMaxLength(200);
        builder.Property(r => r.AttendanceRecordedBy).HasMaxLength(200);
        builder.Property(r => r.RecordedAfterwards).HasDefaultValue(false);
        builder.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        // One live registration (a seat or the waiting list) per household and session, whatever the race.
        builder.HasIndex(r => new { r.SessionId, r.HouseholdId }).IsUnique().HasFilter("status <> 'Cancelled'")
            .HasDatabaseName("ix_session_registrations_live");
        builder.HasIndex(r => r.HouseholdId);
    }
}

internal sealed class ExternalSessionAttendanceConfiguration : IEntityTypeConfiguration<ExternalSessionAttendance>
{
    public void Configure(EntityTypeBuilder<ExternalSessionAttendance> builder)
    {
        builder.ToTable("external_session_attendances");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.OrganizerName).HasMaxLength(ExternalSessionAttendance.MaxOrganizerLength).IsRequired();
        builder.Property(a => a.RegionCode).HasMaxLength(2).IsRequired();
        builder.Property(a => a.RecordedByName).HasMaxLength(200).IsRequired();
        builder.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Reference.Region>().WithMany().HasForeignKey(a => a.RegionCode).OnDelete(DeleteBehavior.Restrict);
        // A partner leaving the directory leaves the record (its name stays as the organizer's).
        builder.HasOne<Domain.Partners.RegionalPartner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => a.HouseholdId);
    }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> builder)
    {
        builder.ToTable("calendar_feed_tokens");
        builder.HasKey(t => t.UserId);
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.EndReason).HasMaxLength(UserSessionEndReasons.MaxLength);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
