using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class MovingSubsidy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "subsidy_budgets",
                columns: table => new
                {
                    fiscal_year_start = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidy_budgets", x => x.fiscal_year_start);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_rule_sets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_number = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    require_accepted_status = table.Column<bool>(type: "boolean", nullable: false),
                    accepted_status_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    require_host_region = table.Column<bool>(type: "boolean", nullable: false),
                    excluded_region_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    require_employment = table.Column<bool>(type: "boolean", nullable: false),
                    employment_proof_types = table.Column<string[]>(type: "text[]", nullable: false),
                    require_housing = table.Column<bool>(type: "boolean", nullable: false),
                    housing_proof_types = table.Column<string[]>(type: "text[]", nullable: false),
                    require_program_participation = table.Column<bool>(type: "boolean", nullable: false),
                    require_no_earlier_subsidy = table.Column<bool>(type: "boolean", nullable: false),
                    move_within_days = table.Column<int>(type: "integer", nullable: true),
                    base_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    per_additional_person = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    ceiling = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    region_amounts = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidy_rule_sets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_applications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    destination_region_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    destination_municipality = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    planned_move_on = table.Column<DateOnly>(type: "date", nullable: true),
                    estimated_cost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    waiting_since = table.Column<DateOnly>(type: "date", nullable: true),
                    rule_set_id = table.Column<Guid>(type: "uuid", nullable: true),
                    household_size_at_submission = table.Column<int>(type: "integer", nullable: true),
                    computed_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    reviewer_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    reviewer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    information_request = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    approved_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    amount_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    refusal_reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    decision_comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: true),
                    paid_amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    payment_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    withdrawal_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    evaluation = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidy_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_subsidy_applications_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_subsidy_applications_regions_destination_region_code",
                        column: x => x.destination_region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_subsidy_applications_subsidy_rule_sets_rule_set_id",
                        column: x => x.rule_set_id,
                        principalTable: "subsidy_rule_sets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    uploaded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidy_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_subsidy_documents_subsidy_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "subsidy_applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_status_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    from = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    to = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidy_status_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_subsidy_status_changes_subsidy_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "subsidy_applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_document_contents",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidy_document_contents", x => x.document_id);
                    table.ForeignKey(
                        name: "fk_subsidy_document_contents_subsidy_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "subsidy_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_applications_destination_region_code",
                table: "subsidy_applications",
                column: "destination_region_code");

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_applications_household_id",
                table: "subsidy_applications",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_applications_rule_set_id",
                table: "subsidy_applications",
                column: "rule_set_id");

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_applications_status_waiting_since",
                table: "subsidy_applications",
                columns: new[] { "status", "waiting_since" });

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_documents_application_id",
                table: "subsidy_documents",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_documents_household_id",
                table: "subsidy_documents",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_rule_sets_effective_from",
                table: "subsidy_rule_sets",
                column: "effective_from");

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_rule_sets_version_number",
                table: "subsidy_rule_sets",
                column: "version_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_status_changes_application_id_sequence",
                table: "subsidy_status_changes",
                columns: new[] { "application_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_status_changes_household_id",
                table: "subsidy_status_changes",
                column: "household_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "subsidy_budgets");

            migrationBuilder.DropTable(
                name: "subsidy_document_contents");

            migrationBuilder.DropTable(
                name: "subsidy_status_changes");

            migrationBuilder.DropTable(
                name: "subsidy_documents");

            migrationBuilder.DropTable(
                name: "subsidy_applications");

            migrationBuilder.DropTable(
                name: "subsidy_rule_sets");
        }
    }
}
