using CaseManager.Web.Localization;

namespace CaseManager.Web.Features.Privacy.Export;

internal sealed class ProfileSection : SqlExportSection
{
    public override int Order => 10;
    public override string Key => "profile";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["languages"] = ExportCode.Language,
        ["immigration_status_code"] = ExportCode.ImmigrationStatus,
        ["preferred_region_codes"] = ExportCode.Region,
        ["need_codes"] = ExportCode.Need,
        ["registration_source"] = ExportCode.Text(typeof(Strings), "RegistrationSource"),
        ["stage"] = ExportCode.Text(typeof(Strings), "Stage"),
        ["status"] = ExportCode.Text(typeof(Strings), "CaseStatus"),
        ["withdrawal_reason_code"] = ExportCode.WithdrawalReason,
        ["settlement_region_code"] = ExportCode.Region,
    };

    protected override string Sql => """
        SELECT file_number, contact_email AS email, contact_phone AS phone, contact_address AS address, contact_borough AS borough,
               languages, immigration_status_code, arrival_date, preferred_region_codes, need_codes,
               registration_source, stage, status, withdrawal_reason_code, settlement_region_code, settlement_municipality,
               settlement_settled_on, created_at
        FROM households WHERE id = @id
        """;
}

internal sealed class MembersSection : SqlExportSection
{
    public override int Order => 20;
    public override string Key => "members";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["role"] = ExportCode.Text(typeof(PrivacyText), "Export.Member"),
        ["employment_status"] = ExportCode.Text(typeof(Strings), "EmploymentStatus"),
        ["french_level"] = ExportCode.Text(typeof(Strings), "FrenchLevel"),
        ["care"] = ExportCode.Text(typeof(Strings), "ChildCare"),
    };

    protected override string Sql => """
        SELECT 'PrimaryApplicant' AS role, primary_applicant_first_name AS first_name, primary_applicant_last_name AS last_name,
               primary_applicant_birth_date AS birth_date, primary_applicant_occupation AS occupation,
               primary_applicant_employment_status AS employment_status, primary_applicant_french_level AS french_level, NULL AS care
        FROM households WHERE id = @id
        UNION ALL
        SELECT 'Spouse', spouse_first_name, spouse_last_name, spouse_birth_date, spouse_occupation, spouse_employment_status, spouse_french_level, NULL
        FROM households WHERE id = @id AND spouse_first_name IS NOT NULL
        UNION ALL
        SELECT 'Child', first_name, NULL, birth_date, NULL, NULL, NULL, care FROM household_children WHERE household_id = @id
        """;
}

internal sealed class ConsentsSection : SqlExportSection
{
    public override int Order => 30;
    public override string Key => "consents";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["purpose_code"] = ExportCode.ConsentPurpose,
        ["source"] = ExportCode.Text(typeof(IntakeText), "ConsentSource"),
    };

    protected override string Sql => """
        SELECT c.purpose_code, p.name_fr AS purpose_fr, p.name_en AS purpose_en, c.notice_version, c.granted, c.answered_at, c.source,
               c.withdrawn_at, c.withdrawal_note
        FROM consent_records c LEFT JOIN consent_purposes p ON p.code = c.purpose_code
        WHERE c.household_id = @id ORDER BY c.answered_at, c.purpose_code
        """;
}

internal sealed class RegistrationSection : SqlExportSection
{
    public override int Order => 40;
    public override string Key => "registration";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["source"] = ExportCode.Text(typeof(Strings), "RegistrationSource"),
        ["language"] = ExportCode.Language,
        ["heard_from"] = ExportCode.Text(typeof(IntakeText), "HeardFrom"),
        ["interest_codes"] = ExportCode.Need,
    };

    protected override string Sql => """
        SELECT reference, source, language, heard_from, heard_from_detail, interest_codes, notice_version, received_at
        FROM registrations WHERE household_id = @id ORDER BY received_at
        """;
}

internal sealed class SessionsSection : SqlExportSection
{
    public override int Order => 50;
    public override string Key => "sessions";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["format"] = ExportCode.Text(typeof(SessionsText), "SessionFormat"),
        ["language"] = ExportCode.Language,
        ["region_codes"] = ExportCode.Region,
        ["status"] = ExportCode.Text(typeof(SessionsText), "RegistrationStatus"),
        ["attendance"] = ExportCode.Text(typeof(SessionsText), "Attendance"),
    };

    protected override string Sql => """
        SELECT s.title, s.starts_at, s.format, s.language, s.region_codes, r.status, r.attendance, r.registered_at, r.cancelled_at
        FROM session_registrations r JOIN info_sessions s ON s.id = r.session_id
        WHERE r.household_id = @id ORDER BY s.starts_at
        """;
}

