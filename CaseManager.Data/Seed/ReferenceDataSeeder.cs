using System.Reflection;
using CaseManager.Data.Entities;
using CaseManager.Domain.Reference;
using CaseManager.Domain.Reminders;
using CaseManager.Domain.Resources;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Seed;

/// <summary>
/// Fills the reference lists of an empty database: regions, organizations, needs domains,
/// withdrawal reasons, immigration statuses, reminder rules and roles. A list that already has
/// rows is left as the administrators made it. Safe when two instances seed together: everything
/// is written in one transaction that first takes the schema lock
/// (<see cref="DatabaseSetup.SchemaLockKey"/>, the one migrations hold), so the second instance
/// waits for the first to commit, then finds the lists filled.
/// </summary>
public static class ReferenceDataSeeder
{
    public static async Task SeedAsync(CaseManagerDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        // A transaction-level lock: released at commit. Re-entrant when this session already holds
        // the session-level lock (the migrate command).
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({DatabaseSetup.SchemaLockKey})", cancellationToken);
        await SeedListsAsync(db, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task SeedListsAsync(CaseManagerDbContext db, CancellationToken cancellationToken)
    {
        await SeedIfEmpty(db, db.Regions, ReadRegions, cancellationToken);
        await SeedIfEmpty(db, db.Organizations, () =>
        [
            new Organization { Code = "PROMIS", Name = "PROMIS" },
            new Organization { Code = "CFIQ", Name = "Collectif des femmes immigrantes du Québec" },
            new Organization { Code = "ALPA", Name = "ALPA (Accueil Liaison Pour Arrivants)" },
        ], cancellationToken);
        await SeedIfEmpty(db, db.NeedsDomains, () => Items<NeedsDomain>(
            ("employment", "Emploi", "Employment"),
            ("spouse-employment", "Emploi du conjoint ou de la conjointe", "Spouse's employment"),
            ("credentials", "Reconnaissance des acquis et des compétences", "Credential recognition"),
            ("francisation", "Francisation", "French language learning"),
            ("housing", "Logement", "Housing"),
            ("daycare-school", "Garderie et école", "Daycare and school"),
            ("transportation", "Transport", "Transportation"),
            ("health", "Santé", "Health"),
            ("immigration-status", "Statut d'immigration", "Immigration status"),
            ("finances", "Finances", "Finances"),
            ("social-network", "Réseau social", "Social network"),
            ("business", "Projet d'entreprise", "Business project")), cancellationToken);
        await SeedIfEmpty(db, db.WithdrawalReasons, () => Items<WithdrawalReason>(
            ("job-montreal", "A trouvé un emploi à Montréal", "Found a job in Montréal"),
            ("no-job-region", "Aucun emploi ou offre retirée en région", "No job or offer withdrawn in the region"),
            ("spouse-job", "Emploi du conjoint ou de la conjointe", "Spouse's job"),
            ("children", "Scolarité ou services aux enfants", "Children's schooling or services"),
            ("housing", "Logement", "Housing"),
            ("network-montreal", "Réseau familial ou communautaire à Montréal", "Family or community network in Montréal"),
            ("immigration-status", "Statut d'immigration ou permis de travail fermé", "Immigration status or closed work permit"),
            ("language", "Langue", "Language"),
            ("health", "Santé", "Health"),
            ("transportation", "Transport", "Transportation"),
            ("credentials", "Reconnaissance des acquis", "Credential recognition"),
            ("postponed", "Projet reporté", "Project postponed"),
            ("unreachable", "Injoignable", "Unreachable"),
            ("left-quebec", "A quitté le Québec", "Left Québec"),
            ("other", "Autre", "Other")), cancellationToken);
        await SeedIfEmpty(db, db.ImmigrationStatuses, () => Items<ImmigrationStatus>(
            ("permanent-resident", "Résident(e) permanent(e)", "Permanent resident"),
            ("citizen", "Citoyen(ne) canadien(ne)", "Canadian citizen"),
            ("protected-person", "Personne protégée", "Protected person"),
            ("refugee-claimant", "Demandeur(euse) d'asile", "Refugee claimant"),
            ("open-work-permit", "Permis de travail ouvert", "Open work permit"),
            ("closed-work-permit", "Permis de travail fermé", "Employer-specific work permit"),
            ("student", "Permis d'études", "Study permit"),
            ("other", "Autre", "Other")), cancellationToken);
        await SeedIfEmpty(db, db.ResourceCategories, ResourceCategories, cancellationToken);
        // Rules are added kind by kind: a new kind of reminder gets its default rule on upgrade.
        var rules = await db.ReminderRules.Select(r => r.Kind).ToListAsync(cancellationToken);
        var missing = ReminderRule.Defaults().Where(rule => !rules.Contains(rule.Kind)).ToList();
        if (missing.Count > 0)
        {
            db.ReminderRules.AddRange(missing);
            await db.SaveChangesAsync(cancellationToken);
        }

        await SeedIfEmpty(db, db.PrivacyNotices, PrivacySeed.Notices, cancellationToken);
        // Purposes are added code by code: a new purpose (the reminders' channels) reaches an existing database.
        var purposes = await db.ConsentPurposes.Select(p => p.Code).ToListAsync(cancellationToken);
        var newPurposes = PrivacySeed.Purposes().Where(p => !purposes.Contains(p.Code)).ToList();
        if (newPurposes.Count > 0)
        {
            db.ConsentPurposes.AddRange(newPurposes);
            await db.SaveChangesAsync(cancellationToken);
        }

        // The household's reminder rules, kind by kind like the staff's.
        var householdRules = await db.HouseholdReminderRules.Select(r => r.Kind).ToListAsync(cancellationToken);
        var missingHouseholdRules = Domain.HouseholdReminders.HouseholdReminderRule.Defaults().Where(r => !householdRules.Contains(r.Kind)).ToList();
        if (missingHouseholdRules.Count > 0)
        {
            db.HouseholdReminderRules.AddRange(missingHouseholdRules);
            await db.SaveChangesAsync(cancellationToken);
        }
        await SeedIfEmpty(db, db.RetentionRules, () => [.. Domain.Privacy.RetentionRule.Defaults()], cancellationToken);
        await SeedIfEmpty(db, db.SubsidyRuleSets, SubsidySeed.RuleSets, cancellationToken);
        await SeedIfEmpty(db, db.Roles, () => Roles.All
            .Select(role => new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = role })
            .ToArray(), cancellationToken);
    }

    /// <summary>The 17 administrative regions, from the copy of shared/data/regions.csv embedded in this assembly.</summary>
    public static Region[] ReadRegions()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CaseManager.Data.Seed.regions.csv")
            ?? throw new InvalidOperationException("The regions file is not embedded.");
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { Separator = ',' });
        var regions = new List<Region>();
        while (csv.Read())
        {
            regions.Add(new Region
            {
                Code = csv.GetString("code"),
                NameFr = csv.GetString("name_fr"),
                NameEn = csv.GetString("name_en"),
                IsHostRegion = csv.Parse<bool>("host_region"),
            });
        }

