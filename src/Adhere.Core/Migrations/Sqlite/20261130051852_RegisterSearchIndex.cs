using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Sqlite
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

            migrationBuilder.CreateIndex(
                name: "IX_Services_Category_Id",
                table: "Services",
                columns: new[] { "Category", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationServices_ServiceId_DeclarationId",
                table: "DeclarationServices",
                columns: new[] { "ServiceId", "DeclarationId" });

            // The register's name search (ADR 0022): every company and service name, normalised, in an FTS5 trigram
            // index that answers substring queries of three or more characters. RegisterNames gives each name a stable
            // integer key (the implicit rowid of Organisations and Services may change on VACUUM) and is the FTS
            // table's external content; triggers keep both in step with the source tables, in the same transaction.
            migrationBuilder.Sql("""
                CREATE TABLE "RegisterNames" (
                    "Key" INTEGER NOT NULL CONSTRAINT "PK_RegisterNames" PRIMARY KEY,
                    "OrganisationId" TEXT NULL,
                    "ServiceId" TEXT NULL,
                    "Name" TEXT NOT NULL);
                """);
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_RegisterNames_OrganisationId" ON "RegisterNames" ("OrganisationId");""");
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_RegisterNames_ServiceId" ON "RegisterNames" ("ServiceId");""");
            // case_sensitive 1: names and queries are both upper-cased in .NET (ToUpperInvariant, beyond ASCII too), so
            // the index compares them as they are, exactly as the LIKE/instr scan does for short queries.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "RegisterNameSearch" USING fts5(
                    "Name", content='RegisterNames', content_rowid='Key', tokenize='trigram case_sensitive 1');
                """);
            foreach (var sql in Triggers) migrationBuilder.Sql(sql);
            migrationBuilder.Sql("""INSERT INTO "RegisterNames" ("OrganisationId", "Name") SELECT "Id", "NormalizedName" FROM "Organisations";""");
            migrationBuilder.Sql("""INSERT INTO "RegisterNames" ("ServiceId", "Name") SELECT "Id", "NormalizedName" FROM "Services";""");
        }

        private static readonly string[] Triggers =
        [
            // External content: the FTS index follows RegisterNames (the pattern of the FTS5 documentation).
            """
            CREATE TRIGGER "RegisterNames_Insert" AFTER INSERT ON "RegisterNames" BEGIN
                INSERT INTO "RegisterNameSearch" (rowid, "Name") VALUES (new."Key", new."Name");
            END;
            """,
            """
            CREATE TRIGGER "RegisterNames_Delete" AFTER DELETE ON "RegisterNames" BEGIN
                INSERT INTO "RegisterNameSearch" ("RegisterNameSearch", rowid, "Name") VALUES ('delete', old."Key", old."Name");
            END;
            """,
            """
            CREATE TRIGGER "RegisterNames_Update" AFTER UPDATE ON "RegisterNames" BEGIN
                INSERT INTO "RegisterNameSearch" ("RegisterNameSearch", rowid, "Name") VALUES ('delete', old."Key", old."Name");
                INSERT INTO "RegisterNameSearch" (rowid, "Name") VALUES (new."Key", new."Name");
            END;
            """,
            // RegisterNames follows the names of organisations and services.
            """
            CREATE TRIGGER "Organisations_RegisterNames_Insert" AFTER INSERT ON "Organisations" BEGIN
                INSERT INTO "RegisterNames" ("OrganisationId", "Name") VALUES (new."Id", new."NormalizedName");
            END;
            """,
            """
            CREATE TRIGGER "Organisations_RegisterNames_Update" AFTER UPDATE OF "Id", "NormalizedName" ON "Organisations"
            WHEN old."Id" IS NOT new."Id" OR old."NormalizedName" IS NOT new."NormalizedName" BEGIN
                UPDATE "RegisterNames" SET "OrganisationId" = new."Id", "Name" = new."NormalizedName" WHERE "OrganisationId" = old."Id";
            END;
            """,
            """
            CREATE TRIGGER "Organisations_RegisterNames_Delete" AFTER DELETE ON "Organisations" BEGIN
                DELETE FROM "RegisterNames" WHERE "OrganisationId" = old."Id";
            END;
            """,
            """
            CREATE TRIGGER "Services_RegisterNames_Insert" AFTER INSERT ON "Services" BEGIN
                INSERT INTO "RegisterNames" ("ServiceId", "Name") VALUES (new."Id", new."NormalizedName");
            END;
            """,
            """
            CREATE TRIGGER "Services_RegisterNames_Update" AFTER UPDATE OF "Id", "NormalizedName" ON "Services"
            WHEN old."Id" IS NOT new."Id" OR old."NormalizedName" IS NOT new."NormalizedName" BEGIN
                UPDATE "RegisterNames" SET "ServiceId" = new."Id", "Name" = new."NormalizedName" WHERE "ServiceId" = old."Id";
            END;
            """,
            """
            CREATE TRIGGER "Services_RegisterNames_Delete" AFTER DELETE ON "Services" BEGIN
                DELETE FROM "RegisterNames" WHERE "ServiceId" = old."Id";
            END;
            """,
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in new[] { "Organisations_RegisterNames_Insert", "Organisations_RegisterNames_Update", "Organisations_RegisterNames_Delete",
                "Services_RegisterNames_Insert", "Services_RegisterNames_Update", "Services_RegisterNames_Delete" })
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{name}";""");
            }

            migrationBuilder.Sql("""DROP TABLE "RegisterNameSearch";""");
            migrationBuilder.Sql("""DROP TABLE "RegisterNames";""");

            migrationBuilder.DropIndex(
                name: "IX_Services_Category_Id",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_DeclarationServices_ServiceId_DeclarationId",
                table: "DeclarationServices");

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
