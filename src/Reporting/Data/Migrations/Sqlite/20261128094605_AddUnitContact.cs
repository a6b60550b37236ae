using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtsAssistant.Reporting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddUnitContact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "units",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "units",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Address",
                table: "units");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "units");
        }
    }
}
