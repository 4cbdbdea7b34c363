using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResourceDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The resources' generated search column needs the configuration before the table.
            migrationBuilder.Sql(FrenchSearchConfiguration.Create);

            migrationBuilder.AlterColumn<Guid>(
                name: "household_id",
                table: "reminders",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "resource_id",
                table: "plan_tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "resource_categories",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    need_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    name_fr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_categories", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    category_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    region_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    municipality = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    contact_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    website = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    language_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    eligibility = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    last_verified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('public.cm_french'::regconfig, name), 'A') || setweight(to_tsvector('public.cm_french'::regconfig, coalesce(municipality, '')), 'B') || setweight(to_tsvector('public.cm_french'::regconfig, coalesce(description, '') || ' ' || coalesce(eligibility, '')), 'C')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resources", x => x.id);
                    table.ForeignKey(
                        name: "fk_resources_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_resources_resource_categories_category_code",
                        column: x => x.category_code,
                        principalTable: "resource_categories",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_resource_id",
                table: "plan_tasks",
                column: "resource_id");

            migrationBuilder.CreateIndex(
                name: "ix_resources_category_code",
                table: "resources",
                column: "category_code");

            migrationBuilder.CreateIndex(
                name: "ix_resources_last_verified_on",
                table: "resources",
                column: "last_verified_on",
                filter: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_resources_name",
                table: "resources",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_resources_region_code_category_code",
                table: "resources",
                columns: new[] { "region_code", "category_code" },
                filter: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_resources_search_vector",
                table: "resources",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.AddForeignKey(
                name: "fk_plan_tasks_resources_resource_id",
                table: "plan_tasks",
                column: "resource_id",
                principalTable: "resources",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_plan_tasks_resources_resource_id",
                table: "plan_tasks");

            migrationBuilder.DropTable(
                name: "resources");

            migrationBuilder.DropTable(
                name: "resource_categories");

            migrationBuilder.DropIndex(
                name: "ix_plan_tasks_resource_id",
                table: "plan_tasks");

            migrationBuilder.DropColumn(
                name: "resource_id",
                table: "plan_tasks");

            migrationBuilder.AlterColumn<Guid>(
                name: "household_id",
                table: "reminders",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.Sql(FrenchSearchConfiguration.Drop);
        }
    }
}