/// <summary>The information sessions the household attended outside the system, as recorded on its file.</summary>
internal sealed class ExternalSessionsSection : SqlExportSection
{
    public override int Order => 51;
    public override string Key => "external_sessions";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["region_code"] = ExportCode.Region,
    };

    protected override string Sql => """
        SELECT organizer_name, attended_on, region_code, recorded_at, recorded_by_name
        FROM external_session_attendances WHERE household_id = @id ORDER BY attended_on, recorded_at
        """;
}

internal sealed class StaysSection : SqlExportSection
{
    public override int Order => 60;
    public override string Key => "stays";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["region_code"] = ExportCode.Region,
        ["status"] = ExportCode.Text(typeof(StaysText), "StayStatus"),
        ["attendance"] = ExportCode.Text(typeof(StaysText), "Attendance"),
    };

    protected override string Sql => """
        SELECT s.region_code, s.start_on, s.end_on, s.status, p.people_count, p.attendance, p.added_at
        FROM stay_participants p JOIN stays s ON s.id = p.stay_id
        WHERE p.household_id = @id ORDER BY s.start_on
        """;
}

internal sealed class PlanSection : SqlExportSection
{
    public override int Order => 70;
    public override string Key => "plan";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["target_region_codes"] = ExportCode.Region,
    };

    protected override string Sql => """
        SELECT target_region_codes, target_move_date, agreed_on, agreed_with, created_at FROM plans WHERE household_id = @id
        """;
}

internal sealed class PlanGoalsSection : SqlExportSection
{
    public override int Order => 71;
    public override string Key => "plan_goals";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["need_code"] = ExportCode.Need,
        ["status"] = ExportCode.Text(typeof(Strings), "GoalStatus"),
    };

    protected override string Sql => """
        SELECT id AS goal_id, need_code, description, status, created_at FROM plan_goals WHERE household_id = @id ORDER BY sort_order, created_at
        """;
}

internal sealed class PlanTasksSection : SqlExportSection
{
    public override int Order => 72;
    public override string Key => "plan_tasks";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["owner"] = ExportCode.Text(typeof(Strings), "TaskOwner"),
        ["status"] = ExportCode.Text(typeof(Strings), "PlanTaskStatus"),
    };

    protected override string Sql => """
        SELECT goal_id, title, owner, due_on, status, completed_on, comment, created_at FROM plan_tasks WHERE household_id = @id ORDER BY created_at
        """;
}

internal sealed class PlanMilestonesSection : SqlExportSection
{
    public override int Order => 73;
    public override string Key => "plan_milestones";
    public override ExportContent Content => ExportContent.Provided;

    protected override string Sql => """
        SELECT title, "on", reached FROM plan_milestones WHERE household_id = @id ORDER BY "on"
        """;
}

internal sealed class FollowUpsSection : SqlExportSection
{
    public override int Order => 80;
    public override string Key => "follow_ups";
    public override ExportContent Content => ExportContent.Provided;

    protected override string Sql => """
        SELECT months_after, due_on, answered_on, still_in_region, working, housed, comment FROM retention_checks WHERE household_id = @id ORDER BY due_on
        """;
}

/// <summary>The counsellors' notes and contact summaries: the program's own writing about the person.</summary>
internal sealed class JournalSection : SqlExportSection
{
    public override int Order => 100;
    public override string Key => "journal";
    public override ExportContent Content => ExportContent.Internal;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["kind"] = ExportCode.Text(typeof(Strings), "Journal"),
        ["channel"] = ExportCode.Text(typeof(Strings), "ContactChannel"),
    };

    protected override string Sql => """
        SELECT kind, channel, occurred_at, text, author_name FROM journal_entries WHERE household_id = @id ORDER BY occurred_at
        """;
}

internal sealed class DebriefsSection : SqlExportSection
{
    public override int Order => 110;
    public override string Key => "stay_debriefs";
    public override ExportContent Content => ExportContent.Internal;

    protected override string Sql => """
        SELECT d.recorded_at, d.interest, d.job_leads, d.housing_leads, d.comment,
               (SELECT string_agg(n.text, ' | ' ORDER BY n.sort_order) FROM stay_debrief_next_steps n WHERE n.debrief_id = d.id) AS next_steps
        FROM stay_debriefs d WHERE d.household_id = @id ORDER BY d.recorded_at
        """;
}

