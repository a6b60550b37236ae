using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtsAssistant.Reporting.Data.Migrations.Postgres
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
                columns: new[] { "ReportId", "Version", "QuestionKey" })
                .Annotation("Npgsql:IndexInclude", new[] { "Number" });
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
