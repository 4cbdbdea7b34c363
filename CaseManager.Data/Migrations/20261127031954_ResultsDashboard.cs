using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResultsDashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "settlement_targets",
                columns: table => new
                {
                    fiscal_year_start = table.Column<int>(type: "integer", nullable: false),
                    organization_id = table.Column<int>(type: "integer", nullable: false),
                    households = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_targets", x => new { x.fiscal_year_start, x.organization_id });
                    table.ForeignKey(
                        name: "fk_settlement_targets_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_applications_decided_on",
                table: "subsidy_applications",
                column: "decided_on");

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_applications_paid_on",
                table: "subsidy_applications",
                column: "paid_on");

            migrationBuilder.CreateIndex(
                name: "ix_stage_transitions_occurred_at_kind",
                table: "stage_transitions",
                columns: new[] { "occurred_at", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_retention_checks_due_on",
                table: "retention_checks",
                column: "due_on");

            migrationBuilder.CreateIndex(
                name: "ix_households_settlement_settled_on",
                table: "households",
                column: "settlement_settled_on");

            migrationBuilder.CreateIndex(
                name: "ix_settlement_targets_organization_id",
                table: "settlement_targets",
                column: "organization_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "settlement_targets");

            migrationBuilder.DropIndex(
                name: "ix_subsidy_applications_decided_on",
                table: "subsidy_applications");

            migrationBuilder.DropIndex(
                name: "ix_subsidy_applications_paid_on",
                table: "subsidy_applications");

            migrationBuilder.DropIndex(
                name: "ix_stage_transitions_occurred_at_kind",
                table: "stage_transitions");

            migrationBuilder.DropIndex(
                name: "ix_retention_checks_due_on",
                table: "retention_checks");

            migrationBuilder.DropIndex(
                name: "ix_households_settlement_settled_on",
                table: "households");
        }
    }
}
