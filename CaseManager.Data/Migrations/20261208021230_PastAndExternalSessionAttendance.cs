using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class PastAndExternalSessionAttendance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "recorded_afterwards",
                table: "session_registrations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "external_session_attendances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    organizer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    attended_on = table.Column<DateOnly>(type: "date", nullable: false),
                    region_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_external_session_attendances", x => x.id);
                    table.ForeignKey(
                        name: "fk_external_session_attendances_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_external_session_attendances_regional_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "regional_partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_external_session_attendances_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_external_session_attendances_household_id",
                table: "external_session_attendances",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_external_session_attendances_partner_id",
                table: "external_session_attendances",
                column: "partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_external_session_attendances_region_code",
                table: "external_session_attendances",
                column: "region_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "external_session_attendances");

            migrationBuilder.DropColumn(
                name: "recorded_afterwards",
                table: "session_registrations");
        }
    }
}
