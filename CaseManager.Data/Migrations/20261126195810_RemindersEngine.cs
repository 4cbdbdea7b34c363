using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class RemindersEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "subject_on",
                table: "reminders",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                table: "outgoing_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "quiet_since",
                table: "households",
                type: "date",
                nullable: false,
                computedColumnSql: "coalesce(last_contact_on, (created_at AT TIME ZONE 'America/Montreal')::date)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_reminders_kind_subject_id_subject_on",
                table: "reminders",
                columns: new[] { "kind", "subject_id", "subject_on" });

            migrationBuilder.CreateIndex(
                name: "ix_households_active_quiet_since",
                table: "households",
                column: "quiet_since",
                filter: "status = 'Active'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_reminders_kind_subject_id_subject_on",
                table: "reminders");

            migrationBuilder.DropIndex(
                name: "ix_households_active_quiet_since",
                table: "households");

            migrationBuilder.DropColumn(
                name: "quiet_since",
                table: "households");

            migrationBuilder.DropColumn(
                name: "subject_on",
                table: "reminders");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "outgoing_emails");
        }
    }
}
