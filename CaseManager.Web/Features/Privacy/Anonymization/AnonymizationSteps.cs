using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.Features.Privacy.Anonymization;

/// <summary>What replaces a destroyed free text that cannot be empty.</summary>
internal static class Scrub
{
    public const string Marker = "[anonymisé]";

    /// <summary>Replaces every known personal value in <paramref name="column"/> of the rows <paramref name="where"/> selects.</summary>
    public static async Task ReplaceValuesAsync(AnonymizationBatch batch, string table, string[] columns, string where, CancellationToken cancellationToken)
    {
        foreach (var value in batch.AllValues)
        {
            foreach (var form in Forms(value))
            {
                var sets = string.Join(", ", columns.Select(c => $"{c} = replace({c}, @p0, '{Marker}')"));
                var matches = string.Join(" OR ", columns.Select(c => $"strpos({c}, @p0) > 0"));
#pragma warning disable EF1002 // table, columns and condition are constants of this file; the value is a parameter.
                object[] parameters = where.Contains("@ids", StringComparison.Ordinal)
                    ? [new Npgsql.NpgsqlParameter("p0", form), new Npgsql.NpgsqlParameter("ids", batch.HouseholdIds)]
                    : [new Npgsql.NpgsqlParameter("p0", form)];
                await batch.Db.Database.ExecuteSqlRawAsync(
                    $"UPDATE {table} SET {sets} WHERE ({matches}) AND ({where})", parameters, cancellationToken);
#pragma warning restore EF1002
            }
        }
    }

    /// <summary>The value as written in text and as HTML encodes it.</summary>
    private static IEnumerable<string> Forms(string value)
    {
        yield return value;
        var encoded = System.Net.WebUtility.HtmlEncode(value);
        if (encoded != value)
        {
            yield return encoded;
        }
    }
}

internal sealed class RemindersStep : IAnonymizationStep
{
    public int Order => 10;
    public string Area => "Reminders";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.HouseholdIds;
        await batch.Db.Database.ExecuteSqlAsync($"DELETE FROM notifications WHERE household_id = ANY({ids})", cancellationToken);
        await batch.Db.Database.ExecuteSqlAsync($"DELETE FROM reminders WHERE household_id = ANY({ids})", cancellationToken);
    }
}

/// <summary>Emails to the person are deleted; emails to staff lose every personal value they quote.</summary>
internal sealed class OutboxStep : IAnonymizationStep
{
    public int Order => 20;
    public string Area => "Outbox";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var emails = batch.Emails;
        await batch.Db.Database.ExecuteSqlAsync($"DELETE FROM outgoing_emails WHERE lower(to_address) = ANY({emails})", cancellationToken);
        await Scrub.ReplaceValuesAsync(batch, "outgoing_emails", ["subject", "text_body", "html_body", "last_error"], "true", cancellationToken);
    }
}

internal sealed class JournalStep : IAnonymizationStep
{
    public int Order => 30;
    public string Area => "Journal";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.HouseholdIds;
        // The entries stay (how many contacts, when, by which channel); their text goes.
        await batch.Db.Database.ExecuteSqlAsync($"UPDATE journal_entries SET text = {Scrub.Marker} WHERE household_id = ANY({ids})", cancellationToken);
        await batch.Db.Database.ExecuteSqlAsync($"UPDATE stage_transitions SET comment = NULL WHERE household_id = ANY({ids})", cancellationToken);
        await batch.Db.Database.ExecuteSqlAsync($"UPDATE retention_checks SET comment = NULL WHERE household_id = ANY({ids})", cancellationToken);
        await batch.Db.Database.ExecuteSqlAsync($"UPDATE assignments SET note = NULL WHERE household_id = ANY({ids})", cancellationToken);
        // Another file's history may name this one (a merge names the file kept).
        await Scrub.ReplaceValuesAsync(batch, "stage_transitions", ["comment"], "true", cancellationToken);
    }
}

