using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Declarations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Declarations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CatalogueId = table.Column<Guid>(type: "uuid", nullable: false),
                    CodeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CodeVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Modules = table.Column<List<string>>(type: "text[]", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RequestedLevel = table.Column<int>(type: "integer", nullable: true),
                    ContactName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    RenewsId = table.Column<Guid>(type: "uuid", nullable: true),
                    NoMaterialChange = table.Column<bool>(type: "boolean", nullable: true),
                    ChangeDescription = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StatusChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReviewFlaggedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VerificationId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    GrantedLevel = table.Column<int>(type: "integer", nullable: true),
                    ApprovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Declarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Declarations_Catalogues_CatalogueId",
                        column: x => x.CatalogueId,
                        principalTable: "Catalogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Declarations_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LineageId = table.Column<Guid>(type: "uuid", nullable: false),
                    StandardKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StandardVersion = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Number = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CertificationBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccreditationBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ScopeStatement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CoveredServiceIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AuditReportDocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimedControls = table.Column<List<string>>(type: "text[]", nullable: false),
                    CheckJson = table.Column<string>(type: "text", nullable: true),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CheckOutcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certificates_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ControlAnswers",
                columns: table => new
                {
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ControlKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Statement = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Measures = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    DocumentIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlAnswers", x => new { x.DeclarationId, x.ControlKey });
                    table.ForeignKey(
                        name: "FK_ControlAnswers_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationAgreements",
                columns: table => new
                {
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationAgreements", x => new { x.DeclarationId, x.DocumentId });
                    table.ForeignKey(
                        name: "FK_DeclarationAgreements_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationRemovedServices",
                columns: table => new
                {
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationRemovedServices", x => new { x.DeclarationId, x.ServiceId });
                    table.ForeignKey(
                        name: "FK_DeclarationRemovedServices_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationServices",
                columns: table => new
                {
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    SameFamilyConfirmed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationServices", x => new { x.DeclarationId, x.ServiceId });
                    table.ForeignKey(
                        name: "FK_DeclarationServices_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DeclarationServices_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VerificationRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    VerificationId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BodyCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RunningNumber = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    ApprovedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    ReportDocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationRecords_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CertificateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NewExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateNotices_Certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CertificateNotices_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateNotices_CertificateId",
                table: "CertificateNotices",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateNotices_DeclarationId",
                table: "CertificateNotices",
                column: "DeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_DeclarationId",
                table: "Certificates",
                column: "DeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_LineageId",
                table: "Certificates",
                column: "LineageId");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_CatalogueId",
                table: "Declarations",
                column: "CatalogueId");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_OrganisationId",
                table: "Declarations",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_RenewsId",
                table: "Declarations",
                column: "RenewsId");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_VerificationId",
                table: "Declarations",
                column: "VerificationId");

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationServices_ServiceId",
                table: "DeclarationServices",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationRecords_BodyCode_RunningNumber",
                table: "VerificationRecords",
                columns: new[] { "BodyCode", "RunningNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationRecords_DeclarationId",
                table: "VerificationRecords",
                column: "DeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationRecords_VerificationId",
                table: "VerificationRecords",
                column: "VerificationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateNotices");

            migrationBuilder.DropTable(
                name: "ControlAnswers");

            migrationBuilder.DropTable(
                name: "DeclarationAgreements");

            migrationBuilder.DropTable(
                name: "DeclarationRemovedServices");

            migrationBuilder.DropTable(
                name: "DeclarationServices");

            migrationBuilder.DropTable(
                name: "VerificationRecords");

            migrationBuilder.DropTable(
                name: "Certificates");

            migrationBuilder.DropTable(
                name: "Declarations");
        }
    }
}
