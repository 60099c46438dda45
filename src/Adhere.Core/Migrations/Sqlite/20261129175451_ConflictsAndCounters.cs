using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConflictsAndCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConflictsOfInterest",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DeclaredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConflictsOfInterest", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConflictsOfInterest_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VerificationCounters",
                columns: table => new
                {
                    BodyCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Next = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationCounters", x => x.BodyCode);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConflictsOfInterest_OrganisationId",
                table: "ConflictsOfInterest",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConflictsOfInterest_UserId_OrganisationId",
                table: "ConflictsOfInterest",
                columns: new[] { "UserId", "OrganisationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConflictsOfInterest");

            migrationBuilder.DropTable(
                name: "VerificationCounters");
        }
    }
}
