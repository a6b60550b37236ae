using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtsAssistant.Reporting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddAggregateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_reports_period_submitted",
                table: "reports",
                columns: new[] { "PeriodKey", "SubmittedVersion", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_answers_aggregate",
                table: "answers",
                columns: new[] { "ReportId", "Version", "QuestionKey", "Number", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_period_submitted",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_answers_aggregate",
                table: "answers");
        }
    }
}
