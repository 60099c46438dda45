using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AdHocReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Phase = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Assessors = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    DecisionMaker = table.Column<Guid>(type: "uuid", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PhaseChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FactFindingCompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentToDecisionAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FactFindingItems = table.Column<string>(type: "text", nullable: false),
                    FactFindingCertificates = table.Column<string>(type: "text", nullable: false),
                    ControlFindings = table.Column<string>(type: "text", nullable: false),
                    NarrativeFindings = table.Column<string>(type: "text", nullable: false),
                    Decision_Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Decision_ProposedLevel = table.Column<int>(type: "integer", nullable: true),
                    Decision_GrantedLevel = table.Column<int>(type: "integer", nullable: true),
                    Decision_Rationale = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Decision_RejectionReason = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Decision_DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Decision_ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Decision_DecidedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    Decision_DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    History = table.Column<string>(type: "text", nullable: false)
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
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectControlKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubjectTopic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Question = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AskedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReminderOn = table.Column<DateOnly>(type: "date", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClosingNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MarkedOverdueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClarificationPosition = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Documents = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    RepliedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RepliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentClarificationReplies", x => new { x.AssessmentId, x.ClarificationPosition, x.Position });
                    table.ForeignKey(
                        name: "FK_AssessmentClarificationReplies_AssessmentClarifications_Ass~",
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