        return [.. regions];
    }

    /// <summary>The kinds of regional resources and the needs domains each serves (what the suggestions match on).</summary>
    public static ResourceCategory[] ResourceCategories() =>
    [
        Category("employment", "Emploi", "Employment", 10, "employment", "spouse-employment"),
        Category("housing", "Logement", "Housing", 20, "housing"),
        Category("francisation", "Francisation", "French language learning", 30, "francisation"),
        Category("childcare-school", "Garderie et école", "Childcare and school", 40, "daycare-school"),
        Category("health", "Santé", "Health", 50, "health"),
        Category("transportation", "Transport", "Transportation", 60, "transportation"),
        Category("community", "Vie communautaire et réseaux", "Community and networks", 70, "social-network", "immigration-status", "finances"),
        Category("business", "Entrepreneuriat", "Business", 80, "business", "finances"),
        Category("credentials", "Reconnaissance des acquis", "Credential recognition", 90, "credentials", "employment"),
    ];

    private static ResourceCategory Category(string code, string fr, string en, int order, params string[] needs) =>
        new() { Code = code, NameFr = fr, NameEn = en, SortOrder = order, NeedCodes = [.. needs] };

    private static T[] Items<T>(params (string Code, string Fr, string En)[] items)
        where T : CodedItem, new() =>
        items.Select((item, index) => new T { Code = item.Code, NameFr = item.Fr, NameEn = item.En, SortOrder = (index + 1) * 10 }).ToArray();

    private static async Task SeedIfEmpty<T>(CaseManagerDbContext db, DbSet<T> set, Func<T[]> items, CancellationToken cancellationToken)
        where T : class
    {
        if (await set.AnyAsync(cancellationToken))
        {
            return;
        }

        set.AddRange(items());
        await db.SaveChangesAsync(cancellationToken);
    }
}
