using System.Globalization;
using CaseManager.Data.Entities;
using CaseManager.Domain.Assignment;
using CaseManager.Domain.Common;
using CaseManager.Domain.Households;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Data.Demo;

/// <summary>How much demo data to make, and from which seed (the same seed gives the same data).</summary>
public sealed record DemoOptions(int Households = 2000, int Seed = 20260401);

/// <summary>What the database holds once the demo data is there.</summary>
public sealed record DemoSummary(int Users, int Households, int JournalEntries);

/// <summary>
/// Fills an empty database with demo users and households for the demonstration and for
/// benchmarks. Households are made through the domain (<see cref="Household.Open"/>, then the
/// workflow's moves, contacts and notes), dated in the past so their histories read true; those
/// that reached the plan stage get their personalized plan, and three plan templates are added;
/// each fiscal year the files cover has its settlement targets.
/// Sign-ins (password <see cref="Password"/>): intervenant@demo.local (a counsellor with files),
/// superviseur@demo.local, partenaire@demo.local, admin@demo.local, vie-privee@demo.local; the
/// other users are prenom.nom@demo.local. Household emails use the reserved example.com/.net/.org
/// domains, so nothing sent from a demo can reach a real person.
/// </summary>
public static class DemoData
{
    /// <summary>The password of every demo user.</summary>
    public const string Password = "Demo123!";

    /// <summary>A counsellor with files.</summary>
    public const string CounsellorEmail = DemoUsers.CounsellorEmail;

    public const string SupervisorEmail = DemoUsers.SupervisorEmail;
    public const string PartnerEmail = DemoUsers.PartnerEmail;
    public const string AdminEmail = DemoUsers.AdminEmail;
    public const string PrivacyOfficerEmail = DemoUsers.PrivacyOfficerEmail;

    /// <summary>Who the audit says inserted the demo files.</summary>
    public static readonly Actor Generator = new("demo-data", "Données de démonstration");

    private const int BatchSize = 1000;

    /// <summary>Serializes two generators started at once (two instances of the application starting together).</summary>
    private const long AdvisoryLockKey = 0x434D_4445_4D4F;

