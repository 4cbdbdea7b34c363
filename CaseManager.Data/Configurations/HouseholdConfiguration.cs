using CaseManager.Data.Entities;
using CaseManager.Domain.Households;
using CaseManager.Domain.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManager.Data.Configurations;

/// <summary>The caseload's stored sort columns, shadow properties of the households: <c>EF.Property&lt;int&gt;(h, HouseholdSortColumns.StageOrder)</c>.</summary>
public static class HouseholdSortColumns
{
    /// <summary>A file's stage as its place in the program (1 to 5).</summary>
    public const string StageOrder = "StageOrder";

    /// <summary>The last contact, or 0001-01-01 for a file never contacted (which then sorts first).</summary>
    public const string ContactOrder = "ContactOrder";
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    /// <summary>
    /// The caseload search text: names, file number, email and phone (also as digits only), in
    /// lower case without accents, so "cote" finds "Côté" and "5145550123" finds "514 555-0123".
    /// </summary>
    public const string SearchTextSql =
        "cm_unaccent(lower(" +
        "file_number || ' ' || primary_applicant_first_name || ' ' || primary_applicant_last_name || ' ' || " +
        "coalesce(spouse_first_name, '') || ' ' || coalesce(spouse_last_name, '') || ' ' || " +
        "coalesce(contact_email, '') || ' ' || coalesce(contact_phone, '') || ' ' || " +
        "regexp_replace(coalesce(contact_phone, ''), '[^0-9]', '', 'g')))";

    /// <summary>
    /// The day a file's quiet period started: its last contact, or the day it was opened (in
    /// Montréal) if the household was never reached. The no-contact reminders count from it.
    /// </summary>
    public const string QuietSinceSql = "coalesce(last_contact_on, (created_at AT TIME ZONE 'America/Montreal')::date)";

    private const string StageOrder = HouseholdSortColumns.StageOrder;
    private const string ContactOrder = HouseholdSortColumns.ContactOrder;

    /// <summary>Stages are stored by name; their place in the program, for the caseload's sort and its indexes.</summary>
    public static readonly string StageOrderSql =
        "CASE stage " + string.Join(" ", Stages.InOrder.Select((stage, i) => $"WHEN '{stage}' THEN {i + 1}")) + " END";

    /// <summary>The last contact, or the earliest date of all for a file never reached (so they sort first, from an index).</summary>
    public const string ContactOrderSql = "coalesce(last_contact_on, '0001-01-01'::date)";

    public void Configure(EntityTypeBuilder<Household> builder)
    {
        builder.ToTable("households");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.FileNumber).HasMaxLength(20).IsRequired();
        // Unique; with the status and id beside it, the caseload's sort by file number reads its page from it alone.
        builder.HasIndex(h => h.FileNumber).IsUnique().IncludeProperties(h => new { h.Status, h.Id });
        builder.Property(h => h.Version).IsRowVersion();

