using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterSearchCategoriesAndWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegisterSearchCategories",
                columns: table => new
                {
                    EntryKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VerificationId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterSearchCategories", x => new { x.EntryKey, x.Category });
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegisterSearchCategories_Category_SortName_VerificationId",
                table: "RegisterSearchCategories",
                columns: new[] { "Category", "SortName", "VerificationId" });

            // ADR 0029: the categories table and a word index (FTS5 unicode61, no positions) are kept by the search
            // table's own triggers, so whatever rebuilds an entry's row (ADR 0028) rebuilds them too.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "RegisterSearchWords" USING fts5(
                    "Text", content='RegisterSearchEntries', content_rowid='Key', tokenize='unicode61 remove_diacritics 0', detail='none');
                """);
            foreach (var name in EntryTriggers) migrationBuilder.Sql($"""DROP TRIGGER "{name}";""");
            foreach (var sql in NewEntryTriggers) migrationBuilder.Sql(sql);
            migrationBuilder.Sql("""INSERT INTO "RegisterSearchWords" ("RegisterSearchWords") VALUES ('rebuild');""");
            migrationBuilder.Sql($"""
                INSERT INTO "RegisterSearchCategories" ("EntryKey", "Category", "SortName", "VerificationId")
                SELECT DISTINCT r."Key", s."Category", r."SortName", r."VerificationId" FROM "RegisterSearchEntries" r
                JOIN "DeclarationServices" e ON e."DeclarationId" = r."DeclarationId" JOIN "Services" s ON s."Id" = e."ServiceId"
                WHERE s."Category" IS NOT NULL;
                """);
        }

        private static readonly string[] EntryTriggers = ["RegisterSearchEntries_Insert", "RegisterSearchEntries_Delete", "RegisterSearchEntries_Update"];

        private const string AddText = """
                INSERT INTO "RegisterSearchText" (rowid, "Text") VALUES (new."Key", new."Text");
            """;

        private const string RemoveText = """
                INSERT INTO "RegisterSearchText" ("RegisterSearchText", rowid, "Text") VALUES ('delete', old."Key", old."Text");
            """;

        private const string AddWordsAndCategories = """
                INSERT INTO "RegisterSearchWords" (rowid, "Text") VALUES (new."Key", new."Text");
                INSERT INTO "RegisterSearchCategories" ("EntryKey", "Category", "SortName", "VerificationId")
                SELECT DISTINCT new."Key", s."Category", new."SortName", new."VerificationId" FROM "DeclarationServices" e
                JOIN "Services" s ON s."Id" = e."ServiceId" WHERE e."DeclarationId" = new."DeclarationId" AND s."Category" IS NOT NULL;
            """;

        private const string RemoveWordsAndCategories = """
                INSERT INTO "RegisterSearchWords" ("RegisterSearchWords", rowid, "Text") VALUES ('delete', old."Key", old."Text");
                DELETE FROM "RegisterSearchCategories" WHERE "EntryKey" = old."Key";
            """;

        private static readonly string[] NewEntryTriggers =
        [
            $"""
            CREATE TRIGGER "RegisterSearchEntries_Insert" AFTER INSERT ON "RegisterSearchEntries" BEGIN
            {AddText}{AddWordsAndCategories}
            END;
            """,
            $"""
            CREATE TRIGGER "RegisterSearchEntries_Delete" AFTER DELETE ON "RegisterSearchEntries" BEGIN
            {RemoveText}{RemoveWordsAndCategories}
            END;
            """,
            $"""
            CREATE TRIGGER "RegisterSearchEntries_Update" AFTER UPDATE ON "RegisterSearchEntries" BEGIN
            {RemoveText}{RemoveWordsAndCategories}{AddText}{AddWordsAndCategories}
            END;
            """,
        ];

        private static readonly string[] OldEntryTriggers =
        [
            $"""
            CREATE TRIGGER "RegisterSearchEntries_Insert" AFTER INSERT ON "RegisterSearchEntries" BEGIN
            {AddText}
            END;
            """,
            $"""
            CREATE TRIGGER "RegisterSearchEntries_Delete" AFTER DELETE ON "RegisterSearchEntries" BEGIN
            {RemoveText}
            END;
            """,
            $"""
            CREATE TRIGGER "RegisterSearchEntries_Update" AFTER UPDATE ON "RegisterSearchEntries" BEGIN
            {RemoveText}{AddText}
            END;
            """,
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in EntryTriggers) migrationBuilder.Sql($"""DROP TRIGGER "{name}";""");
            foreach (var sql in OldEntryTriggers) migrationBuilder.Sql(sql);
            migrationBuilder.Sql("""DROP TABLE "RegisterSearchWords";""");
            migrationBuilder.DropTable(
                name: "RegisterSearchCategories");
        }
    }
}