internal sealed class PlanStep : IAnonymizationStep
{
    public int Order => 40;
    public string Area => "Plans";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.HouseholdIds;
        var db = batch.Db.Database;
        await db.ExecuteSqlAsync($"UPDATE plans SET agreed_with = NULL, agreement_recorded_by = NULL WHERE household_id = ANY({ids})", cancellationToken);
        await db.ExecuteSqlAsync($"UPDATE plan_goals SET description = NULL WHERE household_id = ANY({ids})", cancellationToken);
        await db.ExecuteSqlAsync($"UPDATE plan_tasks SET title = {Scrub.Marker}, comment = NULL WHERE household_id = ANY({ids})", cancellationToken);
        await db.ExecuteSqlAsync($"UPDATE plan_milestones SET title = {Scrub.Marker} WHERE household_id = ANY({ids})", cancellationToken);
    }
}

internal sealed class StayStep : IAnonymizationStep
{
    public int Order => 50;
    public string Area => "Stays";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.HouseholdIds;
        var db = batch.Db.Database;
        // The interest score stays (a statistic); the leads and comments go.
        await db.ExecuteSqlAsync($"UPDATE stay_debriefs SET job_leads = NULL, housing_leads = NULL, comment = NULL WHERE household_id = ANY({ids})", cancellationToken);
        await db.ExecuteSqlAsync($"UPDATE stay_debrief_next_steps SET text = {Scrub.Marker} WHERE household_id = ANY({ids})", cancellationToken);
        await db.ExecuteSqlAsync($"UPDATE stay_waivers SET reason = {Scrub.Marker} WHERE household_id = ANY({ids})", cancellationToken);
        // A stay's own notes (shared by its participants) may name the household.
        await Scrub.ReplaceValuesAsync(batch, "stays", ["notes", "transport_details", "lodging_details"],
            "id IN (SELECT stay_id FROM stay_participants WHERE household_id = ANY(@ids))", cancellationToken);
        await Scrub.ReplaceValuesAsync(batch, "stay_agenda_items", ["notes", "\"with\"", "place"],
            "stay_id IN (SELECT stay_id FROM stay_participants WHERE household_id = ANY(@ids))", cancellationToken);
    }
}

/// <summary>
/// The moving subsidy: the documents' bytes are deleted and their file names destroyed (their type and
/// size stay: which proofs were given); the applications keep what the reports count (status, destination
/// region, planned move, submission, decision and payment dates, household size, amounts estimated,
/// computed, approved and paid, the refusal reason, the rule set, each criterion's outcome and reason
/// code) and lose the municipality, the explanation, every free text of the review (information request,
/// amount reason, decision comment, withdrawal reason), the payment reference and the criteria's
/// arguments (the person's immigration status, move date…). The status history keeps who moved what
/// when, without its comments. Staff names stay, as in the other areas.
/// </summary>
internal sealed class SubsidyStep : IAnonymizationStep
{
    public int Order => 55;
    public string Area => "Subsidies";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.HouseholdIds;
        var db = batch.Db.Database;
        await db.ExecuteSqlAsync($"""
            DELETE FROM subsidy_document_contents WHERE document_id IN (SELECT id FROM subsidy_documents WHERE household_id = ANY({ids}))
            """, cancellationToken);
        await db.ExecuteSqlAsync($"UPDATE subsidy_documents SET file_name = {Scrub.Marker} WHERE household_id = ANY({ids})", cancellationToken);
        await db.ExecuteSqlAsync($"""
            UPDATE subsidy_applications SET
                destination_municipality = NULL, explanation = NULL, information_request = NULL, amount_reason = NULL,
                decision_comment = NULL, payment_reference = NULL, withdrawal_reason = NULL,
                evaluation = CASE WHEN evaluation IS NULL THEN NULL ELSE coalesce(
                    (SELECT jsonb_agg(jsonb_set(e, ARRAY['Arguments'], '[]'::jsonb) ORDER BY n) FROM jsonb_array_elements(evaluation) WITH ORDINALITY AS r(e, n)),
                    '[]'::jsonb) END
            WHERE household_id = ANY({ids})
            """, cancellationToken);
        await db.ExecuteSqlAsync($"UPDATE subsidy_status_changes SET comment = NULL WHERE household_id = ANY({ids})", cancellationToken);
    }
}

