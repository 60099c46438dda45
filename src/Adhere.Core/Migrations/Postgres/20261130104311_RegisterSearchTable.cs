using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Adhere.Core.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegisterSearchTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Services_NormalizedName_Trigram",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_NormalizedName_Trigram",
                table: "Organisations");

            migrationBuilder.CreateTable(
                name: "RegisterSearchEntries",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SortName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VerificationId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GrantedLevel = table.Column<int>(type: "integer", nullable: true),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Categories = table.Column<string>(type: "text", nullable: false)
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
                name: "IX_RegisterSearchEntries_Text_Trigram",
                table: "RegisterSearchEntries",
                column: "Text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_RegisterSearchEntries_VerificationId",
                table: "RegisterSearchEntries",
                column: "VerificationId");

            // ADR 0028: one row per register entry, kept by statement-level triggers (one refresh per statement, however
            // many rows it writes) on every table it is made of, in the writing transaction, whatever writes (EF, raw SQL,
            // the CLI, the bench generator). The trigram indexes on the names (ADR 0022) are dropped above: nothing
            // reads the names that way any more.
            migrationBuilder.Sql(RefreshFunction);
            foreach (var sql in TriggerFunctions) migrationBuilder.Sql(sql);
            foreach (var (table, events) in new[] { ("Declarations", Events), ("DeclarationServices", Events), ("Services", Update), ("Organisations", Update) })
            {
                foreach (var (name, transition) in events)
                {
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "{table}_RegisterSearch_{name}" AFTER {name.ToUpperInvariant()} ON "{table}"
                        REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION "{table}_RegisterSearch"();
                        """);
                }
            }

            migrationBuilder.Sql("""SELECT "RegisterSearch_Refresh"(ARRAY(SELECT "Id" FROM "Declarations" WHERE "VerificationId" IS NOT NULL));""");
        }

        private static readonly (string Name, string Transition)[] Events =
            [("Insert", "NEW TABLE AS new_rows"), ("Update", "OLD TABLE AS old_rows NEW TABLE AS new_rows"), ("Delete", "OLD TABLE AS old_rows")];

        private static readonly (string Name, string Transition)[] Update = [Events[1]];

        /// <summary>
        /// Replaces the rows of the given declarations. The status list must agree with RegisterStatus.EntryStatuses;
        /// Status is stored as the enum's name. The declarations are locked first, so that two transactions refreshing
        /// one entry take turns and the later one, reading afresh (READ COMMITTED, a volatile function), sees the
        /// earlier one's changes instead of writing a row made of stale names.
        /// </summary>
        private const string RefreshFunction = """
            CREATE FUNCTION "RegisterSearch_Refresh"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF coalesce(cardinality(ids), 0) = 0 THEN RETURN; END IF;
                PERFORM 1 FROM "Declarations" WHERE "Id" = ANY (ids) ORDER BY "Id" FOR NO KEY UPDATE;
                DELETE FROM "RegisterSearchEntries" WHERE "DeclarationId" = ANY (ids);
                INSERT INTO "RegisterSearchEntries" ("DeclarationId", "OrganisationId", "SortName", "VerificationId", "Status", "GrantedLevel", "ValidUntil", "Text", "Categories")
                SELECT d."Id", d."OrganisationId", o."NormalizedName", d."VerificationId", d."Status", d."GrantedLevel", d."ValidUntil",
                    d."VerificationId" || E'\n' || o."NormalizedName" || coalesce(
                        (SELECT string_agg(E'\n' || s."NormalizedName", '') FROM "DeclarationServices" e
                         JOIN "Services" s ON s."Id" = e."ServiceId" WHERE e."DeclarationId" = d."Id"), ''),
                    coalesce(
                        (SELECT E'\n' || string_agg(s."Category", E'\n') || E'\n' FROM "DeclarationServices" e
                         JOIN "Services" s ON s."Id" = e."ServiceId" WHERE e."DeclarationId" = d."Id" AND s."Category" IS NOT NULL), '')
                FROM "Declarations" d JOIN "Organisations" o ON o."Id" = d."OrganisationId"
                WHERE d."Id" = ANY (ids) AND d."VerificationId" IS NOT NULL
                  AND d."Status" IN ('Verified', 'RenewalDue', 'Suspended', 'Revoked', 'Expired', 'Withdrawn');
            END $$;
            """;

        /// <summary>One function per table, shared by its triggers; each refreshes the declarations the statement touched in a way the search sees.</summary>
        private static readonly string[] TriggerFunctions =
        [
            """
            CREATE FUNCTION "Declarations_RegisterSearch"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM "RegisterSearch_Refresh"(ARRAY(SELECT "Id" FROM new_rows WHERE "VerificationId" IS NOT NULL));
                ELSIF TG_OP = 'UPDATE' THEN
                    PERFORM "RegisterSearch_Refresh"(ARRAY(
                        SELECT n."Id" FROM new_rows n JOIN old_rows o ON o."Id" = n."Id"
                        WHERE (n."OrganisationId", n."VerificationId", n."Status", n."GrantedLevel", n."ValidUntil")
                            IS DISTINCT FROM (o."OrganisationId", o."VerificationId", o."Status", o."GrantedLevel", o."ValidUntil")));
                ELSE
                    DELETE FROM "RegisterSearchEntries" WHERE "DeclarationId" IN (SELECT "Id" FROM old_rows);
                END IF;
                RETURN NULL;
            END $$;
            """,
            """
            CREATE FUNCTION "DeclarationServices_RegisterSearch"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM "RegisterSearch_Refresh"(ARRAY(SELECT DISTINCT "DeclarationId" FROM new_rows));
                ELSIF TG_OP = 'DELETE' THEN
                    PERFORM "RegisterSearch_Refresh"(ARRAY(SELECT DISTINCT "DeclarationId" FROM old_rows));
                ELSE
                    -- Only pairs that appear or disappear matter (not a new position).
                    PERFORM "RegisterSearch_Refresh"(ARRAY(SELECT DISTINCT "DeclarationId" FROM (
                        (SELECT "DeclarationId", "ServiceId" FROM new_rows EXCEPT SELECT "DeclarationId", "ServiceId" FROM old_rows)
                        UNION ALL
                        (SELECT "DeclarationId", "ServiceId" FROM old_rows EXCEPT SELECT "DeclarationId", "ServiceId" FROM new_rows)) changed));
                END IF;
                RETURN NULL;
            END $$;
            """,
            """
            CREATE FUNCTION "Services_RegisterSearch"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM "RegisterSearch_Refresh"(ARRAY(
                    SELECT DISTINCT e."DeclarationId" FROM new_rows n JOIN old_rows o ON o."Id" = n."Id"
                    JOIN "DeclarationServices" e ON e."ServiceId" = n."Id"
                    WHERE (n."NormalizedName", n."Category") IS DISTINCT FROM (o."NormalizedName", o."Category")));
                RETURN NULL;
            END $$;
            """,
            """
            CREATE FUNCTION "Organisations_RegisterSearch"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM "RegisterSearch_Refresh"(ARRAY(
                    SELECT d."Id" FROM new_rows n JOIN old_rows o ON o."Id" = n."Id"
                    JOIN "Declarations" d ON d."OrganisationId" = n."Id"
                    WHERE n."NormalizedName" IS DISTINCT FROM o."NormalizedName" AND d."VerificationId" IS NOT NULL));
                RETURN NULL;
            END $$;
            """,
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "Declarations", "DeclarationServices", "Services", "Organisations" })
            {
                foreach (var name in new[] { "Insert", "Update", "Delete" })
                {
                    migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_RegisterSearch_{name}" ON "{table}";""");
                }

                migrationBuilder.Sql($"""DROP FUNCTION "{table}_RegisterSearch"();""");
            }

            migrationBuilder.Sql("""DROP FUNCTION "RegisterSearch_Refresh"(uuid[]);""");
            migrationBuilder.DropTable(
                name: "RegisterSearchEntries");

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
        }
    }
}
