using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResultsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_stage_transitions_household_id_occurred_at",
                table: "stage_transitions");

            migrationBuilder.DropIndex(
                name: "ix_stage_transitions_occurred_at_kind",
                table: "stage_transitions");

            migrationBuilder.CreateIndex(
                name: "ix_stage_transitions_household_id_occurred_at_id",
                table: "stage_transitions",
                columns: new[] { "household_id", "occurred_at", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "kind", "to_stage" });

            migrationBuilder.CreateIndex(
                name: "ix_stage_transitions_occurred_at_kind",
                table: "stage_transitions",
                columns: new[] { "occurred_at", "kind" })
                .Annotation("Npgsql:IndexInclude", new[] { "household_id", "to_stage" });

            migrationBuilder.CreateIndex(
                name: "ix_stage_transitions_withdrawals",
                table: "stage_transitions",
                column: "occurred_at",
                filter: "kind = 'Withdraw'")
                .Annotation("Npgsql:IndexInclude", new[] { "household_id", "reason_code", "to_stage" });

            migrationBuilder.CreateIndex(
                name: "ix_households_report_scope",
                table: "households",
                column: "id",
                filter: "merged_into_id IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "organization_id", "assigned_counsellor_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_stage_transitions_household_id_occurred_at_id",
                table: "stage_transitions");

            migrationBuilder.DropIndex(
                name: "ix_stage_transitions_occurred_at_kind",
                table: "stage_transitions");

            migrationBuilder.DropIndex(
                name: "ix_stage_transitions_withdrawals",
                table: "stage_transitions");

            migrationBuilder.DropIndex(
                name: "ix_households_report_scope",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "ix_stage_transitions_household_id_occurred_at",
                table: "stage_transitions",
                columns: new[] { "household_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stage_transitions_occurred_at_kind",
                table: "stage_transitions",
                columns: new[] { "occurred_at", "kind" });
        }
    }
}
