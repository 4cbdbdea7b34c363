using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class StageStays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stage_stays",
                columns: table => new
                {
                    entered_transition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entered_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    left_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    left_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_stays", x => x.entered_transition_id);
                    table.ForeignKey(
                        name: "fk_stage_stays_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_stage_stays_stage_transitions_entered_transition_id",
                        column: x => x.entered_transition_id,
                        principalTable: "stage_transitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stage_stays_household_id",
                table: "stage_stays",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_stage_stays_left_at",
                table: "stage_stays",
                column: "left_at",
                filter: "left_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "household_id", "stage", "entered_at" });

            // Written by hand: the trigger that keeps the table in step, and the stays of the history so far.
            migrationBuilder.Sql(StageStaysTrigger.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(StageStaysTrigger.Drop);

            migrationBuilder.DropTable(
                name: "stage_stays");
        }
    }
}
