using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegionalPartners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "partner_organization_id",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "regional_partners",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    region_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    municipality = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    offer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    contacts = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regional_partners", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_partner_organization_id",
                table: "AspNetUsers",
                column: "partner_organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_regional_partners_name",
                table: "regional_partners",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_regional_partners_region_codes",
                table: "regional_partners",
                column: "region_codes")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.AddForeignKey(
                name: "fk_asp_net_users_regional_partners_partner_organization_id",
                table: "AspNetUsers",
                column: "partner_organization_id",
                principalTable: "regional_partners",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_asp_net_users_regional_partners_partner_organization_id",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "regional_partners");

            migrationBuilder.DropIndex(
                name: "ix_asp_net_users_partner_organization_id",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "partner_organization_id",
                table: "AspNetUsers");
        }
    }
}
