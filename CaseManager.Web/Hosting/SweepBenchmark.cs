using System.Diagnostics;
using CaseManager.Data;
using CaseManager.Domain.Reminders;
using CaseManager.Web.Infrastructure;
using CaseManager.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManager.Web.Hosting;

/// <summary>
/// <c>dotnet run --project CaseManager.Web -c Release -- benchmark-sweep</c>: times the reminder
/// sweep's statements (the real SQL of every rule, as configured) against the configured database,
/// first with nothing recorded yet (the first sweep after a data load), then in the steady state
/// (everything already recorded: what the hourly sweep does all day), and prints PostgreSQL's
/// EXPLAIN ANALYZE of each. Everything happens in one transaction that is rolled back: the
/// database is left as it was. Where the database has no plan tasks yet (the demo data has
/// none), the transaction first gives the active, on-hold and settled files a plan with six tasks
/// and a target date. <c>benchmark-sweep --history 1000000</c> adds that many past reminders
/// (delivered, of every kind) before the steady state, as a few years of sweeping would leave.
/// A measurement for the team's notes, never a test: fill the database first with
/// <c>seed-demo 100000</c>.
/// </summary>
public static class SweepBenchmark
{
    private const int SteadyRuns = 5;

    public static async Task RunAsync(WebApplication app, int history = 0)
    {
        var settings = app.Services.GetRequiredService<CaseManagerSettings>();
        var clock = app.Services.GetRequiredService<AppClock>();
        var today = clock.Today;
        var now = clock.Now;

        List<ReminderRule> rules;
        var factory = app.Services.GetRequiredService<IDbContextFactory<CaseManagerDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            rules = (await db.ReminderRules.AsNoTracking().Where(r => r.Enabled).ToListAsync()).OrderBy(r => r.Kind).ToList();
        }

        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        Console.WriteLine($"Today (Montréal): {today:yyyy-MM-dd}; rules enabled: {string.Join(", ", rules.Select(r => $"{r.Kind} {r.Delay}"))}");
        Console.WriteLine("Households by status: " + string.Join(", ",
            await ReadAsync(connection, "SELECT status || ' ' || count(*) FROM households GROUP BY status ORDER BY status")));
        if (await ScalarAsync(connection, "SELECT count(*) FROM plan_tasks") == 0)
        {
            var watch = Stopwatch.StartNew();
            await AddSyntheticPlansAsync(connection, today);
            Console.WriteLine($"No plan tasks in the database: added, for this run only, {await ScalarAsync(connection, "SELECT count(*) FROM plans"):N0} plans " +
                              $"and {await ScalarAsync(connection, "SELECT count(*) FROM plan_tasks"):N0} tasks ({watch.Elapsed.TotalSeconds:F1} s).");
        }

        Console.WriteLine($"Plan tasks: {await ScalarAsync(connection, "SELECT count(*) FROM plan_tasks"):N0}, open with a due date: " +
                          $"{await ScalarAsync(connection, "SELECT count(*) FROM plan_tasks WHERE status IN ('ToDo', 'InProgress') AND due_on IS NOT NULL"):N0}");
        var recorded = await ScalarAsync(connection, "SELECT count(*) FROM reminders");
        await ExecuteAsync(connection, "DELETE FROM notifications; DELETE FROM reminders; DELETE FROM retention_checks;");
        await ExecuteAsync(connection, "ANALYZE households; ANALYZE plan_tasks; ANALYZE plans; ANALYZE reminders; ANALYZE retention_checks;");
        Console.WriteLine($"Reminders already recorded: {recorded:N0} (set aside for this run)");

        Console.WriteLine();
        Console.WriteLine("== First sweep: nothing recorded yet");
        var firstTotal = 0.0;
        foreach (var rule in rules)
        {
            var statement = ReminderSweepStatements.For(rule, today, now);
            var watch = Stopwatch.StartNew();
            var rows = await ExecuteAsync(connection, statement.Sql, statement.Parameters());
            var elapsed = watch.Elapsed.TotalMilliseconds;
            firstTotal += elapsed;
            Console.WriteLine($"   {rule.Kind,-22} {elapsed,9:F1} ms  {rows,9:N0} reminders recorded");
        }

        Console.WriteLine($"   {"Total",-22} {firstTotal,9:F1} ms  {await ScalarAsync(connection, "SELECT count(*) FROM reminders"),9:N0} reminders, " +
                          $"{await ScalarAsync(connection, "SELECT count(*) FROM retention_checks"):N0} retention checks");
        if (history > 0)
        {
            var watch = Stopwatch.StartNew();
            await ExecuteAsync(connection, """
                WITH files AS (SELECT array_agg(id) AS ids FROM (SELECT id FROM households ORDER BY id LIMIT 1000) f)
                INSERT INTO reminders (id, kind, household_id, subject_id, due_on, subject_on, dedup_key, created_at, delivered_at)
                SELECT gen_random_uuid(),
                       (ARRAY['TaskDueSoon', 'TaskOverdue', 'NoContact', 'NoContactEscalation', 'TargetMoveDateSoon',
                              'HoldReviewDue', 'RetentionThreeMonths', 'RetentionSixMonths', 'RetentionTwelveMonths'])[1 + i % 9],
                       files.ids[1 + i % 1000], gen_random_uuid(), @today - 800 + (i % 730), @today - 800 + (i % 730),
                       'history:' || i, now(), now()
                FROM generate_series(1, @history) i, files;
                """, new NpgsqlParameter("today", today), new NpgsqlParameter("history", history));
            Console.WriteLine($"   Added {history:N0} past reminders ({watch.Elapsed.TotalSeconds:F1} s)");
        }

