using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtsAssistant.Reporting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Status_ReminderLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reminder_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodKey = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminder_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reminder_mutes",
                columns: table => new
                {
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    MutedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminder_mutes", x => x.PersonId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reminder_log_PeriodKey_Kind",
                table: "reminder_log",
                columns: new[] { "PeriodKey", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_reminder_log_PersonId_PeriodKey_Kind",
                table: "reminder_log",
                columns: new[] { "PersonId", "PeriodKey", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reminder_log");

            migrationBuilder.DropTable(
                name: "reminder_mutes");
        }
    }
}
