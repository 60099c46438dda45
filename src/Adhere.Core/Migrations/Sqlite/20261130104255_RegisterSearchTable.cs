using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterSearchTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegisterSearchEntries",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeclarationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SortName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VerificationId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GrantedLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Categories = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterSearchEntries", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegisterSearchEntries_DeclarationId",
                table: "RegisterSearchEntries",
                column: "DeclarationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegisterSearchEntries_SortName_VerificationId",
                table: "RegisterSearchEntries",
                columns: new[] { "SortName", "VerificationId" });

            migrationBuilder.CreateIndex(
                name: "IX_RegisterSearchEntries_VerificationId",
                table: "RegisterSearchEntries",
                column: "VerificationId");

            // ADR 0028: one row per register entry, kept by triggers on every table it is made of, in the writing
            // transaction, whatever writes (EF, raw SQL, the CLI, the bench generator); an FTS5 trigram index over its
            // Text (external content, kept by triggers on the table) answers substring searches. It replaces the name
            // index of ADR 0022 (RegisterNames and RegisterNameSearch), which nothing reads any more.
            foreach (var name in OldTriggers) migrationBuilder.Sql($"""DROP TRIGGER "{name}";""");
            migrationBuilder.Sql("""DROP TABLE "RegisterNameSearch";""");
            migrationBuilder.Sql("""DROP TABLE "RegisterNames";""");

            // case_sensitive 1: the text and the queries are both upper-cased in .NET (ToUpperInvariant, beyond ASCII).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "RegisterSearchText" USING fts5(
                    "Text", content='RegisterSearchEntries', content_rowid='Key', tokenize='trigram case_sensitive 1');
                """);
            foreach (var sql in Triggers) migrationBuilder.Sql(sql);
            migrationBuilder.Sql(Insert("1 = 1") + ";");
        }

        private static readonly string[] OldTriggers =
        [
            "Organisations_RegisterNames_Insert", "Organisations_RegisterNames_Update", "Organisations_RegisterNames_Delete",
            "Services_RegisterNames_Insert", "Services_RegisterNames_Update", "Services_RegisterNames_Delete",
        ];

        /// <summary>
        /// Adds the rows of the register entries among the declarations <paramref name="where"/> selects (alias d). Must
        /// agree with RegisterStatus.EntryStatuses; Status is stored as the enum's name, IDs and dates as EF writes them.
        /// </summary>
        private static string Insert(string where) => $"""
            INSERT INTO "RegisterSearchEntries" ("DeclarationId", "OrganisationId", "SortName", "VerificationId", "Status", "GrantedLevel", "ValidUntil", "Text", "Categories")
            SELECT d."Id", d."OrganisationId", o."NormalizedName", d."VerificationId", d."Status", d."GrantedLevel", d."ValidUntil",
                d."VerificationId" || char(10) || o."NormalizedName" || coalesce(
                    (SELECT group_concat(char(10) || s."NormalizedName", '') FROM "DeclarationServices" e
                     JOIN "Services" s ON s."Id" = e."ServiceId" WHERE e."DeclarationId" = d."Id"), ''),
                coalesce(
                    (SELECT char(10) || group_concat(s."Category", char(10)) || char(10) FROM "DeclarationServices" e
                     JOIN "Services" s ON s."Id" = e."ServiceId" WHERE e."DeclarationId" = d."Id" AND s."Category" IS NOT NULL), '')
            FROM "Declarations" d JOIN "Organisations" o ON o."Id" = d."OrganisationId"
            WHERE ({where}) AND d."VerificationId" IS NOT NULL
              AND d."Status" IN ('Verified', 'RenewalDue', 'Suspended', 'Revoked', 'Expired', 'Withdrawn')
            """;

        /// <summary>Replaces the rows of the declarations whose ID satisfies <paramref name="id"/> (a condition on a column).</summary>
        private static string Refresh(string id) => $"""
                DELETE FROM "RegisterSearchEntries" WHERE "DeclarationId" {id};
                {Insert($"d.\"Id\" {id}")};
            """;

        private static readonly string[] Triggers =
        [
            // External content: the FTS index follows the table (the pattern of the FTS5 documentation).
            """
            CREATE TRIGGER "RegisterSearchEntries_Insert" AFTER INSERT ON "RegisterSearchEntries" BEGIN
                INSERT INTO "RegisterSearchText" (rowid, "Text") VALUES (new."Key", new."Text");
            END;
            """,
            """
            CREATE TRIGGER "RegisterSearchEntries_Delete" AFTER DELETE ON "RegisterSearchEntries" BEGIN
                INSERT INTO "RegisterSearchText" ("RegisterSearchText", rowid, "Text") VALUES ('delete', old."Key", old."Text");
            END;
            """,
            """
            CREATE TRIGGER "RegisterSearchEntries_Update" AFTER UPDATE ON "RegisterSearchEntries" BEGIN
                INSERT INTO "RegisterSearchText" ("RegisterSearchText", rowid, "Text") VALUES ('delete', old."Key", old."Text");
                INSERT INTO "RegisterSearchText" (rowid, "Text") VALUES (new."Key", new."Text");
            END;
            """,
            // The table follows what its rows are made of.
            $"""
            CREATE TRIGGER "Declarations_RegisterSearch_Insert" AFTER INSERT ON "Declarations"
            WHEN new."VerificationId" IS NOT NULL BEGIN
            {Refresh("= new.\"Id\"")}
            END;
            """,
            $"""
            CREATE TRIGGER "Declarations_RegisterSearch_Update"
            AFTER UPDATE OF "Id", "OrganisationId", "VerificationId", "Status", "GrantedLevel", "ValidUntil" ON "Declarations"
            WHEN old."Id" IS NOT new."Id" OR old."OrganisationId" IS NOT new."OrganisationId" OR old."VerificationId" IS NOT new."VerificationId"
              OR old."Status" IS NOT new."Status" OR old."GrantedLevel" IS NOT new."GrantedLevel" OR old."ValidUntil" IS NOT new."ValidUntil" BEGIN
                DELETE FROM "RegisterSearchEntries" WHERE "DeclarationId" = old."Id";
            {Refresh("= new.\"Id\"")}
            END;
            """,
            """
            CREATE TRIGGER "Declarations_RegisterSearch_Delete" AFTER DELETE ON "Declarations" BEGIN
                DELETE FROM "RegisterSearchEntries" WHERE "DeclarationId" = old."Id";
            END;
            """,
            $"""
            CREATE TRIGGER "DeclarationServices_RegisterSearch_Insert" AFTER INSERT ON "DeclarationServices" BEGIN
            {Refresh("= new.\"DeclarationId\"")}
            END;
            """,
            $"""
            CREATE TRIGGER "DeclarationServices_RegisterSearch_Update" AFTER UPDATE OF "DeclarationId", "ServiceId" ON "DeclarationServices"
            WHEN old."DeclarationId" IS NOT new."DeclarationId" OR old."ServiceId" IS NOT new."ServiceId" BEGIN
            {Refresh("= old.\"DeclarationId\"")}
            {Refresh("= new.\"DeclarationId\"")}
            END;
            """,
            $"""
            CREATE TRIGGER "DeclarationServices_RegisterSearch_Delete" AFTER DELETE ON "DeclarationServices" BEGIN
            {Refresh("= old.\"DeclarationId\"")}
            END;
            """,
            $"""
            CREATE TRIGGER "Services_RegisterSearch_Update" AFTER UPDATE OF "NormalizedName", "Category" ON "Services"
            WHEN old."NormalizedName" IS NOT new."NormalizedName" OR old."Category" IS NOT new."Category" BEGIN
            {Refresh("IN (SELECT \"DeclarationId\" FROM \"DeclarationServices\" WHERE \"ServiceId\" = new.\"Id\")")}
            END;
            """,
            $"""
            CREATE TRIGGER "Organisations_RegisterSearch_Update" AFTER UPDATE OF "NormalizedName" ON "Organisations"
            WHEN old."NormalizedName" IS NOT new."NormalizedName" BEGIN
            {Refresh("IN (SELECT \"Id\" FROM \"Declarations\" WHERE \"OrganisationId\" = new.\"Id\")")}
            END;
            """,
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in new[] { "Declarations_RegisterSearch_Insert", "Declarations_RegisterSearch_Update", "Declarations_RegisterSearch_Delete",
                "DeclarationServices_RegisterSearch_Insert", "DeclarationServices_RegisterSearch_Update", "DeclarationServices_RegisterSearch_Delete",
                "Services_RegisterSearch_Update", "Organisations_RegisterSearch_Update" })
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{name}";""");
            }

            migrationBuilder.Sql("""DROP TABLE "RegisterSearchText";""");
            migrationBuilder.DropTable(
                name: "RegisterSearchEntries");

            // The name index of ADR 0022, as its migration made it.
            migrationBuilder.Sql("""
                CREATE TABLE "RegisterNames" (
                    "Key" INTEGER NOT NULL CONSTRAINT "PK_RegisterNames" PRIMARY KEY,
                    "OrganisationId" TEXT NULL,
                    "ServiceId" TEXT NULL,
                    "Name" TEXT NOT NULL);
                """);
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_RegisterNames_OrganisationId" ON "RegisterNames" ("OrganisationId");""");
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_RegisterNames_ServiceId" ON "RegisterNames" ("ServiceId");""");
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "RegisterNameSearch" USING fts5(
                    "Name", content='RegisterNames', content_rowid='Key', tokenize='trigram case_sensitive 1');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RegisterNames_Insert" AFTER INSERT ON "RegisterNames" BEGIN
                    INSERT INTO "RegisterNameSearch" (rowid, "Name") VALUES (new."Key", new."Name");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RegisterNames_Delete" AFTER DELETE ON "RegisterNames" BEGIN
                    INSERT INTO "RegisterNameSearch" ("RegisterNameSearch", rowid, "Name") VALUES ('delete', old."Key", old."Name");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RegisterNames_Update" AFTER UPDATE ON "RegisterNames" BEGIN
                    INSERT INTO "RegisterNameSearch" ("RegisterNameSearch", rowid, "Name") VALUES ('delete', old."Key", old."Name");
                    INSERT INTO "RegisterNameSearch" (rowid, "Name") VALUES (new."Key", new."Name");
                END;
                """);
            foreach (var (table, column) in new[] { ("Organisations", "OrganisationId"), ("Services", "ServiceId") })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_RegisterNames_Insert" AFTER INSERT ON "{table}" BEGIN
                        INSERT INTO "RegisterNames" ("{column}", "Name") VALUES (new."Id", new."NormalizedName");
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_RegisterNames_Update" AFTER UPDATE OF "Id", "NormalizedName" ON "{table}"
                    WHEN old."Id" IS NOT new."Id" OR old."NormalizedName" IS NOT new."NormalizedName" BEGIN
                        UPDATE "RegisterNames" SET "{column}" = new."Id", "Name" = new."NormalizedName" WHERE "{column}" = old."Id";
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_RegisterNames_Delete" AFTER DELETE ON "{table}" BEGIN
                        DELETE FROM "RegisterNames" WHERE "{column}" = old."Id";
                    END;
                    """);
                migrationBuilder.Sql($"""INSERT INTO "RegisterNames" ("{column}", "Name") SELECT "Id", "NormalizedName" FROM "{table}";""");
            }
        }
    }
}
