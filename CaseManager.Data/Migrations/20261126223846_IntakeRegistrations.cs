using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class IntakeRegistrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "households",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "consent_purposes",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name_fr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description_fr = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    description_en = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    is_required = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_purposes", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "duplicate_flags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    other_household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    criteria = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    flagged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    resolved_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    survivor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplicate_flags", x => x.id);
                    table.ForeignKey(
                        name: "fk_duplicate_flags_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_duplicate_flags_households_other_household_id",
                        column: x => x.other_household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "intake_api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    revoked_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intake_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_notices",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    title_fr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text_fr = table.Column<string>(type: "text", nullable: false),
                    text_en = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_privacy_notices", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "consent_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    notice_version = table.Column<int>(type: "integer", nullable: false),
                    granted = table.Column<bool>(type: "boolean", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    withdrawn_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    withdrawal_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_consent_records_consent_purposes_purpose_code",
                        column: x => x.purpose_code,
                        principalTable: "consent_purposes",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consent_records_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_consent_records_privacy_notices_notice_version",
                        column: x => x.notice_version,
                        principalTable: "privacy_notices",
                        principalColumn: "version",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    scope = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    api_key_id = table.Column<Guid>(type: "uuid", nullable: true),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    heard_from = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    heard_from_detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    interest_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    notice_version = table.Column<int>(type: "integer", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_registrations_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_registrations_intake_api_keys_api_key_id",
                        column: x => x.api_key_id,
                        principalTable: "intake_api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_registrations_privacy_notices_notice_version",
                        column: x => x.notice_version,
                        principalTable: "privacy_notices",
                        principalColumn: "version",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_household_id_purpose_code",
                table: "consent_records",
                columns: new[] { "household_id", "purpose_code" });

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_notice_version",
                table: "consent_records",
                column: "notice_version");

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_purpose_code",
                table: "consent_records",
                column: "purpose_code");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_flags_household_id_other_household_id",
                table: "duplicate_flags",
                columns: new[] { "household_id", "other_household_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_flags_open",
                table: "duplicate_flags",
                column: "flagged_at",
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_flags_other_household_id",
                table: "duplicate_flags",
                column: "other_household_id");

            migrationBuilder.CreateIndex(
                name: "ix_intake_api_keys_hash",
                table: "intake_api_keys",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_privacy_notices_effective_on",
                table: "privacy_notices",
                column: "effective_on");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_api_key_id",
                table: "registrations",
                column: "api_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_household_id",
                table: "registrations",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_notice_version",
                table: "registrations",
                column: "notice_version");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_reference",
                table: "registrations",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registrations_scope_idempotency_key",
                table: "registrations",
                columns: new[] { "scope", "idempotency_key" },
                unique: true,
                filter: "idempotency_key IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consent_records");

            migrationBuilder.DropTable(
                name: "duplicate_flags");

            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropTable(
                name: "consent_purposes");

            migrationBuilder.DropTable(
                name: "intake_api_keys");

            migrationBuilder.DropTable(
                name: "privacy_notices");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "households");
        }
    }
}
