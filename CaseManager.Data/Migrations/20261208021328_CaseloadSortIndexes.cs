using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseloadSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_households_created_at",
                table: "households");

            migrationBuilder.DropIndex(
                name: "ix_households_file_number",
                table: "households");

            migrationBuilder.DropIndex(
                name: "ix_households_last_contact_on",
                table: "households");

            migrationBuilder.DropIndex(
                name: "ix_households_primary_applicant_last_name_primary_applicant_fi",
                table: "households");

            migrationBuilder.AddColumn<DateOnly>(
                name: "contact_order",
                table: "households",
                type: "date",
                nullable: false,
                computedColumnSql: "coalesce(last_contact_on, '0001-01-01'::date)",
                stored: true);

            migrationBuilder.AddColumn<int>(
                name: "stage_order",
                table: "households",
                type: "integer",
                nullable: false,
                computedColumnSql: "CASE stage WHEN 'Outreach' THEN 1 WHEN 'PersonalizedPlan' THEN 2 WHEN 'InfoSession' THEN 3 WHEN 'ExploratoryStay' THEN 4 WHEN 'MovingSubsidy' THEN 5 END",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_households_caseload_contact",
                table: "households",
                columns: new[] { "contact_order", "file_number" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_households_caseload_contact_desc",
                table: "households",
                columns: new[] { "last_contact_on", "file_number" },
                descending: new[] { true, false })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_households_caseload_opened",
                table: "households",
                columns: new[] { "created_at", "file_number" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_households_caseload_stage",
                table: "households",
                columns: new[] { "stage_order", "file_number" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_households_caseload_stage_desc",
                table: "households",
                columns: new[] { "stage_order", "file_number" },
                descending: new[] { true, false })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_households_file_number",
                table: "households",
                column: "file_number",
                unique: true)
                .Annotation("Npgsql:IndexInclude", new[] { "status", "id" });

            // The sort by name (an owned type's index cannot name its owner's columns, so it is
            // written here): names then file number, with the status and id beside them.
            migrationBuilder.Sql(CaseloadNameIndex.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CaseloadNameIndex.Drop);

            migrationBuilder.DropIndex(
                name: "ix_households_caseload_contact",
                table: "households");

            migrationBuilder.DropIndex(
                name: "ix_households_caseload_contact_desc",
                table: "households");

            migrationBuilder.DropIndex(
                name: "ix_households_caseload_opened",
                table: "households");

            migrationBuilder.DropIndex(
                name: "ix_households_caseload_stage",
                table: "households");

            migrationBuilder.DropIndex(
                name: "ix_households_caseload_stage_desc",
                table: "households");

            migrationBuilder.DropIndex(
                name: "ix_households_file_number",
                table: "households");

            migrationBuilder.DropColumn(
                name: "contact_order",
                table: "households");

            migrationBuilder.DropColumn(
                name: "stage_order",
                table: "households");

            migrationBuilder.CreateIndex(
                name: "ix_households_created_at",
                table: "households",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_households_file_number",
                table: "households",
                column: "file_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_households_last_contact_on",
                table: "households",
                column: "last_contact_on");

            migrationBuilder.CreateIndex(
                name: "ix_households_primary_applicant_last_name_primary_applicant_fi",
                table: "households",
                columns: new[] { "primary_applicant_last_name", "primary_applicant_first_name" });
        }
    }
}
