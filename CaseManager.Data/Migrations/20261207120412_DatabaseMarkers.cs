using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class DatabaseMarkers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "database_markers",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_database_markers", x => x.name);
                });

            // Hand-written: a demo database made before this migration (its demo administrator is
            // there) is marked as one, so scripts/run.sh and seed-demo keep working on it.
            migrationBuilder.Sql(
                """
                INSERT INTO database_markers (name, created_at)
                SELECT 'demo', now() WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE normalized_email = 'ADMIN@DEMO.LOCAL');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "database_markers");
        }
    }
}
