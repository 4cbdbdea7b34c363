namespace CaseManager.Web.Features.Privacy.Export;

internal sealed class ProfileSection : SqlExportSection
{
    public override int Order => 10;
    public override string Key => "profile";
    public override ExportContent Content => ExportContent.Provided;

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

    protected override string Sql => """
        SELECT s.title, s.starts_at, s.format, s.language, s.region_codes, r.status, r.attendance, r.registered_at, r.cancelled_at
        FROM session_registrations r JOIN info_sessions s ON s.id = r.session_id
        WHERE r.household_id = @id ORDER BY s.starts_at
        """;
}

internal sealed class StaysSection : SqlExportSection
{
    public override int Order => 60;
    public override string Key => "stays";
    public override ExportContent Content => ExportContent.Provided;

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

    protected override string Sql => """
        SELECT target_region_codes, target_move_date, agreed_on, agreed_with, created_at FROM plans WHERE household_id = @id
        """;
}

internal sealed class PlanGoalsSection : SqlExportSection
{
    public override int Order => 71;
    public override string Key => "plan_goals";
    public override ExportContent Content => ExportContent.Provided;

    protected override string Sql => """
        SELECT id AS goal_id, need_code, description, status, created_at FROM plan_goals WHERE household_id = @id ORDER BY sort_order, created_at
        """;
}

internal sealed class PlanTasksSection : SqlExportSection
{
    public override int Order => 72;
    public override string Key => "plan_tasks";
    public override ExportContent Content => ExportContent.Provided;

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

    protected override string Sql => """
        SELECT occurred_at, kind, from_stage, to_stage, from_status, to_status, reason_code, comment, actor_name
        FROM stage_transitions WHERE household_id = @id ORDER BY occurred_at
        """;
}
