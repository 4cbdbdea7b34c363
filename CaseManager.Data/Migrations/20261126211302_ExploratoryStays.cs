using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExploratoryStays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stay_waivers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    recorded_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stay_waivers", x => x.id);
                    table.ForeignKey(
                        name: "fk_stay_waivers_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stays",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    region_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    host_partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    start_on = table.Column<DateOnly>(type: "date", nullable: false),
                    end_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    transport_mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    transport_details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    lodging_place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    lodging_details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    cancellation_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stays", x => x.id);
                    table.ForeignKey(
                        name: "fk_stays_regional_partners_host_partner_id",
                        column: x => x.host_partner_id,
                        principalTable: "regional_partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stays_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stay_agenda_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    stay_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    with = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stay_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_stay_agenda_items_stays_stay_id",
                        column: x => x.stay_id,
                        principalTable: "stays",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stay_debriefs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    stay_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    interest = table.Column<int>(type: "integer", nullable: false),
                    job_leads = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    housing_leads = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stay_debriefs", x => x.id);
                    table.ForeignKey(
                        name: "fk_stay_debriefs_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_stay_debriefs_stays_stay_id",
                        column: x => x.stay_id,
                        principalTable: "stays",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stay_expenses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    stay_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    planned = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    actual = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stay_expenses", x => x.id);
                    table.ForeignKey(
                        name: "fk_stay_expenses_stays_stay_id",
                        column: x => x.stay_id,
                        principalTable: "stays",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stay_participants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    stay_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    people_count = table.Column<int>(type: "integer", nullable: false),
                    attendance = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    added_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stay_participants", x => x.id);
                    table.ForeignKey(
                        name: "fk_stay_participants_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_stay_participants_stays_stay_id",
                        column: x => x.stay_id,
                        principalTable: "stays",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stay_debrief_next_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    debrief_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    plan_task_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stay_debrief_next_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_stay_debrief_next_steps_stay_debriefs_debrief_id",
                        column: x => x.debrief_id,
                        principalTable: "stay_debriefs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stay_agenda_items_stay_id",
                table: "stay_agenda_items",
                column: "stay_id");

            migrationBuilder.CreateIndex(
                name: "ix_stay_debrief_next_steps_debrief_id",
                table: "stay_debrief_next_steps",
                column: "debrief_id");

            migrationBuilder.CreateIndex(
                name: "ix_stay_debrief_next_steps_household_id",
                table: "stay_debrief_next_steps",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_stay_debriefs_household_id",
                table: "stay_debriefs",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_stay_debriefs_stay_id_household_id",
                table: "stay_debriefs",
                columns: new[] { "stay_id", "household_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stay_expenses_stay_id",
                table: "stay_expenses",
                column: "stay_id");

            migrationBuilder.CreateIndex(
                name: "ix_stay_participants_household_id",
                table: "stay_participants",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_stay_participants_stay_id_household_id",
                table: "stay_participants",
                columns: new[] { "stay_id", "household_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stay_waivers_household_id",
                table: "stay_waivers",
                column: "household_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stays_end_on",
                table: "stays",
                column: "end_on",
                filter: "status <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_stays_host_partner_id",
                table: "stays",
                column: "host_partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_stays_region_code",
                table: "stays",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_stays_start_on",
                table: "stays",
                column: "start_on");

            migrationBuilder.CreateIndex(
                name: "ix_stays_status_start_on",
                table: "stays",
                columns: new[] { "status", "start_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stay_agenda_items");

            migrationBuilder.DropTable(
                name: "stay_debrief_next_steps");

            migrationBuilder.DropTable(
                name: "stay_expenses");

            migrationBuilder.DropTable(
                name: "stay_participants");

            migrationBuilder.DropTable(
                name: "stay_waivers");

            migrationBuilder.DropTable(
                name: "stay_debriefs");

            migrationBuilder.DropTable(
                name: "stays");
        }
    }
}
