using CaseManager.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

internal sealed class DatabaseMarkerConfiguration : IEntityTypeConfiguration<DatabaseMarker>
{
    public void Configure(EntityTypeBuilder<DatabaseMarker> builder)
    {
        builder.ToTable("database_markers");
        builder.HasKey(m => m.Name);
        builder.Property(m => m.Name).HasMaxLength(40);
    }
}