        builder.OwnsOne(h => h.PrimaryApplicant, person => ConfigurePerson(person));
        builder.Navigation(h => h.PrimaryApplicant).IsRequired();
        builder.OwnsOne(h => h.Spouse, person => ConfigurePerson(person));
        builder.OwnsOne(h => h.Contact, contact =>
        {
            contact.Property(c => c.Email).HasMaxLength(254);
            contact.Property(c => c.Phone).HasMaxLength(30);
            contact.Property(c => c.Address).HasMaxLength(300);
            contact.Property(c => c.Borough).HasMaxLength(120);
            contact.HasIndex(c => c.Email);
            contact.HasIndex(c => c.Phone);
        });
        builder.Navigation(h => h.Contact).IsRequired();
        builder.OwnsOne(h => h.Settlement, settlement =>
        {
            settlement.Property(s => s.RegionCode).HasMaxLength(2);
            settlement.Property(s => s.Municipality).HasMaxLength(120);

            // The results dashboard counts settlements by day.
            settlement.HasIndex(s => s.SettledOn);
        });
        builder.OwnsMany(h => h.Children, child =>
        {
            child.ToTable("household_children");
            child.WithOwner().HasForeignKey("HouseholdId");
            child.HasKey(c => c.Id);
            child.Property(c => c.Id).ValueGeneratedNever();
            child.Property(c => c.FirstName).HasMaxLength(100).IsRequired();
        });
        builder.Navigation(h => h.Children).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasMany(h => h.History).WithOne().HasForeignKey(t => t.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(h => h.History).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.Property(h => h.Languages).HasColumnType("text[]");
        builder.Property(h => h.PreferredRegionCodes).HasColumnType("text[]");
        builder.Property(h => h.NeedCodes).HasColumnType("text[]");
        builder.Property(h => h.ImmigrationStatusCode).HasMaxLength(40);
        builder.Property(h => h.WithdrawalReasonCode).HasMaxLength(40);
        builder.Property(h => h.AssignedCounsellorId).HasMaxLength(450);

        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(h => h.AssignedCounsellorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Restrict);

        builder.Property<string>("SearchText").HasComputedColumnSql(SearchTextSql, stored: true);
        builder.HasIndex("SearchText").HasMethod("gin").HasOperators("gin_trgm_ops");

        // The caseload: a counsellor's files by status and stage, and the sort columns.
        builder.HasIndex(h => new { h.AssignedCounsellorId, h.Status, h.Stage });
        builder.HasIndex(h => new { h.Status, h.Stage });
        builder.HasIndex(h => h.PreferredRegionCodes).HasMethod("gin");

        // Every sort the caseload offers reads its page from an index, in both directions (a page
        // past the middle is read from the other end): the sort keys, then the file number, which
        // makes the order total; the status and the id beside them, so a page's ids come from the
        // index alone (the rows shown are read afterwards). Names sort descending from the first
        // index too (the file number of equal names is then sorted in the few rows that share them).
        builder.Property<int>(StageOrder).HasComputedColumnSql(StageOrderSql, stored: true);
        builder.Property<DateOnly>(ContactOrder).HasComputedColumnSql(ContactOrderSql, stored: true);
        string[] beside = [nameof(Household.Status), nameof(Household.Id)];
        builder.HasIndex([nameof(Household.CreatedAt), nameof(Household.FileNumber)], "ix_households_caseload_opened")
            .HasDatabaseName("ix_households_caseload_opened").IncludeProperties(beside);
        builder.HasIndex([StageOrder, nameof(Household.FileNumber)], "ix_households_caseload_stage")
            .HasDatabaseName("ix_households_caseload_stage").IncludeProperties(beside);
        builder.HasIndex([StageOrder, nameof(Household.FileNumber)], "ix_households_caseload_stage_desc")
            .HasDatabaseName("ix_households_caseload_stage_desc").IsDescending(true, false).IncludeProperties(beside);
        builder.HasIndex([ContactOrder, nameof(Household.FileNumber)], "ix_households_caseload_contact")
            .HasDatabaseName("ix_households_caseload_contact").IncludeProperties(beside);
        // Also the "needs attention" filter's range on the last contact.
        builder.HasIndex([nameof(Household.LastContactOn), nameof(Household.FileNumber)], "ix_households_caseload_contact_desc")
            .HasDatabaseName("ix_households_caseload_contact_desc").IsDescending(true, false).IncludeProperties(beside);

        // The results dashboard joins each period's rows to the files in scope: this narrow index
        // answers "not merged, which organization, which counsellor, open or not" without the wide rows.
        builder.HasIndex(h => h.Id).HasFilter("merged_into_id IS NULL")
            .IncludeProperties(h => new { h.OrganizationId, h.AssignedCounsellorId, h.Status })
            .HasDatabaseName("ix_households_report_scope");

        // The no-contact reminders: active files by the day their quiet period started.
        builder.Property<DateOnly>("QuietSince").HasComputedColumnSql(QuietSinceSql, stored: true);
        builder.HasIndex("QuietSince").HasFilter("status = 'Active'").HasDatabaseName("ix_households_active_quiet_since");
    }

    private static void ConfigurePerson<TOwner>(OwnedNavigationBuilder<TOwner, Person> person)
        where TOwner : class
    {
        person.Property(p => p.FirstName).HasMaxLength(100).IsRequired();
        person.Property(p => p.LastName).HasMaxLength(100).IsRequired();
        person.Property(p => p.Occupation).HasMaxLength(200);
        person.Ignore(p => p.FullName);

        // The caseload's sort by name has its own index (names, file number, status, id), made by
        // the CaseloadSortIndexes migration in SQL: an owned type's index cannot name its owner's columns.
    }
}

internal sealed class StageTransitionConfiguration : IEntityTypeConfiguration<StageTransition>
{
    public void Configure(EntityTypeBuilder<StageTransition> builder)
    {
        builder.ToTable("stage_transitions");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.ReasonCode).HasMaxLength(40);
        builder.Property(t => t.Comment).HasMaxLength(2000);
        builder.Property(t => t.ActorId).HasMaxLength(450);
        builder.Property(t => t.ActorName).HasMaxLength(200);

        // A file's history in order; the results dashboard's stage stays (the next move of each) read
        // it from the index alone, already sorted, instead of sorting the moves of every file.
        builder.HasIndex(t => new { t.HouseholdId, t.OccurredAt, t.Id }).IncludeProperties(t => new { t.Kind, t.ToStage });

        // The results dashboard reads a period's moves (stages reached, stays ended) from the index alone.
        builder.HasIndex(t => new { t.OccurredAt, t.Kind }).IncludeProperties(t => new { t.HouseholdId, t.ToStage });

        // …and a period's withdrawals (a few percent of the moves) from a small index of their own.
        builder.HasIndex(t => t.OccurredAt).HasFilter("kind = 'Withdraw'")
            .IncludeProperties(t => new { t.HouseholdId, t.ReasonCode, t.ToStage })
            .HasDatabaseName("ix_stage_transitions_withdrawals");
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("journal_entries");
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.Text).HasMaxLength(JournalEntry.MaxTextLength).IsRequired();
        builder.Property(j => j.AuthorId).HasMaxLength(450);
        builder.Property(j => j.AuthorName).HasMaxLength(200);
        builder.HasOne<Household>().WithMany().HasForeignKey(j => j.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(j => new { j.HouseholdId, j.OccurredAt });
    }
}
