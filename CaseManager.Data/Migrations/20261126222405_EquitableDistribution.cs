using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class EquitableDistribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "capacity",
                table: "AspNetUsers",
                type: "numeric(3,2)",
                precision: 3,
                scale: 2,
                nullable: false,
                defaultValue: 1.0m);

            migrationBuilder.AddColumn<List<string>>(
                name: "languages",
                table: "AspNetUsers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.CreateTable(
                name: "counsellor_absences",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    counsellor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    recorded_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    redistributed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    returned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counsellor_absences", x => x.id);
                    table.ForeignKey(
                        name: "fk_counsellor_absences_asp_net_users_counsellor_id",
                        column: x => x.counsellor_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_counsellor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    to_counsellor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    organization_id = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    absence_id = table.Column<Guid>(type: "uuid", nullable: true),
                    load_before = table.Column<int>(type: "integer", nullable: true),
                    capacity = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    candidates = table.Column<int>(type: "integer", nullable: true),
                    matched_language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    by_user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    by_user_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assignments_counsellor_absences_absence_id",
                        column: x => x.absence_id,
                        principalTable: "counsellor_absences",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assignments_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assignments_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_users_capacity",
                table: "AspNetUsers",
                sql: "capacity >= 0 AND capacity <= 1");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_absence_id",
                table: "assignments",
                column: "absence_id",
                filter: "absence_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_household_id_at",
                table: "assignments",
                columns: new[] { "household_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_organization_id",
                table: "assignments",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_counsellor_absences_counsellor_id_from",
                table: "counsellor_absences",
                columns: new[] { "counsellor_id", "from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assignments");

            migrationBuilder.DropTable(
                name: "counsellor_absences");

            migrationBuilder.DropCheckConstraint(
                name: "ck_users_capacity",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "capacity",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "languages",
                table: "AspNetUsers");
        }
    }
}
