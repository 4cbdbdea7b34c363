using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class PrivacyOfficerTools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "anonymized_at",
                table: "households",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "anonymization_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rights_request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    approved_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file_count = table.Column<int>(type: "integer", nullable: false),
                    done_count = table.Column<int>(type: "integer", nullable: false),
                    batches = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anonymization_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "confidentiality_incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    circumstances = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    occurred_from = table.Column<DateOnly>(type: "date", nullable: false),
                    occurred_to = table.Column<DateOnly>(type: "date", nullable: true),
                    discovered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    persons_concerned = table.Column<int>(type: "integer", nullable: false),
                    categories = table.Column<string[]>(type: "character varying(40)[]", nullable: false),
                    risk_of_serious_injury = table.Column<bool>(type: "boolean", nullable: false),
                    risk_assessment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    regulator_notified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    persons_notified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    measures = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_confidentiality_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_journal",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    user_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    subject_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_privacy_journal", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "retention_rules",
                columns: table => new
                {
                    basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    years = table.Column<int>(type: "integer", nullable: false),
                    is_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_retention_rules", x => x.basis);
                });

            migrationBuilder.CreateTable(
                name: "rights_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    requester_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requester_contact = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    assignee_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    assignee_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    answered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    refusal_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    export_included_internal = table.Column<bool>(type: "boolean", nullable: true),
                    exported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    exported_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    deletion_approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deletion_approved_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rights_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_rights_requests_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "anonymization_run_items",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    basis_on = table.Column<DateOnly>(type: "date", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anonymization_run_items", x => new { x.run_id, x.household_id });
                    table.ForeignKey(
                        name: "fk_anonymization_run_items_anonymization_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "anonymization_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_anonymization_run_items_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_anonymization_run_items_household_id",
                table: "anonymization_run_items",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_anonymization_runs_approved_at",
                table: "anonymization_runs",
                column: "approved_at");

            migrationBuilder.CreateIndex(
                name: "ix_confidentiality_incidents_discovered_on",
                table: "confidentiality_incidents",
                column: "discovered_on");

            migrationBuilder.CreateIndex(
                name: "ix_privacy_journal_subject_type_subject_id_occurred_at",
                table: "privacy_journal",
                columns: new[] { "subject_type", "subject_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rights_requests_household_id",
                table: "rights_requests",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_rights_requests_received_on",
                table: "rights_requests",
                column: "received_on");

            migrationBuilder.CreateIndex(
                name: "ix_rights_requests_status_due_on",
                table: "rights_requests",
                columns: new[] { "status", "due_on" });

            // The access log is evidence: no UPDATE, DELETE or TRUNCATE, whoever asks through the app.
            // Only a maintenance session that sets casemanager.access_log_maintenance = 'on' (the test
            // reset, a DBA under the privacy officer's authority) may empty it.
            migrationBuilder.Sql("""
                CREATE FUNCTION cm_access_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF coalesce(current_setting('casemanager.access_log_maintenance', true), '') = 'on' THEN
                        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                    END IF;
                    RAISE EXCEPTION 'The access log cannot be changed (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                CREATE TRIGGER access_log_no_update_delete BEFORE UPDATE OR DELETE ON access_log
                    FOR EACH ROW EXECUTE FUNCTION cm_access_log_immutable();
                CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
                    FOR EACH STATEMENT EXECUTE FUNCTION cm_access_log_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS access_log_no_update_delete ON access_log;
                DROP TRIGGER IF EXISTS access_log_no_truncate ON access_log;
                DROP FUNCTION IF EXISTS cm_access_log_immutable();
                """);

            migrationBuilder.DropTable(
                name: "anonymization_run_items");

            migrationBuilder.DropTable(
                name: "confidentiality_incidents");

            migrationBuilder.DropTable(
                name: "privacy_journal");

            migrationBuilder.DropTable(
                name: "retention_rules");

            migrationBuilder.DropTable(
                name: "rights_requests");

            migrationBuilder.DropTable(
                name: "anonymization_runs");

            migrationBuilder.DropColumn(
                name: "anonymized_at",
                table: "households");
        }
    }
}
