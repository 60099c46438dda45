using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Assessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AdHocReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Assessors = table.Column<string>(type: "TEXT", nullable: false),
                    DecisionMaker = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PhaseChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FactFindingCompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentToDecisionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FactFindingItems = table.Column<string>(type: "TEXT", nullable: false),
                    FactFindingCertificates = table.Column<string>(type: "TEXT", nullable: false),
                    ControlFindings = table.Column<string>(type: "TEXT", nullable: false),
                    NarrativeFindings = table.Column<string>(type: "TEXT", nullable: false),
                    Decision_Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Decision_ProposedLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    Decision_GrantedLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    Decision_Rationale = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Decision_RejectionReason = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Decision_DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Decision_ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Decision_DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Decision_DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    History = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentClarifications",
                columns: table => new
                {
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectControlKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubjectTopic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AskedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReminderOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClosingNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClosedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MarkedOverdueAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentClarifications", x => new { x.AssessmentId, x.Position });
                    table.ForeignKey(
                        name: "FK_AssessmentClarifications_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentClarificationReplies",
                columns: table => new
                {
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClarificationPosition = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Documents = table.Column<string>(type: "TEXT", nullable: false),
                    RepliedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RepliedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentClarificationReplies", x => new { x.AssessmentId, x.ClarificationPosition, x.Position });
                    table.ForeignKey(
                        name: "FK_AssessmentClarificationReplies_AssessmentClarifications_AssessmentId_ClarificationPosition",
                        columns: x => new { x.AssessmentId, x.ClarificationPosition },
                        principalTable: "AssessmentClarifications",
                        principalColumns: new[] { "AssessmentId", "Position" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentClarifications_Id",
                table: "AssessmentClarifications",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_DeclarationId",
                table: "Assessments",
                column: "DeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OrganisationId",
                table: "Assessments",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Phase",
                table: "Assessments",
                column: "Phase");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentClarificationReplies");

            migrationBuilder.DropTable(
                name: "AssessmentClarifications");

            migrationBuilder.DropTable(
                name: "Assessments");
        }
    }
}
