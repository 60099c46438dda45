using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Postgres
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
                    EntryKey = table.Column<long>(type: "bigint", nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VerificationId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterSearchCategories", x => new { x.EntryKey, x.Category });
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegisterSearchCategories_Category_SortName_VerificationId",
                table: "RegisterSearchCategories",
                columns: new[] { "Category", "SortName", "VerificationId" });

            // ADR 0029: a row trigger on the search table keeps the categories table, so whatever rebuilds an entry's row
            // (ADR 0028's refresh) rebuilds its categories from the same sources in the same transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION "RegisterSearchEntries_Categories"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        DELETE FROM "RegisterSearchCategories" WHERE "EntryKey" = OLD."Key";
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO "RegisterSearchCategories" ("EntryKey", "Category", "SortName", "VerificationId")
                        SELECT DISTINCT NEW."Key", s."Category", NEW."SortName", NEW."VerificationId" FROM "DeclarationServices" e
                        JOIN "Services" s ON s."Id" = e."ServiceId" WHERE e."DeclarationId" = NEW."DeclarationId" AND s."Category" IS NOT NULL;
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RegisterSearchEntries_Categories" AFTER INSERT OR UPDATE OR DELETE ON "RegisterSearchEntries"
                FOR EACH ROW EXECUTE FUNCTION "RegisterSearchEntries_Categories"();
                """);
            migrationBuilder.Sql("""
                INSERT INTO "RegisterSearchCategories" ("EntryKey", "Category", "SortName", "VerificationId")
                SELECT DISTINCT r."Key", s."Category", r."SortName", r."VerificationId" FROM "RegisterSearchEntries" r
                JOIN "DeclarationServices" e ON e."DeclarationId" = r."DeclarationId" JOIN "Services" s ON s."Id" = e."ServiceId"
                WHERE s."Category" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "RegisterSearchEntries_Categories" ON "RegisterSearchEntries";""");
            migrationBuilder.Sql("""DROP FUNCTION "RegisterSearchEntries_Categories"();""");
            migrationBuilder.DropTable(
                name: "RegisterSearchCategories");
        }
    }
}
