using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegisterSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Services_Category",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_DeclarationServices_ServiceId",
                table: "DeclarationServices");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Services_Category_Id",
                table: "Services",
                columns: new[] { "Category", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Services_NormalizedName_Trigram",
                table: "Services",
                column: "NormalizedName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_NormalizedName_Trigram",
                table: "Organisations",
                column: "NormalizedName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationServices_ServiceId_DeclarationId",
                table: "DeclarationServices",
                columns: new[] { "ServiceId", "DeclarationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Services_Category_Id",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_Services_NormalizedName_Trigram",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_NormalizedName_Trigram",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_DeclarationServices_ServiceId_DeclarationId",
                table: "DeclarationServices");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Services_Category",
                table: "Services",
                column: "Category");

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationServices_ServiceId",
                table: "DeclarationServices",
                column: "ServiceId");
        }
    }
}
