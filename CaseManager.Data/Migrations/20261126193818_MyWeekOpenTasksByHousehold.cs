using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManager.Data.Migrations
{
    /// <inheritdoc />
    public partial class MyWeekOpenTasksByHousehold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_plan_tasks_open_household_id_due_on",
                table: "plan_tasks",
                columns: new[] { "household_id", "due_on" },
                filter: "status IN ('ToDo', 'InProgress') AND due_on IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_plan_tasks_open_household_id_due_on",
                table: "plan_tasks");
        }
    }
}