internal sealed class StageHistorySection : SqlExportSection
{
    public override int Order => 120;
    public override string Key => "stage_history";
    public override ExportContent Content => ExportContent.Internal;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["kind"] = ExportCode.Text(typeof(Strings), "TransitionKind"),
        ["from_stage"] = ExportCode.Text(typeof(Strings), "Stage"),
        ["to_stage"] = ExportCode.Text(typeof(Strings), "Stage"),
        ["from_status"] = ExportCode.Text(typeof(Strings), "CaseStatus"),
        ["to_status"] = ExportCode.Text(typeof(Strings), "CaseStatus"),
        ["reason_code"] = ExportCode.WithdrawalReason,
    };

    protected override string Sql => """
        SELECT occurred_at, kind, from_stage, to_stage, from_status, to_status, reason_code, comment, actor_name
        FROM stage_transitions WHERE household_id = @id ORDER BY occurred_at
        """;
}

/// <summary>
/// The moving-subsidy applications: what the household asked for (destination, move, cost, explanation),
/// the evaluation frozen at submission (each criterion's outcome), what the reviewer asked and decided,
/// and the payment. The decision and its reasons are told to the person, so they are part of what they get.
/// </summary>
internal sealed class SubsidyApplicationsSection : SqlExportSection
{
    public override int Order => 90;
    public override string Key => "subsidy_applications";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["status"] = ExportCode.Text(typeof(SubsidiesText), "SubsidyStatus"),
        ["destination_region_code"] = ExportCode.Region,
        ["criteria"] = ExportCode.Criterion,
        ["refusal_reason"] = ExportCode.Text(typeof(SubsidiesText), "SubsidyRefusalReason"),
    };

    protected override string Sql => """
        SELECT a.id AS application_id, a.status, a.destination_region_code, a.destination_municipality, a.planned_move_on, a.estimated_cost,
               a.explanation, a.submitted_on, a.household_size_at_submission, a.computed_amount,
               (SELECT array_agg((e->>'Criterion') || ': ' || (e->>'Outcome') ORDER BY n)
                FROM jsonb_array_elements(coalesce(a.evaluation, '[]'::jsonb)) WITH ORDINALITY AS r(e, n)) AS criteria,
               a.information_request, a.decided_on, a.approved_amount, a.amount_reason, a.refusal_reason, a.decision_comment,
               a.paid_on, a.paid_amount, a.payment_reference, a.withdrawal_reason, a.created_at
        FROM subsidy_applications a WHERE a.household_id = @id ORDER BY a.created_at
        """;
}

/// <summary>
/// The documents given for the subsidy: one row each, and its bytes in the archive under documents/
/// (the path is in the row), written only by an export, never read for the privacy officer's view.
/// </summary>
internal sealed class SubsidyDocumentsSection : SqlExportSection, IHouseholdExportFiles
{
    /// <summary>A name safe in any archive tool: the document's id, then its file name with anything unusual replaced.</summary>
    private const string ArchivePath = """'documents/' || d.id::text || '-' || regexp_replace(d.file_name, '[^A-Za-z0-9._-]', '_', 'g')""";

    public override int Order => 91;
    public override string Key => "subsidy_documents";
    public override ExportContent Content => ExportContent.Provided;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["type"] = ExportCode.Text(typeof(SubsidiesText), "SubsidyDocumentType"),
    };

    protected override string Sql => $"""
        SELECT d.application_id, d.type, d.file_name, d.content_type, d.size, d.uploaded_at,
               CASE WHEN EXISTS (SELECT 1 FROM subsidy_document_contents c WHERE c.document_id = d.id) THEN {ArchivePath} END AS archive_file
        FROM subsidy_documents d WHERE d.household_id = @id ORDER BY d.uploaded_at, d.file_name
        """;

    public async Task<IReadOnlyList<ExportFile>> ReadFilesAsync(CaseManager.Data.CaseManagerDbContext db, Guid householdId, CancellationToken cancellationToken)
    {
        var files = new List<ExportFile>();
        await using var command = await CommandAsync(db, $"""
            SELECT {ArchivePath}, c.data FROM subsidy_documents d JOIN subsidy_document_contents c ON c.document_id = d.id
            WHERE d.household_id = @id ORDER BY d.uploaded_at
            """, householdId, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            files.Add(new ExportFile(reader.GetString(0), (byte[])reader.GetValue(1)));
        }

        return files;
    }
}

internal sealed class SubsidyHistorySection : SqlExportSection
{
    public override int Order => 125;
    public override string Key => "subsidy_history";
    public override ExportContent Content => ExportContent.Internal;

    protected override IReadOnlyDictionary<string, ExportCode> Codes { get; } = new Dictionary<string, ExportCode>
    {
        ["from_status"] = ExportCode.Text(typeof(SubsidiesText), "SubsidyStatus"),
        ["to_status"] = ExportCode.Text(typeof(SubsidiesText), "SubsidyStatus"),
    };

    protected override string Sql => """
        SELECT application_id, sequence, "at" AS occurred_at, "from" AS from_status, "to" AS to_status, comment, by_name
        FROM subsidy_status_changes WHERE household_id = @id ORDER BY application_id, sequence
        """;
}