        await ExecuteAsync(connection, "ANALYZE reminders; ANALYZE retention_checks;");

        Console.WriteLine();
        Console.WriteLine($"== Steady state: everything already recorded (median of {SteadyRuns} runs; what the hourly sweep costs)");
        var steadyTotal = 0.0;
        foreach (var rule in rules)
        {
            var statement = ReminderSweepStatements.For(rule, today, now);
            var timings = new List<double>();
            for (var run = 0; run < SteadyRuns; run++)
            {
                var watch = Stopwatch.StartNew();
                var rows = await ExecuteAsync(connection, statement.Sql, statement.Parameters());
                timings.Add(watch.Elapsed.TotalMilliseconds);
                if (rows != 0)
                {
                    Console.WriteLine($"   !! {rule.Kind} recorded {rows} reminders again");
                }
            }

            timings.Sort();
            steadyTotal += timings[SteadyRuns / 2];
            Console.WriteLine($"   {rule.Kind,-22} {timings[SteadyRuns / 2],9:F1} ms");
        }

        Console.WriteLine($"   {"Total",-22} {steadyTotal,9:F1} ms");

        foreach (var (title, cold) in new[] { ("steady state", false), ("first sweep", true) })
        {
            foreach (var rule in rules)
            {
                var statement = ReminderSweepStatements.For(rule, today, now);
                await ExecuteAsync(connection, "SAVEPOINT explain");
                if (cold)
                {
                    await ExecuteAsync(connection, "DELETE FROM notifications; DELETE FROM reminders; DELETE FROM retention_checks;");
                }

                Console.WriteLine();
                Console.WriteLine($"-- {rule.Kind}, {title}: EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)");
                foreach (var line in await ReadAsync(connection, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement.Sql, statement.Parameters()))
                {
                    Console.WriteLine("   " + line);
                }

                await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT explain");
            }
        }

        await transaction.RollbackAsync();
        Console.WriteLine();
        Console.WriteLine("Rolled back: the database is as it was.");
    }

    /// <summary>
    /// A plan for each active, on-hold or settled file: one goal, six tasks due between 60 days ago
    /// and 90 days ahead (two in three still open), and for half the active files a target move date
    /// in the next four months. Deterministic (setseed).
    /// </summary>
    private static async Task AddSyntheticPlansAsync(NpgsqlConnection connection, DateOnly today)
    {
        await ExecuteAsync(connection, """
            SELECT setseed(0.42);
            CREATE TEMP TABLE synthetic_plans ON COMMIT DROP AS
            SELECT gen_random_uuid() AS plan_id, gen_random_uuid() AS goal_id, h.id AS household_id, h.status
            FROM households h
            WHERE h.status IN ('Active', 'OnHold', 'Settled');
            INSERT INTO plans (id, household_id, target_region_codes, target_move_date, created_at, updated_at)
            SELECT s.plan_id, s.household_id, '{}',
                   CASE WHEN s.status = 'Active' AND random() < 0.5 THEN @today + (random() * 120)::int END, now(), now()
            FROM synthetic_plans s;
            INSERT INTO plan_goals (id, plan_id, household_id, need_code, status, sort_order, created_at)
            SELECT s.goal_id, s.plan_id, s.household_id, 'employment', 'Open', 1, now()
            FROM synthetic_plans s;
            INSERT INTO plan_tasks (id, goal_id, household_id, title, owner, due_on, status, completed_on, created_at)
            SELECT gen_random_uuid(), x.goal_id, x.household_id, 'Tâche ' || x.n, 'Household', x.due_on,
                   CASE WHEN x.open THEN 'ToDo' ELSE 'Done' END, CASE WHEN x.open THEN NULL ELSE x.due_on END, now()
            FROM (
                -- OFFSET 0 keeps each row's draws together: one due date, one open-or-done per task.
                SELECT s.goal_id, s.household_id, n, @today - 60 + (random() * 150)::int AS due_on, random() < 0.67 AS open
                FROM synthetic_plans s
                CROSS JOIN generate_series(1, 6) n
                OFFSET 0
            ) x;
            ANALYZE plans; ANALYZE plan_goals; ANALYZE plan_tasks;
            """, new NpgsqlParameter("today", today));
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> ReadAsync(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