/// <summary>Registration (its reference, how they heard of us), consents (the withdrawal note), duplicate flags.</summary>
internal sealed class IntakeStep : IAnonymizationStep
{
    public int Order => 60;
    public string Area => "Intake";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.HouseholdIds;
        var db = batch.Db.Database;
        await db.ExecuteSqlAsync($"""
            UPDATE registrations SET heard_from_detail = NULL, idempotency_key = NULL,
                reference = 'ANON-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12))
            WHERE household_id = ANY({ids}) AND reference NOT LIKE 'ANON-%'
            """, cancellationToken);
        await db.ExecuteSqlAsync($"UPDATE consent_records SET withdrawal_note = NULL WHERE household_id = ANY({ids})", cancellationToken);
        await db.ExecuteSqlAsync($"UPDATE duplicate_flags SET note = NULL WHERE household_id = ANY({ids}) OR other_household_id = ANY({ids})", cancellationToken);
    }
}

/// <summary>The privacy officer's own records about the person: their name and contact go, the handling stays.</summary>
internal sealed class RightsRequestStep : IAnonymizationStep
{
    public int Order => 70;
    public string Area => "RightsRequests";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.HouseholdIds;
        await batch.Db.Database.ExecuteSqlAsync(
            $"UPDATE rights_requests SET requester_name = {Scrub.Marker}, requester_contact = NULL WHERE household_id = ANY({ids})", cancellationToken);
        await Scrub.ReplaceValuesAsync(batch, "rights_requests", ["notes", "refusal_reason"], "household_id = ANY(@ids)", cancellationToken);
    }
}

/// <summary>The change audit keeps who changed which field when, without the values.</summary>
internal sealed class AuditStep : IAnonymizationStep
{
    public int Order => 80;
    public string Area => "Audit";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.HouseholdIds;
        await batch.Db.Database.ExecuteSqlAsync(
            $"UPDATE audit_entries SET old_value = NULL, new_value = NULL WHERE household_id = ANY({ids}) AND (old_value IS NOT NULL OR new_value IS NOT NULL)",
            cancellationToken);
        await batch.Db.Database.ExecuteSqlAsync($"""
            INSERT INTO audit_entries (household_id, occurred_at, user_id, user_name, entity_type, action, field)
            SELECT h, {batch.Now}, {batch.ActorId}, {batch.ActorName}, 'Household', 'Modified', 'AnonymizedAt'
            FROM unnest({ids}) AS h
            """, cancellationToken);
    }
}

/// <summary>
/// The household row stays for the statistics (stage, status, stage dates, regions, reasons, size,
/// languages, needs) with a new file number that leads nowhere; names, contacts, birth dates,
/// occupations, arrival date and municipality go.
/// </summary>
internal sealed class HouseholdStep : IAnonymizationStep
{
    public int Order => 1000;
    public string Area => "Household";

    public async Task ApplyAsync(AnonymizationBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.HouseholdIds;
        var db = batch.Db.Database;
        await db.ExecuteSqlAsync($"""
            UPDATE household_children SET first_name = '', birth_date = '0001-01-01' WHERE household_id = ANY({ids})
            """, cancellationToken);
        await db.ExecuteSqlAsync($"""
            UPDATE households SET
                file_number = CASE WHEN anonymized_at IS NULL
                    THEN 'ANON-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)) ELSE file_number END,
                primary_applicant_first_name = '', primary_applicant_last_name = '', primary_applicant_birth_date = NULL,
                primary_applicant_occupation = NULL,
                spouse_first_name = CASE WHEN spouse_first_name IS NULL THEN NULL ELSE '' END,
                spouse_last_name = CASE WHEN spouse_last_name IS NULL THEN NULL ELSE '' END,
                spouse_birth_date = NULL, spouse_occupation = NULL,
                contact_email = NULL, contact_phone = NULL, contact_address = NULL, contact_borough = NULL,
                arrival_date = NULL,
                settlement_municipality = CASE WHEN settlement_municipality IS NULL THEN NULL ELSE '' END,
                anonymized_at = coalesce(anonymized_at, {batch.Now}),
                updated_at = {batch.Now}
            WHERE id = ANY({ids})
            """, cancellationToken);
    }
}
