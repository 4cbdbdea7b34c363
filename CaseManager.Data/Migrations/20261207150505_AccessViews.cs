using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <summary>The views the access policy and the jobs' SQL read: active roles, partner users and their regions.</summary>
    public partial class AccessViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIEW access_active_roles AS
                    SELECT u.id AS user_id, r.name AS role
                    FROM "AspNetUsers" u
                    JOIN "AspNetUserRoles" ur ON ur.user_id = u.id
                    JOIN "AspNetRoles" r ON r.id = ur.role_id
                    WHERE u.is_active;

                CREATE VIEW access_partner_users AS
                    SELECT u.id AS user_id, p.id AS partner_id, p.region_codes
                    FROM "AspNetUsers" u
                    JOIN regional_partners p ON p.id = u.partner_organization_id AND p.is_active
                    WHERE u.is_active
                      AND EXISTS (SELECT 1 FROM access_active_roles ar WHERE ar.user_id = u.id AND ar.role = 'Partner');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP VIEW IF EXISTS access_partner_users;
                DROP VIEW IF EXISTS access_active_roles;
                """);
        }
    }
}
