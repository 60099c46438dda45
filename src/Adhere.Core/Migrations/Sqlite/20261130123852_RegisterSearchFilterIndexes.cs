using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterSearchFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RegisterSearchEntries_GrantedLevel_SortName_VerificationId",
                table: "RegisterSearchEntries",
                columns: new[] { "GrantedLevel", "SortName", "VerificationId" });

            migrationBuilder.CreateIndex(
                name: "IX_RegisterSearchEntries_Status_SortName_VerificationId",
                table: "RegisterSearchEntries",
                columns: new[] { "Status", "SortName", "VerificationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RegisterSearchEntries_GrantedLevel_SortName_VerificationId",
                table: "RegisterSearchEntries");

            migrationBuilder.DropIndex(
                name: "IX_RegisterSearchEntries_Status_SortName_VerificationId",
                table: "RegisterSearchEntries");
        }
    }
}
