using CaseManager.Domain.Plans;
using CaseManager.Domain.Reference;
using CaseManager.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace CaseManager.Data.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    /// <summary>The shadow property of the stored tsvector the directory's search reads.</summary>
    public const string SearchVector = "SearchVector";

    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        builder.ToTable("resources");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(Resource.MaxNameLength).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(Resource.MaxTextLength);
        builder.Property(r => r.Eligibility).HasMaxLength(Resource.MaxTextLength);
        builder.Property(r => r.CategoryCode).HasMaxLength(40).IsRequired();
        builder.Property(r => r.RegionCode).HasMaxLength(10).IsRequired();
        builder.Property(r => r.Municipality).HasMaxLength(Resource.MaxShortTextLength);
        builder.Property(r => r.ContactName).HasMaxLength(Resource.MaxShortTextLength);
        builder.Property(r => r.Email).HasMaxLength(254);
        builder.Property(r => r.Phone).HasMaxLength(40);
        builder.Property(r => r.Website).HasMaxLength(Resource.MaxWebsiteLength);
        builder.Property(r => r.LanguageCodes).HasColumnType("text[]");
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasOne<Region>().WithMany().HasForeignKey(r => r.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ResourceCategory>().WithMany().HasForeignKey(r => r.CategoryCode).OnDelete(DeleteBehavior.Restrict);

        // French full text that ignores accents and case and matches word forms (cm_french, see
        // the ResourceDirectory migration): the name weighs most (A), the municipality next (B),
        // the description and who is eligible last (C).
        builder.Property<NpgsqlTsVector>(SearchVector)
            .HasColumnType("tsvector")
            .HasComputedColumnSql(
                "setweight(to_tsvector('public.cm_french'::regconfig, name), 'A') || " +
                "setweight(to_tsvector('public.cm_french'::regconfig, coalesce(municipality, '')), 'B') || " +
                "setweight(to_tsvector('public.cm_french'::regconfig, coalesce(description, '') || ' ' || coalesce(eligibility, '')), 'C')",
                stored: true);
        builder.HasIndex(SearchVector).HasMethod("gin");

        // The directory's filters and the suggestions: active resources of a region and category.
        builder.HasIndex(r => new { r.RegionCode, r.CategoryCode }).HasFilter("is_active");
        builder.HasIndex(r => r.Name);
        // The verification reminder: active resources by the day they were last checked.
        builder.HasIndex(r => r.LastVerifiedOn).HasFilter("is_active");
    }
}

internal sealed class ResourceCategoryConfiguration : IEntityTypeConfiguration<ResourceCategory>
{
    public void Configure(EntityTypeBuilder<ResourceCategory> builder)
    {
        builder.ToTable("resource_categories");
        builder.HasKey(i => i.Code);
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.Property(i => i.NameFr).HasMaxLength(200).IsRequired();
        builder.Property(i => i.NameEn).HasMaxLength(200).IsRequired();
        builder.Property(i => i.NeedCodes).HasColumnType("text[]");
    }
}

/// <summary>A plan task may point to a resource of the directory (kept apart from the plan's configuration so merges stay easy).</summary>
internal sealed class PlanTaskResourceConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> builder)
    {
        builder.HasOne<Resource>().WithMany().HasForeignKey(t => t.ResourceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(t => t.ResourceId);
    }
}

/// <summary>The stored tsvector of the resources, a shadow property: <c>EF.Property&lt;NpgsqlTsVector&gt;(r, ResourceSearchColumn.Name)</c>.</summary>
public static class ResourceSearchColumn
{
    public const string Name = ResourceConfiguration.SearchVector;
}
