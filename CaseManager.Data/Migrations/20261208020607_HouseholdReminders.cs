using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class HouseholdReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "household_reminder_rules",
                columns: table => new
                {
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    delay = table.Column<int>(type: "integer", nullable: false),
                    by_email = table.Column<bool>(type: "boolean", nullable: false),
                    by_text_message = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_reminder_rules", x => x.kind);
                    table.CheckConstraint("ck_household_reminder_rules_delay", "delay BETWEEN 0 AND 90");
                });

            migrationBuilder.CreateTable(
                name: "household_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    dedup_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_reminders", x => x.id);
                    table.ForeignKey(
                        name: "fk_household_reminders_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "text_message_opt_outs",
                columns: table => new
                {
                    phone_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    keyword = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    opted_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_text_message_opt_outs", x => x.phone_number);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_text_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    household_reminder_id = table.Column<Guid>(type: "uuid", nullable: true),
                    to_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    body = table.Column<string>(type: "character varying(640)", maxLength: 640, nullable: false),
                    dedup_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    provider_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    error_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_text_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_outgoing_text_messages_household_reminders_household_remind",
                        column: x => x.household_reminder_id,
                        principalTable: "household_reminders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_outgoing_text_messages_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_household_reminders_dedup_key",
                table: "household_reminders",
                column: "dedup_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_household_reminders_household_id_due_on",
                table: "household_reminders",
                columns: new[] { "household_id", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_household_reminders_undelivered",
                table: "household_reminders",
                column: "created_at",
                filter: "delivered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_text_messages_dedup_key",
                table: "outgoing_text_messages",
                column: "dedup_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_text_messages_household_id_created_at",
                table: "outgoing_text_messages",
                columns: new[] { "household_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_text_messages_household_reminder_id",
                table: "outgoing_text_messages",
                column: "household_reminder_id");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_text_messages_provider_sid",
                table: "outgoing_text_messages",
                column: "provider_sid",
                unique: true,
                filter: "provider_sid IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_text_messages_queued",
                table: "outgoing_text_messages",
                columns: new[] { "next_attempt_at", "created_at" },
                filter: "status = 'Queued'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "household_reminder_rules");

            migrationBuilder.DropTable(
                name: "outgoing_text_messages");

            migrationBuilder.DropTable(
                name: "text_message_opt_outs");

            migrationBuilder.DropTable(
                name: "household_reminders");
        }
    }
}
