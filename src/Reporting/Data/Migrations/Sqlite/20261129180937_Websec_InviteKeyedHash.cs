using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtsAssistant.Reporting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Websec_InviteKeyedHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CodeHint",
                table: "invites");

            migrationBuilder.AddColumn<long>(
                name: "RevokedAt",
                table: "invites",
                type: "INTEGER",
                nullable: true);

            // Hashes written before the invite key existed are unsalted SHA-256: a copy of the database could recover
            // their codes. They are replaced by a marker, and the open ones are revoked (as of their creation time);
            // the admin issues them again. Used ones keep their history.
            migrationBuilder.Sql("UPDATE invites SET \"RevokedAt\" = \"CreatedAt\" WHERE \"RedeemedAt\" IS NULL;");
            migrationBuilder.Sql("UPDATE invites SET \"CodeHash\" = 'unkeyed-' || \"Id\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "invites");

            migrationBuilder.AddColumn<string>(
                name: "CodeHint",
                table: "invites",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");
        }
    }
}
