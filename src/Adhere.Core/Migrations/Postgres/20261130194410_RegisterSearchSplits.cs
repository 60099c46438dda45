using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adhere.Core.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegisterSearchSplits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegisterSearchSplits",
                columns: table => new
                {
                    EntryKey = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Before = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    After = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterSearchSplits", x => new { x.EntryKey, x.Position });
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegisterSearchSplits_After_EntryKey",
                table: "RegisterSearchSplits",
                columns: new[] { "After", "EntryKey" })
                .Annotation("Npgsql:IndexInclude", new[] { "Before" });

            // ADR 0035: a row trigger on the search table keeps the splits, as ADR 0031's keeps the categories, so whatever
            // rebuilds an entry's row (ADR 0028's refresh) rebuilds its splits from the same text in the same transaction.
            migrationBuilder.Sql($"""
                CREATE FUNCTION "RegisterSearchEntries_Splits"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        DELETE FROM "RegisterSearchSplits" WHERE "EntryKey" = OLD."Key";
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        {InsertSplits("NEW", "")};
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RegisterSearchEntries_Splits" AFTER INSERT OR UPDATE OR DELETE ON "RegisterSearchEntries"
                FOR EACH ROW EXECUTE FUNCTION "RegisterSearchEntries_Splits"();
                """);
            migrationBuilder.Sql(InsertSplits("r", "\"RegisterSearchEntries\" r CROSS JOIN LATERAL ") + ";");
        }

        /// <summary>
        /// Inserts a row for every space in the text of the entry <paramref name="entry"/> (a row variable or alias, read from
        /// <paramref name="from"/>): its position, the line before it (with the space) and the line after it, each cut to
        /// RegisterSearchSplit.MaxPartLength (200) characters. Lines end at E'\n' (RegisterSearchEntry.Separator). Characters,
        /// not bytes, throughout, as the search counts its text's.
        /// </summary>
        private static string InsertSplits(string entry, string from) => $"""
            INSERT INTO "RegisterSearchSplits" ("EntryKey", "Position", "Before", "After")
                SELECT {entry}."Key", c.p::int, right(reverse(split_part(reverse(left({entry}."Text", c.p::int)), E'\n', 1)), 200),
                    left(split_part(substr({entry}."Text", c.p::int + 1), E'\n', 1), 200)
                FROM {from}string_to_table({entry}."Text", NULL) WITH ORDINALITY AS c(ch, p) WHERE c.ch = ' '
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "RegisterSearchEntries_Splits" ON "RegisterSearchEntries";""");
            migrationBuilder.Sql("""DROP FUNCTION "RegisterSearchEntries_Splits"();""");
            migrationBuilder.DropTable(
                name: "RegisterSearchSplits");
        }
    }
}