    /// <summary>
    /// Generates the demo data unless the database already has households, in which case it only
    /// adds the areas that have none yet (a demo database made by an older version) and returns
    /// what it found. The reference data must be seeded first
    /// (<see cref="Seed.ReferenceDataSeeder.SeedAsync"/>). Everything is written in one
    /// transaction, so a failed run leaves nothing behind. The change tracker of
    /// <paramref name="db"/> is cleared, and the context is left acting as <see cref="Generator"/>:
    /// dispose it afterwards.
    /// </summary>
    /// <param name="now">The present: files are dated before it, review dates after it.</param>
    public static async Task<DemoSummary> GenerateAsync(
        CaseManagerDbContext db, DemoOptions options, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Households);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(() => GenerateInTransactionAsync(db, options, now.ToUniversalTime(), cancellationToken));
    }

    private static async Task<DemoSummary> GenerateInTransactionAsync(
        CaseManagerDbContext db, DemoOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var autoDetectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
        await using var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            var today = ProgramCalendar.DayOf(now);
            if (await db.Households.AnyAsync(cancellationToken))
            {
                // A demo database made before an area existed gets that area's demo data at the next
                // start; each area writes only when it has nothing yet.
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.ActingAs(new ActionContext(Generator, now, today));
                await DemoPartners.EnsureAsync(db, cancellationToken);
                await DemoResources.EnsureAsync(db, new Random(options.Seed + 7), now, today, cancellationToken);
                await DemoSessions.EnsureAsync(db, now, today, cancellationToken);
                await DemoStays.EnsureAsync(db, now, today, options.Seed, cancellationToken);
                await DemoSubsidies.EnsureAsync(db, today, cancellationToken);
                await DemoRetention.EnsureAsync(db, now, today, options.Seed, cancellationToken);
                await DemoTargets.EnsureAsync(db, today, cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return await CountAsync(db, cancellationToken);
            }

            var references = await DemoReferences.LoadAsync(db, cancellationToken);
            var windowStart = new FiscalYear(FiscalYear.Of(today.AddMonths(-30)).StartYear).FirstDay;

            // Entities are added whole, after the domain has built them: nothing to detect.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var counsellors = await DemoUsers.EnsureAsync(
                db, references, new Random(options.Seed), ProgramCalendar.At(windowStart.AddDays(-45), new TimeOnly(9, 0)), cancellationToken);

            await DemoTemplates.EnsureAsync(db, references, cancellationToken);
            await DemoPartners.EnsureAsync(db, cancellationToken);
            await DemoResources.EnsureAsync(db, new Random(options.Seed + 7), now, today, cancellationToken);
            var plans = DemoPlanner.Plan(options, now, today, windowStart);
            var builder = new DemoHouseholdBuilder(references, now, today);
            var planBuilder = new DemoPlanBuilder(references, now, today);
            var lastNumbers = new SortedDictionary<int, int>();
            db.ActingAs(new ActionContext(Generator, now, today));
            for (var start = 0; start < plans.Count; start += BatchSize)
            {
                var journal = new List<JournalEntry>();
                var assignments = new List<AssignmentRecord>();
                var personalizedPlans = new List<Domain.Plans.Plan>();
                foreach (var plan in plans.Skip(start).Take(BatchSize))
                {
                    var fiscalYear = FiscalYear.Of(ProgramCalendar.DayOf(plan.OpenedAt));
                    var number = lastNumbers.GetValueOrDefault(fiscalYear.StartYear) + 1;
                    lastNumbers[fiscalYear.StartYear] = number;
                    var fileNumber = FileNumbers.Format(fiscalYear, number);
                    var (household, entries) = builder.Build(plan, fileNumber, counsellors[plan.Order % counsellors.Count]);
                    db.Households.Add(household);
                    if (household.AssignedCounsellorId is { } assigned)
                    {
                        // The file's first assignment, as the history shows it.
                        assignments.Add(AssignmentRecord.Manual(household.Id, null, assigned, household.OrganizationId, AssignmentReason.Initial, null, null,
                            new ActionContext(Generator, household.CreatedAt, ProgramCalendar.DayOf(household.CreatedAt))));
                    }

                    journal.AddRange(entries);
                    if (planBuilder.Build(household, plan, counsellors[plan.Order % counsellors.Count]) is { } personalizedPlan)
                    {
                        personalizedPlans.Add(personalizedPlan);
                    }
                }

                // The files go through SaveChanges and so through the audit (one "Added" row each);
                // their journals, which the audit skips for a new file, are copied in bulk.
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await BulkCopy.WriteAsync(db, journal, cancellationToken);
                await BulkCopy.WriteAsync(db, assignments, cancellationToken);
                await WritePlansAsync(db, personalizedPlans, cancellationToken);
            }

            await SetCountersAsync(db, lastNumbers, cancellationToken);
            await DemoSessions.EnsureAsync(db, now, today, cancellationToken);
            await DemoStays.EnsureAsync(db, now, today, options.Seed, cancellationToken);
            await DemoSubsidies.EnsureAsync(db, today, cancellationToken);
            await DemoRetention.EnsureAsync(db, now, today, options.Seed, cancellationToken);
            await DemoTargets.EnsureAsync(db, today, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetectChanges;
            db.ChangeTracker.Clear();
        }

        return await CountAsync(db, cancellationToken);
    }

    /// <summary>The plans of new files, in bulk like their journals (the audit skips a new file's parts).</summary>
    private static async Task WritePlansAsync(CaseManagerDbContext db, List<Domain.Plans.Plan> plans, CancellationToken cancellationToken)
    {
        await BulkCopy.WriteAsync(db, plans, cancellationToken);
        await BulkCopy.WriteAsync(db, plans.SelectMany(p => p.Goals).ToList(), cancellationToken);
        await BulkCopy.WriteAsync(db, plans.SelectMany(p => p.Tasks).ToList(), cancellationToken);
        await BulkCopy.WriteAsync(db, plans.SelectMany(p => p.Milestones).ToList(), cancellationToken);
    }

    /// <summary>New files continue each fiscal year's sequence; a counter never goes back.</summary>
    private static async Task SetCountersAsync(CaseManagerDbContext db, SortedDictionary<int, int> lastNumbers, CancellationToken cancellationToken)
    {
        var counters = await db.FileNumberCounters.ToDictionaryAsync(c => c.FiscalYear, cancellationToken);
        foreach (var (fiscalYear, lastNumber) in lastNumbers)
        {
            if (counters.TryGetValue(fiscalYear, out var counter))
            {
                counter.LastNumber = Math.Max(counter.LastNumber, lastNumber);
            }
            else
            {
                db.FileNumberCounters.Add(new FileNumberCounter { FiscalYear = fiscalYear, LastNumber = lastNumber });
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<DemoSummary> CountAsync(CaseManagerDbContext db, CancellationToken cancellationToken) => new(
        await db.Users.CountAsync(cancellationToken),
        await db.Households.CountAsync(cancellationToken),
        await db.JournalEntries.CountAsync(cancellationToken));
}
